"""Follow-ups (uppföljningar): one unit, in one contract area, for one year,
performed by one organisation.

A follow-up is created when the year's selection is published (issue 5) or
recorded afterwards for earlier years; issue 6 adds its protocol and the steps of
its lifecycle. It is an organisation's work: ``FollowUpQuerySet.visible_to`` shows
a district office the follow-ups it performs or answers for, and the central office
and the committee all of them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.core.models import StoredFile, TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.followups.choices import (
    PERFORMED_STATUSES,
    CancelReason,
    Method,
    Outcome,
    Participant,
    Source,
    Status,
    outcome_label,
)
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit
from foljsam.requirements.models import Question, TemplateVersion


class FollowUpQuerySet(ScopedQuerySet["FollowUp"]):
    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = ("organisation_id", "responsible_organisation_id")
    # A provider user sees its own provider's follow-ups in the portal, which
    # shows only what is meant for the provider (never the internal note).
    provider_capability = Capability.READ_PROVIDER_FOLLOWUPS
    provider_path = "provider_id"


class FollowUp(TimeStampedModel):
    Status = Status

    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The year the follow-up was planned for.")
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="followups"
    )
    # The provider at the time: a unit can later pass to another provider.
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("performed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups_performed",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups_responsible",
    )
    template_version = models.ForeignKey(
        TemplateVersion,
        verbose_name=_("template version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.PLANNED
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.ASSIGNED
    )
    methods = models.JSONField(_("methods"), default=list, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=32, choices=Outcome.choices, blank=True
    )
    performed_on = models.DateField(
        _("visit date"),
        null=True,
        blank=True,
        help_text=_("The day of the visit, or when the follow-up was performed."),
    )
    visit_planned_on = models.DateField(_("visit planned for"), null=True, blank=True)
    documents_requested_on = models.DateField(
        _("documents requested on"), null=True, blank=True
    )
    participants = models.JSONField(
        _("who took part"),
        default=list,
        blank=True,
        help_text=_("Roles only: never names of care users."),
    )
    proposed_outcome = models.CharField(
        _("proposed outcome"), max_length=32, choices=Outcome.choices, blank=True
    )
    outcome_reason = models.TextField(
        _("reason for another outcome"),
        blank=True,
        help_text=_("Why the outcome differs from the one the deficiencies suggest."),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    shared_on = models.DateField(
        _("shared with the provider on"), null=True, blank=True
    )
    # Optimistic locking of the protocol: every save of answers raises it, and a
    # save made from an older revision is refused (no lost update).
    protocol_revision = models.PositiveIntegerField(default=0, editable=False)
    send_out_by = models.DateField(_("templates sent out by"), null=True, blank=True)
    due_by = models.DateField(_("to be done by"), null=True, blank=True)
    report_by = models.DateField(_("annual report by"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("reason not performed"),
        max_length=24,
        choices=CancelReason.choices,
        blank=True,
    )
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=NO_PERSONAL_DATA,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "unit__name", "contract_area__name"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="followup_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="followup_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="followup_outcome_valid",
            ),
            # Performed follow-ups end in one of the four outcomes; others have none.
            models.CheckConstraint(
                condition=(Q(status__in=sorted(PERFORMED_STATUSES)) & ~Q(outcome=""))
                | (~Q(status__in=sorted(PERFORMED_STATUSES)) & Q(outcome="")),
                name="followup_outcome_iff_performed",
                violation_error_message=_(
                    "A performed follow-up has an outcome, and only a performed one."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="cancelled")
                    & ~Q(cancel_reason="")
                    & Q(cancelled_on__isnull=False)
                )
                | (
                    ~Q(status="cancelled")
                    & Q(cancel_reason="")
                    & Q(cancelled_on__isnull=True)
                ),
                name="followup_cancel_reason_iff_cancelled",
                violation_error_message=_(
                    "A cancelled follow-up has a reason and a date; no other has."
                ),
            ),
            models.CheckConstraint(
                condition=Q(due_by__isnull=True)
                | Q(send_out_by__isnull=True)
                | Q(due_by__gte=F("send_out_by")),
                name="followup_deadlines_in_order",
            ),
            # One planned follow-up per unit, contract area and year: publishing a
            # selection twice, or recording a year twice, creates nothing twice.
            models.UniqueConstraint(
                fields=["year", "unit", "contract_area"],
                condition=Q(source__in=["planned", "history", "screening"]),
                name="followup_one_per_unit_area_year",
                violation_error_message=_(
                    "The unit already has a follow-up in this contract area this year."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "year"], name="followup_org_year_idx"),
            models.Index(
                fields=["responsible_organisation", "year"],
                name="followup_resp_year_idx",
            ),
            models.Index(
                fields=["unit", "contract_area"], name="followup_unit_area_idx"
            ),
            models.Index(fields=["year", "status"], name="followup_year_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} \u2013 {self.contract_area} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status not in PERFORMED_STATUSES and self.status != Status.CANCELLED

    @property
    def outcome_display(self) -> str:
        return outcome_label(self.outcome, self.provider.regime)

    @property
    def method_labels(self) -> list[str]:
        return [str(Method(m).label) for m in self.methods if m in Method.values]

    @property
    def participant_labels(self) -> list[str]:
        return [
            str(Participant(p).label)
            for p in self.participants
            if p in Participant.values
        ]

    @property
    def regime(self) -> str:
        return str(self.provider.regime)

    def clean(self) -> None:
        super().clean()
        unknown = [m for m in self.methods or [] if m not in Method.values]
        if unknown:
            raise ValidationError(
                {
                    "methods": _("Unknown method: %(methods)s.")
                    % {"methods": ", ".join(map(str, unknown))}
                }
            )


class SeenAsItsFollowUp[M: models.Model](ScopedQuerySet[M]):
    """Rows that belong to one follow-up (answers, files, deficiencies, decisions)
    are seen as the follow-up is: by the whole city, by the organisations that
    perform it or answer for it, and by its provider."""

    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "followup__organisation_id",
        "followup__responsible_organisation_id",
    )
    provider_capability: Capability | None = Capability.READ_PROVIDER_FOLLOWUPS
    provider_path = "followup__provider_id"


class AnswerQuerySet(SeenAsItsFollowUp["Answer"]):
    """The provider sees the answers of its follow-ups (the report)."""


class Answer(TimeStampedModel):
    """The answer to one question of the follow-up's template version, with the
    officer's comment. ``value`` is a string, or a list for a multiple choice."""

    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    value = models.JSONField(_("answer"), default=str, blank=True)
    comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=NO_PERSONAL_DATA,
    )
    # The protocol revision this answer was last written at: what a refused save
    # shows as changed since the officer opened the protocol.
    revision = models.PositiveIntegerField(default=0)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_provider = models.BooleanField(_("answered by the provider"), default=False)

    objects = AnswerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["followup", "question"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["followup", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class EvidenceQuerySet(SeenAsItsFollowUp["Evidence"]):
    """The officers' evidence stays inside the city; the provider's own files
    reach it as complements (findings.Measure)."""

    provider_capability = None


class Evidence(TimeStampedModel):
    """A file attached to a follow-up's protocol: to one question, or to the
    follow-up as a whole (a routine, a staff list, a permit asked for in advance:
    seed 002)."""

    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.OneToOneField(
        StoredFile, verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    by_provider = models.BooleanField(_("sent by the provider"), default=False)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["followup", "created_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return str(self.file)
