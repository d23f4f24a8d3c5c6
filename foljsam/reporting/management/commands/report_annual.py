"""``foljsam report annual --year Y --format html|pdf|docx|xlsx|json
[--output PATH]``"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.access import SYSTEM
from foljsam.reporting.annual_render import FORMATS, render
from foljsam.reporting.annual_selectors import FIRST_YEAR, annual_report

TEXT_FORMATS = frozenset({"html", "json"})


class Command(BaseCommand):
    help = (
        "Write the annual report of a year to the social committee: the page as "
        "one HTML file, PDF, DOCX, XLSX (the tables) or JSON. Text formats go to "
        "standard output unless --output is given; PDF, DOCX and XLSX to "
        "arsrapport-uppfoljning-YEAR.FORMAT in the current folder. Progress is "
        "shown on standard error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=FORMATS, default="html", dest="fmt")
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the report ('-' for standard output).",
        )

    def progress(self, text: str, started: float) -> None:
        self.stderr.write(f"[{time.monotonic() - started:5.1f} s] {text}")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        fmt: str = options["fmt"]
        today = timezone.localdate()
        if not FIRST_YEAR <= year <= today.year:
            raise CommandError(
                _("Give a year from %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": today.year}
            )
        output: Path | None = options["output"]
        if output is None and fmt not in TEXT_FORMATS:
            output = Path(f"arsrapport-uppfoljning-{year}.{fmt}")
        if output is not None and str(output) != "-" and output.is_dir():
            raise CommandError(
                _("Give a file to write, not a folder: %(path)s") % {"path": output}
            )
        started = time.monotonic()
        self.progress(
            _("Reading the follow-ups of %(year)d …") % {"year": year}, started
        )
        report = annual_report(user=SYSTEM, year=year, today=today)
        self.progress(
            _("%(planned)d planned, %(performed)d performed, %(areas)d contract areas.")
            % {
                "planned": report.total.planned,
                "performed": report.total.performed,
                "areas": len(report.areas),
            },
            started,
        )
        self.progress(_("Writing %(format)s …") % {"format": fmt.upper()}, started)
        data = render(report, fmt)
        if output is None or str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            try:
                output.write_bytes(data)
            except OSError as exc:
                raise CommandError(
                    _("Could not write %(path)s: %(error)s")
                    % {"path": output, "error": exc.strerror or exc}
                ) from None
            self.progress(
                _("Wrote %(path)s (%(size)d kB).")
                % {"path": output, "size": max(1, len(data) // 1024)},
                started,
            )
        self.progress(_("Done."), started)
