"""Writing tables out as CSV or XLSX: one column list, two formats.

A column has a machine name (the CSV/XLSX header, stable and documented in
docs/formats.md) and a function that reads the value from a row. Renderers never
query the database: the rows come ready from a selector.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO

Cell = str | int | float | dt.date | None

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class Column[T]:
    name: str
    value: Callable[[T], Cell]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _safe_for_spreadsheets(text: str) -> str:
    """Neutralise formula injection: a cell that starts like a formula is text."""
    if text and text[0] in "=+-@\t\r" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv[T](
    columns: Sequence[Column[T]], rows: Iterable[T], stream: IO[str]
) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(column.name for column in columns)
    for row in rows:
        writer.writerow(
            _safe_for_spreadsheets(_text(column.value(row))) for column in columns
        )


def csv_text[T](columns: Sequence[Column[T]], rows: Iterable[T]) -> str:
    stream = io.StringIO()
    write_csv(columns, rows, stream)
    return stream.getvalue()


def xlsx_bytes[T](
    sheets: Sequence[tuple[str, Sequence[Column[T]], Iterable[T]]],
) -> bytes:
    """A workbook with one sheet per (title, columns, rows), header row frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value=column.name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            values: list[Cell] = []
            for column in columns:
                value = column.value(row)
                if isinstance(value, str):
                    value = _safe_for_spreadsheets(value)
                values.append(value)
            sheet.append(values)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
