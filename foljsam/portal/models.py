"""Answer links: a single-use, expiring link through which a provider without an
account answers the questions of a follow-up that are meant for it (issue 6:
"A follow-up can also be answered through a single-use, expiring link for
providers without accounts").

Only the SHA-256 of the token is kept: the raw token is in the e-mail and
nowhere else, so a copy of the database opens no link. A link is seen as its
follow-up is seen by the city's own staff; a provider user never sees it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.core.models import TimeStampedModel
from foljsam.followups.models import FollowUp, SeenAsItsFollowUp


class LinkState(models.TextChoices):
    LIVE = "live", _("Open for answers")
    SUBMITTED = "submitted", _("Answers sent in")
    REVOKED = "revoked", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class AnswerLinkQuerySet(SeenAsItsFollowUp["AnswerLink"]):
    """Seen as the follow-up it belongs to is seen, by the city's staff only."""

    provider_capability = None

    def unfinished(self) -> AnswerLinkQuerySet:
        """Neither withdrawn nor used: at most one per follow-up (it may have
        expired)."""
        return self.filter(revoked_at__isnull=True, submitted_at__isnull=True)


class AnswerLink(TimeStampedModel):
    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.CASCADE,
        related_name="answer_links",
    )
    # SHA-256 (hex) of the token; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField(_("sent to"))
    expires_at = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("answers sent in"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = AnswerLinkQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["followup", "-created_at", "-id"]
        verbose_name = _("answer link")
        verbose_name_plural = _("answer links")
        constraints = [
            # Creating a link withdraws the one before: one unfinished per
            # follow-up, whatever the route.
            models.UniqueConstraint(
                fields=["followup"],
                condition=Q(revoked_at__isnull=True, submitted_at__isnull=True),
                name="answer_link_one_unfinished_per_followup",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(submitted_at__isnull=True),
                name="answer_link_not_both_revoked_and_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.followup_id}: {self.email}"

    def state(self, now: dt.datetime | None = None) -> LinkState:
        if self.revoked_at is not None:
            return LinkState.REVOKED
        if self.submitted_at is not None:
            return LinkState.SUBMITTED
        if self.expires_at <= (now or timezone.now()):
            return LinkState.EXPIRED
        return LinkState.LIVE

    @property
    def current_state(self) -> LinkState:
        return self.state()

    @property
    def is_live(self) -> bool:
        return self.state() == LinkState.LIVE
