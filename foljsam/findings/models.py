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

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.core.models import StoredFile, TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.findings.choices import (
    ActionKind,
    DeficiencyStatus,
    MeasureKind,
    Resolution,
    Severity,
)
from foljsam.followups.models import FollowUp, SeenAsItsFollowUp
from foljsam.registry.models import Agreement
from foljsam.requirements.models import Question, Requirement, RequirementCategory


class DeficiencyQuerySet(SeenAsItsFollowUp["Deficiency"]):
    """Seen as the follow-up it belongs to is seen."""


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
    resolution = models.CharField(
        _("resolved by"), max_length=12, choices=Resolution.choices, blank=True
    )
    # The "not met" answer it was confirmed from, if any: one deficiency each.
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The current deadline for the provider's complement (the latest request's).
    due_on = models.DateField(_("complement due"), null=True, blank=True)
    revisit_on = models.DateField(_("revisit"), null=True, blank=True)
    escalated_on = models.DateField(
        _("escalated to the central office on"), null=True, blank=True
    )

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
            models.CheckConstraint(
                condition=Q(resolution="") | Q(status="resolved"),
                name="deficiency_resolution_only_when_resolved",
            ),
            models.UniqueConstraint(
                fields=["followup", "question"],
                condition=Q(question__isnull=False),
                name="deficiency_one_per_question",
                violation_error_message=_("The answer already has its deficiency."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "followup"], name="deficiency_status_idx"),
            models.Index(fields=["status", "due_on"], name="deficiency_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.get_severity_display()}"


class MeasureQuerySet(ScopedQuerySet["Measure"]):
    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "deficiency__followup__organisation_id",
        "deficiency__followup__responsible_organisation_id",
    )
    provider_capability = Capability.READ_PROVIDER_FOLLOWUPS
    provider_path = "deficiency__followup__provider_id"


class Measure(TimeStampedModel):
    """One step taken on a deficiency: a complement requested (with its deadline)
    or received (with its files), approved or rejected; a revisit planned or done
    (seed 002: "återbesök hos verksamheten i det fall identifierade brister
    omgående behöver åtgärdas"); the escalation to the central office ("i de fall
    de identifierade bristerna bedöms vara avtalsbrott"). Never changed once
    recorded: the list of measures is the deficiency's own history."""

    Kind = MeasureKind

    deficiency = models.ForeignKey(
        Deficiency,
        verbose_name=_("deficiency"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    kind = models.CharField(_("measure"), max_length=24, choices=MeasureKind.choices)
    on = models.DateField(_("date"))
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=NO_PERSONAL_DATA,
    )
    files = models.ManyToManyField(
        StoredFile, verbose_name=_("files"), blank=True, related_name="+"
    )
    by_provider = models.BooleanField(_("by the provider"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["deficiency", "on", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MeasureKind.values), name="measure_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind="complement_requested") | Q(due_on__isnull=False),
                name="measure_request_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class ContractActionQuerySet(SeenAsItsFollowUp["ContractAction"]):
    """Seen as the follow-up it belongs to is seen."""


class ContractAction(TimeStampedModel):
    """What the central office decided under the agreement after an escalation:
    a correction request (a letter, with a deadline), a penalty (an amount) or a
    termination; or the provider's own notice of termination. Never for the
    city's own units: they have a mission description, not an agreement."""

    Kind = ActionKind

    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        related_name="contract_actions",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract_actions",
    )
    deficiencies = models.ManyToManyField(
        Deficiency, verbose_name=_("deficiencies"), blank=True, related_name="actions"
    )
    kind = models.CharField(_("decision"), max_length=20, choices=ActionKind.choices)
    decided_on = models.DateField(_("decided on"))
    due_on = models.DateField(_("to be put right by"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (SEK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    reasons = models.TextField(
        _("grounds"),
        help_text=NO_PERSONAL_DATA,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ContractActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["followup", "decided_on", "id"]
        verbose_name = _("contract action")
        verbose_name_plural = _("contract actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActionKind.values),
                name="contract_action_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="correction_request") | Q(due_on__isnull=False),
                name="correction_request_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(kind="penalty") | Q(amount__gt=0),
                name="penalty_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on}"


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", _("Before the deadline")
    DEADLINE_PASSED = "deadline_passed", _("Deadline passed")


class ReminderQuerySet(ScopedQuerySet["Reminder"]):
    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "deficiency__followup__organisation_id",
        "deficiency__followup__responsible_organisation_id",
    )
    provider_capability = Capability.READ_PROVIDER_FOLLOWUPS
    provider_path = "deficiency__followup__provider_id"


class Reminder(models.Model):
    """A reminder about a complement deadline, queued for sending
    (``findings.reminders``): the provider is told some days before the deadline,
    and the provider and the performing organisation once it has passed without
    a complement. One of each kind per deadline, so running the reminders again
    sends nothing twice, and a new deadline (after a rejected complement) gets
    reminders of its own. Written once and never changed: it keeps no history."""

    Kind = ReminderKind

    deficiency = models.ForeignKey(
        Deficiency,
        verbose_name=_("deficiency"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("reminder"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["deficiency", "due_on", "kind"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["deficiency", "kind", "due_on"],
                name="reminder_once_per_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"
