"""The annual report read from the database, on its page, in its downloads and
from the command line: who may read it, what it counts, and a fixed number of
queries whatever the number of follow-ups."""

from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from foljsam.accounts.access import SYSTEM
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.planning.models import Plan, PlanEntry
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CityFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.reporting.annual_selectors import annual_report
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))
URL = reverse("reporting:annual")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


class City:
    """Two contract areas, a private one and one of the city's own units."""

    def __init__(self, organisation) -> None:
        self.organisation = organisation
        self.daily = ContractAreaFactory(code="daglig", name="Daglig verksamhet")
        self.ktt = ContractAreaFactory(code="ktt", name="Korttidstillsyn")
        self.category, _new = RequirementCategory.objects.get_or_create(
            code="rutiner", defaults={"name": "Rutiner"}
        )
        self.city = CityFactory()
        self.units: list = []

    def unit(self, area, *, own: bool = False):
        unit = UnitFactory(provider=self.city) if own else UnitFactory()
        if own:
            AgreementFactory(
                provider=unit.provider,
                contract_area=area,
                units=[unit],
                kind="mission",
                signed_by=None,
            )
        else:
            AgreementFactory(provider=unit.provider, contract_area=area, units=[unit])
        self.units.append(unit)
        return unit

    def followups(self, n: int, year: int = 2025) -> None:
        """``n`` performed follow-ups in each area, with a deficiency and a
        correction request on the private ones, and one cancelled."""
        for _i in range(n):
            unit = self.unit(self.daily)
            done = FollowUpFactory(
                year=year,
                unit=unit,
                contract_area=self.daily,
                organisation=self.organisation,
                status="completed",
                outcome="complies_after_complement",
                methods=["site_visit"],
                agreement=unit.agreements.first(),
            )
            deficiency = Deficiency.objects.create(
                followup=done,
                category=self.category,
                severity="minor",
                description="Rutin saknas.",
            )
            action = ContractAction.objects.create(
                followup=done,
                agreement=unit.agreements.first(),
                kind="correction_request",
                decided_on=dt.date(year, 6, 1),
                due_on=dt.date(year, 7, 1),
                reasons="Rutin saknas.",
            )
            action.deficiencies.add(deficiency)
            own = self.unit(self.ktt, own=True)
            FollowUpFactory(
                year=year,
                unit=own,
                contract_area=self.ktt,
                organisation=self.organisation,
                status="shared",
                outcome="complies",
            )
        FollowUpFactory(
            year=year,
            unit=self.unit(self.daily),
            contract_area=self.daily,
            organisation=self.organisation,
            status="cancelled",
            cancel_reason="agreement_terminated",
            cancelled_on=dt.date(year, 3, 1),
        )


@pytest.fixture
def city(district) -> City:
    return City(district)


def test_the_report_counts_the_year(city) -> None:
    city.followups(3)
    city.followups(1, year=2024)
    plan = Plan.objects.create(name="Plan 2026-2028", first_year=2026, last_year=2028)
    PlanEntry.objects.create(
        plan=plan, year=2026, contract_area=city.ktt, rationale="Alla skolor."
    )

    report = annual_report(user=SYSTEM, year=2025, today=NOW.date())

    assert (report.total.planned, report.total.performed) == (7, 6)
    assert report.total.not_performed["agreement_terminated"] == 1
    daily, ktt = sorted(report.areas, key=lambda a: a.area.code)
    assert (daily.tally.planned, daily.tally.performed, daily.units) == (4, 3, 6)
    assert daily.tally.shares["complies_after_complement"] == 100.0
    assert [(d.code, d.count) for d in daily.deficiencies] == [("rutiner", 3)]
    assert daily.correction_requests == 3
    assert daily.methods == (("site_visit", 3),)
    # The 2024 follow-up's unit is within its cycle too.
    assert (ktt.tally.performed, ktt.units, ktt.coverage.covered) == (3, 4, 4)
    assert report.regimes["own"].performed == 3
    assert report.regimes["private"].planned == 4
    assert [(line.year, line.contract_area) for line in report.plan] == [(2026, "ktt")]


def test_the_committee_and_the_central_office_read_it_and_no_one_else(
    client, city, coordinator, committee_reader, district_officer, provider_user
) -> None:
    city.followups(1)
    for user in (coordinator, committee_reader):
        client.force_login(user)
        response = client.get(URL, {"year": "2025"})
        assert response.status_code == 200
        assert response.context["report"].total.planned == 3
        assert "Daglig verksamhet" in response.text
        assert 'src="data:image/svg+xml;base64,' in response.text
    for user in (district_officer, provider_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        download = reverse("reporting:annual_download", args=[2025, "json"])
        assert client.get(download).status_code == 403


def test_a_year_that_is_not_offered_shows_the_default_without_an_error(
    client, city, coordinator
) -> None:
    city.followups(1)
    client.force_login(coordinator)

    response = client.get(URL, {"year": "tvåtusen"})

    assert response.status_code == 200
    assert response.context["year"] == 2025  # last year, which has follow-ups
    assert response.context["form"].errors


def test_the_page_runs_the_same_queries_for_many_follow_ups(
    client, city, coordinator
) -> None:
    client.force_login(coordinator)
    city.followups(1)
    with CaptureQueriesContext(connection) as few:
        first = client.get(URL, {"year": "2025"})
    city.followups(8)
    with CaptureQueriesContext(connection) as many:
        second = client.get(URL, {"year": "2025"})

    assert first.context["report"].total.planned == 3
    assert second.context["report"].total.planned == 20
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("pdf", "application/pdf"),
    ],
)
def test_every_download(client, city, coordinator, fmt, content_type) -> None:
    city.followups(2)
    client.force_login(coordinator)

    response = client.get(reverse("reporting:annual_download", args=[2025, fmt]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert f"arsrapport-uppfoljning-2025.{fmt}" in response["Content-Disposition"]
    body = response.content
    if fmt == "json":
        assert json.loads(body)["planned"] == 5
    elif fmt == "xlsx":
        sheets = load_workbook(io.BytesIO(body)).sheetnames
        assert len(sheets) == 9  # seven of follow-ups, two of screening
        areas = list(
            load_workbook(io.BytesIO(body)).worksheets[1].iter_rows(values_only=True)
        )
        assert [row[0] for row in areas[1:]] == ["daglig", "ktt"]
    elif fmt == "docx":
        document = Document(io.BytesIO(body))
        # A chart per area with performed follow-ups, each with its text.
        assert len(document.inline_shapes) == 2
        described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
        assert all(
            "Daglig verksamhet" in d or "Korttidstillsyn" in d for d in described
        )
    else:
        assert body.startswith(b"%PDF")


def test_unknown_formats_and_years_are_not_found(client, coordinator) -> None:
    client.force_login(coordinator)
    for year, fmt in ((2025, "html"), (2025, "odt"), (1999, "json"), (2027, "json")):
        url = reverse("reporting:annual_download", args=[year, fmt])
        assert client.get(url).status_code == 404


def test_the_command_writes_json_to_standard_output_and_files(
    city, tmp_path, capsysbinary
) -> None:
    city.followups(2)
    out, err = io.StringIO(), io.StringIO()

    call_command("report_annual", year=2025, fmt="json", stdout=out, stderr=err)

    assert json.loads(capsysbinary.readouterr().out)["performed"] == 4
    assert "2025" in err.getvalue()  # progress, on standard error

    target = tmp_path / "rapport.docx"
    call_command(
        "report_annual", year=2025, fmt="docx", output=target, stdout=out, stderr=err
    )
    assert len(Document(str(target)).inline_shapes) == 2

    with pytest.raises(CommandError):
        call_command("report_annual", year=1999, fmt="json", stdout=out, stderr=err)
    with pytest.raises(CommandError):
        call_command(
            "report_annual",
            year=2025,
            fmt="pdf",
            output=tmp_path,
            stdout=out,
            stderr=err,
        )
