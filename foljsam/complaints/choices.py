"""The closed lists of the register of complaints and signals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalSource(models.TextChoices):
    """Where a signal comes from (seed 004: "notiser, frågor eller avvikelser",
    complaints under the city's common routine, and the financial checks)."""

    COMPLAINT = "complaint", _("Complaint")
    DEVIATION = "deviation", _("Deviation report")
    LEX_SARAH = "lex_sarah", _("Lex Sarah report")
    IVO_DECISION = "ivo_decision", _("Decision by IVO")
    CASE_OFFICER = "case_officer", _("Tip from a case officer")
    FINANCIAL_CHECK = "financial_check", _("Flag from a financial check")
    OTHER = "other", _("Other signal")


class SignalStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Being looked into")
    CLOSED = "closed", _("Closed")
    DISMISSED = "dismissed", _("Dismissed as unfounded")


# A signal found unfounded is no risk; every other one counts (planning, issue 5).
COUNTED_STATUSES = frozenset(
    {SignalStatus.RECEIVED, SignalStatus.INVESTIGATING, SignalStatus.CLOSED}
)
CLOSED_STATUSES = frozenset({SignalStatus.CLOSED, SignalStatus.DISMISSED})
