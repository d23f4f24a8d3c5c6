"""Digital screening in the annual report read from the database (issue 9: "The
campaign's results feed the annual report as method 'screening'"): a sent
campaign with answers, flags and site visits, counted in the report's year in
every format, scoped by ``visible_to``, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from foljsam.financial.choices import Item, Result
from foljsam.financial.models import CheckItem
from foljsam.financial.tests.factories import FinancialCheckFactory
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.tests.factories import ContractAreaFactory
from foljsam.reporting.annual_selectors import annual_report
from foljsam.screening import visits
from foljsam.screening.selectors import year_summary
from foljsam.screening.tests import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, tzinfo=ZoneInfo("Europe/Stockholm"))
YEAR = 2026
# Ten for the follow-ups, the registry and the plan; seven for the campaigns.
QUERIES = 17


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _campaign(coordinator: Any, central_office: Any, district: Any, capture: Any):
    """Three providers asked: one answers with a requirement not met and gets a
    site visit made; one answers without flags but its latest financial check
    flagged something, and its unit's follow-up of the year is linked; one does
    not answer."""
    area, providers = f.population(
        signed_by=central_office, providers=3, district=district
    )
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area), coordinator, capture
    )
    first, second, _third = (
        campaign.respondents.get(provider=provider) for provider in providers
    )
    f.answer_all(first, not_met=True)
    f.answer_all(second)
    check = FinancialCheckFactory(provider=providers[1], checked_on=dt.date(2026, 2, 1))
    item = CheckItem.objects.get(financial_check=check, item=Item.F_TAX)
    item.result, item.checked_on = Result.FLAGGED, check.checked_on
    item.save()
    unit = providers[1].units.get()
    FollowUpFactory(
        year=YEAR,
        unit=unit,
        provider=providers[1],
        contract_area=area,
        organisation=central_office,
        status="completed",
        outcome="complies",
        methods=["document_review"],
        agreement=unit.agreements.first(),
    )
    for respondent in (first, second):
        visits.visits_create(
            actor=coordinator,
            campaign=campaign,
            respondent_ids=[respondent.pk],
            base_url="http://testserver",
            notify=False,
        )
    return area, campaign


def test_the_report_counts_the_years_campaign(
    coordinator,
    committee_reader,
    central_office,
    district,
    django_capture_on_commit_callbacks,
) -> None:
    area, campaign = _campaign(
        coordinator, central_office, district, django_capture_on_commit_callbacks
    )
    # A draft never counts, nor a campaign of another year.
    f.draft_campaign(actor=coordinator, area=area, version=campaign.template_version)

    for user in (coordinator, committee_reader):
        report = annual_report(user=user, year=YEAR, today=NOW.date())
        (line,) = report.screening.campaigns
        assert line.name == campaign.name
        assert [a.code for a in line.contract_areas] == [area.code]
        assert (line.asked, line.answered, line.flagged, line.not_answered) == (
            3,
            2,
            2,
            1,
        )
        assert (line.visits_created, line.visits_linked) == (1, 1)
        assert dict(line.flags) == {"not_met": 1, "financial": 1}
        (screened,) = report.areas
        assert screened.area.code == area.code
        assert (screened.screening.asked, screened.screening.answered) == (3, 2)
        assert screened.screening.visits == 2
        # The visit made is assigned, not performed: the methods tally counts
        # the performed follow-up; screening comes in providers.
        assert screened.method_counts == (
            ("document_review", 1, "followups"),
            ("screening", 2, "providers"),
        )
    assert (
        annual_report(
            user=coordinator, year=YEAR - 1, today=NOW.date()
        ).screening.campaigns
        == ()
    )


def test_a_campaign_is_read_as_its_organisation_sees_it(
    coordinator,
    central_office,
    district,
    district_officer,
    django_capture_on_commit_callbacks,
) -> None:
    _campaign(coordinator, central_office, district, django_capture_on_commit_callbacks)

    assert len(year_summary(user=coordinator, year=YEAR)) == 1
    # The central office's campaign is not the district's to read.
    assert year_summary(user=district_officer, year=YEAR) == []


def test_the_queries_do_not_grow_with_campaigns_or_providers(
    coordinator, central_office, district, django_capture_on_commit_callbacks
) -> None:
    _area, first = _campaign(
        coordinator, central_office, district, django_capture_on_commit_callbacks
    )
    with CaptureQueriesContext(connection) as few:
        annual_report(user=coordinator, year=YEAR, today=NOW.date())
    area, _providers = f.population(
        area=ContractAreaFactory(code="hvb-barn", name="HVB barn och unga"),
        signed_by=central_office,
        providers=4,
    )
    second = f.send(
        f.draft_campaign(actor=coordinator, area=area, version=first.template_version),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    for respondent in second.respondents.all():
        f.answer_all(respondent, document=False)
    with CaptureQueriesContext(connection) as many:
        report = annual_report(user=coordinator, year=YEAR, today=NOW.date())

    assert len(report.screening.campaigns) == 2
    assert report.screening.answered == 6
    assert len(many) == len(few) == QUERIES, [q["sql"] for q in many.captured_queries]


def test_every_format_shows_the_screening(
    client, coordinator, central_office, district, django_capture_on_commit_callbacks
) -> None:
    area, campaign = _campaign(
        coordinator, central_office, district, django_capture_on_commit_callbacks
    )
    client.force_login(coordinator)

    page = client.get(reverse("reporting:annual"), {"year": str(YEAR)})
    assert page.status_code == 200
    assert 'id="screening-heading"' in page.text
    assert campaign.name in page.text

    def download(fmt: str) -> bytes:
        response = client.get(reverse("reporting:annual_download", args=[YEAR, fmt]))
        assert response.status_code == 200
        return response.content

    data = json.loads(download("json"))
    (line,) = data["screening"]["campaigns"]
    assert (line["providers_asked"], line["providers_answered"]) == (3, 2)
    assert (line["providers_flagged"], line["providers_not_answered"]) == (2, 1)
    assert line["site_visits"] == {"created": 1, "linked": 1}
    assert line["contract_areas"] == [area.code]
    assert data["screening"]["flags"] == {"not_met": 1, "financial": 1}
    (row,) = data["areas"]
    assert row["screening"] == {
        "providers_asked": 3,
        "providers_answered": 2,
        "providers_flagged": 2,
        "site_visits": 2,
    }
    assert row["methods"] == {"document_review": 1}

    book = load_workbook(io.BytesIO(download("xlsx")))
    campaigns = list(book.worksheets[7].iter_rows(values_only=True))
    assert len(campaigns) == 2  # the header and the campaign
    assert campaigns[1][0] == campaign.name
    assert campaigns[1][5].date() == campaign.deadline
    assert campaigns[1][6:] == (3, 2, 2, 1, 1, 1)
    flags = list(book.worksheets[8].iter_rows(values_only=True))
    assert sorted(r[2] for r in flags[1:]) == [1, 1]
    methods = list(book.worksheets[4].iter_rows(values_only=True))
    # Follow-ups and providers in columns of their own.
    assert [r[3:] for r in methods[1:]] == [(1, None), (None, 2)]
    areas = list(book.worksheets[1].iter_rows(values_only=True))
    assert areas[1][-3:] == (3, 2, 2)

    document = Document(io.BytesIO(download("docx")))
    # The campaign's facts under its own heading: its template first.
    (table,) = [
        t
        for t in document.tables
        if t.rows[0].cells[-1].text
        == f"{campaign.template_version.template.name}, version 1"
    ]
    values = [row.cells[1].text for row in table.rows]
    assert values[1] == area.name
    assert values[5:] == ["3", "2 (66,7 %)", "2", "1", "1", "1"]
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert campaign.name in headings
