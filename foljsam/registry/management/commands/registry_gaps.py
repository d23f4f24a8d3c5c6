from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from foljsam.accounts.access import SYSTEM
from foljsam.registry.exports import GAP_COLUMNS
from foljsam.registry.management.commands._export import ExportCommand
from foljsam.registry.responsibility_map import GapKind, gap_list


class Command(ExportCommand):
    help = (
        "Print the gap list: units no rule covers, units without an agreement in "
        "force, agreements without active units, and units overdue for follow-up."
    )
    sheet_title = "luckor"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--gap",
            choices=[kind.value for kind in GapKind],
            default="",
            help="Only this kind of gap.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = gap_list(user=SYSTEM, today=timezone.localdate(), kind=options["gap"])
        self.export(GAP_COLUMNS, rows, options)
