"""Templates: build, publish, freeze, copy, retire (issue 4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from foljsam.requirements.choices import AnswerType, Respondent, VersionStatus
from foljsam.requirements.content import content_checksum
from foljsam.requirements.models import Question, Section, TemplateVersion
from foljsam.requirements.querysets import FrozenVersionError
from foljsam.requirements.selectors import version_content, versions_for_new_followups
from foljsam.requirements.services import (
    choices_from_lines,
    question_delete,
    question_move,
    question_save,
    requirement_save,
    section_delete,
    section_move,
    section_save,
    template_create,
    version_copy,
    version_delete_draft,
    version_publish,
    version_retire,
)
from foljsam.requirements.tests.factories import (
    RequirementFactory,
    build_version,
    first_question,
    first_section,
)

pytestmark = pytest.mark.django_db


def texts(version: TemplateVersion) -> list[list[str]]:
    doc = version_content(version)
    return [[q.text for q in s.questions] for s in doc.sections]


def test_a_new_template_starts_as_an_empty_draft(coordinator) -> None:
    version = template_create(
        actor=coordinator, code="mall-ktt", name="KTT", purpose="visit_protocol"
    )
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert not Section.objects.filter(version=version).exists()


def test_questions_get_defaults_for_not_met(coordinator) -> None:
    version = build_version()
    question = first_question(version)
    assert question.not_met_answers == ["no", "partly"]
    document = question_save(
        actor=coordinator,
        section=first_section(version),
        text="Skicka in rutinen för Lex Sarah.",
        answer_type=AnswerType.DOCUMENT,
        respondent=Respondent.MANAGER,
        requirement=question.requirement,
    )
    assert document.not_met_answers == ["missing"]
    text = question_save(
        actor=coordinator,
        section=first_section(version),
        text="Beskriv arbetet.",
        answer_type=AnswerType.TEXT,
        respondent=Respondent.STAFF,
        requirement=question.requirement,
        not_met_answers=["no"],
    )
    assert text.not_met_answers == []  # a text answer cannot mean "not met"


def test_choice_values_survive_a_relabel() -> None:
    first = choices_from_lines("Dagligen\nVeckovis\nAldrig")
    assert [c["value"] for c in first] == ["c1", "c2", "c3"]
    second = choices_from_lines("Dagligen\nVarje vecka\nAldrig", first)
    assert second == [
        {"value": "c1", "label": "Dagligen"},
        {"value": "c4", "label": "Varje vecka"},
        {"value": "c3", "label": "Aldrig"},
    ]


def test_publish_freezes_the_version_with_its_checksum(coordinator) -> None:
    version = version_publish(actor=coordinator, version=build_version())
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_by == coordinator
    assert version.checksum == content_checksum(version_content(version))


def test_publishing_refuses_a_version_with_mistakes(coordinator) -> None:
    version = build_version(sections=[("Tomt avsnitt", ())])
    with pytest.raises(ValidationError) as refused:
        version_publish(actor=coordinator, version=version)
    assert "Avsnitt 1: Avsnittet har inga frågor." in refused.value.messages
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_published_version_cannot_change_by_any_route(coordinator) -> None:
    """Issue 4: a published version is frozen. Every way in is tried: the
    services, the models' save and delete, and the querysets; its content is
    the same after as before."""
    version = version_publish(actor=coordinator, version=build_version())
    before = version_content(version)
    section = first_section(version)
    question = first_question(version)
    refused_by_services = [
        lambda: section_save(actor=coordinator, version=version, title="Nytt"),
        lambda: section_save(
            actor=coordinator, version=version, section=section, title="Ändrad"
        ),
        lambda: section_move(actor=coordinator, section=section, offset=1),
        lambda: section_delete(actor=coordinator, section=section),
        lambda: question_save(
            actor=coordinator,
            section=section,
            question=question,
            text="Ändrad fråga",
            answer_type=AnswerType.TEXT,
            respondent=Respondent.STAFF,
            requirement=None,
        ),
        lambda: question_move(actor=coordinator, question=question, offset=1),
        lambda: question_delete(actor=coordinator, question=question),
        lambda: version_delete_draft(actor=coordinator, version=version),
        lambda: version_publish(actor=coordinator, version=version),
    ]
    for attempt in refused_by_services:
        with pytest.raises(ValidationError):
            attempt()
    question.text = "Ändrad direkt"
    section.title = "Ändrad direkt"
    version.number = 9
    refused_by_models = [
        question.save,
        question.delete,
        section.save,
        section.delete,
        version.save,
        version.delete,
        Question.objects.filter(version=version).delete,
        Section.objects.filter(version=version).delete,
        TemplateVersion.objects.filter(pk=version.pk).delete,
        lambda: Question(
            version=version, section=section, text="Ny", position=9
        ).save(),
    ]
    for attempt in refused_by_models:
        with pytest.raises(FrozenVersionError):
            attempt()
    with pytest.raises(TypeError):  # bulk updates would skip the history anyway
        Question.objects.filter(version=version).update(text="x")
    after = version_content(TemplateVersion.objects.get(pk=version.pk))
    assert after == before
    assert content_checksum(after) == version.checksum


def test_a_requirement_in_use_keeps_its_wording(coordinator) -> None:
    version = version_publish(actor=coordinator, version=build_version())
    requirement = first_question(version).requirement
    requirement.text = "Ny lydelse"
    with pytest.raises(ValidationError) as refused:
        requirement_save(actor=coordinator, requirement=requirement)
    assert "text" in refused.value.message_dict
    with pytest.raises(FrozenVersionError):
        requirement.save()
    requirement.refresh_from_db()
    requirement.guidance = "Fråga efter den senaste versionen."
    requirement_save(actor=coordinator, requirement=requirement)  # guidance may change
    unused = RequirementFactory()
    unused.text = "Fri att ändra"
    requirement_save(actor=coordinator, requirement=unused)


def test_copy_makes_the_next_draft_with_the_same_identifiers(coordinator) -> None:
    v1 = version_publish(actor=coordinator, version=build_version())
    v2 = version_copy(actor=coordinator, version=v1)
    assert (v2.number, v2.status, v2.copied_from) == (2, VersionStatus.DRAFT, v1)
    one, two = version_content(v1), version_content(v2)
    assert one.sections == two.sections
    with pytest.raises(ValidationError):
        version_copy(actor=coordinator, version=v1)  # one draft at a time


def test_publishing_a_new_version_retires_the_old_one(coordinator) -> None:
    v1 = version_publish(actor=coordinator, version=build_version())
    v2 = version_copy(actor=coordinator, version=v1)
    version_publish(actor=coordinator, version=v2)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.RETIRED
    assert list(versions_for_new_followups(user=coordinator)) == [v2]
    version_retire(actor=coordinator, version=v2)
    assert not versions_for_new_followups(user=coordinator).exists()
    # Retired versions stay readable, and unchanged.
    assert version_content(v1).checksum == v1.checksum


def test_moving_questions_by_keyboard_buttons_crosses_sections(coordinator) -> None:
    version = build_version()
    second = Question.objects.get(version=version, text="Finns rutin för Lex Sarah?")
    question_move(actor=coordinator, question=second, offset=-1)
    assert texts(version)[0] == [
        "Finns rutin för Lex Sarah?",
        "Finns rutin för hot och våld?",
    ]
    question_move(actor=coordinator, question=second, offset=-1)  # already first
    assert texts(version)[0][0] == "Finns rutin för Lex Sarah?"
    last = Question.objects.get(version=version, text="Finns rutin för hot och våld?")
    question_move(actor=coordinator, question=last, offset=1)
    assert texts(version) == [
        ["Finns rutin för Lex Sarah?"],
        ["Finns rutin för hot och våld?", "Har personalen extern handledning?"],
    ]
    section_move(actor=coordinator, section=first_section(version), offset=1)
    assert texts(version)[1] == ["Finns rutin för Lex Sarah?"]


def test_deleting_the_only_draft_deletes_the_template(coordinator) -> None:
    version = build_version()
    assert version_delete_draft(actor=coordinator, version=version) is None
    assert not TemplateVersion.objects.exists()
