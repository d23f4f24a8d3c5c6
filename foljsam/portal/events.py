"""The named events of answer links, recorded on the follow-up so that its
history tab tells who was sent a link, when it was withdrawn and when the
provider sent in its answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

LINK_CREATED = "portal.answer_link_created"
LINK_REVOKED = "portal.answer_link_revoked"
LINK_SUBMITTED = "portal.answer_link_submitted"

LABELS = {
    LINK_CREATED: _("Answer link sent"),
    LINK_REVOKED: _("Answer link withdrawn"),
    LINK_SUBMITTED: _("Answers sent in through the answer link"),
}


def _details(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = []
    if data.get("email"):
        details.append((str(_("Sent to")), str(data["email"])))
    if data.get("expires_on"):
        details.append((str(_("Valid until")), str(data["expires_on"])))
    return details


DETAILS = {LINK_CREATED: _details, LINK_REVOKED: _details, LINK_SUBMITTED: _details}
