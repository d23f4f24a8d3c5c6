from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.planning.allocation import Options
from foljsam.planning.runs import selection_run_create
from foljsam.planning.selectors import result_rows


class Command(BaseCommand):
    help = (
        "Make the risk-based selection for a year and allocate it, and print every "
        "selected unit with its reasons. Stored as a draft the coordinator can "
        "change and publish, unless --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="The registry and signals as of this day (YYYY-MM-DD); default today.",
        )
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--avoid-own",
            action="store_true",
            help="No district follows up a unit it runs itself.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the selection; store nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate()
        try:
            run, result = selection_run_create(
                actor=None,
                year=options["year"],
                as_of=as_of,
                options=Options(avoid_own=options["avoid_own"]),
                seed=options["seed"],
                dry_run=options["dry_run"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        rows = result_rows(result)
        self.stdout.write(
            _(
                "Selection for %(year)d as of %(as_of)s (seed %(seed)d): %(selected)d "
                "of %(total)d units."
            )
            % {
                "year": options["year"],
                "as_of": as_of.isoformat(),
                "seed": result.seed,
                "selected": len(rows),
                "total": len(result.decisions),
            }
        )
        for area, count in sorted(Counter(r.contract_area for r in rows).items()):
            self.stdout.write(f"  {area}: {count}")
        self.stdout.write("")
        for row in rows:
            self.stdout.write(
                f"{row.rank:>5}  {row.unit_id:<10} {row.unit_name[:40]:<40} "
                f"{row.score:>6.1f}  {row.organisation or '-':<24} {row.reasons}"
            )
        unallocated = sum(1 for r in rows if not r.organisation)
        if unallocated:
            # The publishing page's words, singular and plural ("1 utvalda
            # verksamheter" was not Swedish).
            self.stderr.write(
                ngettext(
                    "%(count)d selected unit has no organisation to perform its "
                    "follow-up: give it one, raise a capacity and allocate again, "
                    "or take it out.",
                    "%(count)d selected units have no organisation to perform "
                    "their follow-ups: give them one, raise a capacity and "
                    "allocate again, or take them out.",
                    unallocated,
                )
                % {"count": unallocated}
            )
        if run is None:
            self.stdout.write(_("Dry run: nothing was stored."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Stored as draft selection #%(run)d. Publish it with: foljsam "
                        "plan publish --year %(year)d"
                    )
                    % {"run": run.pk, "year": run.year}
                )
            )
