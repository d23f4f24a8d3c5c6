"""Background work of the portal, run by ``foljsam worker``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foljsam.portal.models import AnswerLink, LinkState
from foljsam.portal.services import hash_token, unseal_token


@task()
def send_answer_link(*, link_id: int, sealed: str, base_url: str) -> int:
    """E-mail the answer link to the address the officer gave. Nothing is sent
    for a link withdrawn or used in the meantime, or if the token does not
    unseal to the link's own (the secret key changed). Returns how many were
    told."""
    link = (
        AnswerLink.objects.select_related(
            "followup__unit",
            "followup__provider",
            "followup__contract_area",
            "followup__organisation",
        )
        .filter(pk=link_id)
        .first()
    )
    if link is None or link.state() != LinkState.LIVE:
        return 0
    token = unseal_token(link.pk, sealed)
    if hash_token(token) != link.token_hash:
        return 0
    url = (base_url or settings.FOLJSAM_BASE_URL).rstrip("/") + reverse(
        "portal:answer", args=[token]
    )
    followup = link.followup
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Följsam: questions before the follow-up of %(unit)s") % {
            "unit": followup.unit.name
        }
        body = render_to_string(
            "portal/email/answer_link.txt",
            {
                "followup": followup,
                "link": url,
                "expires": timezone.localtime(link.expires_at),
            },
        )
    send_mail(subject, body, None, [link.email])
    return 1
