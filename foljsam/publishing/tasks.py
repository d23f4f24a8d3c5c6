"""Background work of publishing, run by ``foljsam worker``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from foljsam.publishing.models import Publication


@task()
def notify_sent_back(publication_id: int) -> int:
    """Tell the officer who proposed a result that the central office sent the
    proposal back, with its reason and the link to the result's publishing page.
    Returns how many were told (none when the proposer has no e-mail address or
    is no longer active)."""
    publication = Publication.objects.select_related(
        "followup__unit", "followup__contract_area", "proposed_by"
    ).get(pk=publication_id)
    officer = publication.proposed_by
    if officer is None or not officer.is_active or not officer.email:
        return 0
    followup = publication.followup
    link = settings.FOLJSAM_BASE_URL.rstrip("/") + reverse(
        "publishing:detail", args=[followup.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Följsam: the proposal to publish %(unit)s was sent back") % {
            "unit": followup.unit.name
        }
        body = render_to_string(
            "publishing/email/sent_back.txt",
            {"publication": publication, "followup": followup, "link": link},
        )
    send_mail(subject, body, None, [officer.email])
    return 1
