"""Background work of findings, run by ``foljsam worker``: the e-mail about
complement deadlines that ``findings.reminders`` queues."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from foljsam.accounts.access import ROLE_CAPABILITIES, Capability
from foljsam.accounts.models import Organisation, User
from foljsam.findings.models import Reminder, ReminderKind
from foljsam.followups.tasks import provider_recipients

# Who in an organisation is told that a deadline has passed: those who perform
# its follow-ups (a district's follow-up officers; at the central office, which
# keeps some follow-ups itself, its coordinators). The planning app's contact
# persons would be the first choice, but planning sits above findings in the
# layering (docs/decisions.md).
PERFORMER_ROLES = sorted(
    role
    for role, held in ROLE_CAPABILITIES.items()
    if Capability.PERFORM_FOLLOWUPS in held
)


def organisation_recipients(organisation_id: int) -> list[str]:
    """The e-mail addresses of the active users who perform an organisation's
    follow-ups."""
    return sorted(
        set(
            User.objects.filter(
                organisation_id=organisation_id,
                is_active=True,
                role_grants__role__in=PERFORMER_ROLES,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _reminders(ids: Sequence[int]) -> list[Reminder]:
    return list(
        Reminder.objects.filter(pk__in=list(ids))
        .select_related(
            "deficiency__category",
            "deficiency__followup__unit",
            "deficiency__followup__provider",
            "deficiency__followup__contract_area",
            "deficiency__followup__organisation",
        )
        .order_by(
            "due_on",
            "deficiency__followup__unit__name",
            "deficiency__followup__contract_area__name",
            "deficiency_id",
        )
    )


def _link(name: str, *args: int) -> str:
    return settings.FOLJSAM_BASE_URL.rstrip("/") + reverse(name, args=args)


@task()
def notify_provider_deadlines(*, provider_id: int, reminder_ids: list[int]) -> int:
    """Tell a provider's users which complements are due soon and which deadlines
    have passed without one, deficiency by deficiency. Returns how many were
    told."""
    to = provider_recipients(provider_id)
    reminders = _reminders(reminder_ids)
    if not to or not reminders:
        return 0
    coming = [r for r in reminders if r.kind == ReminderKind.BEFORE_DEADLINE]
    passed = [r for r in reminders if r.kind == ReminderKind.DEADLINE_PASSED]
    provider = reminders[0].deficiency.followup.provider
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Följsam: a deadline for a complement has passed")
            if passed
            else _("Följsam: a complement is due soon")
        )
        body = render_to_string(
            "findings/email/deadlines_provider.txt",
            {
                "provider": provider,
                "coming": coming,
                "passed": passed,
                # The provider's start page; the portal shows the deficiencies.
                "link": _link("portal:home"),
            },
        )
    send_mail(subject, body, None, to)
    return len(to)


@task()
def notify_deadlines_passed(*, organisation_id: int, reminder_ids: list[int]) -> int:
    """Tell the organisation that performs the follow-ups which complement
    deadlines have passed without a complement, with a link to each follow-up's
    deficiencies. Returns how many were told."""
    to = organisation_recipients(organisation_id)
    reminders = _reminders(reminder_ids)
    if not to or not reminders:
        return 0
    organisation = Organisation.objects.get(pk=organisation_id)
    rows = [
        (
            reminder,
            _link("findings:followup_deficiencies", reminder.deficiency.followup_id)
            + f"#deficiency-{reminder.deficiency_id}",
        )
        for reminder in reminders
    ]
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Följsam: complement deadlines have passed")
        body = render_to_string(
            "findings/email/deadlines_passed.txt",
            {"organisation": organisation, "rows": rows},
        )
    send_mail(subject, body, None, to)
    return len(to)
