"""Rows and their history rows written in bulk without Django's per-value
compiling: PostgreSQL's COPY, and on SQLite one parameterised INSERT per row sent
with ``executemany`` (as the registry import writes its history).

Django's ``bulk_create`` compiles its statement value by value, and
django-simple-history's ``bulk_history_create`` builds a model instance per
history row: for 10,000 follow-ups with 15,000 deficiencies that took 13 s on
SQLite; this takes a few seconds (docs/decisions.md, issue 7). The values are
the same as Django would send: the time stamps of the moment, and
``get_db_prep_save`` for every value that needs preparing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import connections, models
from django.db.models import Field

from foljsam.accounts.models import User

BATCH = 2_000


# Values these columns take are sent as they are (``get_db_prep_save`` would
# return them unchanged on SQLite and PostgreSQL); dates are prepared once per
# distinct value; anything else (JSON) value by value.
PLAIN = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)
DATES = frozenset({"DateField", "DateTimeField"})


def _preparer(field: Field[Any, Any], connection: Any) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if kind in PLAIN:
        return None
    if kind in DATES:
        prepared: dict[Any, Any] = {}

        def date(value: Any) -> Any:
            if value not in prepared:
                prepared[value] = field.get_db_prep_save(value, connection)
            return prepared[value]

        return date
    return lambda value: field.get_db_prep_save(value, connection)


def _write(
    model: type[models.Model],
    fields: list[Field[Any, Any]],
    connection: Any,
    objects: Sequence[models.Model],
    fixed: dict[str, Any],
) -> None:
    """Insert a row per object, its ``fields`` read from the object (or
    ``fixed``): PostgreSQL's COPY, elsewhere one INSERT per row sent with
    ``executemany``."""
    columns = [(f.attname, _preparer(f, connection)) for f in fields]
    rows = []
    for obj in objects:
        row = []
        for attname, prepare in columns:
            value = fixed[attname] if attname in fixed else getattr(obj, attname)
            row.append(value if prepare is None else prepare(value))
        rows.append(row)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(cast(str, f.column)) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the rows stream to the server in one go.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Only quoted table and column names from the model go into the text;
        # every value is a parameter.
        sql = (
            f"INSERT INTO {table} ({names}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def insert(
    model: type[models.Model], objects: Sequence[models.Model], *, now: dt.datetime
) -> None:
    """Insert ``objects`` (without their primary keys, which the database
    gives), stamped ``now``: the caller reads the keys back by a natural key."""
    if not objects:
        return
    connection = connections[model._default_manager.db]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    _write(model, fields, connection, objects, {})


def insert_history(
    model: type[models.Model],
    objects: Sequence[models.Model],
    *,
    now: dt.datetime,
    actor: User | None,
    reason: str,
) -> None:
    """The history rows of newly created ``objects`` (with their keys): the rows
    django-simple-history writes on a save, naming the actor and the reason."""
    if not objects:
        return
    history_model = model.history.model  # type: ignore[attr-defined]
    connection = connections[history_model._default_manager.db]
    fields = [f for f in history_model._meta.concrete_fields if not f.primary_key]
    fixed = {
        "history_date": now,
        "history_user_id": actor.pk if actor is not None else None,
        "history_change_reason": reason,
        "history_type": "+",
    }
    _write(history_model, fields, connection, objects, fixed)
