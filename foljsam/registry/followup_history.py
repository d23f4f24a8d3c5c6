"""The registry's view of follow-up history: when each unit was last followed up
in each contract area, and with what outcome.

The responsibility map needs it ("vem ansvarar, och när gjordes det senast"), but
the follow-ups sit above the registry in the layering, so the registry declares
this port and the follow-ups app plugs its selector in when it starts
(``FollowupsConfig.ready``). Without a source, nothing has been followed up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LastFollowUp:
    year: int  # the year it counts for when the unit is next due
    performed_on: dt.date | None
    outcome: str


# (unit id, contract area id) -> the last performed follow-up
History = Mapping[tuple[int, int], LastFollowUp]
Source = Callable[[Collection[int] | None], History]


def _nothing(_unit_ids: Collection[int] | None) -> History:
    return {}


_source: Source = _nothing


def register(source: Source) -> None:
    global _source
    _source = source


def last_follow_ups(unit_ids: Collection[int] | None = None) -> History:
    """The last performed follow-up of each (unit, contract area) pair; ``None``
    asks for every unit."""
    return _source(unit_ids)
