"""The named events of planning."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

RUN_CREATED = "planning.run_created"
RUN_DELETED = "planning.run_deleted"
RUN_REALLOCATED = "planning.run_reallocated"
RUN_PUBLISHED = "planning.run_published"
CANDIDATE_ADDED = "planning.candidate_added"
CANDIDATE_REMOVED = "planning.candidate_removed"
CANDIDATE_REASSIGNED = "planning.candidate_reassigned"

LABELS = {
    RUN_CREATED: _("Selection made"),
    RUN_DELETED: _("Draft selection deleted"),
    RUN_REALLOCATED: _("Selection allocated again"),
    RUN_PUBLISHED: _("Selection published"),
    CANDIDATE_ADDED: _("Unit added to the selection"),
    CANDIDATE_REMOVED: _("Unit taken out of the selection"),
    CANDIDATE_REASSIGNED: _("Follow-up given to another organisation"),
}


def _created(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Year")), str(data.get("year", ""))),
        (str(_("As of")), str(data.get("as_of", ""))),
        (str(_("Candidates")), str(data.get("candidates", ""))),
        (str(_("Selected")), str(data.get("selected", ""))),
    ]


def _published(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Year")), str(data.get("year", ""))),
        (str(_("New follow-ups")), str(data.get("created", 0))),
    ]


def _note(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(_("Note")), str(data.get("note") or "\u2013"))]


DETAILS = {
    RUN_CREATED: _created,
    RUN_PUBLISHED: _published,
    CANDIDATE_ADDED: _note,
    CANDIDATE_REMOVED: _note,
    CANDIDATE_REASSIGNED: _note,
}
