"""Background work of planning, run by ``foljsam worker`` (Django's tasks, kept in
the database by django-tasks-db)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation
from foljsam.followups.models import FollowUp
from foljsam.planning.publishing import recipients


@task()
def notify_assignments(
    *, organisation_id: int, year: int, followup_ids: list[int], base_url: str
) -> int:
    """Tell an organisation's contact persons which follow-ups it has been given
    for the year, with their deadlines (seed 002: "till
    stadsdelsförvaltningarnas kontaktpersoner"). Returns how many were told."""
    organisation = Organisation.objects.get(pk=organisation_id)
    to = recipients([organisation_id]).get(organisation_id, [])
    if not to:
        return 0
    followups = list(
        FollowUp.objects.filter(pk__in=followup_ids)
        .select_related(
            "unit", "contract_area", "provider", "template_version__template"
        )
        .order_by("contract_area__name", "unit__name")
    )
    link = base_url.rstrip("/") + reverse("followups:list") + f"?year={year}"
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Följsam: your follow-ups for %(year)d") % {"year": year}
        body = render_to_string(
            "planning/email/assignments.txt",
            {
                "organisation": organisation,
                "year": year,
                "followups": followups,
                "deadlines": followups[0] if followups else None,
                "link": link,
            },
        )
    send_mail(subject, body, None, to)
    return len(to)
