"""What an import reports: counts and natural keys per sheet."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.core.tabular import Issue
from foljsam.registry.importing.report import ImportReport, SheetSummary, natural_key
from foljsam.registry.importing.state import (
    AgreementRecord,
    ContractAreaRecord,
    OrganisationRecord,
    ProviderRecord,
    UnitRecord,
)
from foljsam.registry.importing.validate import SheetPlan


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (OrganisationRecord("sof", "SoF", "central_office"), "sof"),
        (ContractAreaRecord("boendestod", "Boendestöd", "SoL"), "boendestod"),
        (ProviderRecord("5560000001", "Ek AB", "company"), "5560000001"),
        (UnitRecord("V1", "5560000001", "Ek"), "V1"),
        (
            AgreementRecord(
                "SN 2024/1", "5560000001", "boendestod", "lov", dt.date(2024, 1, 1)
            ),
            "SN 2024/1",
        ),
    ],
)
def test_natural_key(record: object, key: str) -> None:
    assert natural_key(record) == key  # type: ignore[arg-type]


def test_natural_key_of_something_else_is_an_error() -> None:
    with pytest.raises(TypeError):
        natural_key("V1")  # type: ignore[arg-type]


def test_sheet_summary_from_plan() -> None:
    plan = SheetPlan(
        "units",
        create=(UnitRecord("V2", "5560000001", "Ny"),),
        update=((UnitRecord("V1", "5560000001", "Ek"), ("name", "placements")),),
        unchanged=4,
    )

    summary = SheetSummary.from_plan(plan)

    assert summary == SheetSummary(
        "units", ("V2",), (("V1", ("name", "placements")),), 4
    )
    assert summary.total == 6


def test_import_report_counts() -> None:
    report = ImportReport(
        sheets=(
            SheetSummary("providers", ("1", "2"), (), 3),
            SheetSummary("units", (), (("V1", ("name",)),), 0),
        )
    )

    assert report.ok
    assert (report.created, report.updated) == (2, 1)
    assert report.has_changes


def test_import_report_with_issues_is_not_ok_and_unchanged_is_no_change() -> None:
    report = ImportReport(
        issues=(Issue("units", 2, "name", "A value is required."),),
        sheets=(SheetSummary("units", (), (), 5),),
    )

    assert not report.ok
    assert not report.has_changes
    assert (report.created, report.updated) == (0, 0)
