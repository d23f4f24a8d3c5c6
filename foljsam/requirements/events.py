"""The named events of templates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

TEMPLATE_CREATED = "requirements.template_created"
VERSION_COPIED = "requirements.version_copied"
VERSION_PUBLISHED = "requirements.version_published"
VERSION_RETIRED = "requirements.version_retired"
VERSION_DELETED = "requirements.draft_deleted"
TEMPLATE_IMPORTED = "requirements.template_imported"

LABELS = {
    TEMPLATE_CREATED: _("Template created"),
    VERSION_COPIED: _("New version drafted"),
    VERSION_PUBLISHED: _("Version published"),
    VERSION_RETIRED: _("Version retired"),
    VERSION_DELETED: _("Draft deleted"),
    TEMPLATE_IMPORTED: _("Template imported"),
}


def _version(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    rows = [(str(_("Version")), str(data.get("number", "")))]
    if data.get("copied_from"):
        rows.append((str(_("Copied from version")), str(data["copied_from"])))
    if data.get("retired"):
        rows.append(
            (str(_("Retired at the same time")), ", ".join(map(str, data["retired"])))
        )
    if data.get("checksum"):
        rows.append((str(_("Checksum")), str(data["checksum"])[:12]))
    if data.get("source"):
        rows.append((str(_("File")), str(data["source"])))
    return rows


DETAILS = dict.fromkeys(LABELS, _version)
