"""The follow-up report: built from plain rows, read for a user, rendered as the
page, DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document

from foljsam.accounts.models import Organisation, User
from foljsam.findings.choices import ActionKind, DeficiencyStatus, MeasureKind, Severity
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.findings.report import build_report, followup_report
from foljsam.findings.report_render import report_docx, report_html
from foljsam.followups.choices import Outcome, Status, outcome_label
from foljsam.followups.models import Answer, FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.choices import AgreementKind, ProviderKind
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.requirements.choices import AnswerType
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.services import version_publish
from foljsam.requirements.tests.factories import build_version

UNIT_NAME = "Vårdhemmet Ängsö"
SECRET_NOTE = "Intern anteckning om chefen"
OFFICER = "Agneta Uppföljarsson"


# Hand-made rows: no database ------------------------------------------------------


def _rows(kind: str = ProviderKind.COMPANY) -> tuple[FollowUp, list, list, list, list]:
    provider = Provider(name="Omsorg Norr AB", org_number="5560160680", kind=kind)
    unit = Unit(
        name=UNIT_NAME,
        provider=provider,
        address="Storgatan 1",
        postal_code="111 22",
        city="Stockholm",
    )
    area = ContractArea(name="Daglig verksamhet", legal_reference="9 § 10 LSS")
    agreement = Agreement(
        reference="SN 2022/0042",
        kind=AgreementKind.MISSION if kind == ProviderKind.MUNICIPAL else "lov",
    )
    version = TemplateVersion(template=Template(name="Mall DV"), number=3)
    followup = FollowUp(
        pk=7,
        year=2027,
        unit=unit,
        provider=provider,
        contract_area=area,
        agreement=agreement,
        organisation=Organisation(name="Södermalms stadsdelsförvaltning"),
        template_version=version,
        status=Status.COMPLETED,
        outcome=Outcome.COMPLIES_AFTER_COMPLEMENT,
        outcome_reason="Rutinen kom in i tid.",
        methods=["site_visit", "document_review"],
        participants=["manager", "staff"],
        performed_on=dt.date(2027, 3, 14),
        note=SECRET_NOTE,
        created_by=User(first_name="Agneta", last_name="Uppföljarsson"),
    )
    sections = [Section(pk=1, title="Rutiner"), Section(pk=2, title="Personal")]
    questions = [
        Question(
            pk=10,
            section_id=1,
            text="Finns rutin för hot och våld?",
            answer_type=AnswerType.YES_NO,
            not_met_answers=["no", "partly"],
        ),
        Question(
            pk=11,
            section_id=1,
            text="Vilka rutiner visades?",
            answer_type=AnswerType.MULTIPLE_CHOICE,
            choices=[
                {"value": "lex_sarah", "label": "Lex Sarah"},
                {"value": "brand", "label": "Brandskydd"},
            ],
        ),
        Question(pk=12, section_id=2, text="Antal anställda?", answer_type="number"),
    ]
    officer = User(first_name="Agneta", last_name="Uppföljarsson")
    answers = [
        Answer(question_id=10, value="no", comment="Saknas.", answered_by=officer),
        Answer(question_id=11, value=["lex_sarah", "brand"], comment=""),
    ]
    deficiencies = [
        Deficiency(
            requirement=Requirement(code="R-1", title="Rutin för hot och våld"),
            category=RequirementCategory(name="Rutiner"),
            severity=Severity.SERIOUS,
            description="Rutin saknas.",
            status=DeficiencyStatus.OPEN,
            question_id=10,
            due_on=dt.date(2027, 4, 30),
        )
    ]
    return followup, sections, questions, answers, deficiencies


def _build(kind: str = ProviderKind.COMPANY):
    followup, sections, questions, answers, deficiencies = _rows(kind)
    return build_report(
        followup,
        sections=sections,
        questions=questions,
        answers=answers,
        deficiencies=deficiencies,
        actions=[
            ContractAction(
                kind=ActionKind.PENALTY,
                decided_on=dt.date(2027, 5, 2),
                amount=Decimal("25000.00"),
            )
        ],
        city="Stockholms stad",
        central_office="Socialförvaltningen",
    )


def test_a_private_unit_is_measured_against_its_agreement() -> None:
    with translation.override("en"):
        doc = _build()
    assert doc.outcome == "Complies with the agreement after complement"
    assert doc.agreement_label == "Agreement"
    assert doc.agreement == "SN 2022/0042 (LOV contract)"
    assert not doc.own_regime
    assert doc.methods == ("Site visit", "Review of routines and documents")
    assert doc.participants == ("Unit manager", "Staff")
    assert doc.unit_address == "Storgatan 1, 111 22 Stockholm"
    assert doc.contract_area == "Daglig verksamhet (9 § 10 LSS)"
    assert doc.template == "Mall DV, version 3"
    assert doc.is_final


def test_an_own_unit_is_measured_against_its_mission_description() -> None:
    with translation.override("en"):
        doc = _build(ProviderKind.MUNICIPAL)
        html = report_html(doc)
    assert doc.own_regime
    assert doc.outcome == "Complies with the mission description after complement"
    assert doc.agreement_label == "Mission description"
    assert doc.agreement == "SN 2022/0042"
    assert "agreement after complement" not in html
    assert "mission description after complement" in html


def test_answers_are_in_words_numbered_by_section() -> None:
    with translation.override("en"):
        doc = _build()
    first, second = doc.sections
    assert [(r.number, r.answer, r.not_met) for r in first.rows] == [
        ("1.1", "No", True),
        ("1.2", "Lex Sarah, Brandskydd", False),
    ]
    assert first.rows[0].comment == "Saknas."
    assert second.rows[0].number == "2.1"
    assert second.rows[0].answer == ""  # not answered
    (deficiency,) = doc.deficiencies
    assert deficiency.requirement == "R-1: Rutin för hot och våld"
    assert deficiency.question == "1.1"
    assert deficiency.severity == "Serious"
    assert deficiency.due_on == dt.date(2027, 4, 30)
    assert doc.open_deficiencies == 1
    (action,) = doc.actions
    assert (action.kind, action.amount) == ("Penalty", Decimal("25000.00"))


def test_no_internal_note_and_no_officer_names_anywhere() -> None:
    doc = _build()
    html = report_html(doc)
    docx_text = _docx_text(report_docx(doc))
    for text in (repr(doc), html, docx_text):
        assert SECRET_NOTE not in text
        assert OFFICER not in text
        assert "Agneta" not in text
        assert UNIT_NAME in text


def test_a_follow_up_not_yet_assessed_says_so() -> None:
    followup, *_rest = _rows()
    followup.status = Status.ASSESSING
    followup.outcome = ""
    with translation.override("en"):
        doc = build_report(followup)
    assert doc.outcome == "Not yet assessed"
    assert doc.outcome_reason == ""
    assert not doc.is_final
    followup.status = Status.CANCELLED
    followup.cancel_reason = "unit_closed"
    with translation.override("en"):
        assert build_report(followup).outcome == "Not performed: The unit closed"


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].footer.paragraphs)
    return "\n".join(parts)


# From the database ---------------------------------------------------------------


def make_followup(
    *,
    organisation: Organisation,
    responsible: Organisation | None = None,
    questions: int = 3,
    status: str = Status.COMPLETED,
    kind: str = ProviderKind.COMPANY,
    code: str = "mall-rapport",
) -> FollowUp:
    """A performed follow-up with a published protocol, every question answered,
    one deficiency per "no" and a measure on each."""
    version = build_version(
        code=code,
        sections=(
            ("Rutiner", [f"Fråga {n}?" for n in range(1, questions // 2 + 1)]),
            (
                "Personal",
                [f"Fråga {n}?" for n in range(questions // 2 + 1, questions + 1)],
            ),
        ),
    )
    version_publish(actor=None, version=version)
    area = ContractAreaFactory(code="dv", name="Daglig verksamhet")
    unit = UnitFactory(name=UNIT_NAME, district=organisation, provider__kind=kind)
    agreement = AgreementFactory(
        provider=unit.provider,
        contract_area=area,
        units=[unit],
        kind=AgreementKind.MISSION if kind == ProviderKind.MUNICIPAL else "lov",
        signed_by=None if kind == ProviderKind.MUNICIPAL else organisation,
    )
    performed = status in {Status.COMPLETED, Status.SHARED}
    followup = FollowUpFactory(
        unit=unit,
        contract_area=area,
        agreement=agreement,
        organisation=organisation,
        responsible_organisation=responsible,
        template_version=version,
        status=status,
        outcome=Outcome.COMPLIES_AFTER_COMPLEMENT if performed else "",
        methods=["site_visit"],
        participants=["manager"],
        performed_on=dt.date(2027, 3, 14),
        note=SECRET_NOTE,
    )
    category = RequirementCategory.objects.get(code="rutiner")
    for index, question in enumerate(
        Question.objects.filter(version=version).select_related("requirement")
    ):
        value = "no" if index % 2 == 0 else "yes"
        Answer.objects.create(
            followup=followup, question=question, value=value, comment=f"K{index}"
        )
        if value == "no":
            deficiency = Deficiency.objects.create(
                followup=followup,
                question=question,
                requirement=question.requirement,
                category=category,
                description=f"Brist {index}",
                due_on=dt.date(2027, 4, 30),
            )
            Measure.objects.create(
                deficiency=deficiency,
                kind=MeasureKind.COMPLEMENT_REQUESTED,
                on=dt.date(2027, 3, 20),
                due_on=dt.date(2027, 4, 30),
                note=SECRET_NOTE,
            )
    return followup


@pytest.fixture
def followup(district, central_office) -> FollowUp:
    return make_followup(organisation=district, responsible=central_office)


@pytest.mark.django_db
def test_the_page_for_the_performing_district_and_not_for_another(
    client, followup, district_officer, other_district_officer, coordinator
) -> None:
    url = reverse("findings:report", args=[followup.pk])
    client.force_login(district_officer)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert UNIT_NAME in body
    assert "Brist 0" in body
    assert SECRET_NOTE not in body
    assert reverse("findings:report_download", args=[followup.pk, "docx"]) in body
    assert reverse("findings:report_download", args=[followup.pk, "pdf"]) in body

    client.force_login(other_district_officer)
    assert client.get(url).status_code == 404
    download = reverse("findings:report_download", args=[followup.pk, "docx"])
    assert client.get(download).status_code == 404

    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.get(reverse("findings:report", args=[987654])).status_code == 404


@pytest.mark.django_db
def test_the_committee_reads_and_the_administrator_may_not(
    client, followup, committee_reader, system_administrator
) -> None:
    url = reverse("findings:report", args=[followup.pk])
    client.force_login(committee_reader)
    assert client.get(url).status_code == 200
    client.force_login(system_administrator)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_provider_reads_only_its_own_completed_or_shared_reports(
    client, followup, provider_user, district
) -> None:
    """A provider sees its own follow-ups (``FollowUpQuerySet``'s provider path);
    the report is its own only once the follow-up is completed or shared."""
    provider_user.provider = followup.provider
    provider_user.save()
    assert followup_report(user=provider_user, pk=followup.pk).unit_name == UNIT_NAME
    client.force_login(provider_user)
    page = client.get(reverse("findings:report", args=[followup.pk]))
    assert page.status_code == 200
    assert SECRET_NOTE not in page.content.decode()
    assert 'class="breadcrumbs"' not in page.content.decode()  # no internal pages
    draft = FollowUpFactory(
        unit=followup.unit, organisation=district, status=Status.ASSESSING
    )
    with pytest.raises(Http404):
        followup_report(user=provider_user, pk=draft.pk)
    assert client.get(reverse("findings:report", args=[draft.pk])).status_code == 404
    other = make_followup(organisation=district, code="mall-annan", questions=2)
    with pytest.raises(Http404):
        followup_report(user=provider_user, pk=other.pk)
    assert client.get(reverse("findings:report", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_the_docx_opens_and_holds_the_unit_and_the_outcome(
    client, followup, coordinator
) -> None:
    client.force_login(coordinator)
    response = client.get(
        reverse("findings:report_download", args=[followup.pk, "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxml")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = _docx_text(response.content)
    with translation.override("sv"):
        outcome = outcome_label(followup.outcome, followup.provider.regime)
    assert UNIT_NAME in text
    assert outcome in text
    assert "Brist 0" in text
    assert SECRET_NOTE not in text
    document = Document(io.BytesIO(response.content))
    headings = [p.style.name for p in document.paragraphs if p.style.name]
    assert "Heading 1" in headings
    assert "Heading 2" in headings


@pytest.mark.django_db
def test_the_pdf_is_a_pdf_with_the_unit(client, followup, coordinator) -> None:
    pytest.importorskip("weasyprint")
    client.force_login(coordinator)
    response = client.get(
        reverse("findings:report_download", args=[followup.pk, "pdf"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is optional here
        return
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert UNIT_NAME in text
    assert SECRET_NOTE not in text


@pytest.mark.django_db
def test_an_unknown_format_is_404(client, followup, coordinator) -> None:
    client.force_login(coordinator)
    url = reverse("findings:report_download", args=[followup.pk, "xlsx"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_page_query_count_does_not_grow_with_questions(
    client, district, central_office, coordinator
) -> None:
    client.force_login(coordinator)
    counts = []
    for questions, code in ((2, "mall-fa"), (20, "mall-manga")):
        followup = make_followup(
            organisation=district,
            responsible=central_office,
            questions=questions,
            code=code,
        )
        url = reverse("findings:report", args=[followup.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("K1") >= 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
