"""The import of earlier years' follow-ups, end to end against the database:
every row checked against the file and the registry, then all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import Workbook

from foljsam.core.models import Event
from foljsam.core.tabular import read_path, tables_from_records
from foljsam.findings.actions import refusal_for
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.choices import CancelReason, Method, Outcome, outcome_label
from foljsam.followups.models import FollowUp
from foljsam.followups.services import followup_record_history
from foljsam.registry.choices import Regime
from foljsam.registry.models import Agreement
from foljsam.registry.tests.factories import AgreementFactory, UnitFactory
from foljsam.reporting.importing import events
from foljsam.reporting.importing.apply import followup_of
from foljsam.reporting.importing.records import FollowupRecord, choose
from foljsam.reporting.importing.schema import METHODS, OUTCOMES, REASONS
from foljsam.reporting.services import followups_import
from foljsam.reporting.tests import import_fixtures
from foljsam.reporting.tests.import_fixtures import (
    csv_file,
    places,
    rows,
    run_import,
)

# The shared fixtures: the registry, and the day the tests run on.
registry = import_fixtures.registry
_today = import_fixtures._today
pytestmark = pytest.mark.django_db
D = dt.date


def _nothing_written() -> None:
    assert not FollowUp.objects.exists()
    assert not Deficiency.objects.exists()
    assert not ContractAction.objects.exists()
    assert not Event.objects.filter(action=events.IMPORTED).exists()


GOOD = rows(
    "2024,EK-1,daglig-verksamhet,performed,complies_after_complement,,,"
    "site_visit;document_review,2024-05-10,,rutiner;dokumentation,yes",
    "2023,EK-1,daglig-verksamhet,performed,does_not_comply,,SN 2019/1,"
    "site_visit,,,ledningssystem,no",
    "2025,EK-2,daglig-verksamhet,not_performed,,agreement_terminated,,,,,,",
    "2024,KTT-1,korttidstillsyn,performed,complies,,,site_visit,2024-09-01,"
    "sdf-bromma,,",
)


def test_a_good_file_is_imported(registry, coordinator, tmp_path):
    report = run_import(csv_file(tmp_path, GOOD), actor=coordinator)
    assert report.ok and report.applied, report.issues
    assert (len(report.created), report.performed, report.not_performed) == (4, 3, 1)
    assert (report.deficiencies, report.correction_requests) == (3, 1)
    assert [(c.year, c.performed, c.not_performed) for c in report.by_year] == [
        (2023, 1, 0),
        (2024, 2, 0),
        (2025, 0, 1),
    ]
    assert FollowUp.objects.count() == 4
    assert set(FollowUp.objects.values_list("source", flat=True)) == {"history"}

    first = FollowUp.objects.get(year=2024, unit=registry["ek1"])
    assert (first.status, first.outcome) == ("completed", "complies_after_complement")
    assert first.performed_on == D(2024, 5, 10)
    assert first.methods == ["site_visit", "document_review"]
    # The unit's only agreement in the area; the rules for LOV: the central office
    # answers, the district where the unit lies performs.
    assert first.agreement == registry["lov"]
    assert first.provider == registry["ek"]
    assert first.responsible_organisation == registry["central"]
    assert first.organisation == registry["district"]
    assert first.created_by == coordinator
    resolved = first.deficiencies.order_by("category__code")
    assert [d.category.code for d in resolved] == ["dokumentation", "rutiner"]
    assert {(d.status, d.resolution, d.resolved_on) for d in resolved} == {
        ("resolved", "complement", D(2024, 12, 31))
    }
    action = ContractAction.objects.get()
    assert (action.followup, action.kind) == (first, "correction_request")
    assert action.agreement == registry["lov"]
    assert action.decided_on == D(2024, 5, 10)
    assert action.due_on == D(2024, 6, 9)
    assert action.decided_by == coordinator
    assert "2024" in action.reasons
    assert set(action.deficiencies.all()) == set(resolved)

    failed = FollowUp.objects.get(year=2023)
    assert (failed.status, failed.performed_on) == ("completed", None)
    (open_one,) = failed.deficiencies.all()
    assert (open_one.status, open_one.severity, open_one.resolved_on) == (
        "open",
        "serious",
        None,
    )
    assert open_one.category.code == "ledningssystem"

    cancelled = FollowUp.objects.get(year=2025)
    assert (cancelled.status, cancelled.outcome) == ("cancelled", "")
    assert cancelled.cancel_reason == "agreement_terminated"
    assert cancelled.cancelled_on == D(2025, 12, 31)
    assert cancelled.organisation == registry["other"]  # EK-2 lies in Bromma

    school = FollowUp.objects.get(unit=registry["school"])
    # The education office's units: the central office answers; performed_by
    # names who did it.
    assert school.agreement == registry["mission"]
    assert school.responsible_organisation == registry["central"]
    assert school.organisation == registry["other"]

    # Every row written has its history row naming the importer and the file.
    record = first.history.get()
    assert record.history_user == coordinator
    assert "historik.csv" in record.history_change_reason
    assert action.history.get().history_user == coordinator
    assert Deficiency.history.filter(history_user=coordinator).count() == 3
    event = Event.objects.get(action=events.IMPORTED)
    assert event.actor == coordinator
    assert event.data == {
        "source": "historik.csv",
        "created": 4,
        "deficiencies": 3,
        "correction_requests": 1,
    }


def test_the_import_records_what_followup_record_history_records(registry):
    """The bulk writer keeps the service's rules for one earlier year."""
    by_service = followup_record_history(
        actor=None,
        year=2022,
        unit=registry["ek1"],
        contract_area=registry["dv"],
        agreement=registry["lov"],
        organisation=registry["district"],
        responsible_organisation=registry["central"],
        not_performed_reason="unit_closed",
        methods=["document_review", "site_visit"],
    )
    record = FollowupRecord(
        row=2,
        year=2022,
        unit_id=registry["ek1"].pk,
        unit_external_id="EK-1",
        provider_id=registry["ek"].pk,
        contract_area_id=registry["dv"].pk,
        contract_area_code="daglig-verksamhet",
        agreement_id=registry["lov"].pk,
        organisation_id=registry["district"].pk,
        responsible_organisation_id=registry["central"].pk,
        outcome="",
        not_performed_reason="unit_closed",
        performed_on=None,
        methods=("site_visit", "document_review"),
        category_ids=(),
        correction_request=False,
    )
    by_import = followup_of(record, None)
    skip = {"id", "created_at", "updated_at"}
    for field in FollowUp._meta.concrete_fields:
        if field.name not in skip:
            assert getattr(by_import, field.attname) == getattr(
                by_service, field.attname
            ), field.name


def test_a_dry_run_writes_nothing(registry, coordinator, tmp_path):
    assert timezone.localdate() == D(2026, 3, 15)  # the tests' own day
    report = run_import(csv_file(tmp_path, GOOD), actor=coordinator, dry_run=True)
    assert report.ok and not report.applied
    assert len(report.created) == 4
    _nothing_written()


def test_every_error_is_listed_by_row_and_column_and_nothing_is_written(
    registry, coordinator, tmp_path
):
    text = rows(
        # 2: a good row, not written either.
        "2024,EK-1,daglig-verksamhet,performed,complies,,,,,,,",
        # 3: the current year; an unknown unit; an unknown contract area.
        "2026,NOPE,okand,performed,complies,,,,,,,",
        # 4: a year before 2000; an unknown status.
        "1999,EK-2,daglig-verksamhet,kanske,,,,,,,,",
        # 5: the future; performed without an outcome; a date in the future.
        "2027,AL-1,daglig-verksamhet,performed,,,,,2027-01-04,,,",
        # 6: not performed with an outcome and no reason, a date and categories.
        "2024,AL-1,daglig-verksamhet,not_performed,complies,,,,2024-04-01,,rutiner,",
        # 7: performed with a reason; an unknown organisation, method and category.
        "2023,EK-2,daglig-verksamhet,performed,complies_after_complement,other,,"
        "teleportering,,sdf-okand,rutiner;okand,",
        # 8: complies with deficiencies and a correction request.
        "2023,AL-1,daglig-verksamhet,performed,complies,,,,,,rutiner,yes",
        # 9: the same follow-up as row 2.
        "2024,EK-1,daglig-verksamhet,not_performed,,other,,,,,,",
        # 10: another provider's agreement, in another area.
        "2022,EK-1,daglig-verksamhet,performed,complies,,UB 2020/1,,,,,",
        # 11: an unknown agreement; not performed with a correction request.
        "2022,AL-1,daglig-verksamhet,not_performed,,other,SN 1/1,,,,,yes",
        # 12: a date that is no date; correction request neither yes nor no.
        "2022,EK-2,daglig-verksamhet,performed,complies,,,,2022-02-30,,,kanske",
    )
    report = run_import(csv_file(tmp_path, text), actor=coordinator)
    assert not report.ok and not report.applied
    assert places(report) == {
        (3, "year"),
        (3, "unit_id"),
        (3, "contract_area"),
        (4, "year"),
        (4, "status"),
        (5, "year"),
        (5, "outcome"),
        (5, "performed_on"),
        (6, "outcome"),
        (6, "not_performed_reason"),
        (6, "performed_on"),
        (6, "deficiency_categories"),
        (7, "not_performed_reason"),
        (7, "methods"),
        (7, "performed_by"),
        (7, "deficiency_categories"),
        (8, "deficiency_categories"),
        (8, "correction_request"),
        (9, "unit_id"),
        (10, "agreement_reference"),
        (11, "agreement_reference"),
        (11, "correction_request"),
        (12, "performed_on"),
        (12, "correction_request"),
    }
    messages = {(i.row, i.column): i.message for i in report.issues}
    assert messages[(3, "unit_id")] == gettext(
        "No unit in the registry has the id '%(value)s'."
    ) % {"value": "NOPE"}
    assert "2026" in messages[(3, "year")]
    assert messages[(9, "unit_id")] == gettext(
        "The same follow-up (%(unit)s, %(area)s, %(year)d) is already on row %(row)d."
    ) % {"unit": "EK-1", "area": "daglig-verksamhet", "year": 2024, "row": 2}
    # Both things wrong with the agreement on row 10 are said.
    assert [i.message for i in report.issues if i.row == 10] == [
        gettext(
            "The agreement %(reference)s is with %(provider)s, not with the "
            "unit's provider %(unit_provider)s."
        )
        % {
            "reference": "UB 2020/1",
            "provider": "Stockholms stad",
            "unit_provider": "Ek Omsorg AB",
        },
        gettext(
            "The agreement %(reference)s is in the contract area %(area)s, "
            "not %(given)s."
        )
        % {
            "reference": "UB 2020/1",
            "area": "korttidstillsyn",
            "given": "daglig-verksamhet",
        },
    ]
    # In the user's language (Swedish in the tests), as the registry's own words.
    assert "Ingen verksamhet" in messages[(3, "unit_id")]
    _nothing_written()


def test_a_missing_required_column_or_sheet_is_an_error(registry, tmp_path):
    report = run_import(
        csv_file(tmp_path, "year,unit_id,contract_area\n2024,EK-1,x\n"), actor=None
    )
    assert places(report) == {(1, "status")}
    workbook = Workbook()
    workbook.active.title = "Annat"
    workbook.create_sheet("Också annat")
    path = tmp_path / "tom.xlsx"
    workbook.save(path)
    report = run_import(read_path(path))
    assert not report.ok and report.issues[0].row is None
    _nothing_written()


def test_a_follow_up_already_recorded_is_refused_so_a_file_cannot_go_twice(
    registry, coordinator, tmp_path
):
    assert run_import(csv_file(tmp_path, GOOD), actor=coordinator).applied
    again = run_import(csv_file(tmp_path, GOOD), actor=coordinator)
    assert not again.ok
    assert places(again) == {(row, "unit_id") for row in (2, 3, 4, 5)}
    assert FollowUp.objects.count() == 4
    assert Event.objects.filter(action=events.IMPORTED).count() == 1


def test_no_correction_request_against_the_citys_own_units(
    registry, coordinator, tmp_path
):
    text = rows(
        "2024,KTT-1,korttidstillsyn,performed,does_not_comply,,,,,,rutiner,ja",
        "2024,EK-1,daglig-verksamhet,performed,does_not_comply,,,,,,rutiner,ja",
    )
    report = run_import(csv_file(tmp_path, text), actor=coordinator)
    assert places(report) == {(2, "correction_request")}
    (issue,) = report.issues
    sketch = FollowUp(
        unit=registry["school"],
        provider=registry["city"],
        agreement=registry["mission"],
    )
    assert issue.message == refusal_for(sketch, "correction_request")
    assert "Skolans korttidstillsyn" in issue.message
    assert "egen regi" in issue.message
    _nothing_written()
    # Without the correction request the city's own unit is imported.
    fixed = text.replace("rutiner,ja\n2024,EK-1", "rutiner,nej\n2024,EK-1")
    report = run_import(csv_file(tmp_path, fixed), actor=coordinator)
    assert report.applied, report.issues
    assert ContractAction.objects.get().followup.unit == registry["ek1"]


def test_swedish_headers_and_values(registry, coordinator, tmp_path):
    text = (
        "År;Verksamhets-id;Avtalsområde;Status;Utfall;Skäl;Avtal;Metoder;"
        "Genomförd;Utförd av;Brister;Begäran om rättelse\n"
        "2024;EK-1;daglig-verksamhet;Genomförd;Följer avtalet efter komplettering;;"
        ";Platsbesök, Dokumentgranskning;2024-03-01;;Skriftliga rutiner;Ja\n"
        "2023;EK-2;Daglig-verksamhet;Ej genomförd;;Avtalet sades upp;SN 2019/1;;;"
        "sdf-bromma;;nej\n"
        "2022;AL-1;daglig-verksamhet;genomförd;Följer inte avtalet;;;Digitalt "
        "besök;;;Ledningssystem;\n"
    )
    report = run_import(csv_file(tmp_path, text, encoding="cp1252"), actor=coordinator)
    assert report.ok and report.applied, report.issues
    assert report.ignored_columns == ()
    one = FollowUp.objects.get(year=2024)
    assert one.outcome == "complies_after_complement"
    assert one.methods == ["site_visit", "document_review"]
    assert one.deficiencies.get().category.code == "rutiner"
    assert ContractAction.objects.get().followup == one
    two = FollowUp.objects.get(year=2023)
    assert (two.status, two.cancel_reason) == ("cancelled", "agreement_terminated")
    three = FollowUp.objects.get(year=2022)
    assert (three.outcome, three.methods) == ("does_not_comply", ["digital_visit"])


def test_an_xlsx_workbook_with_date_and_number_cells(registry, coordinator, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Instruktioner"
    sheet = workbook.create_sheet("Uppföljningar")
    sheet.append(
        ["year", "unit_id", "contract_area", "status", "outcome", "performed_on"]
    )
    sheet.append(
        [2024, "EK-1", "daglig-verksamhet", "performed", "complies", D(2024, 6, 3)]
    )
    sheet.append(
        [2023, "AL-1", "daglig-verksamhet", "performed", "minor_deficiencies_remain"]
    )
    path = tmp_path / "historik.xlsx"
    workbook.save(path)
    report = run_import(read_path(path), actor=coordinator)
    assert report.ok and report.applied, report.issues
    assert report.ignored_sheets == ("Instruktioner",)
    assert FollowUp.objects.get(year=2024).performed_on == D(2024, 6, 3)
    assert FollowUp.objects.get(year=2023).outcome == "minor_deficiencies_remain"


def test_which_agreement_a_row_without_a_reference_gets(
    registry, coordinator, tmp_path
):
    # EK-1 moves to a new agreement on 1 July 2023: two in force that year.
    lov = registry["lov"]
    lov.valid_to = D(2023, 6, 30)
    lov.save()
    renewed = AgreementFactory(
        reference="SN 2023/9",
        provider=registry["ek"],
        contract_area=registry["dv"],
        signed_by=registry["central"],
        valid_from=D(2023, 7, 1),
        units=[registry["ek1"]],
    )
    UnitFactory(provider=registry["ek"], external_id="EK-9", district=None)
    text = rows(
        # The visit's day chooses the agreement.
        "2023,EK-1,daglig-verksamhet,performed,complies,,,,2023-09-01,,,",
        # Without a day it cannot be chosen: say which.
        "2023,EK-1,korttidstillsyn,not_performed,,other,,,,,,",
        "2022,EK-1,daglig-verksamhet,not_performed,,other,,,,,,",
    )
    report = run_import(csv_file(tmp_path, text), actor=coordinator)
    assert report.ok, report.issues  # KTT: no agreement at all, only a notice
    assert [(n.row, n.column) for n in report.notices] == [
        (3, "agreement_reference"),
        (3, "performed_by"),
    ]
    assert FollowUp.objects.get(year=2023, contract_area=registry["dv"]).agreement == (
        renewed
    )
    assert FollowUp.objects.get(year=2022).agreement == lov
    without = FollowUp.objects.get(contract_area=registry["ktt"])
    assert without.agreement is None and without.organisation is None
    ambiguous = rows("2023,EK-1,daglig-verksamhet,not_performed,,other,,,,,,")
    FollowUp.objects.all().delete()
    report = run_import(csv_file(tmp_path, ambiguous), actor=coordinator)
    assert places(report) == {(2, "agreement_reference")}
    assert "SN 2019/1, SN 2023/9" in report.issues[0].message
    # An agreement named that was not in force during the year.
    late = rows("2018,EK-1,daglig-verksamhet,not_performed,,other,SN 2023/9,,,,,")
    report = run_import(csv_file(tmp_path, late), actor=coordinator)
    assert places(report) == {(2, "agreement_reference"), (2, "unit_id")}


def test_a_unit_not_open_during_the_year(registry, coordinator, tmp_path):
    unit = registry["al1"]
    unit.opened_on = D(2022, 6, 1)
    unit.closed_on = D(2024, 3, 1)
    unit.save()
    text = rows(
        "2021,AL-1,daglig-verksamhet,not_performed,,other,,,,,,",
        "2022,AL-1,daglig-verksamhet,performed,complies,,,,2022-05-01,,,",
        "2024,AL-1,daglig-verksamhet,performed,complies,,,,2024-03-01,,,",
        "2025,AL-1,daglig-verksamhet,not_performed,,unit_closed,,,,,,",
    )
    report = run_import(csv_file(tmp_path, text), actor=coordinator)
    assert places(report) == {
        (2, "unit_id"),
        (3, "performed_on"),
        (4, "performed_on"),
        (5, "unit_id"),
    }


def _many(count: int) -> str:
    return rows(
        *(
            f"{2015 + n % 10},Q-{n:03d},daglig-verksamhet,performed,"
            f"does_not_comply,,,site_visit,,sdf-bromma,rutiner;dokumentation,ja"
            for n in range(count)
        )
    )


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    registry, coordinator, tmp_path, dry_run
):
    agreement = AgreementFactory(
        reference="SN 2010/1",
        provider=registry["ek"],
        contract_area=registry["dv"],
        kind=Agreement.Kind.LOU,
        signed_by=registry["central"],
        valid_from=D(2010, 1, 1),
    )
    agreement.units.set(
        [
            UnitFactory(
                provider=registry["ek"],
                external_id=f"Q-{n:03d}",
                district=registry["district"],
                opened_on=D(2010, 1, 1),
            )
            for n in range(60)
        ]
    )
    counts = []
    for count in (10, 50):
        raw = csv_file(tmp_path, _many(count))
        with CaptureQueriesContext(connection) as queries:
            report = run_import(raw, actor=coordinator, dry_run=dry_run)
        assert report.ok, report.issues[:3]
        counts.append(len(queries))
        if not dry_run:
            assert ContractAction.objects.count() == count
            assert Deficiency.objects.count() == 2 * count
            ContractAction.objects.all().delete()
            Deficiency.objects.all().delete()
            FollowUp.objects.all().delete()
    assert counts[0] == counts[1], counts


def test_control_characters_are_errors_not_crashes(registry, coordinator):
    """PostgreSQL refuses NUL in a query: such a value is named, never looked up."""
    tables = tables_from_records(
        {
            "followups": [
                {
                    "year": "2024",
                    "unit_id": "EK-\x001",
                    "contract_area": "daglig-verksamhet",
                    "status": "performed",
                    "outcome": "complies",
                    "agreement_reference": "SN\x002019/1",
                }
            ]
        }
    )
    report = followups_import(actor=coordinator, tables=tables)
    assert places(report) == {(2, "unit_id"), (2, "agreement_reference")}
    _nothing_written()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_values_are_read_as_the_pages_label_them(language):
    """A value copied from the upload page's list (the choices' labels, also the
    words for the city's own units) is read as its code."""
    with translation.override(language):
        for choices, options in (
            (Method, METHODS),
            (Outcome, OUTCOMES),
            (CancelReason, REASONS),
        ):
            for value, label in choices.choices:
                assert choose(str(label), options) == value
        for outcome in Outcome.values:
            label = outcome_label(outcome, Regime.OWN)
            assert choose(label, OUTCOMES) == outcome
