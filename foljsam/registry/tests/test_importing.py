"""The registry import, end to end against the database: validate everything
against the file and the registry together, then write all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from foljsam.accounts.access import SYSTEM
from foljsam.accounts.models import Organisation
from foljsam.core.tabular import Issue, read_path, tables_from_records
from foljsam.demo import city
from foljsam.demo.loader import load_demo
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.importing.state import load_state
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    OperatingArea,
    Provider,
    ResponsibilityRule,
    Unit,
)
from foljsam.registry.responsibility_map import (
    OrgRef,
    active_units,
    gap_list,
    responsibility_map,
)
from foljsam.registry.services import registry_import
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    CityFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)
from foljsam.registry.tests.workbooks import (
    AL,
    BAD_CHECKSUM,
    CITY,
    EK,
    NEW,
    NOWHERE,
    Sheets,
    base_sheets,
    write_csv_folder,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def import_sheets(sheets: Sheets, tmp_path: Path, **kwargs: Any) -> ImportReport:
    """Through a real XLSX file, as the command and the upload page read it."""
    path = write_xlsx(tmp_path / "register.xlsx", sheets)
    return registry_import(actor=None, raw=read_path(path), **kwargs)


def import_records(records: dict[str, list[dict[str, Any]]]) -> ImportReport:
    return registry_import(actor=None, tables=tables_from_records(records))


def places(report: ImportReport) -> set[tuple[str, int | None, str | None]]:
    return {(i.sheet, i.row, i.column) for i in report.issues}


def issue_at(report: ImportReport, sheet: str, row: int, column: str) -> Issue:
    found = [
        i for i in report.issues if (i.sheet, i.row, i.column) == (sheet, row, column)
    ]
    assert found, f"no issue at {sheet} row {row} column {column}: {report.issues}"
    return found[0]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row and value of every registry table, timestamps included."""
    models = [
        Organisation,
        OperatingArea,
        ContractArea,
        Provider,
        Unit,
        Agreement,
        Agreement.units.through,
        ResponsibilityRule,
    ]
    return {
        model._meta.db_table: list(model._default_manager.order_by("pk").values())
        for model in models
    }


def set_cell(sheets: Sheets, sheet: str, key: str, column: str, value: Any) -> None:
    header = sheets[sheet][0]
    for row in sheets[sheet][1:]:
        if row[0] == key:
            row[header.index(column)] = value
            return
    raise KeyError(key)


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[Sheets]:
    """The base city, imported; yields its sheets for the test to change."""
    report = import_sheets(base_sheets(), tmp_path)
    assert report.ok, report.issues
    assert report.applied
    yield base_sheets()


# A correct workbook ---------------------------------------------------------------


def test_a_correct_workbook_imports_everything(tmp_path: Path) -> None:
    report = import_sheets(base_sheets(), tmp_path)

    assert report.ok
    assert report.applied
    assert report.created == 4 + 3 + 3 + 5 + 3
    assert report.updated == 0
    assert set(Organisation.objects.values_list("code", flat=True)) == {
        "sof",
        "sdf-sodermalm",
        "sdf-bromma",
        "utbf",
    }
    v1 = Unit.objects.select_related("provider", "district").get(external_id="V1")
    assert (v1.provider.org_number, v1.district.code, v1.placements) == (
        EK,
        "sdf-sodermalm",
        12,
    )
    assert v1.opened_on == dt.date(2020, 1, 1)
    assert v1.operated_by is None
    k1 = Unit.objects.get(external_id="K1")
    assert k1.operated_by.code == "utbf"
    mission = Agreement.objects.get(reference="UB korttidstillsyn")
    assert mission.signed_by is None
    assert set(mission.units.values_list("external_id", flat=True)) == {"K1", "K2"}
    lou = Agreement.objects.get(reference="SN 2021/0002")
    assert (lou.valid_to, lou.signed_by.code) == (dt.date(2027, 2, 28), "sof")
    area = ContractArea.objects.get(code="missbruk-vuxna")
    assert (area.law, area.cycle_years, area.operating_area.code) == (
        "SoL",
        2,
        "missbruk",
    )


def test_reimporting_the_same_workbook_changes_nothing(
    imported: Sheets, tmp_path: Path
) -> None:
    before = snapshot()

    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        report = import_sheets(imported, tmp_path)

    assert report.ok
    assert (report.created, report.updated) == (0, 0)
    assert sum(s.unchanged for s in report.sheets) == 18
    assert snapshot() == before


def test_a_changed_cell_is_exactly_one_update_naming_the_field(
    imported: Sheets, tmp_path: Path
) -> None:
    before = {u.external_id: u.updated_at for u in Unit.objects.all()}
    set_cell(imported, "units", "V2", "placements", 7)

    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        report = import_sheets(imported, tmp_path)

    assert report.ok
    assert (report.created, report.updated) == (0, 1)
    units = next(s for s in report.sheets if s.sheet == "units")
    assert units.updated == (("V2", ("placements",)),)
    assert Unit.objects.get(external_id="V2").placements == 7
    after = {u.external_id: u.updated_at for u in Unit.objects.all()}
    assert after["V2"] == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert {k: v for k, v in after.items() if k != "V2"} == {
        k: v for k, v in before.items() if k != "V2"
    }


def test_a_changed_unit_list_replaces_the_agreements_units(
    imported: Sheets, tmp_path: Path
) -> None:
    set_cell(imported, "agreements", "SN 2020/0001", "unit_ids", "V2")
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)

    with time_machine.travel(later, tick=False):
        report = import_sheets(imported, tmp_path)

    assert report.ok
    agreements = next(s for s in report.sheets if s.sheet == "agreements")
    assert agreements.updated == (("SN 2020/0001", ("unit_ids",)),)
    lov = Agreement.objects.get(reference="SN 2020/0001")
    assert list(lov.units.values_list("external_id", flat=True)) == ["V2"]
    # Only the units changed, and still the agreement says when it last changed.
    assert lov.updated_at == later


def test_dry_run_writes_nothing_but_reports_creates(tmp_path: Path) -> None:
    before = snapshot()

    report = import_sheets(base_sheets(), tmp_path, dry_run=True)

    assert report.ok
    assert not report.applied
    assert report.created == 18
    units = next(s for s in report.sheets if s.sheet == "units")
    assert units.created == ("V1", "V2", "V3", "K1", "K2")
    assert snapshot() == before


def test_dry_run_reports_updates_and_writes_nothing(
    imported: Sheets, tmp_path: Path
) -> None:
    set_cell(imported, "providers", AL, "name", "Al Vård och Omsorg AB")
    imported["providers"].append([NEW, "Ny AB", "nonprofit"])
    before = snapshot()

    report = import_sheets(imported, tmp_path, dry_run=True)

    providers = next(s for s in report.sheets if s.sheet == "providers")
    assert providers.created == (NEW,)
    assert providers.updated == ((AL, ("name",)),)
    assert providers.unchanged == 2
    assert not report.applied
    assert snapshot() == before


def test_command_dry_run_lists_what_would_change(
    imported: Sheets, tmp_path: Path
) -> None:
    set_cell(imported, "units", "V1", "name", "Ateljé Eken")
    imported["units"].append(
        ["V9", EK, "Café Ek", None, None, None, "sdf-sodermalm", None, 0, None, None]
    )
    path = write_xlsx(tmp_path / "changed.xlsx", imported)
    before = snapshot()
    out = io.StringIO()

    call_command("import_registry", str(path), "--dry-run", stdout=out)

    assert "  + V9" in out.getvalue()
    assert "  ~ V1: name" in out.getvalue()
    assert snapshot() == before


def test_command_imports_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "register.xlsx", base_sheets())
    out = io.StringIO()

    call_command("import_registry", str(path), stdout=out)

    assert Unit.objects.count() == 5
    assert Agreement.objects.count() == 3


def test_command_refuses_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"not a workbook")

    with pytest.raises(CommandError):
        call_command("import_registry", str(path))


# A workbook with errors in every sheet -----------------------------------------


def broken_sheets() -> tuple[Sheets, dict[tuple[str, int, str], str]]:
    """The base city plus rows with mistakes in each of the five sheets; and, for
    each expected issue, a text the message must contain (the offending value, or
    the allowed range; "" where the mistake is a value that should not be there
    or is missing, so only the place is checked)."""
    sheets = base_sheets()
    organisations = sheets["organisations"]
    organisations.append(["Söder malm", "Söder", "district_office"])  # row 6
    organisations.append(["sdf-farsta", "Farsta", "kommun"])  # row 7
    areas = sheets["contract_areas"]
    areas.append(["hsl-vard", "Hälso- och sjukvård", "HSL", "", 3, None])  # row 5
    areas.append(["stodboende", "Stödboende", "SoL", "", 0, None])  # row 6
    areas.append(["boendestod", "Boendestöd", "SoL", "", 3, "okand"])  # row 7
    providers = sheets["providers"]
    providers.append([BAD_CHECKSUM, "Fel AB", "company"])  # row 5
    providers.append([NEW, "Ny stiftelse", "stiftelse"])  # row 6
    units = sheets["units"]
    empty = [None, None, None]
    units.append(["V4", EK, "Café Ek", *empty, "sdf-atlantis", None, 3, None, None])
    units.append(
        ["V5", EK, "Trädgård Ek", None, "1234", None, None, None, 3, None, None]
    )
    units.append(["V6", NOWHERE, "Okänd", *empty, None, None, 3, None, None])
    units.append(
        [
            "V7",
            EK,
            "Stängd Ek",
            *empty,
            None,
            None,
            3,
            dt.date(2024, 5, 1),
            dt.date(2024, 1, 1),
        ]
    )  # rows 7-10
    agreements = sheets["agreements"]
    agreements.append(
        ["UB 2", CITY, "korttidstillsyn", "mission", "sof", dt.date(2020, 1, 1)]
    )  # row 5
    agreements.append(
        ["SN 2024/0003", EK, "daglig-verksamhet", "lov", "sof", "2024-02-30"]
    )  # row 6
    agreements.append(
        [
            "SN 2024/0004",
            EK,
            "daglig-verksamhet",
            "lov",
            "sof",
            dt.date(2024, 1, 1),
            None,
            None,
            None,
            "V1;V3",
        ]
    )  # row 7
    agreements.append(
        ["SN 2024/0005", AL, "okant-omrade", "ramavtal", "sof", dt.date(2024, 1, 1)]
    )  # row 8
    agreements.append(
        ["SN 2024/0006", EK, "daglig-verksamhet", "lov", None, dt.date(2024, 1, 1)]
    )  # row 9
    agreements.append(
        [
            "SN 2024/0007",
            AL,
            "missbruk-vuxna",
            "lou",
            "sof",
            dt.date(2024, 1, 1),
            dt.date(2023, 12, 31),
        ]
    )  # row 10
    expected = {
        ("organisations", 6, "code"): "Söder malm",
        ("organisations", 7, "kind"): "kommun",
        ("contract_areas", 5, "law"): "HSL",
        ("contract_areas", 6, "cycle_years"): "10",
        ("contract_areas", 7, "operating_area"): "okand",
        ("providers", 5, "org_number"): BAD_CHECKSUM,
        ("providers", 6, "kind"): "stiftelse",
        ("units", 7, "district"): "sdf-atlantis",
        ("units", 8, "postal_code"): "1234",
        ("units", 9, "provider_org_number"): NOWHERE,
        ("units", 10, "closed_on"): "2024-01-01",
        ("agreements", 5, "signed_by"): "",
        ("agreements", 6, "valid_from"): "2024-02-30",
        ("agreements", 7, "unit_ids"): "V3",
        ("agreements", 8, "contract_area"): "okant-omrade",
        ("agreements", 9, "signed_by"): "",
        ("agreements", 10, "valid_to"): "2023-12-31",
    }
    return sheets, expected


def test_errors_in_every_sheet_are_all_listed_and_nothing_is_written(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets, expected = broken_sheets()
    before = snapshot()

    with translation.override("sv"):
        report = import_sheets(sheets, tmp_path)

    assert not report.ok
    assert not report.applied
    assert places(report) == set(expected)
    for (sheet, row, column), value in expected.items():
        assert value in issue_at(report, sheet, row, column).message
    # The unit of another provider is named with its provider.
    assert AL in issue_at(report, "agreements", 7, "unit_ids").message
    assert snapshot() == before


@pytest.mark.skipif(
    not (settings.BASE_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.mo").exists(),
    reason="the Swedish catalogue is not compiled",
)
def test_error_messages_follow_the_active_language(tmp_path: Path) -> None:
    sheets, expected = broken_sheets()

    with translation.override("en"):
        english = import_sheets(sheets, tmp_path)
    with translation.override("sv"):
        swedish = import_sheets(sheets, tmp_path)
        swedish_text = [str(issue) for issue in swedish.issues]

    assert places(swedish) == places(english) == set(expected)
    for en, sv in zip(english.issues, swedish.issues, strict=True):
        assert sv.message != en.message, en.message
    # The place is in Swedish too, and still names sheet, row and column.
    assert swedish_text[0] != str(english.issues[0])
    assert "organisations" in swedish_text[0]
    assert "6" in swedish_text[0]


def test_errors_in_every_sheet_on_an_empty_registry_write_nothing(
    tmp_path: Path,
) -> None:
    sheets, expected = broken_sheets()
    before = snapshot()

    report = import_sheets(sheets, tmp_path)

    assert places(report) == set(expected)
    assert snapshot() == before
    assert not Unit.objects.exists()


def test_issues_are_listed_in_sheet_and_row_order(tmp_path: Path) -> None:
    sheets, _expected = broken_sheets()

    report = import_sheets(sheets, tmp_path)

    order = ["organisations", "contract_areas", "providers", "units", "agreements"]
    keys = [(order.index(i.sheet), i.row or 0) for i in report.issues]
    assert keys == sorted(keys)


def test_command_lists_every_error_and_fails(imported: Sheets, tmp_path: Path) -> None:
    sheets, expected = broken_sheets()
    path = write_xlsx(tmp_path / "broken.xlsx", sheets)
    before = snapshot()
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_registry", str(path), stdout=out, stderr=err)

    assert str(len(expected)) in str(raised.value)
    lines = err.getvalue().splitlines()
    assert len(lines) == len(expected)
    for value in ("sdf-atlantis", BAD_CHECKSUM, "2024-02-30", "okant-omrade"):
        assert any(value in line for line in lines)
    assert "V7" not in out.getvalue()
    assert snapshot() == before


def test_a_missing_required_column_is_reported_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    sheets = base_sheets()
    sheets["units"] = [row[1:] for row in sheets["units"]]  # no unit_id column
    before = snapshot()

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("units", 1, "unit_id")}
    assert snapshot() == before


def test_a_file_without_any_known_sheet_is_an_issue(tmp_path: Path) -> None:
    report = import_sheets({"Blad1": [["a", "b"], ["1", "2"]]}, tmp_path)

    assert not report.ok
    assert report.ignored_sheets == ("Blad1",)
    assert places(report) == {("", None, None)}


# References across sheets and the database --------------------------------------


def test_a_unit_may_refer_to_a_provider_only_in_the_database(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets = {
        "units": [
            imported["units"][0],
            ["V8", AL, "Stödboende Al", None, None, None, "sdf-bromma"],
        ]
    }

    report = import_sheets(sheets, tmp_path)

    assert report.ok, report.issues
    assert Unit.objects.get(external_id="V8").provider.org_number == AL


def test_an_agreement_may_refer_to_units_only_in_the_file(tmp_path: Path) -> None:
    ContractAreaFactory(code="boendestod")
    ProviderFactory(org_number=EK)
    Organisation.objects.create(code="sof", name="SoF", kind="central_office")
    sheets = {
        "verksamheter": [
            ["Verksamhets-ID", "Utförare", "Namn"],
            ["B1", EK, "Boendestöd Ek"],
            ["B2", EK, "Boendestöd Ek 2"],
        ],
        "avtal": [
            [
                "Diarienummer",
                "Utförare",
                "Avtalsområde",
                "Avtalsform",
                "Tecknat av",
                "Giltigt från",
                "Verksamheter",
            ],
            ["SN 2025/1", EK, "boendestod", "LOV", "SOF", "2025-01-01", "B1; B2"],
        ],
    }

    report = import_sheets(sheets, tmp_path)

    assert report.ok, report.issues
    agreement = Agreement.objects.get(reference="SN 2025/1")
    assert set(agreement.units.values_list("external_id", flat=True)) == {"B1", "B2"}
    assert agreement.signed_by.code == "sof"


def test_natural_keys_match_case_and_hyphen_insensitively(
    imported: Sheets, tmp_path: Path
) -> None:
    hyphenated = f"{AL[:6]}-{AL[6:]}"
    sheets = {
        "organisations": [
            ["code", "name", "kind"],
            ["SDF-Bromma", "Bromma stadsdelsförvaltning", "district_office"],
        ],
        "providers": [["org_number", "name", "kind"], [hyphenated, "Al AB", "company"]],
    }
    organisations = Organisation.objects.count()

    report = import_sheets(sheets, tmp_path)

    assert report.ok
    assert report.created == 0
    by_sheet = {s.sheet: s for s in report.sheets}
    assert by_sheet["organisations"].unchanged == 1
    assert by_sheet["providers"].updated == ((AL, ("name",)),)
    assert Organisation.objects.count() == organisations
    assert Provider.objects.get(org_number=AL).name == "Al AB"


def test_new_keys_are_stored_normalised(tmp_path: Path) -> None:
    sheets = {
        "organisations": [["code", "name", "kind"], [" SDF-Farsta ", "Farsta", "sdf"]],
        "providers": [
            ["org_number", "name", "kind"],
            [f"{NEW[:6]}-{NEW[6:]}", "Ny AB", "Aktiebolag"],
        ],
    }

    report = import_sheets(sheets, tmp_path)

    assert report.ok
    farsta = Organisation.objects.get()
    assert (farsta.code, farsta.kind) == ("sdf-farsta", "district_office")
    provider = Provider.objects.get()
    assert (provider.org_number, provider.kind) == (NEW, "company")


def test_rows_the_file_does_not_mention_are_left_alone(
    imported: Sheets, tmp_path: Path
) -> None:
    report = import_sheets({"providers": imported["providers"][:2]}, tmp_path)

    assert report.ok
    assert Provider.objects.count() == 3
    assert Unit.objects.count() == 5


def test_absent_optional_columns_keep_their_values(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets = {
        "units": [
            ["unit_id", "provider_org_number", "name"],
            ["V1", EK, "Ateljé Eken"],
        ]
    }

    report = import_sheets(sheets, tmp_path)

    assert report.ok
    units = next(s for s in report.sheets if s.sheet == "units")
    assert units.updated == (("V1", ("name",)),)
    v1 = Unit.objects.get(external_id="V1")
    assert (v1.name, v1.placements, v1.district.code) == (
        "Ateljé Eken",
        12,
        "sdf-sodermalm",
    )


# Changes that break rows already in the database ----------------------------------


def test_a_provider_that_stops_being_the_city_is_blamed_for_its_units(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets = {
        "providers": [
            ["org_number", "name", "kind"],
            [CITY, "Stockholms stad", "company"],
        ]
    }
    before = snapshot()

    report = import_sheets(sheets, tmp_path)

    assert not report.ok
    # The units K1 and K2 (run by the education office) and the mission
    # description covering them: all blamed on the provider row that changes.
    assert places(report) == {("providers", 2, "kind")}
    messages = " ".join(i.message for i in report.issues)
    assert "K1" in messages
    assert "K2" in messages
    assert "UB korttidstillsyn" in messages
    assert snapshot() == before


def test_a_unit_moved_away_from_its_agreements_provider_is_blamed(
    imported: Sheets, tmp_path: Path
) -> None:
    moved = list(imported["units"][2])  # V2, covered by EK's LOV agreement
    moved[1] = AL
    sheets = {"units": [imported["units"][0], moved]}
    before = snapshot()

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("units", 2, "provider_org_number")}
    message = report.issues[0].message
    assert "SN 2020/0001" in message
    assert "V2" in message
    assert snapshot() == before


def test_moving_a_unit_together_with_its_agreement_is_fine(
    imported: Sheets, tmp_path: Path
) -> None:
    moved = list(imported["units"][2])
    moved[1] = AL
    sheets = {
        "units": [imported["units"][0], moved],
        "agreements": [
            imported["agreements"][0],
            [
                "SN 2020/0001",
                EK,
                "daglig-verksamhet",
                "lov",
                "sof",
                dt.date(2020, 1, 1),
                None,
                None,
                None,
                "V1",
            ],
        ],
    }

    report = import_sheets(sheets, tmp_path)

    assert report.ok, report.issues
    assert Unit.objects.get(external_id="V2").provider.org_number == AL


def test_a_district_that_stops_being_a_district_is_blamed_for_its_units(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets = {
        "organisations": [
            ["code", "name", "kind"],
            ["sdf-bromma", "Bromma", "other"],
        ]
    }

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("organisations", 2, "kind")}
    messages = " ".join(i.message for i in report.issues)
    assert "V2" in messages
    assert "K2" in messages


def test_a_second_central_office_is_refused(imported: Sheets, tmp_path: Path) -> None:
    sheets = {
        "organisations": [
            ["code", "name", "kind"],
            ["sof2", "Ny socialförvaltning", "central"],
        ]
    }

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("organisations", 2, "kind")}
    assert "sof" in report.issues[0].message


# Duplicates and follow-on errors ---------------------------------------------------


def test_a_duplicate_key_is_reported_on_the_second_row_naming_the_first(
    tmp_path: Path,
) -> None:
    sheets = base_sheets()
    sheets["providers"].append([f"{EK[:6]}-{EK[6:]}", "Ek igen AB", "company"])
    sheets["organisations"].append(["SOF", "Socialförvaltningen", "central"])

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {
        ("providers", 5, "org_number"),
        ("organisations", 6, "code"),
    }
    provider_message = issue_at(report, "providers", 5, "org_number").message
    assert EK in provider_message
    assert re.search(r"\b2\b", provider_message)
    assert re.search(r"\b2\b", issue_at(report, "organisations", 6, "code").message)
    assert not Provider.objects.exists()


def test_a_row_with_a_bad_key_still_has_its_other_cells_checked(
    tmp_path: Path,
) -> None:
    sheets = base_sheets()
    sheets["providers"].append([BAD_CHECKSUM, "", "stiftelse"])

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {
        ("providers", 5, "org_number"),
        ("providers", 5, "name"),
        ("providers", 5, "kind"),
    }


def test_a_row_that_failed_is_not_blamed_again_in_rows_that_refer_to_it(
    tmp_path: Path,
) -> None:
    sheets = base_sheets()
    set_cell(sheets, "organisations", "sdf-bromma", "name", "")
    set_cell(sheets, "contract_areas", "missbruk-vuxna", "law", "HSL")
    set_cell(sheets, "providers", EK, "kind", "okänt")
    set_cell(sheets, "units", "K1", "placements", "många")

    report = import_sheets(sheets, tmp_path)

    # Only the four rows themselves; not the units in Bromma, EK's units and
    # agreement, the LOU agreement, nor the mission description covering K1.
    assert places(report) == {
        ("organisations", 4, "name"),
        ("contract_areas", 4, "law"),
        ("providers", 2, "kind"),
        ("units", 5, "placements"),
    }


def test_a_failed_row_does_not_judge_its_references_by_the_old_values(
    imported: Sheets, tmp_path: Path
) -> None:
    # The file makes EK the city itself, with its unit run by a district; the
    # provider row fails on another cell. The unit row must not be judged by EK's
    # old kind (company) in the database.
    sheets = {
        "providers": [["org_number", "name", "kind"], [EK, "", "municipal"]],
        "units": [
            imported["units"][0],
            ["V1", EK, "Ateljé Ek", None, None, None, "sdf-sodermalm", "sdf-sodermalm"],
        ],
    }

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("providers", 2, "name")}


def test_a_failed_unit_row_is_not_judged_by_its_old_provider(
    imported: Sheets, tmp_path: Path
) -> None:
    sheets = {
        "units": [
            imported["units"][0],
            ["V3", EK, "Behandlingshem Al", None, "fel", None, None, None],
        ],
        "agreements": [
            imported["agreements"][0],
            [
                "SN 2020/0001",
                EK,
                "daglig-verksamhet",
                "lov",
                "sof",
                dt.date(2020, 1, 1),
                None,
                None,
                None,
                "V1;V2;V3",
            ],
        ],
    }

    report = import_sheets(sheets, tmp_path)

    assert places(report) == {("units", 2, "postal_code")}


@pytest.mark.parametrize(
    ("column", "value"),
    [("name", "Ek\x00AB"), ("address", "Väg\x071")],
)
def test_control_characters_are_refused_before_writing(
    tmp_path: Path, column: str, value: str
) -> None:
    sheets = base_sheets()
    set_cell(sheets, "units", "V1", column, value)

    report = import_records(
        {
            name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
            for name, rows in sheets.items()
        }
    )

    assert places(report) == {("units", 2, column)}
    assert not Unit.objects.exists()


# CSV folders -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_csv_folder_with_swedish_headers_imports_like_the_workbook(
    tmp_path: Path, encoding: str
) -> None:
    folder = write_csv_folder(tmp_path / "csv", base_sheets(), encoding)

    report = registry_import(actor=None, raw=read_path(folder))

    assert report.ok, report.issues
    assert report.created == 18
    assert report.ignored_columns == ()
    state = load_state()
    # The same city as a workbook: importing the XLSX now changes nothing.
    again = import_sheets(base_sheets(), tmp_path)
    assert again.ok
    assert (again.created, again.updated) == (0, 0)
    assert load_state() == state
    assert Unit.objects.get(external_id="V3").city == "Södertälje"


def test_a_csv_folder_with_errors_names_the_swedish_file_rows(tmp_path: Path) -> None:
    sheets, expected = broken_sheets()
    folder = write_csv_folder(tmp_path / "csv", sheets, "utf-8")

    report = registry_import(actor=None, raw=read_path(folder))

    # Issues use the canonical sheet names, whatever the files are called.
    assert places(report) == set(expected)
    assert not Unit.objects.exists()


def test_the_command_imports_a_csv_folder(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "csv", base_sheets(), "cp1252")

    call_command("import_registry", str(folder), stdout=io.StringIO())

    assert Unit.objects.count() == 5
    assert Organisation.objects.get(code="sdf-sodermalm").name == (
        "Södermalms stadsdelsförvaltning"
    )


# The demo city ---------------------------------------------------------------------

TODAY = dt.date(2026, 3, 1)


def test_the_demo_city_imports_cleanly_and_a_second_load_changes_nothing() -> None:
    first = load_demo()
    before = snapshot()

    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        second = load_demo()

    assert first.report.ok
    assert first.report.created > 900
    assert (second.report.created, second.report.updated) == (0, 0)
    assert (second.rules_created, second.users_created) == (0, 0)
    assert snapshot() == before


def test_the_demo_map_covers_every_active_unit_with_both_organisations() -> None:
    load_demo()

    rows = responsibility_map(user=SYSTEM, today=TODAY)

    active = set(Unit.objects.filter(active_units(TODAY)).values_list("id", flat=True))
    assert {row.unit.id for row in rows} == active
    assert len(active) > 400
    assert [row for row in rows if row.responsible is None] == []
    assert [row for row in rows if row.performer is None] == []
    assert [row for row in rows if row.gap is not None] == []


def test_the_demo_ktt_schools_are_central_with_their_own_district_visiting() -> None:
    load_demo()

    rows = [
        row
        for row in responsibility_map(user=SYSTEM, today=TODAY)
        if row.contract_area and row.contract_area.code == "korttidstillsyn"
    ]

    assert len(rows) == 20
    for row in rows:
        assert row.unit.operator is not None
        assert row.unit.operator.code == city.EDUCATION
        assert row.responsible is not None
        assert row.responsible.code == city.CENTRAL
        assert row.unit.district is not None
        assert row.performer == row.unit.district
    # The schools lie in many districts, so the visits are shared out.
    assert len({row.performer.code for row in rows if row.performer}) > 10


def _code(org: OrgRef | None) -> str:
    return org.code if org else ""


def test_the_demo_family_counselling_rule_overrides_the_lov_default() -> None:
    load_demo()

    rows = [
        row
        for row in responsibility_map(user=SYSTEM, today=TODAY)
        if row.contract_area and row.contract_area.code == "familjeradgivning"
    ]

    assert len(rows) == 25
    pairs = {(_code(r.responsible), _code(r.performer)) for r in rows}
    assert pairs == {(city.CENTRAL, city.CENTRAL)}


def _queries(selector: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        selector()
    return len(queries)


def test_the_map_takes_as_many_queries_for_a_large_registry_as_for_a_small() -> None:
    unit = UnitFactory(provider=ProviderFactory())
    AgreementFactory(provider=unit.provider, units=[unit])
    own = UnitFactory(provider=CityFactory(), operated_by=unit.district)
    AgreementFactory(provider=own.provider, kind="mission", signed_by=None, units=[own])
    assert len(responsibility_map(user=SYSTEM, today=TODAY)) == 2
    small_map = _queries(lambda: responsibility_map(user=SYSTEM, today=TODAY))
    small_gaps = _queries(lambda: gap_list(user=SYSTEM, today=TODAY))

    report = import_records(city.generate())
    assert report.ok, report.issues[:5]
    assert len(responsibility_map(user=SYSTEM, today=TODAY)) > 400

    assert _queries(lambda: responsibility_map(user=SYSTEM, today=TODAY)) == small_map
    assert _queries(lambda: gap_list(user=SYSTEM, today=TODAY)) == small_gaps


def test_a_row_with_a_bad_cell_still_gets_its_other_checks() -> None:
    """One upload lists every mistake: a bad cell does not hide the row's unknown
    references, but checks that read the bad cell are not guessed at."""
    CentralOfficeFactory()
    report = import_records(
        {
            "units": [
                {
                    "unit_id": "N1",
                    "provider_org_number": "5560125790",
                    "name": "Ny",
                    "district": "sdf-saknas",
                    "placements": "många",
                }
            ],
            "agreements": [
                {
                    "reference": "SN 2026/1",
                    "provider_org_number": "5560125790",
                    "contract_area": "okant-omrade",
                    "kind": "uppdragsbeskrivning",
                    "signed_by": "sof",
                    "valid_from": "2026-13-01",
                    "valid_to": "2026-01-01",
                    "unit_ids": "N1;N2",
                },
                {
                    "reference": "SN 2026/2",
                    "provider_org_number": "5560125790",
                    "contract_area": "okant-omrade",
                    "kind": "vet inte",
                    "valid_from": "2026-01-01",
                },
            ],
        }
    )
    assert places(report) == {
        ("units", 2, "placements"),
        ("units", 2, "provider_org_number"),
        ("units", 2, "district"),
        ("agreements", 2, "valid_from"),
        ("agreements", 2, "provider_org_number"),
        ("agreements", 2, "contract_area"),
        ("agreements", 2, "signed_by"),  # a mission description is not signed
        ("agreements", 2, "unit_ids"),  # N2 is unknown; N1 is only broken
        # valid_to is not compared with an unreadable valid_from.
        ("agreements", 3, "kind"),
        ("agreements", 3, "provider_org_number"),
        ("agreements", 3, "contract_area"),
        # signed_by is empty, but whether it must be depends on the bad kind.
    }
    assert "N2" in issue_at(report, "agreements", 2, "unit_ids").message
    assert not Unit.objects.filter(external_id="N1").exists()


def test_a_contract_area_s_addresses_may_be_protected(
    imported: Sheets, tmp_path: Path
) -> None:
    """Issue 8: the column ``skyddad adress`` (yes/no) marks the areas whose units'
    addresses are never published; a sheet without it keeps what is stored, and a
    value that is neither yes nor no is named by row and column."""
    areas = imported["contract_areas"]
    areas[0] = [*areas[0], "skyddad adress"]
    for row in areas[1:]:
        row.append("ja" if row[0] == "korttidstillsyn" else "")
    assert import_sheets(imported, tmp_path).ok
    protected = ContractArea.objects.filter(address_protected=True)
    assert list(protected.values_list("code", flat=True)) == ["korttidstillsyn"]

    areas[1][-1] = "kanske"
    report = import_sheets(imported, tmp_path)
    assert not report.ok
    assert any(
        i.row == 2 and i.column == "address_protected" and "kanske" in i.message
        for i in report.issues
    )
    assert ContractArea.objects.filter(address_protected=True).count() == 1
