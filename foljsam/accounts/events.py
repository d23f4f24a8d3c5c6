"""Named events about users."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

USER_INVITED = "accounts.user_invited"
INVITATION_SENT = "accounts.invitation_sent"
INVITATION_ACCEPTED = "accounts.invitation_accepted"
ACCESS_CHANGED = "accounts.access_changed"
USER_DEACTIVATED = "accounts.user_deactivated"
USER_REACTIVATED = "accounts.user_reactivated"
ROLES_SYNCED = "accounts.roles_synced"

LABELS = {
    USER_INVITED: _("User invited"),
    INVITATION_SENT: _("Invitation sent again"),
    INVITATION_ACCEPTED: _("Invitation accepted"),
    ACCESS_CHANGED: _("Roles or organisation changed"),
    USER_DEACTIVATED: _("User deactivated"),
    USER_REACTIVATED: _("User reactivated"),
    ROLES_SYNCED: _("Roles or organisation taken from the city's login"),
}


def _roles(codes: Any) -> str:
    from foljsam.accounts.roles import Role

    names = [str(Role(code).label) for code in codes or () if code in Role.values]
    return ", ".join(names) or "\u2013"


def _invited(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("E-mail address")), str(data.get("email", ""))),
        (str(_("Roles")), _roles(data.get("roles"))),
    ]


def _access_changed(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        (str(_("Roles before")), _roles(data.get("roles_before"))),
        (str(_("Roles after")), _roles(data.get("roles_after"))),
    ]


def _synced(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        *_access_changed(data),
        (
            str(_("Organisation before")),
            str(data.get("organisation_before") or "\u2013"),
        ),
        (str(_("Organisation after")), str(data.get("organisation_after") or "")),
    ]


DETAILS = {
    USER_INVITED: _invited,
    ACCESS_CHANGED: _access_changed,
    ROLES_SYNCED: _synced,
}
