"""Selection runs: make one for a year, let the coordinator change it, publish it.

Seed 002: "Socialförvaltningen ansvarar för urval av verksamheter som ska följas
upp samt fördelningen av verksamheter till stadsdelsförvaltningarna och
socialförvaltningen." A run stores everything it used (the inputs of every
candidate, the weights, the options, the capacities, the plan and the seed), so
that ``replay`` gives the very same selection and allocation again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation, User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups.choices import CancelReason
from foljsam.followups.services import followup_cancel, followup_reassign
from foljsam.planning import events
from foljsam.planning.allocation import (
    Allocation,
    Item,
    Office,
    Options,
    allocate,
)
from foljsam.planning.choices import Picked, Placement, RunStatus
from foljsam.planning.inputs import (
    Inputs,
    from_snapshot,
    offices,
    offices_from_snapshot,
    offices_snapshot,
    selection_inputs,
    snapshot,
)
from foljsam.planning.models import Candidate, SelectionRun
from foljsam.planning.risk import Decision, Key, PlanMark, Weights, select


@dataclass(frozen=True, slots=True)
class Result:
    """A run's outcome, stored or not (``--dry-run``)."""

    inputs: Inputs
    decisions: list[Decision]
    allocations: dict[Key, Allocation]
    seed: int
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def selected(self) -> list[Decision]:
        return [d for d in self.decisions if d.selected]


def run_parameters(
    inputs: Inputs, weights: Weights, options: Options
) -> dict[str, Any]:
    return {
        "weights": weights.as_dict(),
        "options": {
            "avoid_own": options.avoid_own,
            "central_keeps_lou": options.central_keeps_lou,
        },
        "offices": offices_snapshot(inputs.offices),
        "plan": {
            "id": inputs.plan_id,
            "marks": {
                str(area): [mark.scope, mark.target]
                for area, mark in inputs.plan.items()
            },
        },
    }


def compute(inputs: Inputs, *, weights: Weights, options: Options, seed: int) -> Result:
    """Select, then allocate the selected in the order of their rank."""
    decisions = select(
        inputs.candidates,
        year=inputs.year,
        weights=weights,
        plan=inputs.plan,
        seed=seed,
    )
    items = [_ranked(inputs.items[d.key], d.rank) for d in decisions if d.selected]
    allocations = allocate(items, inputs.offices, options)
    return Result(
        inputs, decisions, allocations, seed, run_parameters(inputs, weights, options)
    )


def _ranked(item: Item, rank: int, pinned: int | None = None) -> Item:
    return Item(
        key=item.key,
        rank=rank,
        performer_id=item.performer_id,
        performer_target=item.performer_target,
        agreement_kind=item.agreement_kind,
        district_id=item.district_id,
        operator_id=item.operator_id,
        pinned_id=pinned,
    )


def _refuse_if_published(year: int) -> None:
    if SelectionRun.objects.filter(year=year, status=RunStatus.PUBLISHED).exists():
        raise ValidationError(
            _(
                "The selection for %(year)d is already published. Add or remove "
                "units in the published selection instead."
            )
            % {"year": year}
        )


def selection_run_create(
    *,
    actor: User | None,
    year: int,
    as_of: dt.date,
    weights: Weights | None = None,
    options: Options | None = None,
    seed: int | None = None,
    note: str = "",
    dry_run: bool = False,
) -> tuple[SelectionRun | None, Result]:
    """Run the selection and the allocation for ``year`` as things stood on
    ``as_of``, and store it as a draft (unless ``dry_run``)."""
    _refuse_if_published(year)
    weights = weights or Weights()
    options = options or Options()
    seed = seed if seed is not None else secrets.randbelow(2**31)
    inputs = selection_inputs(year=year, as_of=as_of)
    result = compute(inputs, weights=weights, options=options, seed=seed)
    if dry_run:
        return None, result
    return _store(actor, year, as_of, seed, note, result), result


@transaction.atomic
def _store(
    actor: User | None,
    year: int,
    as_of: dt.date,
    seed: int,
    note: str,
    result: Result,
) -> SelectionRun:
    _refuse_if_published(year)
    run = SelectionRun(
        year=year,
        as_of=as_of,
        seed=seed,
        parameters=result.parameters,
        note=note,
        created_by=actor,
    )
    stamp_history(run, actor)
    run.save()
    inputs = result.inputs
    by_key = {c.key: c for c in inputs.candidates}
    rows = []
    for decision in result.decisions:
        key = decision.key
        allocation = result.allocations.get(key)
        organisation = allocation.organisation_id if allocation else None
        context = inputs.context[key]
        rows.append(
            Candidate(
                run=run,
                unit_id=key[0],
                contract_area_id=key[1],
                agreement_id=context.agreement_id,
                inputs=snapshot(by_key[key], inputs.items[key], context),
                factors={
                    p.factor.value: {"points": p.points, "value": p.value}
                    for p in decision.scored.points
                },
                score=decision.scored.score,
                due_year=decision.scored.due_year,
                mandatory=decision.scored.mandatory,
                rank=decision.rank,
                selected=decision.selected,
                picked=decision.picked,
                auto_picked=decision.picked,
                organisation_id=organisation,
                auto_organisation_id=organisation,
                responsible_organisation_id=context.responsible_id,
                placement=allocation.placement if allocation else "",
                placement_detail=(
                    {"moved_from": allocation.moved_from}
                    if allocation and allocation.moved_from
                    else {}
                ),
            )
        )
    # Thousands of rows in one statement; the run's event says they were made.
    Candidate.objects.bulk_create(rows, batch_size=2000)
    event_record(
        actor=actor,
        action=events.RUN_CREATED,
        target=run,
        data={
            "year": year,
            "as_of": as_of.isoformat(),
            "candidates": len(rows),
            "selected": len(result.selected),
        },
    )
    return run


def replay(run: SelectionRun) -> Result:
    """The run computed again from what it stored. Equal to what the run itself
    decided (``auto_picked``, ``auto_organisation``), whatever the coordinator
    changed since and whatever has happened in the registry."""
    parameters = run.parameters
    candidates = []
    items: dict[Key, Item] = {}
    for unit_id, area_id, data in run.candidates.order_by("pk").values_list(
        "unit_id", "contract_area_id", "inputs"
    ):
        candidate, item = from_snapshot(unit_id, area_id, data)
        candidates.append(candidate)
        items[candidate.key] = item
    inputs = Inputs(
        year=run.year,
        as_of=run.as_of,
        candidates=candidates,
        items=items,
        offices=offices_from_snapshot(parameters["offices"]),
        plan_id=parameters["plan"]["id"],
        plan={
            int(area): PlanMark(scope, target)
            for area, (scope, target) in parameters["plan"]["marks"].items()
        },
    )
    options = Options(**parameters["options"])
    return compute(
        inputs,
        weights=Weights.from_dict(parameters["weights"]),
        options=options,
        seed=run.seed,
    )


# The coordinator's changes ------------------------------------------------------


def _run_offices(run: SelectionRun) -> list[Office]:
    return offices_from_snapshot(run.parameters["offices"])


def _run_options(run: SelectionRun) -> Options:
    return Options(**run.parameters["options"])


def _loads(run: SelectionRun, exclude: int) -> dict[int, int]:
    counts: dict[int, int] = {}
    for org_id in (
        run.candidates.filter(selected=True, organisation__isnull=False)
        .exclude(pk=exclude)
        .values_list("organisation_id", flat=True)
    ):
        counts[org_id] = counts.get(org_id, 0) + 1
    return counts


def _item_of(candidate: Candidate, pinned: int | None = None) -> Item:
    _c, item = from_snapshot(
        candidate.unit_id, candidate.contract_area_id, candidate.inputs
    )
    return _ranked(item, candidate.rank, pinned)


def _place_one(run: SelectionRun, candidate: Candidate) -> Allocation:
    """Allocate one follow-up beside what the run's others already have."""
    return allocate(
        [_item_of(candidate)],
        _run_offices(run),
        _run_options(run),
        loads=_loads(run, exclude=candidate.pk),
    )[(candidate.unit_id, candidate.contract_area_id)]


def _locked(candidate: Candidate) -> Candidate:
    return (
        Candidate.objects.select_related("run", "followup")
        .select_for_update(of=("self",))
        .get(pk=candidate.pk)
    )


def _note_required(note: str) -> str:
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say why, in a few words.")})
    return note


def _save_change(
    actor: User | None, locked: Candidate, note: str, action: str, **data: object
) -> Candidate:
    """Keep the coordinator's note on the candidate, in its history and in the
    run's event."""
    locked.change_note = note
    stamp_history(locked, actor, note)
    locked.save()
    event_record(
        actor=actor,
        action=action,
        target=locked.run,
        data={
            "unit": locked.unit_id,
            "area": locked.contract_area_id,
            **data,
            "note": note,
        },
    )
    return locked


@transaction.atomic
def candidate_add(*, actor: User | None, candidate: Candidate, note: str) -> Candidate:
    """Add a unit the run did not select, with the coordinator's reason; it is
    allocated into the room the others leave."""
    note = _note_required(note)
    locked = _locked(candidate)
    if locked.selected:
        raise ValidationError(_("The unit is already in the selection."))
    allocation = _place_one(locked.run, locked)
    locked.selected = True
    locked.picked = Picked.ADDED
    locked.organisation_id = allocation.organisation_id
    locked.placement = allocation.placement
    locked.placement_detail = (
        {"moved_from": allocation.moved_from} if allocation.moved_from else {}
    )
    return _save_change(actor, locked, note, events.CANDIDATE_ADDED)


@transaction.atomic
def candidate_remove(
    *, actor: User | None, candidate: Candidate, note: str, today: dt.date
) -> Candidate:
    """Take a unit out of the selection, with the coordinator's reason. Once the
    selection is published, its follow-up is cancelled (reason "other") if it
    has not been completed."""
    note = _note_required(note)
    locked = _locked(candidate)
    if not locked.selected:
        raise ValidationError(_("The unit is not in the selection."))
    if locked.followup is not None:
        followup_cancel(
            actor=actor,
            followup=locked.followup,
            reason=CancelReason.OTHER,
            on=today,
            note=note,
        )
    locked.selected = False
    locked.picked = ""
    locked.organisation = None
    locked.placement = ""
    locked.placement_detail = {}
    return _save_change(actor, locked, note, events.CANDIDATE_REMOVED)


@transaction.atomic
def candidate_reassign(
    *,
    actor: User | None,
    candidate: Candidate,
    organisation: Organisation,
    note: str,
) -> Candidate:
    """Give a selected follow-up to another organisation, with the reason; a
    published one's follow-up moves with it while it is still open."""
    note = _note_required(note)
    locked = _locked(candidate)
    if not locked.selected:
        raise ValidationError(_("Only a selected unit can be given to someone."))
    previous = locked.organisation_id
    if locked.followup is not None:
        followup_reassign(
            actor=actor, followup=locked.followup, organisation=organisation, note=note
        )
    locked.organisation = organisation
    locked.placement = Placement.MANUAL
    locked.placement_detail = {"moved_from": previous} if previous else {}
    return _save_change(
        actor,
        locked,
        note,
        events.CANDIDATE_REASSIGNED,
        **{"from": previous, "to": organisation.pk},
    )


@transaction.atomic
def selection_reallocate(*, actor: User | None, run: SelectionRun) -> int:
    """Allocate the selection again, with the capacities as they are now: after
    the coordinator raised a capacity, or added and removed units. Follow-ups
    already published and the coordinator's own choices stay where they are.
    Returns how many follow-ups changed organisation."""
    run = SelectionRun.objects.select_for_update().get(pk=run.pk)
    current = offices()
    run.parameters = {**run.parameters, "offices": offices_snapshot(current)}
    selected = list(run.candidates.filter(selected=True).order_by("rank"))
    items = [
        _item_of(
            c,
            pinned=c.organisation_id
            if c.followup_id is not None or c.placement == Placement.MANUAL
            else None,
        )
        for c in selected
    ]
    allocations = allocate(items, current, _run_options(run))
    changed = 0
    for c in selected:
        allocation = allocations[(c.unit_id, c.contract_area_id)]
        if allocation.placement == Placement.MANUAL:
            continue
        if (c.organisation_id, c.placement) != (
            allocation.organisation_id,
            allocation.placement,
        ):
            changed += c.organisation_id != allocation.organisation_id
            c.organisation_id = allocation.organisation_id
            c.placement = allocation.placement
            c.placement_detail = (
                {"moved_from": allocation.moved_from} if allocation.moved_from else {}
            )
            stamp_history(c, actor)
            c.save(update_fields=["organisation", "placement", "placement_detail"])
    stamp_history(run, actor)
    run.save(update_fields=["parameters", "updated_at"])
    event_record(
        actor=actor,
        action=events.RUN_REALLOCATED,
        target=run,
        data={"changed": changed},
    )
    return changed


@transaction.atomic
def selection_run_delete(*, actor: User | None, run: SelectionRun) -> None:
    """Throw away a draft run; a published one is the year's record."""
    locked = SelectionRun.objects.select_for_update().get(pk=run.pk)
    if locked.is_published:
        raise ValidationError(_("A published selection cannot be deleted."))
    event_record(
        actor=actor,
        action=events.RUN_DELETED,
        target=None,
        data={"run": locked.pk, "year": locked.year},
    )
    # The candidates were written in bulk, without history rows, and the event
    # records their end: one statement, not a history row for each of thousands
    # (bench/README.md: 7 s for a 10,000-unit city, 0.06 s so).
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Candidate._meta.db_table} WHERE run_id = %s",  # noqa: S608
            [locked.pk],
        )
    stamp_history(locked, actor)
    locked.delete()
