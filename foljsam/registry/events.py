"""The registry's named events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

IMPORTED = "registry.imported"
AGREEMENT_TERMINATED = "registry.agreement_terminated"
UNIT_CLOSED = "registry.unit_closed"

LABELS = {
    IMPORTED: _("Registry imported"),
    AGREEMENT_TERMINATED: _("Agreement terminated"),
    UNIT_CLOSED: _("Unit closed"),
}


def _imported(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("File")), str(data.get("source") or "\u2013")),
        (str(_("Created")), str(data.get("created", 0))),
        (str(_("Changed")), str(data.get("updated", 0))),
    ]


def _dated(key: str, label: Any) -> Any:
    def describe(data: Mapping[str, Any]) -> list[tuple[str, str]]:
        return [(str(label), str(data.get(key, "")))]

    return describe


DETAILS = {
    IMPORTED: _imported,
    AGREEMENT_TERMINATED: _dated("terminated_on", _("Terminated on")),
    UNIT_CLOSED: _dated("closed_on", _("Closed")),
}
