"""The register's named events: acts that are more than a field edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

RECORDED = "complaints.signal_recorded"
CLOSED = "complaints.signal_closed"
DISMISSED = "complaints.signal_dismissed"
REOPENED = "complaints.signal_reopened"
IMPORTED = "complaints.signals_imported"

LABELS = {
    RECORDED: _("Signal recorded"),
    CLOSED: _("Signal closed"),
    DISMISSED: _("Signal dismissed as unfounded"),
    REOPENED: _("Signal reopened"),
    IMPORTED: _("Signals imported"),
}


def _recorded(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(_("Reference")), str(data.get("reference", "")))]


def _closed(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(_("Closed on")), str(data.get("closed_on", "")))]


def _imported(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("File")), str(data.get("source") or "\u2013")),
        (str(_("Created")), str(data.get("created", 0))),
        (str(_("Changed")), str(data.get("updated", 0))),
    ]


DETAILS = {
    RECORDED: _recorded,
    CLOSED: _closed,
    DISMISSED: _closed,
    IMPORTED: _imported,
}
