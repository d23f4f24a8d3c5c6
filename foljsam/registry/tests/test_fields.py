"""Parsers for one cell of a registry import each."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.registry.importing import fields
from foljsam.registry.importing.fields import FieldError
from foljsam.registry.importing.schema import (
    AGREEMENT_KINDS,
    LAWS,
    ORGANISATION_KINDS,
    PROVIDER_KINDS,
)


def test_text_collapses_whitespace() -> None:
    assert fields.text("  Ateljé \n  Ek\t AB ", max_length=20) == "Ateljé Ek AB"
    assert fields.text("", max_length=5) == ""


def test_text_required_and_length() -> None:
    with pytest.raises(FieldError):
        fields.text("   ", max_length=5, required=True)
    assert fields.text("abcde", max_length=5) == "abcde"
    with pytest.raises(FieldError) as raised:
        fields.text("abcdef", max_length=5)
    assert "5" in raised.value.message
    assert "6" in raised.value.message


@pytest.mark.parametrize("value", ["Ek\x00AB", "Ek\x07", "\x1bEk", "Ek\x7f"])
def test_text_refuses_control_characters(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.text(value, max_length=50)
    assert "\\x" in raised.value.message


def test_code_is_stripped_and_lower_cased() -> None:
    assert fields.code("  SDF-Bromma ") == "sdf-bromma"
    assert fields.code("a.b_c-1") == "a.b_c-1"
    assert fields.code("", required=False) is None
    with pytest.raises(FieldError):
        fields.code(" ")


@pytest.mark.parametrize("value", ["Söder malm", "södermalm", "-sdf", "a" * 41, "x/y"])
def test_code_refuses_other_characters_showing_what_was_written(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.code(value)
    assert value in raised.value.message


@pytest.mark.parametrize(
    "value", ["556000-0001", "5560000001", " 556000 0001 ", "556000-0001\n"]
)
def test_org_number_is_stored_as_ten_digits(value: str) -> None:
    assert fields.org_number(value) == "5560000001"


@pytest.mark.parametrize("value", ["556000-0000", "55600000", "16556000-0001", "abc"])
def test_org_number_refuses_invalid_numbers(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.org_number(value)
    assert value in raised.value.message


def test_org_number_is_required() -> None:
    with pytest.raises(FieldError):
        fields.org_number("  ")


@pytest.mark.parametrize(
    ("value", "options", "expected"),
    [
        ("district_office", ORGANISATION_KINDS, "district_office"),
        ("Stadsdelsförvaltning", ORGANISATION_KINDS, "district_office"),
        ("SDF", ORGANISATION_KINDS, "district_office"),
        ("Socialförvaltning", ORGANISATION_KINDS, "central_office"),
        ("Socialförvaltningen", ORGANISATION_KINDS, "central_office"),
        ("Stadsdelsförvaltningen", ORGANISATION_KINDS, "district_office"),
        ("Utbildningsförvaltningen", ORGANISATION_KINDS, "education_office"),
        ("Utbildningsförvaltning", ORGANISATION_KINDS, "education_office"),
        ("Övrig", ORGANISATION_KINDS, "other"),
        ("sol", LAWS, "SoL"),
        ("LSS", LAWS, "LSS"),
        ("Aktiebolag", PROVIDER_KINDS, "company"),
        ("Idéburen", PROVIDER_KINDS, "nonprofit"),
        ("Non-profit", PROVIDER_KINDS, "nonprofit"),
        ("Egen regi", PROVIDER_KINDS, "municipal"),
        ("LOV", AGREEMENT_KINDS, "lov"),
        ("Ramavtal", AGREEMENT_KINDS, "lou"),
        ("Individuellt avtal", AGREEMENT_KINDS, "individual"),
        ("Uppdragsbeskrivning", AGREEMENT_KINDS, "mission"),
    ],
)
def test_choice_accepts_swedish_and_english_spellings(
    value: str, options: dict[str, tuple[str, ...]], expected: str
) -> None:
    assert fields.choice(value, options) == expected


def test_choice_unknown_value_lists_the_allowed_ones() -> None:
    with pytest.raises(FieldError) as raised:
        fields.choice("HSL", LAWS)
    assert "HSL" in raised.value.message
    assert "SoL" in raised.value.message
    assert "LSS" in raised.value.message


def test_choice_is_required() -> None:
    with pytest.raises(FieldError):
        fields.choice(" ", LAWS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-02", dt.date(2024, 1, 2)),
        (" 2024-01-02 ", dt.date(2024, 1, 2)),
        ("2024-01-02 00:00:00", dt.date(2024, 1, 2)),
        ("2024-01-02T00:00", dt.date(2024, 1, 2)),
        ("", None),
    ],
)
def test_date(value: str, expected: dt.date | None) -> None:
    assert fields.date(value) == expected


@pytest.mark.parametrize(
    "value", ["2024-02-30", "02/01/2024", "2 jan 2024", "2024-01-02 14:30:00"]
)
def test_date_refuses_other_writings(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.date(value)
    assert value in raised.value.message


def test_date_required() -> None:
    with pytest.raises(FieldError):
        fields.date("", required=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (" 0 ", 0), ("1 200", 1200), ("1\u00a0200", 1200), ("", 3)],
)
def test_whole_number(value: str, expected: int) -> None:
    assert fields.whole_number(value, minimum=0, maximum=10_000, default=3) == expected


@pytest.mark.parametrize("value", ["12.5", "tolv", "-1", "10001"])
def test_whole_number_refuses_fractions_words_and_out_of_range(value: str) -> None:
    with pytest.raises(FieldError):
        fields.whole_number(value, minimum=0, maximum=10_000, default=3)


def test_whole_number_without_default_is_required() -> None:
    with pytest.raises(FieldError):
        fields.whole_number("", minimum=0, maximum=1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11628", "116 28"),
        ("116 28", "116 28"),
        (" 116\u00a028 ", "116 28"),
        ("", ""),
    ],
)
def test_postal_code(value: str, expected: str) -> None:
    assert fields.postal_code(value) == expected


@pytest.mark.parametrize(
    "value", ["1162", "116 288", "SE-11628", "116-28", "\u0661\u0662\u0663\u0664\u0665"]
)
def test_postal_code_refuses_other_forms(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.postal_code(value)
    assert value in raised.value.message


def test_id_list() -> None:
    assert fields.id_list("V1; V2;;V3\nV4 ;V1", max_length=5) == frozenset(
        {"V1", "V2", "V3", "V4"}
    )
    assert fields.id_list("", max_length=5) == frozenset()
    # Spaces inside an id are read as the units sheet reads them.
    assert fields.id_list("V  1", max_length=5) == frozenset(
        {fields.text("V  1", max_length=5)}
    )


def test_id_list_refuses_long_ids() -> None:
    with pytest.raises(FieldError) as raised:
        fields.id_list("V1;V123456", max_length=5)
    assert "V123456" in raised.value.message


def test_email_is_kept_as_written_and_empty_is_none() -> None:
    assert fields.email("  uppfoljning@ek.example.se ") == "uppfoljning@ek.example.se"
    assert fields.email("   ") == ""


@pytest.mark.parametrize(
    "value", ["uppfoljning", "ek@", "@ek.se", "a b@ek.se", "x@" + "e" * 250 + ".se"]
)
def test_email_refuses_what_is_not_an_address(value: str) -> None:
    with pytest.raises(FieldError) as raised:
        fields.email(value)
    assert value[:20] in raised.value.message
