"""The signal import, end to end against the database: every row checked against
the file and the registry, then all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.complaints import events
from foljsam.complaints.importing.report import SignalImportReport
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.services import signals_import
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.core.models import Event
from foljsam.core.tabular import read_path, tables_from_records
from foljsam.registry.tests.factories import (
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
    org_number,
)

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
EK = org_number(101)
AL = org_number(102)
HEADER = "reference,received_on,source,category,summary,provider_org_number,unit_id"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def registry(district):
    ek = ProviderFactory(org_number=EK, name="Ek Omsorg AB")
    al = ProviderFactory(org_number=AL, name="Al Vård AB")
    return {
        "ek": ek,
        "al": al,
        "ek1": UnitFactory(provider=ek, external_id="EK-1"),
        "al1": UnitFactory(provider=al, external_id="AL-1"),
        "dv": ContractAreaFactory(code="daglig-verksamhet"),
    }


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "s.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_path(path)


def _import(raw, actor=None, **kwargs) -> SignalImportReport:
    return signals_import(actor=actor, raw=raw, source="signaler.csv", **kwargs)


def places(report: SignalImportReport) -> set[tuple[int | None, str | None]]:
    return {(issue.row, issue.column) for issue in report.issues}


def test_a_good_file_is_imported(registry, coordinator, central_office, tmp_path):
    text = (
        "reference,received_on,source,category,summary,provider_org_number,"
        "unit_id,contract_area,status,closed_on,organisation\n"
        f"KL 2026/1,2026-01-10,complaint,bemotande,Sent bemötande,{EK},,,,,\n"
        "KL 2026/2,2026-02-01,deviation,sakerhet,Brister i brandskydd,,AL-1,,,,\n"
        f"KL 2026/3,2025-11-30,lex_sarah,dokumentation,Rutin saknades,{EK},EK-1,"
        "daglig-verksamhet,closed,2026-01-31,sdf-sodermalm\n"
    )
    report = _import(_csv(tmp_path, text), actor=coordinator)
    assert report.ok and report.applied, report.issues
    assert report.created == ("KL 2026/1", "KL 2026/2", "KL 2026/3")
    one, two, three = Signal.objects.order_by("reference")
    assert (one.provider, one.unit, one.organisation) == (
        registry["ek"],
        None,
        central_office,
    )
    assert one.status == Signal.Status.RECEIVED and one.recorded_by == coordinator
    # The unit's provider, when only the unit is given.
    assert (two.provider, two.unit) == (registry["al"], registry["al1"])
    assert three.contract_area == registry["dv"]
    assert (three.status, three.closed_on) == ("closed", D(2026, 1, 31))
    assert three.organisation.code == "sdf-sodermalm"
    record = three.history.get()
    assert record.history_user == coordinator
    assert "signaler.csv" in record.history_change_reason
    event = Event.objects.get(action=events.IMPORTED)
    assert event.data == {"source": "signaler.csv", "created": 3, "updated": 0}


def test_swedish_headers_values_and_sheet_name(registry, coordinator, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Instruktioner"
    sheet = workbook.create_sheet("Signaler")
    sheet.append(
        [
            "Diarienummer",
            "Inkom",
            "Källa",
            "Kategori",
            "Sammanfattning",
            "Utförarens organisationsnummer",
            "Handläggningsstatus",
            "Avslutad den",
        ]
    )
    hyphenated = f"{EK[:6]}-{EK[6:]}"
    sheet.append(
        [
            "SOF 2026/12",
            dt.datetime(2026, 2, 3),
            "Klagomål",
            "Bemötande",
            "Sent",
            hyphenated,
            "Avslutad",
            dt.datetime(2026, 3, 1),
        ]
    )
    sheet.append(
        ["SOF 2026/13", "2026-02-04", "Avvikelserapport", "ovrigt", "X", EK, "", ""]
    )
    sheet.append(
        ["SOF 2026/14", "2026-02-05", "Lex Sarah-rapport", "ovrigt", "Y", EK, "", ""]
    )
    sheet.append(
        ["SOF 2026/15", "2026-02-06", "Beslut från IVO", "ovrigt", "Z", EK, "", ""]
    )
    path = tmp_path / "signaler.xlsx"
    workbook.save(path)
    report = _import(read_path(path), actor=coordinator)
    assert report.ok, report.issues
    assert report.ignored_sheets == ("Instruktioner",)
    signal = Signal.objects.get(reference="SOF 2026/12")
    assert (signal.source, signal.category.code) == ("complaint", "bemotande")
    assert (signal.status, signal.closed_on) == ("closed", D(2026, 3, 1))
    assert signal.provider == registry["ek"]
    assert list(
        Signal.objects.order_by("reference").values_list("source", flat=True)
    ) == ["complaint", "deviation", "lex_sarah", "ivo_decision"]


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(
    registry, coordinator, tmp_path
):
    foreign = f"{AL[:6]}-{AL[6:]}"
    text = "\n".join(
        [
            HEADER + ",contract_area,status,closed_on,organisation",
            f"OK 1,2026-01-10,complaint,bemotande,Helt i ordning,{EK},,,,,",  # 2: ok
            f"B 3,2026-13-01,gossip,okand,Text,{EK},,,,,",  # 3
            "B 4,2026-01-10,complaint,bemotande,,556000-0000,,,,,",  # 4
            f"B 5,2026-01-10,complaint,bemotande,Text,{foreign},EK-1,,,,",  # 5
            "B 6,2026-01-10,complaint,bemotande,Text,,NOPE,,,,",  # 6
            "B 7,2026-01-10,complaint,bemotande,Text,,,,,,",  # 7
            f"B 8,2026-03-16,complaint,bemotande,Text,{EK},,,closed,,",  # 8
            f"B 9,2026-01-10,complaint,bemotande,Text,{EK},,,,2026-02-01,",  # 9
            f"B 10,2026-01-10,complaint,bemotande,Text,{EK},,,closed,2026-01-09,",
            f"B 11,2026-01-10,complaint,bemotande,Text,{EK},,nope,nonsense,,nowhere",
            f"B 12,2026-01-10,complaint,bemotande,Pnr 121212-1212,{EK},,,,,",
            f"OK 1,2026-01-10,complaint,bemotande,Igen,{EK},,,,,",  # 13: twice
            f",2026-01-10,complaint,bemotande,Text,{EK},,,,,",  # 14
            f"B 15,2026-01-10,complaint,bemotande,{'x' * 1001},{EK},,,,,",
        ]
    )
    with translation.override("sv"):
        report = _import(_csv(tmp_path, text), actor=coordinator)
    assert not report.ok and not report.applied
    assert places(report) == {
        (3, "received_on"),
        (3, "source"),
        (3, "category"),
        (4, "summary"),
        (4, "provider_org_number"),
        (5, "unit_id"),
        (6, "unit_id"),
        (7, "provider_org_number"),
        (8, "received_on"),
        (8, "closed_on"),
        (9, "closed_on"),
        (10, "closed_on"),
        (11, "contract_area"),
        (11, "status"),
        (11, "organisation"),
        (12, "summary"),
        (13, "reference"),
        (14, "reference"),
        (15, "summary"),
    }
    assert not Signal.objects.exists()
    assert not Event.objects.filter(action=events.IMPORTED).exists()
    by_place = {(i.row, i.column): i for i in report.issues}
    # Swedish, and naming the row and the column.
    assert str(by_place[(3, "received_on")]) == (
        "blad signals, rad 3, kolumn received_on: '2026-13-01' är inget datum. "
        "Skriv datum som ÅÅÅÅ-MM-DD."
    )
    assert by_place[(4, "provider_org_number")].message == (
        "'556000-0000' är inget giltigt svenskt organisationsnummer."
    )
    assert by_place[(3, "source")].message.startswith("Okänt värde 'gossip'.")
    assert by_place[(13, "reference")].message == (
        "'OK 1' förekommer två gånger; det finns redan på rad 2."
    )
    with translation.override("sv"):
        assert by_place[(5, "unit_id")].message == gettext(
            "The unit %(unit)s belongs to another provider, %(provider)s."
        ) % {"unit": "EK-1", "provider": "Ek Omsorg AB"}


def test_a_dry_run_writes_nothing(registry, coordinator, tmp_path):
    text = HEADER + f"\nKL 1,2026-01-10,complaint,bemotande,Text,{EK},\n"
    report = _import(_csv(tmp_path, text), actor=coordinator, dry_run=True)
    assert report.ok and not report.applied
    assert report.created == ("KL 1",)
    assert not Signal.objects.exists()
    assert not Event.objects.exists()


def test_an_existing_reference_is_updated(registry, coordinator, district, tmp_path):
    first = SignalFactory(
        reference="KL 1",
        provider=registry["ek"],
        received_on=D(2026, 1, 10),
        category=SignalCategory.objects.get(code="bemotande"),
        summary="Text",
        organisation=district,
    )
    SignalFactory(
        reference="KL 2",
        provider=registry["ek"],
        received_on=D(2026, 1, 11),
        category=SignalCategory.objects.get(code="bemotande"),
        summary="Oförändrad",
        organisation=district,
    )
    text = (
        "reference,received_on,source,category,summary,provider_org_number,"
        "status,closed_on\n"
        f"KL 1,2026-01-10,complaint,bemotande,Text,{EK},closed,2026-03-01\n"
        f"KL 2,2026-01-11,complaint,bemotande,Oförändrad,{EK},,\n"
        f"KL 3,2026-01-12,complaint,bemotande,Ny,{EK},,\n"
    )
    preview = _import(_csv(tmp_path, text), actor=coordinator, dry_run=True)
    assert preview.updated == (("KL 1", ("status", "closed_on")),)
    assert (preview.created, preview.unchanged) == (("KL 3",), 1)
    report = _import(_csv(tmp_path, text), actor=coordinator)
    assert report.applied
    first.refresh_from_db()
    assert (first.status, first.closed_on) == ("closed", D(2026, 3, 1))
    # The organisation stays, although the importer is another one.
    assert first.organisation == district
    assert first.history.first().history_user == coordinator
    assert Signal.objects.count() == 3


def test_absent_columns_keep_what_is_stored(registry, coordinator, district, tmp_path):
    area = registry["dv"]
    SignalFactory(
        reference="KL 1",
        provider=registry["ek"],
        unit=registry["ek1"],
        contract_area=area,
        received_on=D(2026, 1, 10),
        category=SignalCategory.objects.get(code="bemotande"),
        summary="Text",
        handling_note="Samtal med verksamhetschefen.",
        organisation=district,
    )
    text = "reference,received_on,source,category,summary\n"
    text += "KL 1,2026-01-10,complaint,bemotande,Ny text\n"
    report = _import(_csv(tmp_path, text), actor=coordinator)
    assert report.updated == (("KL 1", ("summary",)),)
    signal = Signal.objects.get()
    assert (signal.unit, signal.contract_area) == (registry["ek1"], area)
    assert signal.handling_note == "Samtal med verksamhetschefen."


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_swedish_csv_with_semicolons(registry, coordinator, tmp_path, encoding):
    text = (
        "Diarienummer;Inkom;Källa;Kategori;Sammanfattning;Orgnr;Avtalsområde\r\n"
        f"Dnr 1;2026-02-01;Klagomål;Säkerhet, hot och våld;Hot mot personal;{EK};"
        "daglig-verksamhet\r\n"
    )
    report = _import(_csv(tmp_path, text, encoding), actor=coordinator)
    assert report.ok, report.issues
    signal = Signal.objects.get()
    assert signal.category.code == "sakerhet"
    assert signal.summary == "Hot mot personal"
    assert signal.contract_area == registry["dv"]


def test_the_file_must_have_the_required_columns(registry, coordinator, tmp_path):
    report = _import(_csv(tmp_path, "reference,summary\nKL 1,Text\n"))
    assert places(report) == {
        (1, "received_on"),
        (1, "source"),
        (1, "category"),
    }
    assert not Signal.objects.exists()


def test_a_workbook_without_the_sheet(registry, coordinator, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Blad1"
    workbook.create_sheet("Blad2")
    path = tmp_path / "bok.xlsx"
    workbook.save(path)
    report = _import(read_path(path), actor=coordinator)
    assert [issue.row for issue in report.issues] == [None]
    assert "signals" in report.issues[0].message


def test_rows_without_an_organisation_need_one(registry, tmp_path, district):
    text = HEADER + f"\nKL 1,2026-01-10,complaint,bemotande,Text,{EK},\n"
    # From the command line without a central office: the row must say.
    report = _import(_csv(tmp_path, text))
    assert places(report) == {(2, "organisation")}
    report = _import(_csv(tmp_path, text), organisation=district)
    assert report.applied
    assert Signal.objects.get().organisation == district


def test_the_command_line_records_for_the_central_office(
    registry, central_office, tmp_path
):
    text = HEADER + f"\nKL 1,2026-01-10,complaint,bemotande,Text,{EK},\n"
    assert _import(_csv(tmp_path, text)).applied
    assert Signal.objects.get().organisation == central_office


def test_query_count_does_not_grow_with_rows(registry, coordinator):
    OrganisationFactory(code="sdf-bromma")
    counts = []
    for rows in (3, 30):
        records = {
            "signals": [
                {
                    "reference": f"KL {rows}-{n}",
                    "received_on": "2026-01-10",
                    "source": "complaint",
                    "category": "bemotande",
                    "summary": "Text",
                    "provider_org_number": EK if n % 2 else "",
                    "unit_id": "" if n % 2 else "EK-1",
                    "contract_area": "daglig-verksamhet",
                    "organisation": "sdf-bromma",
                }
                for n in range(rows)
            ]
        }
        with CaptureQueriesContext(connection) as queries:
            report = signals_import(
                actor=coordinator, tables=tables_from_records(records), dry_run=True
            )
        assert report.ok, report.issues
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_workbook_with_one_sheet_is_read_whatever_its_name(
    registry, coordinator, tmp_path
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Export 2026-03"
    sheet.append(["Diarienummer", "Inkom", "Källa", "Kategori", "Sammanfattning"])
    sheet.append(["KL 1", "2026-03-01", "klagomål", "ovrigt", "Text"])
    sheet.append(["", "", "", "", ""])
    sheet.append(["KL 2", "2026-03-02", "annan", "ovrigt", "Text"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    report = _import(read_path(path), actor=coordinator)
    # No provider column: the rows say which is missing, by their own numbers.
    assert places(report) == {(2, "provider_org_number"), (4, "provider_org_number")}
