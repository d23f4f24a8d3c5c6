"""Screening campaigns (issue 9): many providers answer a screening template's
questions through personal links, and the answers that show deviations become
site visits.

Seed 004: "En större digital screening av samtliga avtal inom insatser för
personer med missbruk planeras, screeningen omfattar cirka 110 utförare där
förvaltningen i tillägg begär in skriftliga svar på ett antal frågor. En
ekonomisk kontroll ingår också i den övergripande screeningen. ... De
verksamheter som i den övergripande kontrollen visar på avvikelser eller brister
kommer att väljas ut för verksamhetsbesök."

A campaign is an organisation's work (the central office's), seen as follow-ups
are: city-wide by those who read every follow-up, else by its own organisation.
A respondent is one provider in one campaign, answering for the agreements of the
population it holds. Its link's token is never stored: only its SHA-256 (to find
the respondent) and a nonce from which, with the secret key, the token can be
made again for a reminder (``screening.links``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.core.models import StoredFile, TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Agreement, ContractArea, Provider
from foljsam.requirements.models import Question, TemplateVersion
from foljsam.screening.choices import (
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    CampaignStatus,
    FlagKind,
    Population,
    RespondentState,
)


class CampaignQuerySet(ScopedQuerySet["Campaign"]):
    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = ("organisation_id",)
    provider_capability = None


class Campaign(TimeStampedModel):
    Status = CampaignStatus

    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    year = models.PositiveIntegerField(
        _("year"), help_text=_("The year whose annual report counts the campaign.")
    )
    template_version = models.ForeignKey(
        TemplateVersion,
        verbose_name=_("screening template"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    population = models.CharField(
        _("population"),
        max_length=10,
        choices=Population.choices,
        default=Population.AREAS,
    )
    contract_areas = models.ManyToManyField(
        ContractArea,
        verbose_name=_("contract areas"),
        blank=True,
        related_name="campaigns",
    )
    picked_agreements = models.ManyToManyField(
        Agreement,
        verbose_name=_("hand-picked agreements"),
        blank=True,
        related_name="+",
    )
    deadline = models.DateField(_("answer by"))
    message = models.TextField(
        _("message to the providers"),
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
        help_text=NO_PERSONAL_DATA,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CampaignStatus.choices,
        default=CampaignStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The sending's progress, written by the worker as it goes.
    send_total = models.PositiveIntegerField(_("links to send"), default=0)
    send_done = models.PositiveIntegerField(_("links sent"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[contract_areas, picked_agreements])

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("screening campaign")
        verbose_name_plural = _("screening campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values),
                name="campaign_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(population__in=Population.values),
                name="campaign_population_valid",
            ),
            models.CheckConstraint(
                condition=Q(send_done__lte=models.F("send_total")),
                name="campaign_send_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    @property
    def is_open(self) -> bool:
        """Sent (or sending) and not closed: answers, reminders and visits."""
        return self.status in (CampaignStatus.SENDING, CampaignStatus.SENT)

    def is_overdue_on(self, day: dt.date) -> bool:
        return day > self.deadline


class RespondentQuerySet(ScopedQuerySet["Respondent"]):
    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = ("campaign__organisation_id",)
    provider_capability = None

    def answered(self) -> RespondentQuerySet:
        return self.filter(submitted_at__isnull=False)

    def waiting(self) -> RespondentQuerySet:
        """Sent a live link and not answered: whom a reminder goes to."""
        return self.filter(
            sent_at__isnull=False, submitted_at__isnull=True, revoked_at__isnull=True
        )


class Respondent(TimeStampedModel):
    """One provider in one campaign, answering for its agreements in the
    population."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="respondents",
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="screening_respondents",
    )
    agreements = models.ManyToManyField(
        Agreement,
        verbose_name=_("agreements"),
        related_name="screening_respondents",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    # SHA-256 (hex) of the link's token; the token itself is never stored. Null
    # (not "") until a link is issued, so that the unique index allows many.
    token_hash = models.CharField(  # noqa: DJ001
        max_length=64, null=True, unique=True, editable=False
    )
    link_nonce = models.CharField(max_length=32, blank=True, editable=False)
    sent_at = models.DateTimeField(_("link sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("answers sent in"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("link withdrawn"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    # Raised by every save of answers: a save from an older revision is refused.
    revision = models.PositiveIntegerField(default=0, editable=False)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    # The flags found in the answers when they were sent in (financial ones are
    # read when the triage list is shown: a check may come later).
    flag_count = models.PositiveSmallIntegerField(_("flags"), default=0)

    objects = RespondentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash", "link_nonce"])

    class Meta:
        ordering = ["campaign", "provider__name", "id"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "provider"],
                name="respondent_one_per_provider_and_campaign",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(sent_at__isnull=False),
                name="respondent_submitted_only_when_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.provider_id}"

    def state(self) -> RespondentState:
        if self.submitted_at is not None:
            return RespondentState.ANSWERED
        if self.revoked_at is not None:
            return RespondentState.REVOKED
        if self.sent_at is None:
            return (
                RespondentState.NOT_SENT if self.email else RespondentState.NO_ADDRESS
            )
        if self.opened_at is not None:
            return RespondentState.OPENED
        return RespondentState.SENT

    @property
    def current_state(self) -> RespondentState:
        return self.state()

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.submitted_at is None and self.campaign.is_overdue_on(day)


class ScreeningAnswer(TimeStampedModel):
    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="screening_answers",
    )
    value = models.JSONField(_("answer"), default=str, blank=True)
    comment = models.TextField(_("comment"), blank=True, help_text=NO_PERSONAL_DATA)

    class Meta:
        ordering = ["respondent", "question"]
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "question"],
                name="screening_answer_one_per_question",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class ScreeningDocument(TimeStampedModel):
    """A document the provider attached, to a question or to the whole
    screening."""

    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screening_documents",
    )
    file = models.ForeignKey(
        StoredFile,
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["respondent", "question", "created_at", "id"]
        verbose_name = _("screening document")
        verbose_name_plural = _("screening documents")

    def __str__(self) -> str:
        return str(self.file)


class Flag(models.Model):
    """A reason found in a provider's answers when they were sent in."""

    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    number = models.CharField(_("number"), max_length=10, blank=True)
    answer = models.CharField(_("answer"), max_length=200, blank=True)

    class Meta:
        ordering = ["respondent", "id"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FlagKind.values), name="flag_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.question_id}"


class CampaignVisit(TimeStampedModel):
    """A site visit the triage chose: the follow-up, made or found, of one of a
    respondent's units."""

    respondent = models.ForeignKey(
        Respondent,
        verbose_name=_("respondent"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    followup = models.OneToOneField(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        related_name="screening_visit",
    )
    created = models.BooleanField(
        _("created by the campaign"),
        default=True,
        help_text=_("False when the unit already had a follow-up that year."),
    )

    class Meta:
        ordering = ["respondent", "id"]
        verbose_name = _("site visit from a screening")
        verbose_name_plural = _("site visits from screenings")

    def __str__(self) -> str:
        return f"{self.respondent_id}: {self.followup_id}"
