"""The city's dashboards (issue 7): coverage per contract area, overdue units,
follow-ups by status per organisation, deficiencies past their deadline; for the
central office and the committee only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foljsam.accounts.access import SYSTEM
from foljsam.findings.models import Deficiency, Measure
from foljsam.findings.reminders import awaiting_complements
from foljsam.followups.choices import Status
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry import coverage
from foljsam.registry.models import ContractArea, Unit
from foljsam.registry.responsibility_map import Status as MapStatus
from foljsam.registry.responsibility_map import responsibility_map
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.reporting import dashboard, dashboard_coverage
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 30)
PAGES = [
    "reporting:dashboard",
    "reporting:overdue_units",
    "reporting:overdue_deficiencies",
]


@pytest.fixture(autouse=True)
def _no_remembered_figures():
    """Each test's database reuses ids and the clock stands still: figures
    remembered by an earlier test could match this one's fingerprint."""
    cache.clear()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class City:
    a: ContractArea  # three-year cycle
    b: ContractArea  # two-year cycle
    units: dict[str, Unit]


def _unit(
    name: str,
    *areas: ContractArea,
    opened: dt.date = dt.date(2015, 1, 1),
    since: dt.date = dt.date(2020, 1, 1),
    **kwargs,
) -> Unit:
    unit = UnitFactory(name=name, opened_on=opened, **kwargs)
    for area in areas:
        AgreementFactory(
            provider=unit.provider,
            contract_area=area,
            units=[unit],
            valid_from=since,
        )
    return unit


def _performed(unit: Unit, area: ContractArea, year: int, on: dt.date | None, **kw):
    return FollowUpFactory(
        unit=unit,
        contract_area=area,
        year=year,
        status=kw.pop("status", Status.COMPLETED),
        outcome=kw.pop("outcome", "complies"),
        performed_on=on,
        **kw,
    )


@pytest.fixture
def city(central_office) -> City:
    """Units whose coverage on 2026-11-30 is known by hand (see each line)."""
    a = ContractAreaFactory(code="dv", name="Daglig verksamhet", cycle_years=3)
    b = ContractAreaFactory(code="fr", name="Familjerådgivning", cycle_years=2)
    u = {}
    # Area a, cycle 3: within the cycle means counting for 2024-2026.
    u["recent"] = _unit("Nyss", a)
    _performed(u["recent"], a, 2025, dt.date(2025, 5, 10))  # covered
    u["undated"] = _unit("Utan datum", a)
    _performed(u["undated"], a, 2023, None)  # counts 2023: due 2026, not late
    u["old"] = _unit("Gammal", a)
    _performed(u["old"], a, 2021, dt.date(2021, 6, 1))  # due 2024: overdue
    _performed(u["old"], a, 2019, dt.date(2019, 6, 1))
    u["never"] = _unit("Aldrig", a)  # since 2020: due 2023, overdue
    u["new"] = _unit("Ny", a, since=dt.date(2025, 3, 1))  # due 2028
    u["late_visit"] = _unit("Sent besök", a)
    _performed(u["late_visit"], a, 2022, dt.date(2024, 1, 15))  # counts 2024
    u["closed"] = _unit("Stängd", a, closed_on=dt.date(2026, 1, 1))
    u["cancelled"] = _unit("Inställd", a)  # only a cancelled one: never, overdue
    FollowUpFactory(
        unit=u["cancelled"],
        contract_area=a,
        year=2025,
        status=Status.CANCELLED,
        cancel_reason="other",
        cancelled_on=dt.date(2025, 4, 1),
    )
    u["open"] = _unit("Pågår", a)  # an open follow-up does not count: overdue
    FollowUpFactory(unit=u["open"], contract_area=a, year=2026)
    u["opened_late"] = _unit("Öppnade sent", a, opened=dt.date(2024, 2, 1))
    # Area b, cycle 2: within the cycle means counting for 2025-2026.
    u["b_2024"] = _unit("B 2024", b)
    _performed(u["b_2024"], b, 2024, dt.date(2024, 9, 1))  # due 2026
    u["b_2025"] = _unit("B 2025", b)
    _performed(u["b_2025"], b, 2025, dt.date(2025, 9, 1))  # covered
    # One unit in both: covered in a, never followed up in b (overdue there).
    u["both"] = _unit("Båda", a, b)
    _performed(u["both"], a, 2026, dt.date(2026, 3, 1))
    # Two agreements in a: one pair, overdue by the older agreement.
    u["two"] = _unit("Två avtal", a, since=dt.date(2019, 1, 1))
    AgreementFactory(
        provider=u["two"].provider,
        contract_area=a,
        units=[u["two"]],
        valid_from=dt.date(2025, 1, 1),
    )
    # A terminated agreement covers nothing today.
    u["terminated"] = _unit("Uppsagd", a)
    for agreement in u["terminated"].agreements.all():
        agreement.terminated_on = dt.date(2026, 6, 1)
        agreement.save()
    return City(a, b, u)


def _figures(
    rows: list[dashboard_coverage.AreaCoverage],
) -> dict[str, tuple[int, int, int]]:
    return {
        row.area.code if row.area else "city": (row.covered, row.total, row.overdue)
        for row in rows
    }


def test_coverage_and_overdue_per_area_and_for_the_city(city) -> None:
    rows = dashboard_coverage.area_coverage(user=SYSTEM, today=TODAY)
    # a: recent, undated, old, never, new, late_visit, cancelled, open,
    #    opened_late, both, two = 11 units; covered: recent, late_visit, both;
    #    overdue: old, never, cancelled, open, two.
    # b: b_2024, b_2025, both = 3; covered: b_2025; overdue: both.
    assert _figures(rows) == {"dv": (3, 11, 5), "fr": (1, 3, 1), "city": (4, 14, 6)}
    city_row = rows[-1]
    assert city_row.area is None
    assert city_row.share == 28.6
    assert rows[0].share == 27.3  # Daglig verksamhet first, by name


def test_the_figures_are_those_of_the_responsibility_map_and_the_pure_rules(
    city,
) -> None:
    """The same definition as the map (due, overdue) and the forecast (within
    the cycle), worked out in Python from the map's rows."""
    covered: dict[tuple[int, int], bool] = {}
    overdue: dict[tuple[int, int], bool] = {}
    for row in responsibility_map(user=SYSTEM, today=TODAY):
        if row.contract_area is None:
            continue
        key = (row.unit.id, row.contract_area.id)
        covered[key] = coverage.within_cycle(
            row.last_year, row.contract_area.cycle_years, TODAY.year
        )
        late = coverage.is_overdue(row.due_year or TODAY.year, TODAY)
        if row.gap is None:  # the map's own word for it
            assert late == (row.status is MapStatus.OVERDUE)
        overdue[key] = overdue.get(key, False) or late
    expected = {}
    for area in (city.a, city.b):
        keys = [k for k in covered if k[1] == area.id]
        expected[area.code] = (
            sum(covered[k] for k in keys),
            len(keys),
            sum(overdue[k] for k in keys),
        )
    figures = _figures(dashboard_coverage.area_coverage(user=SYSTEM, today=TODAY))
    assert {code: figures[code] for code in expected} == expected
    listed = {
        (row.unit_id, row.contract_area.id)
        for row in dashboard_coverage.overdue_units(user=SYSTEM, today=TODAY)
    }
    assert listed == {k for k, late in overdue.items() if late}


def test_the_overdue_units_with_their_last_follow_up_due_year_and_responsible(
    city, central_office
) -> None:
    rows = dashboard_coverage.overdue_units(user=SYSTEM, today=TODAY)
    by_name = {(r.unit_name, r.contract_area.code): r for r in rows}
    assert set(by_name) == {
        ("Gammal", "dv"),
        ("Aldrig", "dv"),
        ("Inställd", "dv"),
        ("Pågår", "dv"),
        ("Två avtal", "dv"),
        ("Båda", "fr"),
    }
    old = by_name["Gammal", "dv"]
    assert (old.last_followed_up, old.last_year, old.due_year) == (
        dt.date(2021, 6, 1),
        2021,
        2024,
    )
    assert (by_name["Aldrig", "dv"].last_year, by_name["Aldrig", "dv"].due_year) == (
        None,
        2023,
    )
    assert by_name["Två avtal", "dv"].due_year == 2022  # the older agreement's
    # Longest overdue first.
    assert [r.due_year for r in rows] == sorted(r.due_year for r in rows)
    # Who answers for each is the map's answer.
    responsible = {
        (row.unit.id, row.contract_area.id): row.responsible
        for row in responsibility_map(user=SYSTEM, today=TODAY)
        if row.contract_area
    }
    for row in rows:
        expected = responsible[row.unit_id, row.contract_area.id]
        assert (row.responsible.id if row.responsible else None) == (
            expected.id if expected else None
        )
    assert {r.responsible.id for r in rows if r.responsible} == {central_office.pk}


def test_the_overdue_list_filters_by_area_and_responsible_organisation(
    city, central_office, district
) -> None:
    in_b = dashboard_coverage.overdue_units(
        user=SYSTEM,
        today=TODAY,
        filters=dashboard_coverage.OverdueFilters(contract_area=city.b.pk),
    )
    assert [r.unit_name for r in in_b] == ["Båda"]
    ours = dashboard_coverage.overdue_units(
        user=SYSTEM,
        today=TODAY,
        filters=dashboard_coverage.OverdueFilters(organisation=central_office.pk),
    )
    assert len(ours) == 6
    theirs = dashboard_coverage.overdue_units(
        user=SYSTEM,
        today=TODAY,
        filters=dashboard_coverage.OverdueFilters(organisation=district.pk),
    )
    assert theirs == []
    searched = dashboard_coverage.overdue_units(
        user=SYSTEM, today=TODAY, filters=dashboard_coverage.OverdueFilters(q="aldrig")
    )
    assert [r.unit_name for r in searched] == ["Aldrig"]


def test_follow_ups_by_status_per_organisation(district, other_district) -> None:
    for status in ("assigned", "assigned", "visited"):
        FollowUpFactory(organisation=district, year=2026, status=status)
    _performed(UnitFactory(), ContractAreaFactory(), 2026, TODAY, organisation=district)
    FollowUpFactory(organisation=other_district, year=2026, status="preparing")
    FollowUpFactory(organisation=None, year=2026)
    FollowUpFactory(organisation=district, year=2025)  # another year
    table = dashboard.status_table(user=SYSTEM, year=2026)
    counts = {
        row.organisation.name if row.organisation else None: {
            status.value: n for status, n in row.cells if n
        }
        for row in table.rows
    }
    assert counts == {
        "Bromma stadsdelsförvaltning": {"preparing": 1},
        "Södermalms stadsdelsförvaltning": {
            "assigned": 2,
            "visited": 1,
            "completed": 1,
        },
        None: {"assigned": 1},
    }
    assert table.rows[-1].organisation is None  # the unassigned last
    assert table.total == 6
    assert dict(table.totals)[Status.ASSIGNED] == 3
    assert dashboard.status_table(user=SYSTEM, year=2025).total == 1


def _deficiency(followup, *, due: dt.date, requested: dt.date | None = None):
    deficiency = Deficiency.objects.create(
        followup=followup,
        category=RequirementCategory.objects.get(code="rutiner"),
        description="Rutin saknas.",
        due_on=due,
    )
    if requested:
        Measure.objects.create(
            deficiency=deficiency, kind="complement_requested", on=requested, due_on=due
        )
    return deficiency


def _late(organisation, area=None, *, status=Status.AWAITING_COMPLEMENT, days=5):
    followup = FollowUpFactory(
        organisation=organisation,
        status=status,
        **({"contract_area": area} if area else {}),
        outcome="minor_deficiencies_remain" if status == Status.COMPLETED else "",
    )
    due = TODAY - dt.timedelta(days=days)
    return _deficiency(followup, due=due, requested=due - dt.timedelta(days=30))


def test_deficiencies_past_their_deadline_are_the_districts_overdue_complements(
    district, other_district
) -> None:
    area = ContractAreaFactory(name="Missbruk")
    late = [_late(district, area, days=3), _late(district, days=40)]
    late.append(_late(other_district, area, days=1))
    # Not past the deadline: due today.
    _late(district, days=0)
    # The complement came after the request: nothing is owed.
    received = _late(district, days=10)
    Measure.objects.create(
        deficiency=received,
        kind="complement_received",
        on=TODAY - dt.timedelta(days=12),
    )
    # The follow-up is completed: what is left open can no longer be complemented.
    _late(district, status=Status.COMPLETED, days=8)
    # Resolved.
    resolved = _late(other_district, days=9)
    resolved.status, resolved.resolved_on, resolved.resolution = (
        "resolved",
        TODAY,
        "complement",
    )
    resolved.save()

    found = list(dashboard.overdue_deficiencies(user=SYSTEM, today=TODAY))
    assert found == [late[1], late[0], late[2]]  # longest overdue first
    # The district dashboard's rule, for the whole city.
    districts = [
        row.deficiency
        for row in awaiting_complements(Deficiency.objects.all(), TODAY)
        if row.overdue
    ]
    assert set(districts) == set(found)

    counts = dashboard.overdue_deficiency_counts(user=SYSTEM, today=TODAY)
    assert counts.total == 3
    assert [(t.name, t.count) for t in counts.by_organisation] == [
        ("Södermalms stadsdelsförvaltning", 2),
        ("Bromma stadsdelsförvaltning", 1),
    ]
    assert ("Missbruk", 2) in [(t.name, t.count) for t in counts.by_area]
    only_area = dashboard.overdue_deficiencies(
        user=SYSTEM,
        today=TODAY,
        filters=dashboard.DeficiencyFilters(contract_area=area.pk),
    )
    assert set(only_area) == {late[0], late[2]}
    only_bromma = dashboard.overdue_deficiencies(
        user=SYSTEM,
        today=TODAY,
        filters=dashboard.DeficiencyFilters(organisation=other_district.pk),
    )
    assert list(only_bromma) == [late[2]]


# The pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_central_office_and_the_committee_see_the_pages(
    client, city, coordinator, committee_reader, name
) -> None:
    for user in (coordinator, committee_reader):
        client.force_login(user)
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert b'id="main"' in response.content


@pytest.mark.parametrize("name", PAGES)
def test_districts_organisations_and_providers_are_refused(
    client, district_officer, organisation_reader, provider_user, name
) -> None:
    for user in (district_officer, organisation_reader, provider_user):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_the_dashboard_shows_the_figures_and_links_on(
    client, city, coordinator, district
) -> None:
    FollowUpFactory(organisation=district, year=2026, status="visited")
    _late(district, city.a)
    client.force_login(coordinator)
    page = client.get(reverse("reporting:dashboard")).content.decode()
    with translation.override("sv"):
        assert gettext("City overview") in page
    assert "28,6 %" in page  # the city's coverage
    assert "27,3 %" in page  # Daglig verksamhet
    assert f"?contract_area={city.a.pk}" in page  # to its overdue units
    assert (
        f"/followups/?year=2026&amp;status=visited&amp;organisation={district.pk}"
        in page
    )
    assert reverse("reporting:annual") in page
    assert (
        reverse("reporting:overdue_deficiencies") + f"?organisation={district.pk}"
        in page
    )


def test_the_year_filter_chooses_the_status_year(client, coordinator, district) -> None:
    FollowUpFactory(
        organisation=district,
        year=2024,
        status="cancelled",
        cancel_reason="other",
        cancelled_on=dt.date(2024, 3, 1),
    )
    client.force_login(coordinator)
    page = client.get(reverse("reporting:dashboard") + "?year=2024").content.decode()
    heading = "Follow-ups in %(year)s by status"
    with translation.override("sv"):
        assert gettext(heading) % {"year": 2024} in page
    assert "?year=2024&amp;status=cancelled" in page
    # A year without follow-ups is no choice: this year is shown.
    page = client.get(reverse("reporting:dashboard") + "?year=1999").content.decode()
    with translation.override("sv"):
        assert gettext(heading) % {"year": 2026} in page


def test_the_overdue_pages_list_and_link(client, city, coordinator, district) -> None:
    deficiency = _late(district, city.a, days=7)
    client.force_login(coordinator)
    page = client.get(
        reverse("reporting:overdue_units") + f"?contract_area={city.b.pk}"
    ).content.decode()
    assert "Båda" in page and "Gammal" not in page
    assert reverse("registry:unit_detail", args=[city.units["both"].pk]) in page
    page = client.get(reverse("reporting:overdue_deficiencies")).content.decode()
    link = reverse("findings:followup_deficiencies", args=[deficiency.followup_id])
    assert f"{link}#deficiency-{deficiency.pk}" in page
    assert ">7<" in page  # days overdue


def test_the_menu_leads_the_readers_of_city_reports_to_the_dashboard(
    client, coordinator, district_officer
) -> None:
    url = reverse("reporting:dashboard")
    client.force_login(coordinator)
    assert f'href="{url}"' in client.get(reverse("followups:list")).content.decode()
    client.force_login(district_officer)
    assert f'href="{url}"' not in client.get(reverse("followups:list")).content.decode()
