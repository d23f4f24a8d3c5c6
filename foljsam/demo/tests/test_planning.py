"""The demo city's past and next year (issue 5, "Done when"): its 2023 is seed
004's; a selection for 2027 picks every overdue unit with its reasons, allocates
within every district's capacity, never to a district that runs the unit when
that rule is on, and its forecast reaches 100 % within three years; publishing
creates the follow-ups and the e-mail, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine

from foljsam.accounts.access import SYSTEM
from foljsam.core.worker import run_pending
from foljsam.demo.loader import load_demo
from foljsam.followups.choices import OPEN_STATUSES, PERFORMED_STATUSES, Status
from foljsam.followups.models import FollowUp
from foljsam.planning.allocation import Options, count_loads
from foljsam.planning.choices import Picked
from foljsam.planning.models import Candidate
from foljsam.planning.publishing import selection_publish
from foljsam.planning.runs import selection_run_create
from foljsam.planning.selectors import run_forecast
from foljsam.registry.responsibility_map import Status as MapStatus
from foljsam.registry.responsibility_map import responsibility_map

pytestmark = pytest.mark.django_db

DEMO_DAY = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))

# Seed 004's table: planned, performed, and the outcomes behind its charts.
SEED_004 = {
    "daglig-verksamhet": (34, 34, {"complies": 19, "complies_after_complement": 15}),
    "korttidstillsyn": (20, 20, {"complies": 17, "complies_after_complement": 3}),
    "familjeradgivning": (
        25,
        24,
        {
            "complies": 8,
            "complies_after_complement": 13,
            "minor_deficiencies_remain": 2,
            "does_not_comply": 1,
        },
    ),
    "avhopparverksamhet": (
        28,
        22,
        {
            "complies": 6,
            "complies_after_complement": 15,
            "minor_deficiencies_remain": 1,
        },
    ),
    "hvb-socialpsykiatri": (21, 19, {"complies": 11, "complies_after_complement": 8}),
    "missbruk-vuxna": (
        20,
        19,
        {
            "complies": 8,
            "complies_after_complement": 7,
            "minor_deficiencies_remain": 4,
        },
    ),
}


@pytest.fixture
def demo():
    with time_machine.travel(DEMO_DAY, tick=False):
        yield load_demo()


def test_the_demo_has_a_past(demo) -> None:
    year = FollowUp.objects.filter(year=2023)
    assert year.count() == 148
    # Performed: completed, and since issue 8 shared with the provider (the
    # demo publishes the earlier years' results).
    assert year.filter(status__in=PERFORMED_STATUSES).count() == 138
    for area, (planned, performed, outcomes) in SEED_004.items():
        rows = year.filter(contract_area__code=area)
        assert rows.count() == planned, area
        done = rows.filter(status__in=PERFORMED_STATUSES)
        assert done.count() == performed, area
        assert dict(Counter(done.values_list("outcome", flat=True))) == outcomes, area
    # The follow-ups not performed in 2023 mostly ended with the agreement.
    reasons = Counter(
        year.filter(status=Status.CANCELLED).values_list("cancel_reason", flat=True)
    )
    assert reasons == {"agreement_terminated": 9, "other": 1}
    # Every year from 2021 has follow-ups; the current one is still under way.
    years = set(FollowUp.objects.values_list("year", flat=True))
    assert years == {2021, 2022, 2023, 2024, 2025, 2026}
    assert FollowUp.objects.filter(year=2026, status__in=OPEN_STATUSES).exists()
    # Some units are overdue today, and some were never followed up.
    with time_machine.travel(DEMO_DAY, tick=False):
        rows = responsibility_map(user=SYSTEM, today=DEMO_DAY.date())
    assert any(r.status is MapStatus.OVERDUE for r in rows)
    assert any(r.last_year is None and r.agreement_id for r in rows)
    # A second load changes nothing.
    before = FollowUp.objects.count()
    with time_machine.travel(DEMO_DAY, tick=False):
        again = load_demo()
    assert (again.followups_created, again.signals_created) == (0, 0)
    assert FollowUp.objects.count() == before


def _overdue_without_follow_up_under_way() -> set[tuple[int, int]]:
    rows = responsibility_map(user=SYSTEM, today=DEMO_DAY.date())
    under_way = set(
        FollowUp.objects.filter(status__in=OPEN_STATUSES).values_list(
            "unit_id", "contract_area_id"
        )
    )
    return {
        (r.unit.id, r.contract_area.id)
        for r in rows
        if r.status is MapStatus.OVERDUE and r.contract_area is not None
    } - under_way


def test_next_years_selection(demo, mailoutbox) -> None:
    with time_machine.travel(DEMO_DAY, tick=False):
        overdue = _overdue_without_follow_up_under_way()
        assert overdue
        run, result = selection_run_create(
            actor=None, year=2027, as_of=DEMO_DAY.date(), seed=7
        )
        assert run is not None
        selected = {d.key: d for d in result.decisions if d.selected}
        # Every overdue unit is selected, as due within its cycle.
        assert overdue <= set(selected)
        assert {selected[key].picked for key in overdue} == {Picked.MANDATORY}
        # Every selected unit carries readable reasons.
        candidates = Candidate.objects.filter(run=run, selected=True)
        assert all(c.factors for c in candidates)
        # Within every organisation's capacity, and every one allocated.
        offices = {o.id: o for o in result.inputs.offices}
        for org_id, load in count_loads(result.allocations).items():
            maximum = offices[org_id].maximum
            assert maximum is None or load <= maximum, org_id
        assert not candidates.filter(organisation__isnull=True).exists()
        # The forecast reaches 100 % within three years, in every area.
        forecast = run_forecast(run)
        assert [c.share for c in forecast[-1].years][-1] == 100.0
        assert all(row.years[-1].share == 100.0 for row in forecast)

        # What the demo's own work queued (results shared with providers) goes
        # first: only the publishing's e-mail is looked at below.
        run_pending()
        mailoutbox.clear()
        published = selection_publish(actor=None, run=run, base_url="http://demo")
        assert published.created == len(selected)
        assert FollowUp.objects.filter(year=2027, status=Status.ASSIGNED).count() == (
            len(selected)
        )
        assert mailoutbox == []  # queued, not yet sent
        run_pending()
        told = sorted(address for m in mailoutbox for address in m.to)
        assert told == [
            "uppfoljare.bromma@foljsam.example.org",
            "uppfoljare.sodermalm@foljsam.example.org",
        ]
        again = selection_publish(actor=None, run=run, base_url="http://demo")
        assert again.created == 0
        run_pending()
        assert len(mailoutbox) == 2


def test_no_district_follows_up_what_it_runs_when_the_rule_is_on(demo) -> None:
    with time_machine.travel(DEMO_DAY, tick=False):
        _run, result = selection_run_create(
            actor=None,
            year=2027,
            as_of=DEMO_DAY.date(),
            seed=7,
            options=Options(avoid_own=True),
            dry_run=True,
        )
    own = [
        d.key
        for d in result.decisions
        if d.selected and result.inputs.items[d.key].operator_id is not None
    ]
    assert own  # the demo's districts run units of their own
    for key in own:
        operator = result.inputs.items[key].operator_id
        assert result.allocations[key].organisation_id != operator
