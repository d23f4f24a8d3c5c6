"""The named events of follow-ups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

ASSIGNED = "followups.assigned"
REASSIGNED = "followups.reassigned"
CANCELLED = "followups.cancelled"
RESULT_RECORDED = "followups.result_recorded"

LABELS = {
    ASSIGNED: _("Follow-up assigned"),
    REASSIGNED: _("Follow-up given to another organisation"),
    CANCELLED: _("Follow-up cancelled"),
    RESULT_RECORDED: _("Result recorded"),
}


def _assigned(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Year")), str(data.get("year", ""))),
        (str(_("Performed by")), str(data.get("organisation") or "\u2013")),
    ]


def _reassigned(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("From")), str(data.get("from") or "\u2013")),
        (str(_("To")), str(data.get("to") or "\u2013")),
        (str(_("Note")), str(data.get("note") or "\u2013")),
    ]


def _cancelled(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Reason")), str(data.get("reason", ""))),
        (str(_("Date")), str(data.get("on", ""))),
    ]


def _recorded(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Outcome")), str(data.get("outcome", ""))),
        (str(_("Performed on")), str(data.get("performed_on") or "\u2013")),
    ]


DETAILS = {
    ASSIGNED: _assigned,
    REASSIGNED: _reassigned,
    CANCELLED: _cancelled,
    RESULT_RECORDED: _recorded,
}
