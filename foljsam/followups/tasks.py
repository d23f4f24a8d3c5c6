"""Background work of follow-ups, run by ``foljsam worker``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.followups.models import FollowUp


def provider_recipients(provider_id: int) -> list[str]:
    """The e-mail addresses of a provider's active users."""
    return sorted(
        User.objects.filter(provider_id=provider_id, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


@task()
def notify_shared(followup_id: int) -> int:
    """Tell the provider's users that a follow-up's result has been shared with
    them (seed 002: "för kännedom"), with the link to the report in the portal.
    Returns how many were told."""
    followup = FollowUp.objects.select_related(
        "unit", "provider", "contract_area", "organisation"
    ).get(pk=followup_id)
    to = provider_recipients(followup.provider_id)
    if not to:
        return 0
    link = settings.FOLJSAM_BASE_URL.rstrip("/") + reverse(
        "findings:report", args=[followup.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Följsam: the follow-up of %(unit)s") % {"unit": followup.unit.name}
        body = render_to_string(
            "followups/email/shared.txt", {"followup": followup, "link": link}
        )
    send_mail(subject, body, None, to)
    return len(to)
