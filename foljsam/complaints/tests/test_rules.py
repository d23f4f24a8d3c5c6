"""The register's pure rules, on plain values."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from foljsam.complaints.rules import (
    dates_and_text_problems,
    months_before,
    next_reference,
    personal_number_in,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 3, 15), 12, D(2025, 3, 15)),
        (D(2026, 3, 15), 24, D(2024, 3, 15)),
        (D(2026, 1, 10), 1, D(2025, 12, 10)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),  # February is shorter
        (D(2024, 2, 29), 12, D(2023, 2, 28)),
        (D(2028, 2, 29), 48, D(2024, 2, 29)),
    ],
)
def test_months_before(day, months, expected) -> None:
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Brukaren 19121212-1212 föll.",
        "121212-1212",
        "1212121212",
        "20121212+1212",  # the '+' of someone a hundred years old
        "samordningsnummer 121272-1235",  # a coordination number: day plus 60
    ],
)
def test_personal_numbers_are_found(text) -> None:
    assert personal_number_in(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Bolaget 556012-5790 saknar F-skatt.",  # an organisation number
        "121212-1213",  # wrong check digit
        "Ring 070 123 45 67",  # a telephone number written as one is
        "SIG-2026-0001",
        "Dnr SN 2025/1234",
        "991332-1234",  # month 13
    ],
)
def test_other_numbers_are_not_taken_for_personal_numbers(text) -> None:
    assert personal_number_in(text) is None


def test_next_reference_is_one_more_than_the_highest_of_the_year() -> None:
    assert next_reference(2026, []) == "SIG-2026-0001"
    taken = [
        "SIG-2026-0009",
        "SIG-2026-0002",
        "SIG-2025-0100",
        "KL 2026/9",
        "SIG-2026-x",
    ]
    assert next_reference(2026, taken) == "SIG-2026-0010"
    assert next_reference(2025, taken) == "SIG-2025-0101"


TODAY = D(2026, 3, 15)


def _problems(**kwargs) -> dict[str, list[str]]:
    values = {
        "status": "received",
        "received_on": D(2026, 3, 1),
        "closed_on": None,
        "texts": {"summary": "Brister i bemötandet."},
        "today": TODAY,
    }
    with translation.override("en"):
        return dates_and_text_problems(**{**values, **kwargs})


def test_a_sound_signal_has_no_problems() -> None:
    assert _problems() == {}
    assert _problems(status="closed", closed_on=D(2026, 3, 1)) == {}
    assert _problems(status="dismissed", closed_on=TODAY) == {}


def test_dates_and_texts_are_checked() -> None:
    assert set(_problems(received_on=D(2026, 3, 16))) == {"received_on"}
    assert _problems(status="closed")["closed_on"] == [
        "A closed or dismissed signal needs the date it was closed."
    ]
    assert set(_problems(status="investigating", closed_on=D(2026, 3, 2))) == {
        "closed_on"
    }
    assert _problems(status="closed", closed_on=D(2026, 2, 28))["closed_on"] == [
        "A signal cannot be closed before it was received."
    ]
    assert set(_problems(status="closed", closed_on=D(2026, 3, 16))) == {"closed_on"}
    found = _problems(texts={"summary": "ok", "handling_note": "Gäller 121212-1212"})
    assert set(found) == {"handling_note"}
    assert "121212-1212" in found["handling_note"][0]
