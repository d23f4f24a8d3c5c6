"""Planning's start page, the multi-year plans, the calendar and the capacities,
through the test client. The selection runs are in test_run_views.py."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.planning.models import (
    OrganisationSettings,
    Plan,
    PlanEntry,
    YearCalendar,
)
from foljsam.planning.tests.support import make_run, text

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("planning:overview")


@pytest.fixture
def december_2026(time_machine) -> None:
    """The overview shows next year, this year and last year."""
    time_machine.move_to(
        dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False
    )


@pytest.fixture
def plan(db) -> Plan:
    return Plan.objects.create(
        name="Plan för uppföljning 2027\u20132029", first_year=2027, last_year=2029
    )


def _plan_data(**changes) -> dict[str, object]:
    data = {
        "name": "Plan för uppföljning 2027\u20132029",
        "first_year": 2027,
        "last_year": 2029,
        "reference": "SN 2026/123",
        "decided_on": "2026-11-20",
        "summary": "Daglig verksamhet prioriteras efter nya avtal.",
    }
    data.update(changes)
    return data


def _entry_data(area, **changes) -> dict[str, object]:
    data = {
        "year": 2027,
        "contract_area": area.pk,
        "method": "site_visit",
        "scope": "selection",
        "target_count": 4,
        "lead": "joint",
        "rationale": "Nya avtal 2026 och flera klagomål.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# The start page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "reads_selections", "manages"),
    [
        ("coordinator", True, True),
        ("committee_reader", True, False),
        ("district_officer", False, False),
        ("organisation_reader", False, False),
    ],
)
def test_every_internal_reader_of_plans_sees_the_overview(
    client, request, town, planner, december_2026, persona, reads_selections, manages
) -> None:
    run = make_run(planner)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    content = response.content.decode()
    assert [row.year for row in response.context["years"]] == [2027, 2026, 2025]
    assert "2027-01-31" in content and "2028-04-30" in content
    run_link = reverse("planning:run_detail", args=[run.pk])
    assert (run_link in content) is reads_selections
    assert (reverse("planning:run_list") in content) is reads_selections
    assert ('<th scope="col">Urval</th>' in content) is reads_selections
    assert (reverse("planning:run_create") in content) is manages
    assert (reverse("planning:calendar_edit", args=[2027]) in content) is manages
    if reads_selections:
        assert f"Utkast #{run.pk}: 6 verksamheter" in text(response)


@pytest.mark.parametrize("persona", ["provider_user", "system_administrator"])
def test_providers_and_the_system_administrator_do_not_plan(
    client, request, plan, persona
) -> None:
    """The system administrator keeps users and reference data; planning is not
    among its capabilities (accounts.access)."""
    client.force_login(request.getfixturevalue(persona))
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(reverse("planning:plan_detail", args=[plan.pk])).status_code == (
        403
    )


def test_the_overview_lists_the_plans_with_their_entries(
    client, district_officer, plan, town
) -> None:
    PlanEntry.objects.create(
        plan=plan,
        year=2028,
        contract_area=town.hvb,
        method="screening",
        scope="all",
        rationale="Alla HVB.",
    )
    client.force_login(district_officer)
    page = text(client.get(OVERVIEW))
    assert "Plan för uppföljning 2027\u20132029" in page
    assert "2028: HVB \u2013 digital screening, samtliga " in page
    detail = client.get(reverse("planning:plan_detail", args=[plan.pk]))
    assert detail.status_code == 200
    assert "Alla HVB." in detail.content.decode()
    # A reader gets no buttons to change it.
    assert reverse("planning:plan_edit", args=[plan.pk]) not in detail.content.decode()


# Plans -----------------------------------------------------------------------------


def test_a_coordinator_creates_and_changes_a_plan(client, coordinator) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("planning:plan_create"), _plan_data())
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:plan_detail", args=[plan.pk])
    assert (plan.first_year, plan.last_year, plan.reference) == (
        2027,
        2029,
        "SN 2026/123",
    )
    assert plan.decided_on == dt.date(2026, 11, 20)
    response = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        _plan_data(name="Reviderad plan", last_year=2031),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.name, plan.last_year) == ("Reviderad plan", 2031)
    assert plan.history.count() == 2


@pytest.mark.parametrize(
    ("first", "last"),
    [(2027, 2026), (2027, 2032)],
    ids=["last-before-first", "more-than-four-years"],
)
def test_a_plan_with_wrong_years_is_refused_on_the_last_year(
    client, coordinator, first, last
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:plan_create"), _plan_data(first_year=first, last_year=last)
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "last_year": [
            "En plan gäller från sitt första år till ett sista år högst fyra år senare."
        ]
    }
    assert 'id="id_last_year_error"' in response.content.decode()
    assert not Plan.objects.exists()


def test_a_plan_cannot_be_shortened_past_its_entries(
    client, coordinator, plan, town
) -> None:
    PlanEntry.objects.create(
        plan=plan,
        year=2027,
        contract_area=town.dv,
        method="site_visit",
        rationale="Nya avtal.",
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:plan_edit", args=[plan.pk]),
        _plan_data(first_year=2028, last_year=2029),
    )
    assert response.status_code == 400
    assert "Planen har prioriteringar för 2027: ta bort dem innan planen kortas." in (
        response.content.decode()
    )
    plan.refresh_from_db()
    assert (plan.first_year, plan.last_year) == (2027, 2029)


def test_deleting_a_plan_takes_its_entries(client, coordinator, plan, town) -> None:
    PlanEntry.objects.create(
        plan=plan, year=2027, contract_area=town.dv, method="site_visit", rationale="x"
    )
    client.force_login(coordinator)
    response = client.post(reverse("planning:plan_delete", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    assert not Plan.objects.exists()
    assert not PlanEntry.objects.exists()
    assert client.get(reverse("planning:plan_delete", args=[plan.pk])).status_code == (
        405
    )


# Entries -------------------------------------------------------------------------


def test_a_coordinator_prioritises_changes_and_removes_an_area(
    client, coordinator, plan, town
) -> None:
    client.force_login(coordinator)
    url = reverse("planning:entry_create", args=[plan.pk])
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["year"].choices] == [
        2027,
        2028,
        2029,
    ]
    response = client.post(url, _entry_data(town.dv))
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:plan_detail", args=[plan.pk])
    entry = PlanEntry.objects.get()
    assert (entry.year, entry.contract_area, entry.target_count, entry.lead) == (
        2027,
        town.dv,
        4,
        "joint",
    )
    response = client.post(
        reverse("planning:entry_edit", args=[entry.pk]),
        _entry_data(town.dv, year=2028, scope="all", target_count=None),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.year, entry.scope, entry.target_count) == (2028, "all", None)
    response = client.post(reverse("planning:entry_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert not PlanEntry.objects.exists()


def test_an_entry_year_outside_the_plan_is_refused(
    client, coordinator, plan, town
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:entry_create", args=[plan.pk]),
        _entry_data(town.dv, year=2030),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["year"]
    assert not PlanEntry.objects.exists()


def test_the_same_area_twice_in_a_year_is_refused_in_swedish(
    client, coordinator, plan, town
) -> None:
    client.force_login(coordinator)
    url = reverse("planning:entry_create", args=[plan.pk])
    assert client.post(url, _entry_data(town.dv)).status_code == 302
    response = client.post(url, _entry_data(town.dv, method="screening"))
    assert response.status_code == 400
    assert "Planen prioriterar redan avtalsområdet det här året." in (
        response.content.decode()
    )
    assert PlanEntry.objects.get().method == "site_visit"
    # Another year is fine.
    assert client.post(url, _entry_data(town.dv, year=2028)).status_code == 302


def test_a_number_of_units_is_only_for_a_selection(
    client, coordinator, plan, town
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:entry_create", args=[plan.pk]),
        _entry_data(town.hvb, scope="all", target_count=3),
    )
    assert response.status_code == 400
    assert "Ett antal verksamheter gäller ett urval" in response.content.decode()
    assert not PlanEntry.objects.exists()


@pytest.mark.parametrize("persona", ["district_officer", "committee_reader"])
def test_only_the_coordinator_changes_plans(client, request, plan, town, persona):
    entry = PlanEntry.objects.create(
        plan=plan, year=2027, contract_area=town.dv, method="site_visit", rationale="x"
    )
    client.force_login(request.getfixturevalue(persona))
    posts = [
        (reverse("planning:plan_create"), _plan_data(name="Ny")),
        (reverse("planning:plan_edit", args=[plan.pk]), _plan_data(name="Ny")),
        (reverse("planning:plan_delete", args=[plan.pk]), {}),
        (reverse("planning:entry_create", args=[plan.pk]), _entry_data(town.hvb)),
        (reverse("planning:entry_edit", args=[entry.pk]), _entry_data(town.hvb)),
        (reverse("planning:entry_delete", args=[entry.pk]), {}),
        (
            reverse("planning:calendar_edit", args=[2027]),
            {
                "send_out_by": "2027-02-15",
                "done_by": "2027-11-30",
                "report_by": "2028-04-15",
            },
        ),
        (
            reverse("planning:capacity_edit", args=[town.north.pk]),
            {"min_per_year": 5, "max_per_year": 9},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
        assert client.get(url).status_code in {403, 405}, url
    assert client.get(reverse("planning:plan_detail", args=[plan.pk])).status_code == (
        200
    )
    assert list(Plan.objects.values_list("name", flat=True)) == [plan.name]
    assert PlanEntry.objects.get().contract_area == town.dv
    assert not YearCalendar.objects.exists()
    assert OrganisationSettings.objects.get(organisation=town.north).max_per_year == 3


# The calendar ----------------------------------------------------------------------


def test_the_calendar_starts_from_seed_002_and_saves(client, coordinator) -> None:
    client.force_login(coordinator)
    url = reverse("planning:calendar_edit", args=[2031])
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    for day in ("2031-01-31", "2031-12-31", "2032-04-30"):
        assert f'value="{day}"' in content
    response = client.post(
        url,
        {
            "send_out_by": "2031-02-14",
            "done_by": "2031-11-30",
            "report_by": "2032-04-15",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    calendar = YearCalendar.objects.get(year=2031)
    assert (calendar.send_out_by, calendar.done_by, calendar.report_by) == (
        dt.date(2031, 2, 14),
        dt.date(2031, 11, 30),
        dt.date(2032, 4, 15),
    )
    # The form now starts from what was saved.
    assert 'value="2031-11-30"' in client.get(url).content.decode()


def test_a_calendar_out_of_order_is_refused_on_the_field(client, coordinator) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("planning:calendar_edit", args=[2031]),
        {
            "send_out_by": "2031-03-01",
            "done_by": "2031-02-01",
            "report_by": "2032-04-30",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "done_by": ["Uppföljningarna blir klara efter utskicket."]
    }
    assert not YearCalendar.objects.exists()


@pytest.mark.parametrize("year", [1999, 2101, 0])
def test_a_calendar_year_far_away_does_not_exist(client, coordinator, year) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("planning:calendar_edit", args=[year])).status_code == (
        404
    )


# Capacities and contact persons ---------------------------------------------------


def test_the_capacity_list_shows_every_organisation(client, planner, town) -> None:
    make_user("norr.kontakt", Role.DISTRICT_OFFICER, organisation=town.north)
    OrganisationSettings.objects.get(organisation=town.north).contact_persons.set(
        [make_user("anna", Role.DISTRICT_OFFICER, organisation=town.north)]
    )
    client.force_login(planner)
    response = client.get(reverse("planning:capacity_list"))
    assert response.status_code == 200
    rows = {row.organisation.code: row for row in response.context["rows"]}
    assert set(rows) == {"sof", "sdf-norr", "sdf-soder", "sdf-vaster"}
    assert (rows["sdf-norr"].office.minimum, rows["sdf-norr"].office.maximum) == (1, 3)
    assert rows["sdf-norr"].contacts == ["anna"]
    assert rows["sof"].office.maximum is None and not rows["sof"].is_set
    assert "ingen gräns" in response.content.decode()


def test_only_the_organisations_own_active_users_can_be_contact_persons(
    client, planner, town
) -> None:
    own = make_user("norr.a", Role.DISTRICT_OFFICER, organisation=town.north)
    reader = make_user("norr.b", Role.ORGANISATION_READER, organisation=town.north)
    gone = make_user("norr.c", Role.DISTRICT_OFFICER, organisation=town.north)
    gone.is_active = False
    gone.save()
    stranger = make_user("soder.a", Role.DISTRICT_OFFICER, organisation=town.south)
    client.force_login(planner)
    url = reverse("planning:capacity_edit", args=[town.north.pk])
    form = client.get(url).context["form"]
    offered = set(form.fields["contact_persons"].queryset)
    assert offered == {own, reader}
    assert "norr.a@example.org" in client.get(url).content.decode()
    response = client.post(
        url,
        {"min_per_year": 1, "max_per_year": 3, "contact_persons": [stranger.pk]},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["contact_persons"]
    assert not OrganisationSettings.objects.get(
        organisation=town.north
    ).contact_persons.exists()


def test_a_coordinator_sets_capacity_and_contact_persons(client, planner, town) -> None:
    contact = make_user("norr.a", Role.DISTRICT_OFFICER, organisation=town.north)
    client.force_login(planner)
    url = reverse("planning:capacity_edit", args=[town.north.pk])
    response = client.post(
        url, {"min_per_year": 2, "max_per_year": 6, "contact_persons": [contact.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:capacity_list")
    settings = OrganisationSettings.objects.get(organisation=town.north)
    assert (settings.min_per_year, settings.max_per_year) == (2, 6)
    assert list(settings.contact_persons.all()) == [contact]
    # The form starts from what is saved; an empty most means no limit.
    page = client.get(url)
    assert page.context["form"].initial["contact_persons"] == [contact]
    response = client.post(url, {"min_per_year": 2, "max_per_year": ""})
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.max_per_year is None
    assert not settings.contact_persons.exists()
    # The central office has no settings yet: it can be given some.
    response = client.post(
        reverse("planning:capacity_edit", args=[town.central.pk]),
        {"min_per_year": 0, "max_per_year": 10},
    )
    assert response.status_code == 302
    assert (
        OrganisationSettings.objects.get(organisation=town.central).max_per_year == 10
    )


def test_a_most_below_the_least_is_refused(client, planner, town) -> None:
    client.force_login(planner)
    response = client.post(
        reverse("planning:capacity_edit", args=[town.north.pk]),
        {"min_per_year": 5, "max_per_year": 2},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "max_per_year": ["Högsta antalet kan inte vara lägre än det minsta."]
    }
    settings = OrganisationSettings.objects.get(organisation=town.north)
    assert (settings.min_per_year, settings.max_per_year) == (1, 3)


def test_an_unknown_organisation_has_no_capacity_page(client, planner, town) -> None:
    client.force_login(planner)
    url = reverse("planning:capacity_edit", args=[987654])
    assert client.get(url).status_code == 404
