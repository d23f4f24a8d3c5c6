"""Reads of follow-ups: every one that depends on who asks starts from
``FollowUp.objects.visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from foljsam.followups.choices import PERFORMED_STATUSES
from foljsam.followups.models import FollowUp
from foljsam.registry.followup_history import History, LastFollowUp


def last_follow_ups(unit_ids: Collection[int] | None = None) -> History:
    """The last performed follow-up of each (unit, contract area): the registry's
    source of "last followed up" (``registry.followup_history``). A follow-up
    counts for the year it was performed, or planned when the date is not known.
    One query, whatever the size of the city."""
    rows = FollowUp.objects.filter(status__in=sorted(PERFORMED_STATUSES))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    last: dict[tuple[int, int], LastFollowUp] = {}
    ranks: dict[tuple[int, int], tuple[int, dt.date]] = {}
    for unit_id, area_id, year, performed_on, outcome in rows.values_list(
        "unit_id", "contract_area_id", "year", "performed_on", "outcome"
    ):
        counts_for = performed_on.year if performed_on else year
        key = (unit_id, area_id)
        rank = (counts_for, performed_on or dt.date.min)
        if key not in ranks or rank > ranks[key]:
            ranks[key] = rank
            last[key] = LastFollowUp(counts_for, performed_on, outcome)
    return last
