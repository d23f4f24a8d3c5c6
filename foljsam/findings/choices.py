"""The closed lists of deficiencies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SERIOUS = "serious", _("Serious")
    POSSIBLE_BREACH = "possible_breach", _("Possible breach of contract")


class DeficiencyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class Resolution(models.TextChoices):
    """How a resolved deficiency came to be resolved: the outcome "complies after
    complement" needs to know (seed 004's charts)."""

    COMPLEMENT = "complement", _("Complement approved")
    REVISIT = "revisit", _("Put right, seen at a revisit")
    OTHER = "other", pgettext_lazy("resolution", "Otherwise put right")


class MeasureKind(models.TextChoices):
    """The steps taken on a deficiency (seed 004: "ges möjlighet att inom en
    förutbestämd tidsram åtgärda bristerna"; seed 002: revisits when deficiencies
    "omgående behöver åtgärdas"; suspected breaches go to the central office)."""

    COMPLEMENT_REQUESTED = "complement_requested", _("Complement requested")
    COMPLEMENT_RECEIVED = "complement_received", _("Complement received")
    COMPLEMENT_APPROVED = "complement_approved", _("Complement approved")
    COMPLEMENT_REJECTED = "complement_rejected", _("Complement rejected")
    REVISIT_PLANNED = "revisit_planned", _("Revisit planned")
    REVISIT_DONE = "revisit_done", _("Revisit done")
    ESCALATED = "escalated", _("Escalated to the central office")


class ActionKind(models.TextChoices):
    """What the central office alone decides on an agreement (seed 004: "begäran
    om rättelse", "vite", "hävning"), and the provider's own notice."""

    CORRECTION_REQUEST = "correction_request", _("Correction request")
    PENALTY = "penalty", _("Penalty")
    TERMINATION = "termination", _("Termination of the agreement")
    PROVIDER_NOTICE = "provider_notice", _("Notice of termination from the provider")


# The sanctions: the city acts under the agreement. Refused for the city's own
# units, which have a mission description and no agreement.
SANCTIONS = frozenset(
    {ActionKind.CORRECTION_REQUEST, ActionKind.PENALTY, ActionKind.TERMINATION}
)
