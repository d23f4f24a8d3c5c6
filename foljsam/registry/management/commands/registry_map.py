from __future__ import annotations

from typing import Any

from django.utils import timezone

from foljsam.accounts.access import SYSTEM
from foljsam.registry.exports import MAP_COLUMNS
from foljsam.registry.management.commands._export import ExportCommand
from foljsam.registry.responsibility_map import responsibility_map


class Command(ExportCommand):
    help = (
        "Print the responsibility map: every active unit under every agreement in "
        "force, with its responsible and performing organisation."
    )
    sheet_title = "ansvarskarta"

    def handle(self, *args: Any, **options: Any) -> None:
        rows = responsibility_map(user=SYSTEM, today=timezone.localdate())
        self.export(MAP_COLUMNS, rows, options)
