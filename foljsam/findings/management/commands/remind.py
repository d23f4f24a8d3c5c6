from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.findings.models import ReminderKind
from foljsam.findings.reminders import DueReminder, reminders_due, reminders_send


class Command(BaseCommand):
    help = (
        "Queue the day's reminders of complement deadlines: to the provider some "
        "days before a deadline (FOLJSAM_REMINDER_DAYS_BEFORE), and to the provider "
        "and the performing organisation once it has passed without a complement. "
        "Run it daily; a reminder already sent is never sent again. The e-mail goes "
        "out when the worker runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="Remind as of this day (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; record and send nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        days = settings.FOLJSAM_REMINDER_DAYS_BEFORE
        if options["dry_run"]:
            due = reminders_due(today, days_before=days)
        else:
            due = reminders_send(today, days_before=days)
        for reminder in due:
            self.stdout.write(self._line(reminder))
        counts = {
            "day": today.isoformat(),
            "count": len(due),
            "providers": len({r.followup.provider_id for r in due}),
        }
        if options["dry_run"]:
            self.stdout.write(
                ngettext(
                    "Dry run for %(day)s: %(count)d reminder would be sent; "
                    "providers: %(providers)d. Nothing was recorded or sent.",
                    "Dry run for %(day)s: %(count)d reminders would be sent; "
                    "providers: %(providers)d. Nothing was recorded or sent.",
                    len(due),
                )
                % counts
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(count)d reminder for %(day)s queued; providers: "
                    "%(providers)d. The e-mail goes out when the worker runs "
                    "(foljsam worker).",
                    "%(count)d reminders for %(day)s queued; providers: "
                    "%(providers)d. The e-mail goes out when the worker runs "
                    "(foljsam worker).",
                    len(due),
                )
                % counts
            )
        )

    def _line(self, reminder: DueReminder) -> str:
        followup = reminder.followup
        days = {"days": reminder.days}
        if reminder.kind == ReminderKind.DEADLINE_PASSED:
            when = (
                ngettext(
                    "passed %(days)d day ago", "passed %(days)d days ago", reminder.days
                )
                % days
            )
        elif reminder.days == 0:
            when = _("due today")
        else:
            when = (
                ngettext("due in %(days)d day", "due in %(days)d days", reminder.days)
                % days
            )
        parts = [
            followup.provider.name,
            f"{followup.unit.name} ({followup.contract_area.name}, {followup.year})",
            reminder.deficiency.category.name,
            f"{reminder.due_on.isoformat()} ({when})",
        ]
        return f"  {reminder.kind.label}: " + " · ".join(parts)
