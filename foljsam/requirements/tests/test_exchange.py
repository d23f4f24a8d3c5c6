"""The template exchange format (JSON) and its import (issue 4): a round trip
gives the same template, a wrong file is refused with every problem and writes
nothing, and the city's own catalogue wins over the file's."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from foljsam.registry.tests.factories import ContractAreaFactory
from foljsam.requirements.choices import (
    AnswerType,
    Purpose,
    Respondent,
    SourceKind,
    VersionStatus,
)
from foljsam.requirements.content import (
    CategoryDoc,
    Choice,
    QuestionDoc,
    RequirementDoc,
    SectionDoc,
    TemplateDoc,
    content_checksum,
)
from foljsam.requirements.exchange import template_from_json, template_to_json
from foljsam.requirements.importing import parse_template_file, template_import
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.selectors import version_content
from foljsam.requirements.services import (
    question_save,
    section_save,
    template_create,
    version_publish,
)
from foljsam.requirements.tests.factories import RequirementFactory, build_version

AREA = "lss-daglig-verksamhet"
_NS = uuid.UUID("6f1c3a52-0b4e-4d8e-9a57-0f2d7e9b1c11")


def uid(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def _requirement(
    code: str, title: str, category: str, kind: str, reference: str, **more: Any
) -> RequirementDoc:
    return RequirementDoc(
        code=code,
        title=title,
        text=f"{title}: utföraren ska kunna visa hur kravet uppfylls.",
        guidance=more.pop("guidance", ""),
        source_kind=kind,
        source_reference=reference,
        category=category,
        **more,
    )


def full_doc() -> TemplateDoc:
    """A version with every answer type, choices, help texts, questions to every
    respondent and several sections: what a city would share. Its requirements
    and categories are sorted by code, as ``version_content`` gives them, and
    every one is used by a question; the category names of the codes the
    migrations add are theirs."""
    requirements = (
        _requirement(
            "ska-bemanning",
            "Bemanning",
            "personal-kompetens",
            SourceKind.TENDER_DOCUMENT,
            "Förfrågningsunderlag avsnitt 5.2",
            contract_areas=(AREA,),
        ),
        _requirement(
            "ska-handledning",
            "Extern handledning",
            "handledning",
            SourceKind.MISSION_DESCRIPTION,
            "Uppdragsbeskrivning 2025, avsnitt 3",
            guidance="Fråga hur ofta och av vem; be om schemat.",
        ),
        _requirement(
            "ska-inflytande",
            "Brukarinflytande",
            "brukarinflytande",
            SourceKind.CITY_POLICY,
            "Stadens program för delaktighet",
        ),
        _requirement(
            "ska-klagomal",
            "Klagomålshantering",
            "rutiner",
            SourceKind.TENDER_DOCUMENT,
            "Förfrågningsunderlag avsnitt 5.3",
        ),
        _requirement(
            "ska-kompetens",
            "Kompetensutveckling",
            "personal-kompetens",
            SourceKind.TENDER_DOCUMENT,
            "",
        ),
        _requirement(
            "ska-ledningssystem",
            "Ledningssystem",
            "ledningssystem",
            SourceKind.STATUTE,
            "SOSFS 2011:9",
        ),
        _requirement(
            "ska-lex-sarah",
            "Rapportering enligt lex Sarah",
            "x-avvikelser",
            SourceKind.STATUTE,
            "14 kap. 3 § SoL",
        ),
    )
    sections = (
        SectionDoc(
            uid=uid("s1"),
            title="Ledning och styrning",
            intro="Frågorna ställs till verksamhetschefen.",
            questions=(
                QuestionDoc(
                    uid=uid("q1"),
                    text="Finns ett ledningssystem för systematiskt kvalitetsarbete?",
                    help_text="Be att få se ledningssystemet och den senaste "
                    "egenkontrollen.",
                    requirement="ska-ledningssystem",
                    not_met_answers=("no", "partly"),
                ),
                QuestionDoc(
                    uid=uid("q2"),
                    text="Skicka in rutinen för hantering av klagomål.",
                    answer_type=AnswerType.DOCUMENT,
                    requirement="ska-klagomal",
                    not_met_answers=("missing",),
                ),
                QuestionDoc(
                    uid=uid("q3"),
                    text="När uppdaterades rutinen för lex Sarah senast?",
                    answer_type=AnswerType.DATE,
                    required=False,
                    requirement="ska-lex-sarah",
                ),
            ),
        ),
        SectionDoc(
            uid=uid("s2"),
            title="Personal och kompetens",
            questions=(
                QuestionDoc(
                    uid=uid("q4"),
                    text="Hur många tillsvidareanställda arbetar i verksamheten?",
                    answer_type=AnswerType.NUMBER,
                    requirement="ska-bemanning",
                ),
                QuestionDoc(
                    uid=uid("q5"),
                    text="Hur ofta får personalen extern handledning?",
                    answer_type=AnswerType.SINGLE_CHOICE,
                    respondent=Respondent.STAFF,
                    requirement="ska-handledning",
                    choices=(
                        Choice("c1", "Varje vecka"),
                        Choice("c2", "Varje månad"),
                        Choice("c3", "Mer sällan"),
                        Choice("c4", "Aldrig"),
                    ),
                    not_met_answers=("c3", "c4"),
                ),
                QuestionDoc(
                    uid=uid("q6"),
                    text="Vilka utbildningar har du gått det senaste året?",
                    help_text="Flera svar kan väljas.",
                    answer_type=AnswerType.MULTIPLE_CHOICE,
                    required=False,
                    respondent=Respondent.STAFF,
                    requirement="ska-kompetens",
                    choices=(
                        Choice("c1", "Lågaffektivt bemötande"),
                        Choice("c2", "Dokumentation"),
                        Choice("c3", "Läkemedelshantering"),
                    ),
                ),
            ),
        ),
        SectionDoc(
            uid=uid("s3"),
            title="Brukarinflytande",
            intro="Frågorna ställs till brukarna som grupp, efter samtycke.",
            questions=(
                QuestionDoc(
                    uid=uid("q7"),
                    text="Hur får ni vara med och bestämma vad ni gör under dagen?",
                    help_text="Skriv inga namn; återge vad gruppen säger.",
                    answer_type=AnswerType.TEXT,
                    respondent=Respondent.USERS,
                    requirement="ska-inflytande",
                ),
                QuestionDoc(
                    uid=uid("q8"),
                    text="Känner ni er trygga i verksamheten?",
                    respondent=Respondent.USERS,
                    requirement="ska-inflytande",
                    not_met_answers=("no",),
                ),
            ),
        ),
    )
    return TemplateDoc(
        code="mall-lss-dv",
        name="Uppföljning LSS daglig verksamhet",
        purpose=Purpose.VISIT_PROTOCOL,
        description="Gemensam mall för uppföljning på plats.",
        contract_areas=(AREA,),
        note="Delad av en annan stad.",
        sections=sections,
        requirements=requirements,
        categories=(
            CategoryDoc("brukarinflytande", "Brukarinflytande"),
            CategoryDoc("handledning", "Handledning"),
            CategoryDoc(
                "ledningssystem", "Ledningssystem och systematiskt kvalitetsarbete"
            ),
            CategoryDoc("personal-kompetens", "Personal och kompetens"),
            CategoryDoc("rutiner", "Skriftliga rutiner"),
            CategoryDoc("x-avvikelser", "Avvikelsehantering"),
        ),
    )


def as_file(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Template,
            TemplateVersion,
            Section,
            Question,
            Requirement,
            RequirementCategory,
        )
    }


# Pure ---------------------------------------------------------------------------


def test_the_json_reads_back_as_the_same_document() -> None:
    doc = full_doc()
    data = json.loads(as_file(template_to_json(doc)))

    back, issues = template_from_json(data)

    assert issues == []
    assert back == doc


def test_a_malformed_file_lists_every_problem_by_where_it_is() -> None:
    data = template_to_json(full_doc())
    data["template"]["code"] = ""
    data["template"]["purpose"] = "inspection"
    data["requirements"][0]["source_kind"] = "rumour"
    data["requirements"][1]["category"] = "okand"
    first, second, third = (s["questions"] for s in data["sections"])
    first[0]["answer_type"] = "essay"
    first[1]["uid"] = "abc"
    second[0]["required"] = "ja"
    second[1]["choices"][0] = {"value": "c1"}
    third[0]["requirement"] = "finns-inte"
    data["sections"][2]["title"] = " "

    doc, issues = parse_template_file(as_file(data))

    assert doc is None
    assert {issue.path for issue in issues} == {
        "template.code",
        "template.purpose",
        "requirements[1].source_kind",
        "requirements[2].category",
        "sections[1].questions[1].answer_type",
        "sections[1].questions[2].uid",
        "sections[2].questions[1].required",
        "sections[2].questions[2].choices[1].label",
        "sections[3].questions[1].requirement",
        "sections[3].title",
    }
    assert all(issue.message for issue in issues)


def test_a_file_that_is_not_a_template_is_refused_at_once() -> None:
    assert parse_template_file(b"{not json")[1][0].path == ""
    assert [i.path for i in parse_template_file(b'{"format": "x"}')[1]] == ["format"]
    data = template_to_json(full_doc()) | {"format_version": 99}
    assert [i.path for i in parse_template_file(as_file(data))[1]] == ["format_version"]


# Against the database -----------------------------------------------------------


@pytest.mark.django_db
def test_a_template_new_to_the_city_round_trips_unchanged(coordinator) -> None:
    """A template the city never had: imported, then read back from the
    database, it is the document that was shared, to the last field."""
    ContractAreaFactory(code=AREA)
    doc = full_doc()
    parsed, issues = parse_template_file(as_file(template_to_json(doc)))
    assert issues == [] and parsed is not None

    result = template_import(actor=coordinator, doc=parsed, source="delad.json")

    assert result.ok and result.applied and result.version is not None
    assert result.notices == []
    assert result.template_created
    assert result.categories_created == ["x-avvikelser"]
    assert result.requirements_created == [r.code for r in doc.requirements]
    back = version_content(result.version)
    assert back == doc
    assert template_to_json(back) == template_to_json(doc)
    assert result.version.status == VersionStatus.DRAFT


def _build_full_version(actor: Any) -> TemplateVersion:
    """``full_doc`` built as an author does, through the editor's services."""
    doc = full_doc()
    ContractAreaFactory(code=AREA)
    RequirementCategory.objects.create(code="x-avvikelser", name="Avvikelsehantering")
    requirements = {
        r.code: RequirementFactory(
            code=r.code,
            title=r.title,
            text=r.text,
            guidance=r.guidance,
            source_kind=r.source_kind,
            source_reference=r.source_reference,
            category=RequirementCategory.objects.get(code=r.category),
        )
        for r in doc.requirements
    }
    version = template_create(
        actor=actor, code=doc.code, name=doc.name, purpose=doc.purpose
    )
    for section_doc in doc.sections:
        section = section_save(
            actor=actor,
            version=version,
            title=section_doc.title,
            intro=section_doc.intro,
        )
        for q in section_doc.questions:
            question_save(
                actor=actor,
                section=section,
                text=q.text,
                help_text=q.help_text,
                answer_type=q.answer_type,
                required=q.required,
                respondent=q.respondent,
                requirement=requirements[q.requirement],
                choices=[{"value": c.value, "label": c.label} for c in q.choices],
                not_met_answers=q.not_met_answers,
            )
    return version


@pytest.mark.django_db
def test_a_published_version_round_trips_through_json(coordinator) -> None:
    """Export a published version, import the file again: the template gets it
    as its next draft, with the same sections, questions, identifiers and
    requirements (reused by code, none added); only the version block differs,
    and the content checksum is the published one."""
    v1 = version_publish(actor=coordinator, version=_build_full_version(coordinator))
    exported = template_to_json(version_content(v1))
    before = counts()

    doc, issues = parse_template_file(as_file(exported))
    assert issues == [] and doc is not None
    result = template_import(actor=coordinator, doc=doc, source="export.json")

    assert result.ok and result.version is not None
    assert (result.version.number, result.version.status) == (2, VersionStatus.DRAFT)
    assert result.requirements_created == []
    assert sorted(result.requirements_reused) == sorted(
        r["code"] for r in exported["requirements"]
    )
    assert result.notices == []
    after = counts()
    assert after["Requirement"] == before["Requirement"]
    assert after["Template"] == before["Template"]
    again = template_to_json(version_content(result.version))
    assert exported["version"]["number"] == 1
    assert again["version"]["number"] == 2
    assert {k: v for k, v in again.items() if k != "version"} == {
        k: v for k, v in exported.items() if k != "version"
    }
    assert content_checksum(version_content(result.version)) == v1.checksum


@pytest.mark.django_db
def test_a_malformed_file_writes_nothing(coordinator) -> None:
    ContractAreaFactory(code=AREA)
    data = template_to_json(full_doc())
    data["template"]["code"] = "Mall med mellanslag"
    data["requirements"][0]["code"] = "SKA BEMANNING"
    for question in data["sections"][1]["questions"]:
        if question["requirement"] == "ska-bemanning":
            question["requirement"] = "SKA BEMANNING"
    before = counts()
    doc, issues = parse_template_file(as_file(data))
    assert issues == [] and doc is not None  # well-formed; the codes are wrong

    result = template_import(actor=coordinator, doc=doc)

    assert not result.ok and not result.applied
    assert {issue.path for issue in result.issues} == {
        "template.code",
        "requirements[1].code",
    }
    assert counts() == before


@pytest.mark.django_db
def test_a_requirement_the_city_has_is_reused_with_its_own_text(coordinator) -> None:
    ContractAreaFactory(code=AREA)
    own = RequirementFactory(
        code="ska-klagomal",
        title="Klagomål",
        text="Stadens egen lydelse.",
        category=RequirementCategory.objects.get(code="rutiner"),
    )
    doc = full_doc()
    before = Requirement.objects.count()

    result = template_import(actor=coordinator, doc=doc)

    assert result.ok and result.version is not None
    assert "ska-klagomal" in result.requirements_reused
    assert "ska-klagomal" not in result.requirements_created
    assert Requirement.objects.count() == before + len(doc.requirements) - 1
    own.refresh_from_db()
    assert (own.title, own.text) == ("Klagomål", "Stadens egen lydelse.")
    index = [r.code for r in doc.requirements].index("ska-klagomal") + 1
    assert [n for n in result.notices if n.startswith(f"requirements[{index}]:")]
    question = Question.objects.get(version=result.version, uid=uid("q2"))
    assert question.requirement == own


@pytest.mark.django_db
def test_unknown_contract_areas_are_left_out_with_a_notice(coordinator) -> None:
    """No contract area named in the file exists here."""
    result = template_import(actor=coordinator, doc=full_doc())

    assert result.ok and result.version is not None
    assert not result.version.template.contract_areas.exists()
    assert not Requirement.objects.get(code="ska-bemanning").contract_areas.exists()
    assert sorted(n.split(":")[0] for n in result.notices) == [
        "requirements[1]",
        "template.contract_areas",
    ]
    assert all(AREA in notice for notice in result.notices)


@pytest.mark.django_db
def test_a_template_with_a_draft_refuses_an_import(coordinator) -> None:
    build_version(code="mall-lss-dv")
    before = counts()

    result = template_import(actor=coordinator, doc=full_doc())

    assert not result.ok
    assert [issue.path for issue in result.issues] == ["template.code"]
    assert counts() == before


@pytest.mark.django_db
def test_a_template_with_another_purpose_refuses_an_import(coordinator) -> None:
    version_publish(
        actor=coordinator,
        version=build_version(code="mall-lss-dv", purpose=Purpose.SCREENING),
    )
    before = counts()

    result = template_import(actor=coordinator, doc=full_doc())

    assert [issue.path for issue in result.issues] == ["template.purpose"]
    assert counts() == before


@pytest.mark.django_db
def test_a_dry_run_tells_what_it_would_do_and_writes_nothing(coordinator) -> None:
    before = counts()

    result = template_import(actor=coordinator, doc=full_doc(), dry_run=True)

    assert result.ok and not result.applied and result.version is None
    assert result.template_created and result.number == 1
    assert result.requirements_created == [r.code for r in full_doc().requirements]
    assert counts() == before
