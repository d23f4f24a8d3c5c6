"""The registry's named events."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

IMPORTED = "registry.imported"
AGREEMENT_TERMINATED = "registry.agreement_terminated"
UNIT_CLOSED = "registry.unit_closed"

LABELS = {
    IMPORTED: _("Registry imported"),
    AGREEMENT_TERMINATED: _("Agreement terminated"),
    UNIT_CLOSED: _("Unit closed"),
}
