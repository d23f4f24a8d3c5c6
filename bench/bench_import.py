"""Time the registry import of a large city through the real CLI.

For each database (SQLite in a temporary var dir; PostgreSQL too with
``--database-url``) it measures wall clock around ``foljsam import registry`` run
as a subprocess, so Python start-up, uv and ``django.setup()`` are included:

* first import: into a freshly migrated, empty database; median of ``--runs``
  fresh databases;
* re-import: the same file again, which changes nothing;
* dry run: ``--dry-run`` of the same file on the loaded database;
* update every unit: with ``--changed-file`` (``generate_city.py
  --change-units``), the changed file and the plain file imported in turn, each
  import updating every unit;
* start-up: ``foljsam version``, the fixed cost every CLI call pays.

All but the first are medians of ``--runs`` on one database. Then, in a child
process that calls the importing code directly, where the time goes: reading the
file, matching headers, loading the registry, validating and planning, writing.

    python3 -m uv run python bench/generate_city.py --units 10000
    python3 -m uv run python bench/generate_city.py --units 10000 --change-units
    python3 -m uv run python bench/bench_import.py \\
        --file bench/out/city-10k.xlsx \\
        --changed-file bench/out/city-10k-changed.xlsx \\
        --database-url postgres://postgres@127.0.0.1:5432/foljsam_bench
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_FILE,
    ROOT,
    Database,
    machine,
    median_of,
    seconds,
    table,
)

BUDGET_SECONDS = 10.0
DEFAULT_CHANGED = DEFAULT_FILE.with_name("city-10k-changed.xlsx")


def phases(files: list[tuple[str, Path]]) -> dict[str, Any]:
    """In-process, on a migrated database: time each step of ``registry_import``
    for each file in turn. Mirrors ``foljsam.registry.services.registry_import``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from foljsam.core.tabular import build_tables, read_path
    from foljsam.registry.importing.apply import apply_plan
    from foljsam.registry.importing.report import ImportReport, SheetSummary
    from foljsam.registry.importing.schema import SHEETS
    from foljsam.registry.importing.state import load_state
    from foljsam.registry.importing.validate import plan_import

    result: dict[str, Any] = {}
    for label, path in files:
        times: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(name: str, times: dict[str, float] = times) -> None:
            nonlocal clock
            now = time.perf_counter()
            times[name] = now - clock
            clock = now

        raw = read_path(path)
        lap("read file")
        tables, issues, _ignored = build_tables(raw, SHEETS)
        if issues:
            raise SystemExit(f"{path}: {issues[:5]}")
        lap("match headers")
        with transaction.atomic():
            state = load_state()
            lap("load registry")
            plan = plan_import(state, tables)
            lap("validate and plan")
            if plan.issues:
                raise SystemExit(f"{path}: {plan.issues[:5]}")
            report = ImportReport(
                sheets=tuple(SheetSummary.from_plan(p) for p in plan.sheet_plans())
            )
            lap("summarise")
            if report.has_changes:
                apply_plan(plan, now=timezone.now(), actor=None, reason="bench")
            lap("write")
        lap("commit")
        result[label] = {
            "times": times,
            "created": report.created,
            "updated": report.updated,
        }
    return result


def run_phases(db: Database, files: list[tuple[str, Path]]) -> dict[str, Any]:
    args = [arg for label, path in files for arg in ("--phase", label, str(path))]
    result: dict[str, Any] = db.script(__file__, *args)
    return result


def timed_cli(db: Database, *args: str) -> float:
    started = time.perf_counter()
    db.cli(*args)
    return time.perf_counter() - started


def bench(db: Database, path: Path, changed: Path | None, runs: int) -> None:
    file = str(path)
    first_times = []
    for _ in range(runs):
        db.reset()
        db.cli("migrate", "-v", "0")
        first_times.append(timed_cli(db, "import", "registry", file))
    _median, again_times, again_out = median_of(
        runs, lambda: db.cli("import", "registry", file)
    )
    _median, dry_times, _out = median_of(
        runs, lambda: db.cli("import", "registry", "--dry-run", file)
    )
    update_times = []
    if changed:
        for _ in range(runs):
            update_times.append(timed_cli(db, "import", "registry", str(changed)))
            update_times.append(timed_cli(db, "import", "registry", file))
    _median, startup_times, _out = median_of(runs, lambda: db.cli("version"))

    db.reset()
    db.cli("migrate", "-v", "0")
    files = [("first import", path), ("re-import", path)]
    if changed:
        files.append(("update all units", changed))
    detail = run_phases(db, files)

    def row(label: str, times: list[float], budget: bool = True) -> list[str]:
        median = statistics.median(times)
        verdict = ("met" if median < BUDGET_SECONDS else "OVER") if budget else ""
        return [
            label,
            seconds(median),
            " ".join(f"{t:.2f}" for t in times),
            verdict,
        ]

    rows = [
        row("import registry (first, empty db)", first_times),
        row("import registry (again, no changes)", again_times),
        row("import registry --dry-run", dry_times),
    ]
    if changed:
        rows.append(row("import registry (every unit updated)", update_times))
    rows.append(row("version (start-up only)", startup_times, budget=False))
    print(f"\n== {db.label}: {path.name} ==")
    print(table(["foljsam ... (wall clock)", "median", "runs", "< 10 s"], rows))
    print(f"re-import said: {again_out.stdout.strip().splitlines()[-1]}")
    labels = list(detail)
    steps = list(detail[labels[0]]["times"])
    print()
    print(
        table(
            ["in-process step", *labels],
            [
                *[
                    [step, *(seconds(detail[lb]["times"][step]) for lb in labels)]
                    for step in steps
                ],
                [
                    "total",
                    *(seconds(sum(detail[lb]["times"].values())) for lb in labels),
                ],
                [
                    "rows created / updated",
                    *(
                        f"{detail[lb]['created']} / {detail[lb]['updated']}"
                        for lb in labels
                    ),
                ],
            ],
        )
    )
    if detail["re-import"]["created"] or detail["re-import"]["updated"]:
        raise SystemExit("The re-import changed something: it should change nothing.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--changed-file",
        type=Path,
        help=f"The same city with every unit changed (default with the default "
        f"--file: bench/out/{DEFAULT_CHANGED.name}, if it exists).",
    )
    parser.add_argument(
        "--database-url",
        help="Also run on this PostgreSQL database (dropped and created again).",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--phase",
        nargs=2,
        action="append",
        metavar=("LABEL", "PATH"),
        help="(internal)",
    )
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(phases([(label, Path(p)) for label, p in args.phase])))
        return 0
    path: Path = args.file.resolve()
    changed: Path | None = args.changed_file
    if changed is None and path == DEFAULT_FILE and DEFAULT_CHANGED.exists():
        changed = DEFAULT_CHANGED
    for needed in (path, changed):
        if needed is not None and not needed.exists():
            raise SystemExit(
                f"{needed} does not exist; make it with bench/generate_city.py first."
            )
    print(f"{machine()} (before)")
    urls: list[str | None] = [] if args.no_sqlite else [None]
    if args.database_url:
        urls.append(args.database_url)
    for url in urls:
        db = Database(url)
        try:
            bench(db, path, changed.resolve() if changed else None, args.runs)
        finally:
            db.cleanup()
    print(f"\n{machine()} (after)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
