"""Recording named events (see ``Event``)."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from foljsam.core.models import Event


def event_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Write one event in the caller's transaction. Services call this for every
    status change they make, so that the event exists exactly when the change
    does."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("event_record() belongs inside the service's transaction.")
    return Event.objects.create(
        actor=cast(Any, actor) if actor is not None and actor.pk else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target else None,
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
