"""The named event of the follow-up history import (registered by the app)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

IMPORTED = "reporting.followups_imported"

LABELS = {IMPORTED: _("Earlier years' follow-ups imported")}


def _imported(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("File")), str(data.get("source") or "\u2013")),
        (str(_("Follow-ups")), str(data.get("created", 0))),
        (str(_("Deficiencies")), str(data.get("deficiencies", 0))),
        (str(_("Correction requests")), str(data.get("correction_requests", 0))),
    ]


DETAILS = {IMPORTED: _imported}
