from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.core.tabular import TabularError, read_path
from foljsam.reporting.importing.report import FollowupImportReport
from foljsam.reporting.importing.schema import FOLLOWUPS
from foljsam.reporting.services import followups_import

SHOWN_ROWS = 20


class Command(BaseCommand):
    help = (
        "Import follow-ups of earlier years from a CSV file or an XLSX workbook "
        "with a sheet named followups: one row per follow-up, performed with its "
        "outcome or not performed with the reason. All or nothing: if any row is "
        "wrong, nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would be recorded; write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if path.is_dir():
            raise CommandError(
                _("Give a CSV file or an XLSX workbook, not a folder: %(path)s")
                % {"path": path}
            )
        try:
            raw = read_path(path)
        except TabularError as exc:
            raise CommandError(str(exc)) from None
        report = followups_import(
            actor=None, raw=raw, dry_run=options["dry_run"], source=str(path)
        )
        self.write_report(report, dry_run=options["dry_run"])
        if not report.ok:
            raise CommandError(
                _("%(count)d errors; nothing was imported.")
                % {"count": len(report.issues)}
            )

    def write_report(self, report: FollowupImportReport, *, dry_run: bool) -> None:
        for issue in report.issues:
            self.stderr.write(str(issue))
        for sheet in report.ignored_sheets:
            self.stdout.write(_("Ignored sheet %(sheet)s.") % {"sheet": sheet})
        for column in report.ignored_columns:
            self.stdout.write(
                _("Ignored column %(column)s in %(sheet)s.")
                % {"column": column, "sheet": FOLLOWUPS}
            )
        if not report.ok:
            return
        for notice in report.notices:
            self.stdout.write(_("Note: %(notice)s") % {"notice": notice})
        self.stdout.write(
            _(
                "%(sheet)s: %(created)d to record (%(performed)d performed, "
                "%(not_performed)d not performed), %(deficiencies)d deficiencies, "
                "%(corrections)d correction requests"
            )
            % {
                "sheet": FOLLOWUPS,
                "created": len(report.created),
                "performed": report.performed,
                "not_performed": report.not_performed,
                "deficiencies": report.deficiencies,
                "corrections": report.correction_requests,
            }
        )
        if dry_run:
            for row in report.created[:SHOWN_ROWS]:
                self.stdout.write(
                    f"  + {row.year} {row.unit_id} {row.contract_area}: "
                    f"{row.outcome or row.reason}"
                )
            hidden = len(report.created) - SHOWN_ROWS
            if hidden > 0:
                self.stdout.write("  " + _("… and %(n)d more") % {"n": hidden})
            self.stdout.write(_("Dry run: nothing was written."))
        elif report.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported: %(created)d follow-ups recorded.")
                    % {"created": len(report.created)}
                )
            )
