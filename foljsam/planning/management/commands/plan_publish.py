from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation
from foljsam.planning.choices import RunStatus
from foljsam.planning.models import SelectionRun
from foljsam.planning.publishing import selection_publish


class Command(BaseCommand):
    help = (
        "Publish a year's selection: one follow-up per selected unit, with its "
        "template, organisation and deadlines, and an e-mail to each organisation's "
        "contact persons (sent by the worker). Publishing again creates only what "
        "was added since."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--run",
            type=int,
            default=None,
            help="The selection to publish; default the year's published one, else "
            "its latest draft.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        runs = SelectionRun.objects.filter(year=options["year"])
        if options["run"] is not None:
            run = runs.filter(pk=options["run"]).first()
        else:
            run = (
                runs.filter(status=RunStatus.PUBLISHED).first()
                or runs.order_by("-pk").first()
            )
        if run is None:
            raise CommandError(
                _(
                    "There is no selection for %(year)d: make one with foljsam plan "
                    "select --year %(year)d."
                )
                % {"year": options["year"]}
            )
        try:
            published = selection_publish(
                actor=None, run=run, base_url=settings.FOLJSAM_BASE_URL
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        # Every selected unit whose follow-up existed before this call: those
        # linked now and those published earlier (publishing again says so).
        already = (
            run.candidates.filter(selected=True, followup__isnull=False).count()
            - published.created
        )
        names = Organisation.objects.in_bulk(list(published.per_organisation))
        for org_id, count in sorted(
            published.per_organisation.items(), key=lambda item: names[item[0]].name
        ):
            self.stdout.write(f"  {names[org_id].name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Selection #%(run)d for %(year)d published: %(created)d new "
                    "follow-ups, %(linked)d already there. The e-mail goes out when "
                    "the worker runs (foljsam worker)."
                )
                % {
                    "run": run.pk,
                    "year": run.year,
                    "created": published.created,
                    "linked": already,
                }
            )
        )
