"""Deficiencies (brister): what a follow-up found unmet.

Seed 002: the district "gör återbesök hos verksamheten i det fall identifierade
brister omgående behöver åtgärdas"; seed 004: "De verksamheter som vid
avtalsuppföljning uppvisar brister ges möjlighet att inom en förutbestämd tidsram
åtgärda bristerna." A deficiency stays open until the provider's complement is
approved. Issue 6 adds the measures (complement, revisit, escalation); planning
already counts the open ones as a risk (issue 5), and the annual report groups
them by requirement category (issue 7).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.core.models import TimeStampedModel
from foljsam.findings.choices import DeficiencyStatus, Severity
from foljsam.followups.models import FollowUp
from foljsam.requirements.models import Requirement, RequirementCategory


class DeficiencyQuerySet(ScopedQuerySet["Deficiency"]):
    """Seen as the follow-up it belongs to is seen."""

    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "followup__organisation_id",
        "followup__responsible_organisation_id",
    )
    provider_capability = None


class Deficiency(TimeStampedModel):
    Severity = Severity
    Status = DeficiencyStatus

    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        related_name="deficiencies",
    )
    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("requirement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deficiencies",
    )
    category = models.ForeignKey(
        RequirementCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="deficiencies",
    )
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.MINOR
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "What was missing or wrong, about the organisation: never personal data "
            "about care users."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeficiencyStatus.choices,
        default=DeficiencyStatus.OPEN,
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    objects = DeficiencyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["followup", "pk"]
        verbose_name = _("deficiency")
        verbose_name_plural = _("deficiencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values),
                name="deficiency_severity_valid",
            ),
            models.CheckConstraint(
                condition=(Q(status="resolved") & Q(resolved_on__isnull=False))
                | (Q(status="open") & Q(resolved_on__isnull=True)),
                name="deficiency_resolved_iff_date",
                violation_error_message=_(
                    "A resolved deficiency has a date; an open one has none."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "followup"], name="deficiency_status_idx")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.get_severity_display()}"
