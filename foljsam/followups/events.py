"""The named events of follow-ups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from foljsam.core.event_labels import choice_label
from foljsam.followups.choices import CancelReason, Outcome, Status

ASSIGNED = "followups.assigned"
REASSIGNED = "followups.reassigned"
CANCELLED = "followups.cancelled"
RESULT_RECORDED = "followups.result_recorded"
MOVED = "followups.moved"  # a step of the lifecycle (issue 6)

LABELS = {
    ASSIGNED: _("Follow-up assigned"),
    REASSIGNED: _("Follow-up given to another organisation"),
    CANCELLED: _("Follow-up cancelled"),
    RESULT_RECORDED: _("Result recorded"),
    MOVED: _("Status changed"),
}


def _named(data: Mapping[str, Any], key: str) -> str:
    """An organisation as the event recorded it: its name (written since the
    history tab showed bare ids), else the id."""
    return str(data.get(f"{key}_name") or data.get(key) or "\u2013")


def _assigned(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Year")), str(data.get("year", ""))),
        (str(_("Performed by")), _named(data, "organisation")),
    ]


def _reassigned(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("From")), _named(data, "from")),
        (str(_("To")), _named(data, "to")),
        (str(_("Note")), str(data.get("note") or "\u2013")),
    ]


def _cancelled(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("Reason")), choice_label(CancelReason, data.get("reason"))),
        (str(_("Date")), str(data.get("on", ""))),
    ]
    if data.get("note"):
        details.append((str(_("Note")), str(data["note"])))
    return details


def _recorded(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Outcome")), choice_label(Outcome, data.get("outcome"))),
        (str(_("Performed on")), str(data.get("performed_on") or "\u2013")),
    ]


def _moved(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("From")), choice_label(Status, data.get("from"))),
        (str(_("To")), choice_label(Status, data.get("to"))),
    ]
    if data.get("on"):
        details.append((str(_("Date")), str(data["on"])))
    if data.get("due_on"):
        details.append((str(_("Deadline")), str(data["due_on"])))
    if data.get("outcome"):
        details.append((str(_("Outcome")), choice_label(Outcome, data.get("outcome"))))
    if data.get("reason"):
        details.append((str(_("Reason")), str(data["reason"])))
    return details


DETAILS = {
    ASSIGNED: _assigned,
    REASSIGNED: _reassigned,
    CANCELLED: _cancelled,
    RESULT_RECORDED: _recorded,
    MOVED: _moved,
}
