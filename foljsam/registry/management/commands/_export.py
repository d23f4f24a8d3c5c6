"""Shared by ``registry map`` and ``registry gaps``: write rows as CSV or XLSX."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from foljsam.core.exports import FORMATS, Column, csv_text, xlsx_bytes


class ExportCommand(BaseCommand):
    sheet_title = "export"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument(
            "--output",
            type=Path,
            help="Write to this file instead of standard output.",
        )

    def export[T](
        self, columns: Sequence[Column[T]], rows: Sequence[T], options: dict[str, Any]
    ) -> None:
        output: Path | None = options["output"]
        if options["format"] == "csv":
            text = csv_text(columns, rows)
            if output:
                output.write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
            return
        data = xlsx_bytes([(self.sheet_title, columns, rows)])
        if output:
            output.write_bytes(data)
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
