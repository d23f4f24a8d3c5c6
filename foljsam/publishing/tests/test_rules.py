"""The pure rules of publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from foljsam.publishing.rules import (
    OpenDeficiency,
    blockers,
    draft_summary,
    public_org_number,
    summary_problems,
)


def _blockers(status: str = "shared", *open_steps: str) -> list[str]:
    return blockers(
        status=status,
        outcome="complies_after_complement",
        performed=True,
        open_deficiencies=[OpenDeficiency("Rutiner", step) for step in open_steps],
    )


def test_a_shared_result_without_open_deficiencies_may_be_published() -> None:
    assert _blockers() == []


@pytest.mark.parametrize("status", ["visited", "assessing", "completed", "cancelled"])
def test_only_a_result_shared_with_the_provider_may_be_published(status: str) -> None:
    assert _blockers(status) == [
        "Bara ett resultat som har delats med utföraren kan publiceras."
    ]


@pytest.mark.parametrize(
    ("steps", "blocked"),
    [
        (("complement_received",), False),
        (("",), True),  # nothing asked for or sent
        (("complement_requested",), True),  # asked for, not answered
        (("complement_rejected",), True),  # answered, but not good enough
        (("complement_received", "complement_requested"), True),  # one of two
    ],
)
def test_open_deficiencies_need_the_providers_complement_or_action_plan(
    steps: tuple[str, ...], blocked: bool
) -> None:
    found = _blockers("shared", *steps)
    assert bool(found) is blocked
    if blocked:
        assert "Rutiner" in found[0]
        assert "åtgärdsplan" in found[0]


def test_a_result_without_outcome_or_date_is_not_published() -> None:
    found = blockers(status="shared", outcome="", performed=True, open_deficiencies=[])
    assert found and "utfall" in found[0]
    found = blockers(
        status="shared", outcome="complies", performed=False, open_deficiencies=[]
    )
    assert found


def test_the_summary_is_needed_short_and_free_of_personal_numbers() -> None:
    assert summary_problems("  ") == ["Skriv den publika sammanfattningen."]
    assert summary_problems("Verksamheten följer avtalet.") == []
    long = summary_problems("x" * 1501)
    assert long and "1500" in long[0]
    found = summary_problems("Brukaren 19121212-1212 fick fel insats.")
    assert found and "19121212-1212" in found[0]


@pytest.mark.parametrize(
    ("number", "public"),
    [
        ("5566778899", "556677-8899"),  # a company
        ("802400-1234", "802400-1234"),  # an association
        ("8112189876", ""),  # a sole trader: the owner's personal number
        ("121212-1212", ""),
        ("", ""),
    ],
)
def test_a_sole_traders_number_is_never_published(number: str, public: str) -> None:
    assert public_org_number(number) == public


def test_the_draft_summary_says_how_and_how_it_went_in_plain_words() -> None:
    with translation.override("sv"):
        text = draft_summary(
            performed_on=dt.date(2026, 3, 12),
            methods=["site_visit", "document_review"],
            outcome="minor_deficiencies_remain",
            regime="own",
            resolved_categories=["Personal"],
            open_categories=["Rutiner", "Dokumentation"],
        )
    assert "12 mars 2026" in text
    assert "verksamhetsbesök" in text
    assert "Resultat: följer uppdragsbeskrivningen" in text  # the city's own unit
    assert "personal" in text
    assert "dokumentation och rutiner" in text
    with translation.override("sv"):
        clean = draft_summary(
            performed_on=dt.date(2026, 3, 12),
            methods=["survey"],
            outcome="complies",
            regime="private",
            resolved_categories=[],
            open_categories=[],
        )
    assert "avtalet" in clean
    assert "Inga brister" in clean
