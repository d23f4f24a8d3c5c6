from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation
from foljsam.complaints.importing.report import SignalImportReport
from foljsam.complaints.services import signals_import
from foljsam.core.tabular import TabularError, read_path

SHOWN_CHANGES = 20


class Command(BaseCommand):
    help = (
        "Import complaints and other signals from a CSV file or an XLSX workbook "
        "with a sheet named signals. Rows are matched on their reference. All or "
        "nothing: if any row is wrong, nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and updated; write nothing.",
        )
        parser.add_argument(
            "--organisation",
            metavar="CODE",
            help=(
                "Record rows without an organisation for this organisation "
                "(default: the central office)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if path.is_dir():
            raise CommandError(
                _("Give a CSV file or an XLSX workbook, not a folder: %(path)s")
                % {"path": path}
            )
        organisation = None
        if options["organisation"]:
            code = options["organisation"].strip().lower()
            organisation = Organisation.objects.filter(code=code).first()
            if organisation is None:
                raise CommandError(
                    _("No organisation has the code '%(value)s'.") % {"value": code}
                )
        try:
            raw = read_path(path)
        except TabularError as exc:
            raise CommandError(str(exc)) from None
        report = signals_import(
            actor=None,
            raw=raw,
            dry_run=options["dry_run"],
            source=str(path),
            organisation=organisation,
        )
        self.write_report(report, dry_run=options["dry_run"])
        if not report.ok:
            raise CommandError(
                _("%(count)d errors; nothing was imported.")
                % {"count": len(report.issues)}
            )

    def write_report(self, report: SignalImportReport, *, dry_run: bool) -> None:
        for issue in report.issues:
            self.stderr.write(str(issue))
        for sheet in report.ignored_sheets:
            self.stdout.write(_("Ignored sheet %(sheet)s.") % {"sheet": sheet})
        for column in report.ignored_columns:
            self.stdout.write(
                _("Ignored column %(column)s in %(sheet)s.")
                % {"column": column, "sheet": "signals"}
            )
        if not report.ok:
            return
        self.stdout.write(
            _(
                "%(sheet)s: %(created)d to create, %(updated)d to update, "
                "%(unchanged)d unchanged"
            )
            % {
                "sheet": "signals",
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": report.unchanged,
            }
        )
        if dry_run:
            for reference in report.created[:SHOWN_CHANGES]:
                self.stdout.write(f"  + {reference}")
            for reference, columns in report.updated[:SHOWN_CHANGES]:
                self.stdout.write(f"  ~ {reference}: {', '.join(columns)}")
            hidden = max(0, len(report.created) - SHOWN_CHANGES) + max(
                0, len(report.updated) - SHOWN_CHANGES
            )
            if hidden:
                self.stdout.write("  " + _("… and %(n)d more") % {"n": hidden})
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported: %(created)d created, %(updated)d updated.")
                    % {"created": len(report.created), "updated": len(report.updated)}
                )
            )
