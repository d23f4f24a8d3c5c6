"""Sending a campaign's links and reminders, run by the worker
(``screening.tasks``).

Issue 9: "A campaign of 500 providers sends in under a minute of worker time."
The links are issued and sent in batches: each batch's tokens are written in
one transaction (one bulk update) and its e-mails go out over one connection
once it is committed, and the campaign's progress moves on after each batch.
If the mail server refuses a batch, its links are taken back (not sent), the
task fails, and sending again picks up where it stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foljsam.screening import links
from foljsam.screening.choices import CampaignStatus
from foljsam.screening.models import Campaign, Respondent

BATCH = 100
LINK_FIELDS = ["link_nonce", "token_hash", "sent_at", "expires_at"]


def _progress(campaign_id: int, count: int) -> None:
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    campaign.send_done = max(0, min(campaign.send_total, campaign.send_done + count))
    campaign.save(update_fields=["send_done", "updated_at"])


def _message(
    respondent: Respondent, token: str, base_url: str, *, reminder: bool
) -> EmailMessage:
    campaign = respondent.campaign
    url = base_url.rstrip("/") + reverse("screening:answer", args=[token])
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Reminder: %(campaign)s")
            if reminder
            else _("Questions from the city: %(campaign)s")
        ) % {"campaign": campaign.name}
        body = render_to_string(
            "screening/email/link.txt",
            {
                "campaign": campaign,
                "respondent": respondent,
                "agreements": list(respondent.agreements.all()),
                "link": url,
                "expires": timezone.localtime(respondent.expires_at),
                "reminder": reminder,
            },
        )
    return EmailMessage(subject, body, None, [respondent.email])


def _batch_ids(campaign_id: int, respondent_ids: Sequence[int] | None) -> list[int]:
    waiting = Respondent.objects.filter(
        campaign_id=campaign_id, sent_at__isnull=True, revoked_at__isnull=True
    ).exclude(email="")
    if respondent_ids is not None:
        waiting = waiting.filter(pk__in=list(respondent_ids))
    return list(waiting.order_by("pk").values_list("pk", flat=True)[:BATCH])


def send_links(
    campaign_id: int, base_url: str, respondent_ids: Sequence[int] | None = None
) -> int:
    """Issue and e-mail the links not yet sent (all of the campaign's, or only
    ``respondent_ids``). Returns how many were sent."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.status not in (
        CampaignStatus.SENDING,
        CampaignStatus.SENT,
    ):
        return 0
    sent = 0
    connection = mailers.default
    while ids := _batch_ids(campaign_id, respondent_ids):
        expires = links.expiry(campaign.deadline)
        with transaction.atomic():
            batch = list(
                Respondent.objects.select_for_update(of=("self",))
                .filter(pk__in=ids, sent_at__isnull=True, revoked_at__isnull=True)
                .select_related("campaign__organisation", "provider")
                .prefetch_related("agreements__contract_area")
            )
            now = timezone.now()
            messages = []
            for respondent in batch:
                respondent.link_nonce = links.new_nonce()
                token = links.make_token(respondent.pk, respondent.link_nonce)
                respondent.token_hash = links.hash_token(token)
                respondent.sent_at = now
                respondent.expires_at = expires
                respondent.save(update_fields=[*LINK_FIELDS, "updated_at"])
                messages.append(_message(respondent, token, base_url, reminder=False))
            _progress(campaign_id, len(batch))
        try:
            connection.send_messages(messages)
        except Exception:
            # Not sent: take the batch's links back so a new run sends them.
            with transaction.atomic():
                for respondent in batch:
                    respondent.link_nonce = ""
                    respondent.token_hash = None
                    respondent.sent_at = None
                    respondent.expires_at = None
                    respondent.save(update_fields=[*LINK_FIELDS, "updated_at"])
                _progress(campaign_id, -len(batch))
            raise
        sent += len(batch)
    with transaction.atomic():
        done = Campaign.objects.select_for_update().get(pk=campaign_id)
        if done.status == CampaignStatus.SENDING:
            done.status = CampaignStatus.SENT
            done.save(update_fields=["status", "updated_at"])
    return sent


def send_reminders(
    campaign_id: int, base_url: str, respondent_ids: Sequence[int]
) -> int:
    """Remind those among ``respondent_ids`` who still have a live link and have
    not answered, with the same link (made again from its nonce). Returns how
    many were reminded."""
    now = timezone.now()
    waiting = list(
        Respondent.objects.waiting()
        .filter(
            campaign_id=campaign_id,
            campaign__status=CampaignStatus.SENT,
            pk__in=list(respondent_ids),
            expires_at__gt=now,
        )
        .select_related("campaign__organisation", "provider")
        .prefetch_related("agreements__contract_area")
        .order_by("pk")
    )
    messages = []
    reminded = []
    for respondent in waiting:
        token = links.make_token(respondent.pk, respondent.link_nonce)
        if links.hash_token(token) != respondent.token_hash:
            continue  # the secret key changed: the office sends a new link
        messages.append(_message(respondent, token, base_url, reminder=True))
        reminded.append(respondent)
    connection = mailers.default
    for start in range(0, len(messages), BATCH):
        connection.send_messages(messages[start : start + BATCH])
        with transaction.atomic():
            for respondent in reminded[start : start + BATCH]:
                respondent.reminded_at = now
                respondent.reminders += 1
                respondent.save(
                    update_fields=["reminded_at", "reminders", "updated_at"]
                )
    return len(reminded)


def due_reminders(today: dt.date, *, days_before: int) -> dict[int, list[int]]:
    """The day's automatic reminders, per campaign: to those sent a live link
    who have not answered, once when the deadline is at most ``days_before``
    days away (if not reminded yet), and once more after it has passed (if not
    reminded since). Two queries."""
    now = timezone.now()
    due: dict[int, list[int]] = {}
    rows = (
        Respondent.objects.waiting()
        .filter(campaign__status=CampaignStatus.SENT, expires_at__gt=now)
        .select_related("campaign")
        .order_by("campaign_id", "pk")
    )
    for respondent in rows:
        deadline = respondent.campaign.deadline
        reminded = (
            timezone.localtime(respondent.reminded_at).date()
            if respondent.reminded_at
            else None
        )
        before = (
            deadline - dt.timedelta(days=days_before) <= today <= deadline
            and reminded is None
        )
        after = today > deadline and (reminded is None or reminded <= deadline)
        if before or after:
            due.setdefault(respondent.campaign_id, []).append(respondent.pk)
    return due
