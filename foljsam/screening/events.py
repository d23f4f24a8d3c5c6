"""The named events of screening campaigns. Most are recorded on the campaign;
a site visit chosen from one is also recorded on its follow-up, so that the
follow-up's history says why it was made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

CREATED = "screening.created"
CHANGED = "screening.changed"
SENT = "screening.sent"
REMINDED = "screening.reminded"
CLOSED = "screening.closed"
LINK_REVOKED = "screening.link_revoked"
LINK_REISSUED = "screening.link_reissued"
ANSWERED = "screening.answered"
VISITS_CREATED = "screening.visits_created"
VISIT_CHOSEN = "screening.visit_chosen"

LABELS = {
    CREATED: _("Screening campaign created"),
    CHANGED: _("Screening campaign changed"),
    SENT: _("Screening campaign sent"),
    REMINDED: _("Reminders sent"),
    CLOSED: _("Screening campaign closed"),
    LINK_REVOKED: _("Screening link withdrawn"),
    LINK_REISSUED: _("New screening link sent"),
    ANSWERED: _("Screening answers sent in"),
    VISITS_CREATED: _("Site visits chosen from the screening"),
    VISIT_CHOSEN: _("Chosen for a site visit by a screening"),
}


def _details(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = []
    if data.get("campaign"):
        details.append((str(_("Campaign")), str(data["campaign"])))
    if data.get("provider"):
        details.append((str(_("Provider")), str(data["provider"])))
    if data.get("email"):
        details.append((str(_("Sent to")), str(data["email"])))
    if "count" in data:
        details.append((str(_("Number")), str(data["count"])))
    if data.get("flags"):
        details.append((str(_("Flags")), str(data["flags"])))
    return details


DETAILS = dict.fromkeys(LABELS, _details)
