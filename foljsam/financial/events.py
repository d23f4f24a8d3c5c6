"""The named events of financial checks: starting one, and recording an item
(the item's own history has the fields; the event puts it on the check's
Historik tab, with the risk signal a flag became)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from foljsam.core.event_labels import choice_label
from foljsam.financial.choices import Item, Result

STARTED = "financial.check_started"
ITEM_RECORDED = "financial.item_recorded"

LABELS = {
    STARTED: _("Financial check started"),
    ITEM_RECORDED: _("Check item recorded"),
}


def _started(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Checked on")), str(data.get("checked_on", ""))),
        (str(_("Filled in by")), str(data.get("lookup") or "\u2013")),
        (str(_("Flagged items")), str(data.get("flagged", 0))),
    ]


def _item_recorded(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = [
        (str(_("Item")), choice_label(Item, data.get("item"))),
        (str(_("Result")), choice_label(Result, data.get("result"))),
        (str(_("Source")), str(data.get("source") or "\u2013")),
        (str(_("Date checked")), str(data.get("checked_on") or "\u2013")),
    ]
    if data.get("evidence"):
        details.append((str(_("Evidence")), str(data["evidence"])))
    if data.get("signal"):
        details.append((str(_("Risk signal")), str(data["signal"])))
    return details


DETAILS = {STARTED: _started, ITEM_RECORDED: _item_recorded}
