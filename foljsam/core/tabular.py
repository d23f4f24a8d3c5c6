"""Reading spreadsheets and CSV files into named tables of text, for every import.

A workbook (XLSX) holds one table per sheet; a folder holds one CSV file per table.
Headers are matched to canonical column names through aliases (Swedish or English,
with or without diacritics and case). Every cell becomes stripped text, so that
validation rules are the same for XLSX and CSV. Nothing here knows what a table
means: that belongs to the importing app, which reports problems as ``Issue``s.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

# An XLSX is a zip archive: refuse archives that unpack to absurd sizes before
# openpyxl sees them (a "zip bomb"), and archives with absurdly many entries.
MAX_XLSX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_XLSX_ENTRIES = 2_000
CSV_DELIMITERS = (",", ";", "\t")


class TabularError(Exception):
    """The file as a whole cannot be read. The message is for the user."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, placed as precisely as possible for the person fixing the file."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        # A problem with the file as a whole (no sheet) is shown without a place.
        place = [_("sheet %(sheet)s") % {"sheet": self.sheet}] if self.sheet else []
        if self.row is not None:
            place.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("column %(column)s") % {"column": self.column})
        if not place:
            return self.message
        return f"{', '.join(place)}: {self.message}"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    aliases: tuple[str, ...] = ()

    def column(self, name: str) -> ColumnSpec:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as the user sees it: the header is row 1
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(slots=True)
class Table:
    name: str
    columns: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()


RawTable = list[list[str]]

# Everything but letters and digits separates words: spaces (also non-breaking and
# line breaks), hyphens, slashes, dots ("Org.nr"), parentheses ("Cykel (år)").
_SEPARATORS = re.compile(r"[\W_]+")


def normalise_name(text: str) -> str:
    """Lower-case, no diacritics, words joined by underscores, other punctuation
    dropped: 'Giltigt från' -> 'giltigt_fran', 'Cykel (år)' -> 'cykel_ar'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Excel headings are often wrapped onto two lines (Alt+Enter): a newline
    # inside a heading separates words like a space.
    return "_".join(part for part in _SEPARATORS.split(plain) if part)


def cell_text(value: object) -> str:
    """One cell as text: dates as ISO dates, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def check_xlsx_archive(stream: IO[bytes]) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise TabularError(_("The file is not a readable XLSX workbook.")) from None
    finally:
        stream.seek(0)
    if len(entries) > MAX_XLSX_ENTRIES:
        raise TabularError(_("The workbook has too many parts to be a real XLSX."))
    if sum(entry.file_size for entry in entries) > MAX_XLSX_UNPACKED_BYTES:
        raise TabularError(_("The workbook unpacks to more data than allowed."))


def read_xlsx(stream: IO[bytes]) -> dict[str, RawTable]:
    """Every sheet of a workbook as rows of text, keyed by the sheet's title.

    Read with python-calamine (a Rust reader): a 10,000-unit workbook in a tenth of
    a second, where openpyxl took two to four (bench/README.md). Cells come as
    text, numbers, booleans and dates, which ``cell_text`` turns into text; the
    empty rows and columns before the data are kept, so that row numbers are the
    ones the user sees.
    """
    from python_calamine import CalamineWorkbook

    check_xlsx_archive(stream)
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
        return {
            name: [
                [cell_text(value) for value in row]
                for row in workbook.get_sheet_by_name(name).to_python(
                    skip_empty_area=False
                )
            ]
            for name in workbook.sheet_names
        }
    except Exception:  # calamine raises several kinds on broken files
        raise TabularError(_("The file is not a readable XLSX workbook.")) from None


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM ("Unicode text"), else
    Windows-1252 as Swedish Excel saves it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_text(text: str) -> RawTable:
    """Rows of a CSV file; the delimiter (',', ';' or tab) is read off the header,
    the first line that is not blank."""
    header = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max(CSV_DELIMITERS, key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise TabularError(
            _("The CSV file cannot be read: %(error)s") % {"error": exc}
        ) from None


def read_path(path: Path) -> dict[str, RawTable]:
    """A workbook, a single CSV file, or a folder of CSV files named after tables."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not files:
            raise TabularError(
                _("The folder %(path)s holds no CSV files.") % {"path": path}
            )
        return {p.stem: read_csv_text(decode_text(p.read_bytes())) for p in files}
    if not path.exists():
        raise TabularError(_("%(path)s does not exist.") % {"path": path})
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        with path.open("rb") as stream:
            return read_xlsx(stream)
    if suffix == ".csv":
        return {path.stem: read_csv_text(decode_text(path.read_bytes()))}
    raise TabularError(
        _("Use an XLSX workbook, a CSV file or a folder of CSV files, not %(name)s.")
        % {"name": path.name}
    )


def read_uploads(files: Iterable[tuple[str, IO[bytes]]]) -> dict[str, RawTable]:
    """Uploaded files: one workbook, or CSV files named after their tables."""
    raw: dict[str, RawTable] = {}
    for name, stream in files:
        suffix = Path(name).suffix.lower()
        if suffix == ".xlsx":
            raw.update(read_xlsx(stream))
        elif suffix == ".csv":
            raw[Path(name).stem] = read_csv_text(decode_text(stream.read()))
        else:
            raise TabularError(
                _("Upload an XLSX workbook or CSV files, not %(name)s.")
                % {"name": name}
            )
    return raw


def _is_blank(cells: Sequence[str]) -> bool:
    return all(not cell for cell in cells)


def build_tables(
    raw: Mapping[str, RawTable], specs: Sequence[SheetSpec]
) -> tuple[dict[str, Table], list[Issue], list[str]]:
    """Match raw sheets to specs. Returns tables, issues, and names of sheets that
    matched no spec (ignored)."""
    by_alias: dict[str, SheetSpec] = {}
    for spec in specs:
        for alias in (spec.name, *spec.aliases):
            by_alias[normalise_name(alias)] = spec
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    ignored: list[str] = []
    for title, rows in raw.items():
        matched = by_alias.get(normalise_name(title))
        if matched is None:
            ignored.append(title)
            continue
        if matched.name in tables:
            issues.append(
                Issue(matched.name, None, None, _("The table appears more than once."))
            )
            continue
        table, table_issues = _build_table(matched, rows)
        issues.extend(table_issues)
        if table is not None:
            tables[matched.name] = table
    return tables, issues, ignored


def _build_table(spec: SheetSpec, rows: RawTable) -> tuple[Table | None, list[Issue]]:
    issues: list[Issue] = []
    header_index = next((i for i, row in enumerate(rows) if not _is_blank(row)), None)
    if header_index is None:
        return Table(spec.name, frozenset()), []
    by_alias: dict[str, str] = {}
    for column in spec.columns:
        for alias in (column.name, *column.aliases):
            by_alias[normalise_name(alias)] = column.name
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(rows[header_index]):
        if not heading:
            continue
        name = by_alias.get(normalise_name(heading))
        if name is None:
            ignored.append(heading)
        elif name in positions:
            issues.append(
                Issue(
                    spec.name,
                    header_index + 1,
                    heading,
                    _("Two columns both mean %(column)s.") % {"column": name},
                )
            )
        else:
            positions[name] = index
    for column in spec.columns:
        if column.required and column.name not in positions:
            issues.append(
                Issue(
                    spec.name,
                    header_index + 1,
                    column.name,
                    _("The required column is missing."),
                )
            )
    if issues:
        return None, issues
    table = Table(spec.name, frozenset(positions), ignored_columns=tuple(ignored))
    for offset, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if _is_blank(cells):
            continue
        values = {
            name: cells[index] if index < len(cells) else ""
            for name, index in positions.items()
        }
        table.rows.append(Row(offset, values))
    return table, []


def tables_from_records(
    records: Mapping[str, Sequence[Mapping[str, object]]],
) -> dict[str, Table]:
    """Tables from in-memory records (the demo city, tests), as if read from a file."""
    tables: dict[str, Table] = {}
    for name, rows in records.items():
        columns: set[str] = set()
        for row in rows:
            columns.update(row)
        table = Table(name, frozenset(columns))
        for number, row in enumerate(rows, start=2):
            table.rows.append(
                Row(number, {key: cell_text(value) for key, value in row.items()})
            )
        tables[name] = table
    return tables
