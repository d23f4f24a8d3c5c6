"""The catalogue, template and editor pages (issue 4), through the test client."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.requirements.choices import VersionStatus
from foljsam.requirements.models import Question, Section, Template, TemplateVersion
from foljsam.requirements.selectors import version_content
from foljsam.requirements.services import version_copy, version_publish
from foljsam.requirements.tests.factories import (
    RequirementFactory,
    build_version,
    first_question,
    first_section,
)

pytestmark = pytest.mark.django_db


def test_a_coordinator_builds_and_publishes_a_template(client, coordinator) -> None:
    requirement = RequirementFactory(code="rutin-hot-vald", title="Rutin hot och våld")
    client.force_login(coordinator)
    response = client.post(
        reverse("requirements:template_create"),
        {"code": "mall-ny", "name": "Ny mall", "purpose": "visit_protocol"},
    )
    version = TemplateVersion.objects.get(template__code="mall-ny")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "requirements:version_detail", args=[version.pk]
    )
    client.post(
        reverse("requirements:section_create", args=[version.pk]),
        {"title": "Rutiner", "intro": ""},
    )
    section = Section.objects.get(version=version)
    response = client.post(
        reverse("requirements:question_create", args=[version.pk]),
        {
            "section": section.pk,
            "text": "Hur ofta övar personalen?",
            "requirement": requirement.pk,
            "answer_type": "single_choice",
            "choices": "Varje månad\nVarje år\nAldrig",
            "respondent": "staff",
            "required": "on",
        },
    )
    question = Question.objects.get(version=version)
    assert response["Location"].endswith(f"#q-{question.uid}")
    assert [c["label"] for c in question.choices] == [
        "Varje månad",
        "Varje år",
        "Aldrig",
    ]
    # The choices are offered as "not met" answers once saved.
    page = client.get(reverse("requirements:question_edit", args=[question.pk]))
    assert b'value="c3"' in page.content
    client.post(
        reverse("requirements:question_edit", args=[question.pk]),
        {
            "section": section.pk,
            "text": "Hur ofta övar personalen?",
            "requirement": requirement.pk,
            "answer_type": "single_choice",
            "choices": "Varje månad\nVarje år\nAldrig",
            "respondent": "staff",
            "required": "on",
            "not_met_answers": ["c3"],
        },
    )
    question.refresh_from_db()
    assert question.not_met_answers == ["c3"]
    response = client.post(reverse("requirements:version_publish", args=[version.pk]))
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_the_editor_shows_the_checks_and_publishing_refuses_errors(
    client, coordinator
) -> None:
    version = build_version(sections=[("Tomt", ())])
    client.force_login(coordinator)
    page = client.get(reverse("requirements:version_detail", args=[version.pk]))
    assert "Avsnittet har inga frågor.".encode() in page.content
    response = client.post(
        reverse("requirements:version_publish", args=[version.pk]), follow=True
    )
    assert "Avsnitt 1: Avsnittet har inga frågor.".encode() in response.content
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_choice_question_without_choices_is_refused_with_a_message(
    client, coordinator
) -> None:
    version = build_version()
    client.force_login(coordinator)
    before = Question.objects.count()
    response = client.post(
        reverse("requirements:question_create", args=[version.pk]),
        {
            "section": first_section(version).pk,
            "text": "Vilka metoder används?",
            "answer_type": "multiple_choice",
            "choices": "",
            "respondent": "manager",
        },
    )
    assert response.status_code == 200
    assert "minst två val".encode() in response.content
    assert Question.objects.count() == before


def test_editing_a_published_version_is_refused_in_the_ui(client, coordinator) -> None:
    version = version_publish(actor=None, version=build_version())
    question = first_question(version)
    section = first_section(version)
    before = version_content(version)
    client.force_login(coordinator)
    response = client.get(reverse("requirements:question_edit", args=[question.pk]))
    assert response.status_code == 302
    response = client.post(
        reverse("requirements:question_edit", args=[question.pk]),
        {
            "section": section.pk,
            "text": "Ändrad",
            "answer_type": "text",
            "respondent": "manager",
        },
        follow=True,
    )
    assert "kan inte längre ändras".encode() in response.content
    for name, target in [
        ("requirements:question_move", question.pk),
        ("requirements:question_delete", question.pk),
        ("requirements:section_move", section.pk),
        ("requirements:section_delete", section.pk),
        ("requirements:version_delete", version.pk),
    ]:
        client.post(reverse(name, args=[target]), {"direction": "down"})
    client.post(
        reverse("requirements:section_create", args=[version.pk]), {"title": "Ny"}
    )
    assert version_content(TemplateVersion.objects.get(pk=version.pk)) == before
    page = client.get(reverse("requirements:version_detail", args=[version.pk]))
    assert reverse("requirements:question_edit", args=[question.pk]).encode() not in (
        page.content
    )


def test_editing_a_published_version_is_refused_in_the_admin(
    client, system_administrator
) -> None:
    version = version_publish(actor=None, version=build_version())
    question = first_question(version)
    client.force_login(system_administrator)
    url = reverse("admin:requirements_question_change", args=[question.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="text"' not in page.content  # read-only
    response = client.post(url, {"text": "Ändrad", "answer_type": "text"})
    assert response.status_code == 403
    response = client.post(
        reverse("admin:requirements_templateversion_change", args=[version.pk]),
        {"template": version.template_id, "number": 7, "note": "x"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:requirements_templateversion_delete", args=[version.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    question.refresh_from_db()
    version.refresh_from_db()
    assert (question.text, version.number) == ("Finns rutin för hot och våld?", 1)
    # A draft's question may be corrected there.
    draft = version_copy(actor=None, version=version)
    draft_question = first_question(draft)
    page = client.get(
        reverse("admin:requirements_question_change", args=[draft_question.pk])
    )
    assert b'name="text"' in page.content


def test_compare_lists_what_changed(client, coordinator) -> None:
    v1 = version_publish(actor=None, version=build_version())
    v2 = version_copy(actor=None, version=v1)
    question = first_question(v2)
    client.force_login(coordinator)
    client.post(
        reverse("requirements:question_edit", args=[question.pk]),
        {
            "section": question.section_id,
            "text": "Finns en skriftlig rutin för hot och våld?",
            "requirement": question.requirement_id,
            "answer_type": "yes_no",
            "respondent": "manager",
            "required": "on",
            "not_met_answers": ["no", "partly"],
        },
    )
    page = client.get(
        reverse("requirements:version_compare", args=[v1.template_id]),
        {"old": v1.pk, "new": v2.pk},
    )
    assert page.status_code == 200
    assert "Finns en skriftlig rutin för hot och våld?".encode() in page.content
    assert b"1 skillnad" in page.content


def test_drafts_are_hidden_from_readers(client, district_officer) -> None:
    draft = build_version()
    client.force_login(district_officer)
    assert (
        client.get(reverse("requirements:version_detail", args=[draft.pk])).status_code
        == 404
    )
    page = client.get(reverse("requirements:template_detail", args=[draft.template_id]))
    assert reverse("requirements:version_detail", args=[draft.pk]).encode() not in (
        page.content
    )


def test_json_import_page_lists_every_problem(client, coordinator, tmp_path) -> None:
    client.force_login(coordinator)
    upload = tmp_path / "mall.json"
    upload.write_text(
        '{"format": "foljsam-template", "format_version": 1, '
        '"template": {"code": "", "name": "", "purpose": "x"}, '
        '"sections": [{"uid": "nope", "title": "", "questions": []}]}',
        encoding="utf-8",
    )
    with upload.open("rb") as handle:
        response = client.post(
            reverse("requirements:template_import"), {"file": handle}
        )
    assert response.status_code == 200
    for path in (b"template.code", b"template.purpose", b"sections[1].uid"):
        assert path in response.content
    assert not Template.objects.exists()


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_version_page_query_count_does_not_grow_with_questions(
    client, coordinator
) -> None:
    small = build_version(code="liten", sections=[("A", ("Fråga 1",))])
    big = build_version(
        code="stor",
        sections=[
            (f"Avsnitt {n}", [f"Fråga {n}.{m}" for m in range(6)]) for n in range(5)
        ],
    )
    client.force_login(coordinator)
    for name in ("requirements:version_detail",):
        assert _count(client, reverse(name, args=[small.pk])) == _count(
            client, reverse(name, args=[big.pk])
        )
    version_publish(actor=None, version=small)
    version_publish(actor=None, version=big)
    few = _count(client, reverse("requirements:template_list"))
    for n in range(4):
        build_version(code=f"extra-{n}")
    assert _count(client, reverse("requirements:template_list")) == few
    few = _count(client, reverse("requirements:requirement_list"))
    RequirementFactory.create_batch(10)
    assert _count(client, reverse("requirements:requirement_list")) == few
