"""What each kind of event is called on screen, and how its details read. Apps
register their events when they start (``AppConfig.ready``); the history pages look
them up here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import TextChoices
from django.utils.functional import Promise

Details = Callable[[Mapping[str, Any]], list[tuple[str, str]]]

_LABELS: dict[str, str | Promise] = {}
_DETAILS: dict[str, Details] = {}


def register(
    labels: Mapping[str, str | Promise], details: Mapping[str, Details] | None = None
) -> None:
    _LABELS.update(labels)
    _DETAILS.update(details or {})


def choice_label(choices: type[TextChoices], value: Any) -> str:
    """A stored choice in words; a value no longer among the choices as it is."""
    return str(choices(value).label) if value in choices.values else str(value or "")


def label(action: str) -> str:
    return str(_LABELS.get(action, action))


def details(action: str, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The event's details as (label, text) pairs; unregistered ones as stored."""
    describe = _DETAILS.get(action)
    if describe is not None:
        return describe(data)
    return [(str(key), _plain(value)) for key, value in sorted(data.items())]


def _plain(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "\u2013"
    return str(value)
