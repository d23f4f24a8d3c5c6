"""Write the demo city, scaled up to about N units, as an import file.

The records come from ``foljsam.demo.city.generate(scale=...)`` (plain Python, no
Django settings needed). The scale chosen is the smallest whose city has at least
the requested number of units, so a "10,000-unit" file never holds fewer than
10,000 units (scale 22 gives 10,224).

    python3 -m uv run python bench/generate_city.py --units 10000 \
        --out bench/out/city-10k.xlsx
    python3 -m uv run python bench/generate_city.py --units 10000 --format csv \
        --out bench/out/city-10k-csv

``--change-units`` writes the same city with every unit changed (one more
placement, " (ny)" after the name): importing it over the plain file updates all
units, the heaviest import short of a new city.

``--organisations N`` keeps the same units but folds the extra district offices
into fewer, so that the city has at most N organisations (``generate`` adds four
districts per unit of scale: 100 organisations at 10,000 units).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from foljsam.demo.city import generate  # noqa: E402

SHEETS = ("organisations", "contract_areas", "providers", "units", "agreements")
Records = dict[str, list[dict[str, Any]]]

# Units per unit of scale, roughly (scale 1: 501 units, scale 20: 9,298).
_UNITS_PER_SCALE = 465


def city_for_units(units: int) -> tuple[int, Records]:
    """The smallest scale whose city has at least ``units`` units, and its records."""
    scale = max(1, units // _UNITS_PER_SCALE - 1)
    while True:
        records = generate(scale=scale)
        if len(records["units"]) >= units:
            return scale, records
        scale += 1


def columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every key that appears in any row, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def fold_districts(records: Records, organisations: int) -> None:
    """At most ``organisations`` organisations, the units unchanged: the district
    offices beyond those kept are dropped, and the units that lie in one (or are
    run by one, or its agreements) go to a kept district, round robin."""
    rows = records["organisations"]
    districts = [o["code"] for o in rows if o["kind"] == "district_office"]
    keep = organisations - (len(rows) - len(districts))
    if keep >= len(districts):
        return
    if keep < 1:
        raise SystemExit(f"{organisations} organisations leave no district office.")
    kept, dropped = districts[:keep], districts[keep:]
    moved = {code: kept[index % keep] for index, code in enumerate(dropped)}
    records["organisations"] = [o for o in rows if o["code"] not in moved]
    for sheet, column in (
        ("units", "district"),
        ("units", "operated_by"),
        ("agreements", "signed_by"),
    ):
        for row in records[sheet]:
            row[column] = moved.get(row[column], row[column])


def change_units(records: Records) -> None:
    for unit in records["units"]:
        unit["placements"] += 1
        unit["name"] = f"{unit['name']} (ny)"


def _cell(value: Any) -> Any:
    return None if value == "" else value


def write_xlsx(records: Records, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name in SHEETS:
        rows = records[name]
        sheet = workbook.create_sheet(name)
        names = columns(rows)
        sheet.append(names)
        for row in rows:
            cells: list[Any] = []
            for column in names:
                value = _cell(row.get(column))
                if isinstance(value, dt.date):
                    # A real date cell, as Excel writes one, not text.
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def write_csv(records: Records, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in SHEETS:
        rows = records[name]
        names = columns(rows)
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(names)
            for row in rows:
                writer.writerow(
                    [
                        value.isoformat()
                        if isinstance(value, dt.date)
                        else ("" if value is None else value)
                        for value in (row.get(column) for column in names)
                    ]
                )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument(
        "--change-units",
        action="store_true",
        help="Change every unit, so that importing over the plain file updates all.",
    )
    parser.add_argument(
        "--organisations",
        type=int,
        help="At most this many organisations (extra districts folded together).",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="An .xlsx file, or a folder for CSV (default: bench/out/city-<N>...).",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    scale, records = city_for_units(args.units)
    if args.organisations:
        fold_districts(records, args.organisations)
    if args.change_units:
        change_units(records)
    size = f"{args.units // 1000}k" if args.units % 1000 == 0 else str(args.units)
    stem = (
        f"city-{size}"
        + (f"-{args.organisations}org" if args.organisations else "")
        + ("-changed" if args.change_units else "")
    )
    out: Path = args.out or ROOT / "bench" / "out" / (
        f"{stem}.xlsx" if args.format == "xlsx" else stem
    )
    if args.format == "xlsx":
        write_xlsx(records, out)
    else:
        write_csv(records, out)
    counts = ", ".join(f"{len(records[name])} {name}" for name in SHEETS)
    print(f"scale {scale}: {counts} -> {out} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
