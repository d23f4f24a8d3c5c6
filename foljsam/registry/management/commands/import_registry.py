from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.core.tabular import TabularError, read_path
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.services import registry_import

SHOWN_CHANGES = 20


class Command(BaseCommand):
    help = (
        "Import a city's registry from an XLSX workbook or a folder of CSV files "
        "(organisations, contract_areas, providers, units, agreements). All or "
        "nothing: if any row is wrong, nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="An .xlsx file or a folder.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and updated; write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            raw = read_path(options["path"])
        except TabularError as exc:
            raise CommandError(str(exc)) from None
        report = registry_import(
            actor=None,
            raw=raw,
            dry_run=options["dry_run"],
            source=str(options["path"]),
        )
        self.write_report(report, dry_run=options["dry_run"])
        if not report.ok:
            raise CommandError(
                _("%(count)d errors; nothing was imported.")
                % {"count": len(report.issues)}
            )

    def write_report(self, report: ImportReport, *, dry_run: bool) -> None:
        for issue in report.issues:
            self.stderr.write(str(issue))
        for sheet in report.ignored_sheets:
            self.stdout.write(_("Ignored sheet %(sheet)s.") % {"sheet": sheet})
        for sheet, column in report.ignored_columns:
            self.stdout.write(
                _("Ignored column %(column)s in %(sheet)s.")
                % {"column": column, "sheet": sheet}
            )
        if not report.ok:
            return
        for summary in report.sheets:
            if not summary.total:
                continue
            self.stdout.write(
                _(
                    "%(sheet)s: %(created)d to create, %(updated)d to update, "
                    "%(unchanged)d unchanged"
                )
                % {
                    "sheet": summary.sheet,
                    "created": len(summary.created),
                    "updated": len(summary.updated),
                    "unchanged": summary.unchanged,
                }
            )
            if dry_run:
                for key in summary.created[:SHOWN_CHANGES]:
                    self.stdout.write(f"  + {key}")
                for key, fields in summary.updated[:SHOWN_CHANGES]:
                    self.stdout.write(f"  ~ {key}: {', '.join(fields)}")
                hidden = max(0, len(summary.created) - SHOWN_CHANGES) + max(
                    0, len(summary.updated) - SHOWN_CHANGES
                )
                if hidden:
                    self.stdout.write("  " + _("… and %(n)d more") % {"n": hidden})
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported: %(created)d created, %(updated)d updated.")
                    % {"created": report.created, "updated": report.updated}
                )
            )
