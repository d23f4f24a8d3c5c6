"""``foljsam import template PATH [--dry-run]``: a shared template as a new draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.requirements.content import TemplateDoc
from foljsam.requirements.exchange import ExchangeIssue
from foljsam.requirements.importing import (
    TemplateImport,
    parse_template_file,
    template_import,
)


class Command(BaseCommand):
    help = (
        "Import a template exported from Följsam (the JSON exchange format) as a "
        "new draft. Requirements the city has are reused by code. All or nothing: "
        "if anything is wrong, every problem is listed and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A .json file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would be created; write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        dry_run: bool = options["dry_run"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s")
                % {"path": path, "error": exc.strerror or exc}
            ) from None
        doc, issues = parse_template_file(content)
        if doc is None:
            self.refuse(issues)
        result = template_import(actor=None, doc=doc, dry_run=dry_run, source=str(path))
        if not result.ok:
            self.refuse(result.issues)
        self.write_summary(doc, result, dry_run=dry_run)

    def refuse(self, issues: list[ExchangeIssue]) -> NoReturn:
        for issue in issues:
            self.stderr.write(str(issue))
        raise CommandError(
            _("%(count)d errors; nothing was imported.") % {"count": len(issues)}
        )

    def write_summary(
        self, doc: TemplateDoc, result: TemplateImport, *, dry_run: bool
    ) -> None:
        for notice in result.notices:
            self.stdout.write(self.style.WARNING(notice))
        self.stdout.write(
            _("Template %(code)s (%(name)s): %(state)s, version %(number)s as a draft")
            % {
                "code": doc.code,
                "name": doc.name,
                "state": _("new") if result.template_created else _("existing"),
                "number": result.number,
            }
        )
        self.stdout.write(
            _("Requirements: %(created)d new, %(reused)d reused")
            % {
                "created": len(result.requirements_created),
                "reused": len(result.requirements_reused),
            }
        )
        for code in result.requirements_created:
            self.stdout.write(f"  + {code}")
        if result.categories_created:
            self.stdout.write(
                _("New categories: %(codes)s")
                % {"codes": ", ".join(result.categories_created)}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        elif result.version is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported as a draft: %(code)s version %(number)d.")
                    % {"code": doc.code, "number": result.version.number}
                )
            )
