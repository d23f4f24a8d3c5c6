"""Coverage forecast: per contract area, the share of units followed up within
their cycle at the end of the selection's year and of the two years after it.

Seed 002: "Täckningsgraden blir med föreslagen uppföljningsmodell 33 % på 1 år och
100 % på 3 år." The first year counts the follow-ups this selection allocated. The
years after assume the floor of the city's rule: every unit that falls due is
selected, and the same allocation places it within each organisation's capacity
(what does not fit waits a year). Risk-based picks cannot be foreseen and are left
out, so the forecast is what the cycle alone guarantees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from foljsam.planning.allocation import Item, Office, Options, allocate
from foljsam.planning.risk import Candidate, Key
from foljsam.registry.coverage import within_cycle


@dataclass(frozen=True, slots=True)
class Coverage:
    contract_area_id: int  # 0 for the whole city
    year: int
    covered: int
    total: int

    @property
    def share(self) -> float:
        """Percent, one decimal."""
        return round(100 * self.covered / self.total, 1) if self.total else 0.0


def forecast(
    candidates: Sequence[Candidate],
    *,
    year: int,
    done_this_year: Collection[Key],
    items: Mapping[Key, Item],
    offices: Sequence[Office],
    options: Options,
    years: int = 3,
) -> list[Coverage]:
    """Coverage per area (and for the city, area 0) at the end of each of
    ``years`` years from ``year``. ``items`` describe each candidate for the
    allocation of the later years."""
    last: dict[Key, int | None] = {}
    for c in candidates:
        years_done = [y for y in (c.last_year, c.open_year) if y is not None]
        last[c.key] = max(years_done) if years_done else None
    by_key = {c.key: c for c in candidates}
    result: list[Coverage] = []
    for t in range(year, year + years):
        done: set[Key]
        if t == year:
            done = set(done_this_year) & set(by_key)
        else:
            due = sorted(
                (
                    (
                        replace(
                            by_key[key], last_year=last[key], open_year=None
                        ).due_year(t),
                        key,
                    )
                    for key in by_key
                ),
            )
            wanted = [
                replace(items[key], rank=rank, pinned_id=None)
                for rank, (due_year, key) in enumerate(due, start=1)
                if due_year <= t and key in items
            ]
            placed = allocate(wanted, offices, options)
            done = {k for k, a in placed.items() if a.organisation_id is not None}
        for key in done:
            last[key] = t
        result.extend(_coverage(candidates, last, t))
    return result


def _coverage(
    candidates: Sequence[Candidate], last: Mapping[Key, int | None], year: int
) -> list[Coverage]:
    covered: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    for c in candidates:
        inside = within_cycle(last[c.key], c.cycle_years, year)
        for area in (c.contract_area_id, 0):
            total[area] += 1
            covered[area] += inside
    return [Coverage(area, year, covered[area], total[area]) for area in sorted(total)]
