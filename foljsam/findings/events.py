"""The named events of deficiencies, measures and contract actions. They are
recorded on the follow-up, so that its history tab tells the whole story."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from foljsam.core.event_labels import choice_label
from foljsam.findings.choices import ActionKind, MeasureKind, Severity

REGISTERED = "findings.deficiency_registered"
MEASURE = "findings.measure_recorded"
ACTION = "findings.contract_action"

LABELS = {
    REGISTERED: _("Deficiency recorded"),
    MEASURE: _("Measure recorded"),
    ACTION: _("Decision under the agreement"),
}


def _registered(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("Category")), str(data.get("category", ""))),
        (str(_("Severity")), choice_label(Severity, data.get("severity"))),
    ]
    if data.get("requirement"):
        details.append((str(_("Requirement")), str(data["requirement"])))
    return details


def _measure(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("Measure")), choice_label(MeasureKind, data.get("kind"))),
        (str(_("Deficiency")), str(data.get("category", ""))),
        (str(_("Date")), str(data.get("on", ""))),
    ]
    if data.get("due_on"):
        details.append((str(_("Deadline")), str(data["due_on"])))
    if data.get("files"):
        details.append((str(_("Files")), str(data["files"])))
    return details


def _action(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("Decision")), choice_label(ActionKind, data.get("kind"))),
        (str(_("Date")), str(data.get("on", ""))),
    ]
    if data.get("due_on"):
        details.append((str(_("Deadline")), str(data["due_on"])))
    if data.get("amount"):
        details.append((str(_("Amount (SEK)")), str(data["amount"])))
    return details


DETAILS = {REGISTERED: _registered, MEASURE: _measure, ACTION: _action}
