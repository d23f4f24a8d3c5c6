"""The import's sheets, columns and coded values are consistent with the models."""

from __future__ import annotations

from collections import Counter

import pytest

from foljsam.accounts.models import OrganisationKind
from foljsam.core.tabular import normalise_name
from foljsam.registry.choices import AgreementKind, Law, ProviderKind
from foljsam.registry.importing.schema import (
    AGREEMENT_KINDS,
    LAWS,
    ORGANISATION_KINDS,
    PROVIDER_KINDS,
    SHEET_ORDER,
    SHEETS,
)


def test_the_sheets_are_the_ones_in_import_order() -> None:
    assert tuple(spec.name for spec in SHEETS) == SHEET_ORDER


def test_no_two_sheets_share_a_name_or_alias() -> None:
    names = Counter(
        alias
        for spec in SHEETS
        for alias in {normalise_name(a) for a in (spec.name, *spec.aliases)}
    )

    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize("spec", SHEETS, ids=lambda spec: spec.name)
def test_no_two_columns_of_a_sheet_share_a_name_or_alias(spec: object) -> None:
    names = Counter(
        alias
        for column in spec.columns  # type: ignore[attr-defined]
        for alias in {normalise_name(a) for a in (column.name, *column.aliases)}
    )

    assert [name for name, count in names.items() if count > 1] == []


@pytest.mark.parametrize(
    ("options", "choices"),
    [
        (ORGANISATION_KINDS, OrganisationKind),
        (LAWS, Law),
        (PROVIDER_KINDS, ProviderKind),
        (AGREEMENT_KINDS, AgreementKind),
    ],
)
def test_coded_values_are_the_models_choices_with_reachable_aliases(
    options: dict[str, tuple[str, ...]], choices: type[object]
) -> None:
    assert set(options) == set(choices.values)  # type: ignore[attr-defined]
    for aliases in options.values():
        for alias in aliases:
            # fields.choice compares normalised text with the alias as written.
            assert normalise_name(alias) == alias
