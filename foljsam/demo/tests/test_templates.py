"""The demo city's requirement catalogue and templates (issue 4)."""

from __future__ import annotations

import pytest

from foljsam.demo.data import CONTRACT_AREAS
from foljsam.demo.loader import load_demo
from foljsam.demo.screening_content import FINANCIAL_ITEMS
from foljsam.demo.templates_loader import ALL_REQUIREMENTS, ALL_TEMPLATES
from foljsam.requirements.checks import Severity, check_version
from foljsam.requirements.choices import (
    Purpose,
    Respondent,
    SourceKind,
    VersionStatus,
)
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.selectors import version_content

pytestmark = pytest.mark.django_db

# The categories issue 4 names (migration 0002_default_categories).
ISSUE_CATEGORIES = {
    "personal-kompetens",
    "kompetensutveckling",
    "handledning",
    "utforande",
    "rutiner",
    "ledningssystem",
    "dokumentation",
    "lokaler-forvaring",
    "informationsplikt",
    "brukarinflytande",
    "ekonomisk-kontroll",
}


def published(code: str) -> TemplateVersion:
    return TemplateVersion.objects.get(
        template__code=code, status=VersionStatus.PUBLISHED
    )


def counts() -> tuple[int, ...]:
    return (
        Requirement.objects.count(),
        Template.objects.count(),
        TemplateVersion.objects.count(),
        Section.objects.count(),
        Question.objects.count(),
    )


def test_loading_the_demo_twice_adds_no_template_or_requirement() -> None:
    first = load_demo()
    before = counts()
    checksums = dict(TemplateVersion.objects.values_list("pk", "checksum"))

    second = load_demo()

    assert first.templates_created == len(ALL_TEMPLATES)
    assert second.templates_created == 0
    assert counts() == before
    assert dict(TemplateVersion.objects.values_list("pk", "checksum")) == checksums
    assert before[0] == len(ALL_REQUIREMENTS)


def test_every_demo_template_has_a_published_version_without_errors() -> None:
    load_demo()

    for template in ALL_TEMPLATES:
        doc = version_content(published(template.code))
        problems = check_version(doc)
        assert [p for p in problems if p.severity is Severity.ERROR] == [], (
            template.code
        )
        assert doc.questions, template.code
        # Every question checks a requirement of the catalogue.
        assert all(q.requirement for _s, _q, _sec, q in doc.questions)


def test_the_daily_activity_protocol_has_a_version_2_draft_that_differs() -> None:
    load_demo()

    v1 = published("besok-daglig-verksamhet")
    draft = TemplateVersion.objects.get(
        template__code="besok-daglig-verksamhet", status=VersionStatus.DRAFT
    )
    one, two = version_content(v1), version_content(draft)

    assert (draft.number, draft.copied_from) == (2, v1)
    assert len(two.questions) == len(one.questions) + 1
    assert "vald-nara-relationer" in {q.requirement for *_rest, q in two.questions}
    texts_one = {q.uid: q.text for *_rest, q in one.questions}
    texts_two = {q.uid: q.text for *_rest, q in two.questions}
    assert sum(texts_one[uid] != texts_two[uid] for uid in texts_one) == 1
    place_one = {q.uid: s.uid for _n, _m, s, q in one.questions}
    place_two = {q.uid: s.uid for _n, _m, s, q in two.questions}
    assert sum(place_one[uid] != place_two[uid] for uid in place_one) == 1
    assert not [p for p in check_version(two) if p.severity is Severity.ERROR]


def test_every_category_the_issue_names_is_used() -> None:
    load_demo()

    used = set(Requirement.objects.values_list("category__code", flat=True))
    installed = set(RequirementCategory.objects.values_list("code", flat=True))
    assert installed >= ISSUE_CATEGORIES
    assert used >= ISSUE_CATEGORIES
    assert set(Requirement.objects.values_list("source_kind", flat=True)) == set(
        SourceKind.values
    )


def test_the_financial_check_asks_one_question_per_seed_004_item() -> None:
    load_demo()

    doc = version_content(published("ekonomisk-kontroll"))
    asked = [q.requirement for *_rest, q in doc.questions]

    assert doc.purpose == Purpose.FINANCIAL_CHECK
    assert sorted(asked) == sorted(code for _item, code in FINANCIAL_ITEMS)
    assert {r.category for r in doc.requirements} == {"ekonomisk-kontroll"}


def test_every_demo_contract_area_has_a_visit_protocol_or_screening() -> None:
    load_demo()

    covered = set(
        Template.objects.filter(
            purpose__in=[Purpose.VISIT_PROTOCOL, Purpose.SCREENING],
            versions__status=VersionStatus.PUBLISHED,
        ).values_list("contract_areas__code", flat=True)
    )
    assert {code for code, *_rest in CONTRACT_AREAS} <= covered


def test_the_user_quality_questions_are_asked_only_of_users() -> None:
    load_demo()

    doc = version_content(published("kvalitetsfragor-brukare"))

    assert doc.purpose == Purpose.USER_QUALITY
    assert doc.questions
    assert {q.respondent for *_rest, q in doc.questions} == {Respondent.USERS}
