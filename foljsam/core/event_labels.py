"""What each kind of event is called on screen. Apps register their events' labels
when they start (``AppConfig.ready``); the history pages look them up here."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register(labels: Mapping[str, str | Promise]) -> None:
    _LABELS.update(labels)


def label(action: str) -> str:
    return str(_LABELS.get(action, action))
