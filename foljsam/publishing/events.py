"""The named events of publishing. They are recorded on the follow-up, so that
its history tab tells the whole story, from the visit to the public page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

PROPOSED = "publishing.proposed"
PUBLISHED = "publishing.published"
DECLINED = "publishing.declined"
WITHDRAWN = "publishing.withdrawn"

LABELS = {
    PROPOSED: _("Result proposed for publication"),
    PUBLISHED: _("Result published on the public pages"),
    DECLINED: _("Proposal for publication sent back"),
    WITHDRAWN: _("Result withdrawn from the public pages"),
}


def _details(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    details = []
    if data.get("summary"):
        details.append((str(_("Public summary")), str(data["summary"])))
    if data.get("reason"):
        details.append((str(_("Reason")), str(data["reason"])))
    return details


DETAILS = dict.fromkeys(LABELS, _details)
