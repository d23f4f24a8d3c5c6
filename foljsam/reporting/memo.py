"""The dashboards' heavy figures, kept between requests until what they are worked
out from changes.

Coverage and the overdue units of a city of 10,000 units and 50,000 follow-ups
take about 0.1 s of database work (a look at the follow-ups of every unit and
contract area; docs/decisions.md, issue 7): too much for every request of four
clients at once. So a page asks Django's cache for them under a key made of

* what they are: the figure's name and the day;
* who reads them: the reader's reach, as the scoping conditions themselves
  (``scope_q``) say it, so that two readers share figures only if they see the
  same rows;
* a fingerprint of what they come from:

  - for the tables that seldom change (the registry), the highest id of the
    table and of its history table. Every change to a domain row writes a
    history row in the same transaction (``core.history``: a save or delete
    writes one, querysets refuse ``update()`` and ``bulk_update()``, bulk
    writers write them themselves), and a row created without one still raises
    the table's highest id. Ids are never reused (SQLite's AUTOINCREMENT,
    PostgreSQL's sequences). One query of index look-ups;
  - for rows that change all day, only those that matter (``watched``: the
    performed follow-ups, not the protocols being filled in), their number and
    latest ``updated_at``: every save stamps it (``core.models``), a row that
    comes or goes changes the number. One scan of the follow-ups' table
    (milliseconds at 50,000 rows).

Any change gives a new key, so the figures are never older than the data.
Entries expire after ``TIMEOUT`` seconds, so that even a change the fingerprint
cannot see (SQL by hand, a clock set back) shows within minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Count, Max

TIMEOUT = 5 * 60


def _highest_id(model: type[models.Model]) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(str(model._meta.pk.column))
    return f"(SELECT MAX({column}) FROM {table})"  # noqa: S608 (names from _meta)


def fingerprint(
    tables: Sequence[type[models.Model]],
    watched: Sequence[models.QuerySet[Any]] = (),
) -> str:
    """The highest id of each model's table and of its history table (one
    query), and the number and latest ``updated_at`` of each watched queryset
    (one query each)."""
    parts = []
    for model in tables:
        parts.append(_highest_id(model))
        parts.append(_highest_id(model.history.model))  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        found: list[object] = [cursor.fetchone()]
    for rows in watched:
        found.append(
            tuple(
                rows.order_by().aggregate(n=Count("pk"), at=Max("updated_at")).values()
            )
        )
    return hashlib.sha256(repr(found).encode()).hexdigest()


def remember[T](
    name: str,
    *,
    today: dt.date,
    reach: Sequence[object],
    tables: Sequence[type[models.Model]],
    watched: Sequence[models.QuerySet[Any]] = (),
    compute: Callable[[], T],
) -> T:
    """``compute()``, or what it gave last time for the same day and reach, if
    none of ``tables`` and ``watched`` has changed since."""
    who = hashlib.sha256(repr(tuple(str(r) for r in reach)).encode()).hexdigest()
    changed = fingerprint(tables, watched)
    key = f"reporting:{name}:{today.isoformat()}:{who}:{changed}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
