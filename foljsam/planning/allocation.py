"""Allocation: which organisation performs each selected follow-up. A pure
function over plain data.

The city's rules:

* The responsibility rules (issue 2) name each unit's performing organisation:
  the central office for LOU ("Ramavtal enligt LOU ... följs upp av
  socialförvaltningen", seed 004), the signing district for its own contracts, the
  district where the unit lies for LOV ("Stadsdelsförvaltningarna gör
  platsbesök", seed 002).
* Where the rule sends a unit to the district it lies in, that is a convenience,
  not a duty: the central office shares those visits out so that "varje
  förvaltning (inklusive socialförvaltningen) tilldelas 2-4 verksamheter att
  följa upp varje år" (seed 002). Such follow-ups stay in their home district
  while it has room, move to the district with the fewest otherwise, and move
  again to give a district below its minimum its share.
* Optionally, no district follows up a unit it runs itself (seed 001: the city's
  own units are followed up "på ett likvärdigt, transparent och systematiskt
  sätt").
* The central office keeps the LOU agreements, whatever the rule says.
* No organisation gets more than its maximum: what does not fit is left
  unallocated, with the reason, for the coordinator to decide.

Follow-ups are placed in the order of the selection's rank, so that the most
urgent get the room first; equal loads are broken by organisation id, so the
result is the same every time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from foljsam.planning.choices import Placement
from foljsam.registry.choices import AgreementKind, Target

Key = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Office:
    id: int
    is_district: bool = True
    is_central: bool = False
    minimum: int = 0
    maximum: int | None = None  # None: no limit


@dataclass(frozen=True, slots=True)
class Item:
    key: Key
    rank: int
    performer_id: int | None  # what the responsibility rule names
    performer_target: str = ""  # the rule's target for the performer
    agreement_kind: str = ""
    district_id: int | None = None  # the district the unit lies in
    operator_id: int | None = None  # the city organisation that runs the unit
    pinned_id: int | None = None  # chosen by the coordinator


@dataclass(frozen=True, slots=True)
class Options:
    avoid_own: bool = False
    central_keeps_lou: bool = True


@dataclass(frozen=True, slots=True)
class Allocation:
    key: Key
    organisation_id: int | None
    placement: Placement
    moved_from: int | None = None  # the home district, when moved away from it


@dataclass(slots=True)
class _Movable:
    item: Item
    home: int | None
    forbidden: frozenset[int]
    reason_away: Placement  # why, if it does not stay at home


@dataclass(slots=True)
class _State:
    offices: dict[int, Office]
    load: dict[int, int] = field(default_factory=dict)

    def room(self, office_id: int) -> bool:
        office = self.offices.get(office_id)
        if office is None:
            return False
        return office.maximum is None or self.load[office_id] < office.maximum

    def take(self, office_id: int) -> None:
        self.load[office_id] += 1


def allocate(
    items: Sequence[Item],
    offices: Sequence[Office],
    options: Options,
    *,
    loads: Mapping[int, int] | None = None,
) -> dict[Key, Allocation]:
    """Place every item with an organisation, or leave it unallocated with the
    reason. ``offices`` are the organisations that may perform follow-ups;
    ``loads`` what they already have (when one follow-up is added to a run)."""
    given = loads or {}
    state = _State(
        {o.id: o for o in offices}, {o.id: given.get(o.id, 0) for o in offices}
    )
    central = next((o.id for o in offices if o.is_central), None)
    districts = sorted(o.id for o in offices if o.is_district)
    result: dict[Key, Allocation] = {}
    fixed: list[tuple[Item, int, Placement]] = []
    movable: list[_Movable] = []

    for item in sorted(items, key=lambda i: (i.rank, i.key)):
        forbidden = (
            frozenset({item.operator_id})
            if options.avoid_own and item.operator_id is not None
            else frozenset()
        )
        if item.pinned_id is not None:
            result[item.key] = Allocation(item.key, item.pinned_id, Placement.MANUAL)
            if item.pinned_id in state.load:
                state.take(item.pinned_id)
        elif (
            options.central_keeps_lou
            and item.agreement_kind == AgreementKind.LOU
            and central is not None
        ):
            fixed.append((item, central, Placement.CENTRAL_KEEPS_LOU))
        elif item.performer_target == Target.UNIT_DISTRICT:
            home = item.performer_id if item.performer_id not in forbidden else None
            reason = (
                Placement.MOVED_RUNS_UNIT
                if item.performer_id is not None and item.performer_id in forbidden
                else Placement.OUTSIDE_CITY
                if item.performer_id is None
                else Placement.MOVED_CAPACITY
            )
            movable.append(_Movable(item, home, forbidden, reason))
        elif item.performer_id is None:
            result[item.key] = Allocation(item.key, None, Placement.NO_PERFORMER)
        elif (
            item.performer_id in forbidden
            and state.offices.get(
                item.performer_id, Office(0, is_district=False)
            ).is_district
        ):
            # The rule names the district that runs the unit: another one does it.
            movable.append(_Movable(item, None, forbidden, Placement.MOVED_RUNS_UNIT))
        else:
            fixed.append((item, item.performer_id, Placement.RULE))

    for item, office_id, placement in fixed:
        if state.room(office_id):
            state.take(office_id)
            result[item.key] = Allocation(item.key, office_id, placement)
        else:
            result[item.key] = Allocation(item.key, None, Placement.OVER_CAPACITY)

    for entry in movable:
        item = entry.item
        if entry.home is not None and state.room(entry.home):
            state.take(entry.home)
            result[item.key] = Allocation(item.key, entry.home, Placement.HOME_DISTRICT)
            continue
        options_left = [
            d for d in districts if d not in entry.forbidden and state.room(d)
        ]
        if not options_left:
            result[item.key] = Allocation(item.key, None, Placement.OVER_CAPACITY)
            continue
        chosen = min(options_left, key=lambda d: (state.load[d], d))
        state.take(chosen)
        result[item.key] = Allocation(
            item.key, chosen, entry.reason_away, moved_from=item.performer_id
        )

    _give_minimums(state, districts, movable, result)
    return result


def _give_minimums(
    state: _State,
    districts: Sequence[int],
    movable: Sequence[_Movable],
    result: dict[Key, Allocation],
) -> None:
    """Move follow-ups to each district below its minimum, one at a time, from the
    district furthest above its own, taking its least urgent follow-up that may go
    there. A donor never drops below its own minimum, so one pass suffices."""
    pools: dict[int, list[_Movable]] = {d: [] for d in districts}
    for entry in movable:  # in rank order
        placed = result[entry.item.key].organisation_id
        if placed is not None and placed in pools:
            pools[placed].append(entry)
    for needy in districts:
        office = state.offices[needy]
        while state.load[needy] < office.minimum:
            donors = sorted(
                (
                    d
                    for d in districts
                    if d != needy
                    and state.load[d] > state.offices[d].minimum
                    and any(needy not in e.forbidden for e in pools[d])
                ),
                key=lambda d: (-(state.load[d] - state.offices[d].minimum), d),
            )
            if not donors:
                break
            source = donors[0]
            pool = pools[source]
            index = max(i for i, e in enumerate(pool) if needy not in e.forbidden)
            entry = pool.pop(index)
            state.load[source] -= 1
            state.take(needy)
            result[entry.item.key] = Allocation(
                entry.item.key,
                needy,
                Placement.MOVED_BALANCE,
                moved_from=entry.item.performer_id,
            )


def count_loads(allocations: Mapping[Key, Allocation]) -> dict[int, int]:
    """How many follow-ups each organisation was given."""
    counted: dict[int, int] = {}
    for allocation in allocations.values():
        if allocation.organisation_id is not None:
            counted[allocation.organisation_id] = (
                counted.get(allocation.organisation_id, 0) + 1
            )
    return counted
