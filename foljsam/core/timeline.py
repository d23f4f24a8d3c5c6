"""The Historik tab: one object's history as a list of entries, newest first.

An entry is a save (created, changed with the fields before and after, deleted), a
change to a related row (a unit added to an agreement), or a named event. The
number of queries does not depend on the number of entries: one per history table,
one per kind of related object named in the changes, one for the events.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from foljsam.core import event_labels
from foljsam.core.models import Event

HIDDEN_FIELDS = {"id", "created_at", "updated_at", "password", "last_login"}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Entry:
    when: dt.datetime
    who: str
    kind: str  # created | changed | deleted | event
    title: str
    changes: tuple[Change, ...] = ()
    reason: str = ""
    details: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Related:
    """History of rows that belong to the object (e.g. the units an agreement
    covers): their historical queryset, and how to say what a row means."""

    history: models.QuerySet[Any]
    describe: Callable[[Any], str]


def _who(user: Any) -> str:
    if user is None:
        return _("the system (command line or import)")
    return str(user.get_full_name() or user.get_username())


class _Formatter:
    """Turns stored values into text, resolving foreign keys in bulk."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.related: dict[type[models.Model], dict[Any, str]] = {}

    def prefetch(self, rows: Sequence[Any]) -> None:
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        for f in self.model._meta.concrete_fields:
            if f.is_relation and f.related_model is not None:
                for row in rows:
                    value = getattr(row, f.attname, None)
                    if value is not None:
                        wanted[f.related_model].add(value)
        for related_model, ids in wanted.items():
            self.related[related_model] = {
                pk: str(obj)
                for pk, obj in related_model._default_manager.in_bulk(list(ids)).items()
            }

    def _field(self, name: str) -> models.Field[Any, Any]:
        f = self.model._meta.get_field(name)
        if not isinstance(f, models.Field):
            raise TypeError(f"{name} is a reverse relation, not a stored field")
        return f

    def label(self, name: str) -> str:
        return str(self._field(name).verbose_name).capitalize()

    def text(self, name: str, value: Any) -> str:
        f = self._field(name)
        if value is None or value == "":
            return "\u2013"
        if f.is_relation and f.related_model is not None:
            related = self.related.get(f.related_model, {})
            return related.get(value, f"#{value}")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, dt.date):
            return str(formats.date_format(value, "SHORT_DATE_FORMAT"))
        return str(value)


def _field_names(model: type[models.Model]) -> list[tuple[str, str]]:
    """(field name, attribute name) of the fields a history row keeps."""
    return [
        (f.name, f.attname)
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
    ]


def _own_entries(obj: models.Model) -> list[Entry]:
    model = type(obj)
    rows = list(
        obj.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
            "history_date", "history_id"
        )
    )
    formatter = _Formatter(model)
    formatter.prefetch(rows)
    names = _field_names(model)
    entries: list[Entry] = []
    previous = None
    for row in rows:
        kind = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
        changes: list[Change] = []
        for name, attname in names:
            after = getattr(row, attname, None)
            if not hasattr(row, attname):
                continue
            if previous is None:
                if kind == "created" and after not in (None, ""):
                    changes.append(
                        Change(formatter.label(name), "", formatter.text(name, after))
                    )
                continue
            before = getattr(previous, attname, None)
            if before != after:
                changes.append(
                    Change(
                        formatter.label(name),
                        formatter.text(name, before),
                        formatter.text(name, after),
                    )
                )
        previous = row
        if kind == "changed" and not changes:
            continue  # saved without a visible change (e.g. a login's timestamp)
        entries.append(
            Entry(
                when=row.history_date,
                who=_who(row.history_user),
                kind=kind,
                title={
                    "created": _("Created"),
                    "changed": _("Changed"),
                    "deleted": _("Deleted"),
                }[kind],
                changes=tuple(changes),
                reason=row.history_change_reason or "",
            )
        )
    return entries


def _related_entries(related: Related) -> list[Entry]:
    entries = []
    for row in related.history.select_related("history_user").order_by("history_date"):
        if row.history_type == "~":
            continue
        entries.append(
            Entry(
                when=row.history_date,
                who=_who(row.history_user),
                kind="created" if row.history_type == "+" else "deleted",
                title=related.describe(row),
                reason=row.history_change_reason or "",
            )
        )
    return entries


def _event_entries(obj: models.Model) -> list[Entry]:
    events = (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    return [
        Entry(
            when=event.occurred_at,
            who=_who(event.actor),
            kind="event",
            title=event_labels.label(event.action),
            details=tuple(event_labels.details(event.action, event.data)),
        )
        for event in events
    ]


def timeline(obj: models.Model, related: Iterable[Related] = ()) -> list[Entry]:
    entries = _own_entries(obj)
    for part in related:
        entries.extend(_related_entries(part))
    entries.extend(_event_entries(obj))
    # Newest first; entries written in the same instant keep their order of
    # writing, reversed (each source lists its rows oldest first).
    order = {id(entry): index for index, entry in enumerate(entries)}
    entries.sort(key=lambda entry: (entry.when, order[id(entry)]), reverse=True)
    return entries
