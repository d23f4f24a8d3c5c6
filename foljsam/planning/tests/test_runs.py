"""Selection runs on the small town: what is selected and why, where it goes,
that a run replays to itself, and what the coordinator may change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from foljsam.followups.choices import Status
from foljsam.planning.allocation import Options
from foljsam.planning.choices import Picked, Placement
from foljsam.planning.models import Candidate, OrganisationSettings
from foljsam.planning.publishing import selection_publish
from foljsam.planning.runs import (
    candidate_add,
    candidate_reassign,
    candidate_remove,
    replay,
    selection_reallocate,
    selection_run_create,
)

AS_OF = dt.date(2026, 12, 1)
BASE = "http://testserver"


def _run(town, planner, **options):
    run, _result = selection_run_create(
        actor=planner,
        year=2027,
        as_of=AS_OF,
        options=Options(**options),
        seed=42,
    )
    assert run is not None
    return run


def _selected(run) -> dict[str, tuple[str, str | None, str]]:
    return {
        c.unit.external_id: (
            c.picked,
            c.organisation.code if c.organisation else None,
            c.placement,
        )
        for c in run.candidates.filter(selected=True).select_related(
            "unit", "organisation"
        )
    }


def test_the_selection_takes_due_units_and_the_risky_one(town, planner) -> None:
    """Overdue or due in 2027: U1, U3, U4, L1, E1 (see conftest); U5 on risk
    (did not comply, two open deficiencies, ten placements: 8 + 4 + 1 = 13)."""
    run = _run(town, planner)
    assert _selected(run) == {
        "U3": (Picked.MANDATORY, "sdf-norr", Placement.HOME_DISTRICT),
        "L1": (Picked.MANDATORY, "sof", Placement.CENTRAL_KEEPS_LOU),
        "E1": (Picked.MANDATORY, "sdf-vaster", Placement.RULE),
        "U1": (Picked.MANDATORY, "sdf-norr", Placement.HOME_DISTRICT),
        "U4": (Picked.MANDATORY, "sdf-norr", Placement.HOME_DISTRICT),
        "U5": (Picked.RISK, "sdf-soder", Placement.HOME_DISTRICT),
    }
    scores = dict(
        run.candidates.values_list("unit__external_id", "score").order_by("rank")
    )
    # U3: six years overdue (24), never (4), placements (1); L1: two years
    # overdue (8), never (4), placements (0.4); E1: 8 + 0.5; U1: 4 + 1; U4: due
    # (2), complied after complement (1), placements (1).
    assert scores == {
        "U3": 29.0,
        "L1": 12.4,
        "E1": 8.5,
        "U1": 5.0,
        "U4": 4.0,
        "U5": 13.0,
        "U2": 1.0,
        "U6": 1.0,
        "L2": 0.4,
    }
    u5 = run.candidates.get(unit=town.units["U5"])
    assert u5.factors == {
        "placements": {"points": 1.0, "value": 10},
        "outcome": {"points": 8.0, "value": 2025},
        "open_deficiencies": {"points": 4.0, "value": 2},
    }


def test_no_district_follows_up_what_it_runs_when_the_rule_is_on(town, planner) -> None:
    run = _run(town, planner, avoid_own=True)
    picked = _selected(run)
    assert picked["E1"] == (Picked.MANDATORY, "sdf-soder", Placement.MOVED_RUNS_UNIT)
    # West, below its minimum of 1, gets North's least urgent unit.
    assert picked["U4"] == (Picked.MANDATORY, "sdf-vaster", Placement.MOVED_BALANCE)
    loads = {}
    for code in picked.values():
        loads[code[1]] = loads.get(code[1], 0) + 1
    assert loads == {"sdf-norr": 2, "sof": 1, "sdf-soder": 2, "sdf-vaster": 1}


def test_a_run_replays_to_itself(town, planner) -> None:
    run = _run(town, planner, avoid_own=True)
    result = replay(run)
    stored = {
        (c.unit_id, c.contract_area_id): (c.auto_picked, c.auto_organisation_id, c.rank)
        for c in run.candidates.all()
    }
    replayed = {
        d.key: (
            d.picked,
            result.allocations[d.key].organisation_id if d.selected else None,
            d.rank,
        )
        for d in result.decisions
    }
    assert replayed == stored
    # ... even after the registry changed and the coordinator made changes.
    town.units["U2"].placements = 500
    town.units["U2"].save()
    candidate_remove(
        actor=planner,
        candidate=run.candidates.get(unit=town.units["U5"]),
        note="Besöktes i december.",
        today=AS_OF,
    )
    again = replay(run)
    assert {d.key: d.picked for d in again.decisions} == {
        k: v[0] for k, v in stored.items()
    }


def test_publishing_creates_follow_ups_and_queues_mail_once(
    town, planner, mailoutbox, settings
) -> None:
    from conftest import make_user
    from foljsam.accounts.roles import Role
    from foljsam.core.worker import run_pending

    make_user("norr", Role.DISTRICT_OFFICER, organisation=town.north)
    run = _run(town, planner)
    published = selection_publish(actor=planner, run=run, base_url=BASE)
    assert published.created == 6
    run.refresh_from_db()
    assert run.is_published
    followups = {
        c.unit.external_id: c.followup
        for c in run.candidates.filter(selected=True).select_related(
            "unit", "followup__organisation", "followup__template_version"
        )
    }
    north = followups["U1"]
    assert north.status == Status.ASSIGNED
    assert north.organisation == town.north
    assert north.template_version.template.code == "besok"
    assert (north.send_out_by, north.due_by, north.report_by) == (
        dt.date(2027, 1, 31),
        dt.date(2027, 12, 31),
        dt.date(2028, 4, 30),
    )
    assert north.methods == ["site_visit"]
    # The e-mail waits in the database until the worker runs.
    assert mailoutbox == []
    run_pending()
    assert [m.to for m in mailoutbox] == [["norr@example.org"]]
    body = mailoutbox[0].body
    assert "Daglig verksamhet U1" in body and "Daglig verksamhet U3" in body
    assert "U5" not in body  # South's unit is not North's business
    assert f"{BASE}/followups/?year=2027" in body
    # Publishing again creates nothing and sends nothing.
    again = selection_publish(actor=planner, run=run, base_url=BASE)
    assert (again.created, again.per_organisation) == (0, {})
    run_pending()
    assert len(mailoutbox) == 1


def test_coordinator_adds_removes_and_reassigns(town, planner) -> None:
    run = _run(town, planner)
    u2 = run.candidates.get(unit=town.units["U2"])
    with pytest.raises(ValidationError):
        candidate_add(actor=planner, candidate=u2, note="  ")
    added = candidate_add(actor=planner, candidate=u2, note="Signal från handläggare.")
    # North is full (3 of 3): U2 goes to the emptiest district with room;
    # South and West have one each, and South comes first.
    assert (added.picked, added.organisation, added.placement) == (
        Picked.ADDED,
        town.south,
        Placement.MOVED_CAPACITY,
    )
    assert added.auto_picked == ""
    published = selection_publish(actor=planner, run=run, base_url=BASE)
    assert published.created == 7
    # After publishing: moving a follow-up moves it for real.
    u1 = run.candidates.get(unit=town.units["U1"])
    candidate_reassign(
        actor=planner, candidate=u1, organisation=town.south, note="Jäv i Norr."
    )
    u1.refresh_from_db()
    assert u1.followup.organisation == town.south
    assert u1.placement == Placement.MANUAL
    # ... and taking a unit out cancels its follow-up, with the note.
    candidate_remove(actor=planner, candidate=u1, note="Avtalet upphör.", today=AS_OF)
    u1.followup.refresh_from_db()
    assert u1.followup.status == Status.CANCELLED
    assert u1.followup.cancel_reason == "other"
    assert "Avtalet upphör." in u1.followup.note


def test_publishing_refuses_unallocated_and_missing_templates(town, planner) -> None:
    OrganisationSettings.objects.filter(organisation=town.north).delete()
    settings = OrganisationSettings(
        organisation=town.north, min_per_year=0, max_per_year=0
    )
    settings.save()
    for org in (town.south, town.west):
        OrganisationSettings.objects.filter(organisation=org).delete()
        OrganisationSettings(organisation=org, min_per_year=0, max_per_year=0).save()
    run = _run(town, planner)
    unallocated = run.candidates.filter(selected=True, organisation__isnull=True)
    assert set(unallocated.values_list("placement", flat=True)) == {
        Placement.OVER_CAPACITY
    }
    with pytest.raises(ValidationError, match="saknar organisation"):
        selection_publish(actor=planner, run=run, base_url=BASE)
    assert not Candidate.objects.filter(followup__isnull=False).exists()
    # Raise the capacity and allocate again: now it publishes.
    for org in (town.north, town.south, town.west):
        s = OrganisationSettings.objects.get(organisation=org)
        s.max_per_year = 5
        s.save()
    assert selection_reallocate(actor=planner, run=run) == 5
    # Without a published visit protocol, nothing can be sent out.
    from foljsam.requirements.models import TemplateVersion
    from foljsam.requirements.services import version_publish, version_retire
    from foljsam.requirements.tests.factories import build_version

    version_retire(actor=None, version=TemplateVersion.objects.get())
    with pytest.raises(
        ValidationError, match="Inget uppföljningsprotokoll är publicerat"
    ):
        selection_publish(actor=planner, run=run, base_url=BASE)
    version_publish(actor=None, version=build_version(code="ny-mall"))
    assert selection_publish(actor=planner, run=run, base_url=BASE).created == 6


def test_a_published_year_takes_no_new_run(town, planner) -> None:
    run = _run(town, planner)
    selection_publish(actor=planner, run=run, base_url=BASE)
    with pytest.raises(ValidationError, match="redan publicerat"):
        _run(town, planner)
