"""Change history for domain data: who changed what, when, from what to what.

Every domain model records its history with django-simple-history
(``HistoricalRecords``): each save and delete writes a historical row in the same
transaction, with the user of the request (``HistoryRequestMiddleware``) or the
actor a service names. Bulk updates would skip that, so tracked models use a
queryset that refuses them; code that must write in bulk (the registry import)
writes the history rows itself, through ``bulk_history_create``.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class HistoryBypassError(TypeError):
    """A bulk update of a tracked model would leave no history."""


class TrackedQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: Any) -> int:
        raise HistoryBypassError(
            f"{self.model.__name__} keeps a history: change rows with save() or a "
            "service that writes history, not QuerySet.update()."
        )

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise HistoryBypassError(
            f"{self.model.__name__} keeps a history: bulk_update() would skip it."
        )


def stamp_history(obj: models.Model, actor: Any, reason: str = "") -> None:
    """Name who acts (and why) on the history row the next ``save()`` or
    ``delete()`` of ``obj`` writes. Services call it where there is no request
    for ``HistoryRequestMiddleware`` to name the user: the command line, imports,
    and changes made on someone's behalf."""
    obj._history_user = actor  # type: ignore[attr-defined]
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
