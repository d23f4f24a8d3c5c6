"""Named events about users."""

from __future__ import annotations

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
