"""A follow-up's result on the city's public comparison pages (issue 8).

Seed 002: "Socialförvaltningen ansvarar för att lägga ut uppföljningar på Jämför
service", and the central office "sammanställer det stadsövergripande resultatet,
lägger ut avtalsuppföljningen på Jämför service (per utförare)".

One publication per follow-up, through its whole life (proposed, published, sent
back, withdrawn, published again): its id is the result's stable identifier in
the open data. What the public sees is what the central office approved when it
published: the summary it wrote, and a copy of the result taken at that moment
(year, the day performed, methods, outcome). Nothing else of the follow-up, and
never the internal ``note``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.core.models import TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.followups.choices import Outcome
from foljsam.followups.models import FollowUp, SeenAsItsFollowUp
from foljsam.publishing.choices import SUMMARY_MAX_LENGTH, PublicationStatus
from foljsam.registry.choices import Regime


class PublicationQuerySet(SeenAsItsFollowUp["Publication"]):
    """Seen as its follow-up is seen, except by the provider (it reads its
    published results on the public pages like anyone else); and anyone, logged
    in or not, reads the published ones."""

    provider_capability: Capability | None = None
    public = {"status": PublicationStatus.PUBLISHED}

    def published(self) -> PublicationQuerySet:
        return self.filter(status=PublicationStatus.PUBLISHED)

    def last_withdrawal(self) -> dt.datetime | None:
        """When a result last left the public pages. The open data's "modified"
        must move forward when a result is withdrawn, not back to the latest
        publication still standing; this is the one read past the public rows,
        and it gives out a moment, never a row."""
        found: dt.datetime | None = self.model._default_manager.aggregate(
            at=Max("withdrawn_at")
        )["at"]
        return found


class Publication(TimeStampedModel):
    Status = PublicationStatus

    followup = models.OneToOneField(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        related_name="publication",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PROPOSED,
    )
    summary = models.TextField(
        _("public summary"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Plain Swedish for the public: what was followed up and how it went. "
            "Never names, never personal data."
        ),
    )
    summary_en = models.TextField(
        _("public summary in English"),
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_("Optional; the Swedish summary is shown when it is empty."),
    )
    # Why it was sent back or withdrawn: internal, never public.
    note = models.TextField(_("internal note"), blank=True, help_text=NO_PERSONAL_DATA)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The result as it was approved (taken when published).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    performed_on = models.DateField(_("performed on"), null=True, blank=True)
    methods = models.JSONField(_("methods"), default=list, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=32, choices=Outcome.choices, blank=True
    )
    regime = models.CharField(
        _("regime"), max_length=8, choices=Regime.choices, blank=True
    )

    objects = PublicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values),
                name="publication_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (
                    Q(published_at__isnull=False)
                    & Q(performed_on__isnull=False)
                    & Q(year__isnull=False)
                    & ~Q(outcome="")
                    & ~Q(summary="")
                ),
                name="publication_published_is_complete",
                violation_error_message=_(
                    "A published result has its date, outcome and summary."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "published_at"], name="publication_status_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.followup} ({self.get_status_display()})"
