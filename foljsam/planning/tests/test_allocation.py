"""The allocation, with expectations worked out by hand."""

from __future__ import annotations

from foljsam.planning.allocation import Item, Office, Options, allocate, count_loads
from foljsam.planning.choices import Placement
from foljsam.registry.choices import Target

CENTRAL, NORTH, SOUTH, WEST = 1, 11, 12, 13
OFFICES = [
    Office(CENTRAL, is_district=False, is_central=True, minimum=0, maximum=None),
    Office(NORTH, minimum=2, maximum=4),
    Office(SOUTH, minimum=2, maximum=4),
    Office(WEST, minimum=2, maximum=4),
]
LOV = "lov"


def lov(n: int, district: int, *, operator: int | None = None) -> Item:
    return Item(
        key=(n, 1),
        rank=n,
        performer_id=district,
        performer_target=Target.UNIT_DISTRICT,
        agreement_kind=LOV,
        district_id=district,
        operator_id=operator,
    )


def by_unit(result) -> dict[int, tuple[int | None, str]]:
    return {key[0]: (a.organisation_id, a.placement) for key, a in result.items()}


def test_home_district_first_then_the_emptiest_then_minimums() -> None:
    """Seven LOV units all lie in NORTH (max 4). The four most urgent stay home;
    5, 6 and 7 go to the emptiest district with room: SOUTH (id 12) and WEST (13)
    alternate by load, then id: 5 -> SOUTH, 6 -> WEST, 7 -> SOUTH. WEST then has 1,
    below its minimum of 2: NORTH is furthest above its minimum (4 - 2 = 2), and
    its least urgent unit (4) moves to WEST."""
    items = [lov(n, NORTH) for n in range(1, 8)]
    result = allocate(items, OFFICES, Options())
    assert by_unit(result) == {
        1: (NORTH, Placement.HOME_DISTRICT),
        2: (NORTH, Placement.HOME_DISTRICT),
        3: (NORTH, Placement.HOME_DISTRICT),
        4: (WEST, Placement.MOVED_BALANCE),
        5: (SOUTH, Placement.MOVED_CAPACITY),
        6: (WEST, Placement.MOVED_CAPACITY),
        7: (SOUTH, Placement.MOVED_CAPACITY),
    }
    assert count_loads(result) == {NORTH: 3, SOUTH: 2, WEST: 2}
    assert result[(4, 1)].moved_from == NORTH


def test_never_above_capacity_what_does_not_fit_is_left_unallocated() -> None:
    """Fourteen units for three districts of at most 4 each: 12 placed, the two
    least urgent left over capacity."""
    items = [lov(n, NORTH) for n in range(1, 15)]
    result = allocate(items, OFFICES, Options())
    assert count_loads(result) == {NORTH: 4, SOUTH: 4, WEST: 4}
    left = {k[0] for k, a in result.items() if a.organisation_id is None}
    assert left == {13, 14}
    assert {result[(n, 1)].placement for n in left} == {Placement.OVER_CAPACITY}


def test_a_district_never_follows_up_a_unit_it_runs_when_the_rule_is_on() -> None:
    """Own units in SOUTH, run by SOUTH, whose rule sends them to the operating
    organisation. With the rule on they go elsewhere; off, they stay."""
    items = [
        Item(
            key=(n, 2),
            rank=n,
            performer_id=SOUTH,
            performer_target=Target.OPERATING_ORGANISATION,
            agreement_kind="mission",
            district_id=SOUTH,
            operator_id=SOUTH,
        )
        for n in range(1, 4)
    ]
    on = allocate(items, OFFICES, Options(avoid_own=True))
    assert all(a.organisation_id not in (SOUTH, None) for a in on.values())
    assert {a.placement for a in on.values()} == {Placement.MOVED_RUNS_UNIT}
    # 1 -> NORTH (load 0, id 11), 2 -> WEST (0, 13), 3 -> NORTH (1 vs 1, id 11).
    assert by_unit(on) == {
        1: (NORTH, Placement.MOVED_RUNS_UNIT),
        2: (WEST, Placement.MOVED_RUNS_UNIT),
        3: (NORTH, Placement.MOVED_RUNS_UNIT),
    }
    off = allocate(items, OFFICES, Options(avoid_own=False))
    assert {a.organisation_id for a in off.values()} == {SOUTH}
    assert {a.placement for a in off.values()} == {Placement.RULE}


def test_a_lov_unit_in_the_district_that_runs_it_moves_too() -> None:
    item = lov(1, NORTH, operator=NORTH)
    result = allocate([item], OFFICES, Options(avoid_own=True))
    assert result[(1, 1)].organisation_id in {SOUTH, WEST}
    assert result[(1, 1)].placement == Placement.MOVED_RUNS_UNIT
    # The minimum pass never moves it back to the district that runs it.
    assert count_loads(result).get(NORTH, 0) == 0


def test_the_central_office_keeps_lou_agreements() -> None:
    """An LOU unit whose (odd) rule names a district still goes to the central
    office when the option is on, and has no limit there."""
    items = [
        Item(
            key=(n, 3),
            rank=n,
            performer_id=NORTH,
            performer_target=Target.UNIT_DISTRICT,
            agreement_kind="lou",
            district_id=NORTH,
        )
        for n in range(1, 8)
    ]
    kept = allocate(items, OFFICES, Options(central_keeps_lou=True))
    assert {a.organisation_id for a in kept.values()} == {CENTRAL}
    assert {a.placement for a in kept.values()} == {Placement.CENTRAL_KEEPS_LOU}
    shared = allocate(items, OFFICES, Options(central_keeps_lou=False))
    assert CENTRAL not in count_loads(shared)


def test_fixed_rules_and_capacity() -> None:
    """A district's own contracts (the signing organisation performs) stay with it
    up to its maximum; the fifth is over capacity, not moved."""
    items = [
        Item(
            key=(n, 4),
            rank=n,
            performer_id=WEST,
            performer_target=Target.SIGNING_ORGANISATION,
            agreement_kind="entreprenad",
            district_id=WEST,
        )
        for n in range(1, 6)
    ]
    result = allocate(items, OFFICES, Options())
    assert [result[(n, 4)].organisation_id for n in range(1, 6)] == [WEST] * 4 + [None]
    assert result[(5, 4)].placement == Placement.OVER_CAPACITY


def test_no_rule_means_no_allocation_and_outside_the_city_goes_to_room() -> None:
    no_rule = Item(key=(1, 5), rank=1, performer_id=None, performer_target="")
    outside = Item(
        key=(2, 5),
        rank=2,
        performer_id=None,
        performer_target=Target.UNIT_DISTRICT,
        agreement_kind=LOV,
    )
    result = allocate([no_rule, outside], OFFICES, Options())
    assert by_unit(result)[1] == (None, Placement.NO_PERFORMER)
    assert by_unit(result)[2] == (NORTH, Placement.OUTSIDE_CITY)


def test_the_coordinators_choice_stands_and_takes_room() -> None:
    """A pinned follow-up stays where the coordinator put it, even past the
    maximum, and counts against the room of others."""
    pinned = [
        Item(key=(n, 1), rank=n, performer_id=SOUTH, pinned_id=NORTH)
        for n in range(1, 6)
    ]
    other = lov(9, NORTH)
    result = allocate([*pinned, other], OFFICES, Options())
    assert {result[(n, 1)].organisation_id for n in range(1, 6)} == {NORTH}
    assert {result[(n, 1)].placement for n in range(1, 6)} == {Placement.MANUAL}
    assert result[(9, 1)].organisation_id != NORTH


def test_the_same_input_gives_the_same_allocation() -> None:
    items = [lov(n, [NORTH, SOUTH, WEST][n % 3]) for n in range(1, 13)]
    assert allocate(items, OFFICES, Options()) == allocate(
        list(reversed(items)), OFFICES, Options()
    )
