from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.screening.models import Campaign
from foljsam.screening.sending import due_reminders
from foljsam.screening.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the day's reminders of screening campaigns: to the providers who "
        "have not answered, some days before the deadline "
        "(FOLJSAM_SCREENING_REMIND_DAYS_BEFORE) and once after it has passed. Run "
        "it daily; the e-mail goes out when the worker runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            default=None,
            help="Remind as of this day (YYYY-MM-DD); default today.",
        )
        parser.add_argument(
            "--base-url",
            default=settings.FOLJSAM_BASE_URL,
            help="The address the links in the e-mails start with.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent; send nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        due = due_reminders(
            today, days_before=settings.FOLJSAM_SCREENING_REMIND_DAYS_BEFORE
        )
        names = dict(
            Campaign.objects.filter(pk__in=list(due)).values_list("pk", "name")
        )
        for campaign_id, ids in due.items():
            self.stdout.write(f"{names[campaign_id]}: {len(ids)}")
            if not options["dry_run"]:
                send_reminders.enqueue(
                    campaign_id=campaign_id,
                    respondent_ids=ids,
                    base_url=options["base_url"],
                )
        total = sum(len(ids) for ids in due.values())
        if options["dry_run"]:
            self.stdout.write(
                _("Dry run for %(day)s: nothing was sent.") % {"day": today.isoformat()}
            )
        self.stdout.write(
            ngettext(
                "%(count)d reminder for %(day)s.",
                "%(count)d reminders for %(day)s.",
                total,
            )
            % {"count": total, "day": today.isoformat()}
        )
