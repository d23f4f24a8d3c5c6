"""``foljsam files sweep [--dry-run]``: remove uploaded files that no row names
and that are older than a day (see ``core.files.sweep_orphans``). Run daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.core.files import sweep_orphans


class Command(BaseCommand):
    help = _("Remove uploaded files that no row names and that are older than a day.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("List what would be removed, and remove nothing."),
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        found = sweep_orphans(dry_run=dry_run)
        for path in found:
            self.stdout.write(str(path))
        if dry_run:
            message = ngettext(
                "%(count)d orphan file would be removed.",
                "%(count)d orphan files would be removed.",
                len(found),
            )
        else:
            message = ngettext(
                "%(count)d orphan file removed.",
                "%(count)d orphan files removed.",
                len(found),
            )
        self.stdout.write(message % {"count": len(found)})
