"""Time the responsibility map and the gap list on a database holding a large city.

For each database (SQLite in a temporary var dir; PostgreSQL too with
``--database-url``) it migrates, imports ``--file`` through the CLI (not timed),
then measures:

* in-process, median of ``--runs``: ``responsibility_map(today=...)``,
  ``gap_list(today=...)`` and ``call_command("registry_map", format="csv")``, with
  the number of queries each makes (counted in a separate run, since counting
  queries costs time itself);
* through the real CLI, median of ``--runs``: ``foljsam registry map --format
  csv`` and ``foljsam registry gaps --format csv`` as subprocesses (wall clock,
  start-up included), and ``foljsam version`` for the start-up alone.

The CLI commands take today's date from the clock; the in-process calls use
``--today`` (default 2026-11-23).

    python3 -m uv run python bench/bench_map.py --file bench/out/city-10k.xlsx \\
        --database-url postgres://postgres@127.0.0.1:5432/foljsam_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_FILE, ROOT, Database, machine, median_of, seconds, table

TODAY = dt.date(2026, 11, 23)


def in_process(today: dt.date, runs: int) -> dict[str, Any]:
    """Time the selectors and the command in this process (Django set up here)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from foljsam.accounts.access import SYSTEM
    from foljsam.registry.models import Agreement, Unit
    from foljsam.registry.responsibility_map import gap_list, responsibility_map

    def command() -> str:
        out = io.StringIO()
        call_command("registry_map", format="csv", stdout=out)
        return out.getvalue()

    measures: dict[str, Callable[[], Any]] = {
        "responsibility_map(today=...)": lambda: responsibility_map(
            user=SYSTEM, today=today
        ),
        "gap_list(today=...)": lambda: gap_list(user=SYSTEM, today=today),
        "call_command('registry_map', format='csv')": command,
    }
    result: dict[str, Any] = {
        "units": Unit.objects.count(),
        "agreements": Agreement.objects.count(),
        "measures": {},
    }
    for label, measure in measures.items():
        measure()  # warm up: imports, translations, connection
        with CaptureQueriesContext(connection) as queries:
            output = measure()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            measure()
            times.append(time.perf_counter() - started)
        result["measures"][label] = {
            "times": times,
            "queries": len(queries),
            "rows": len(output) if isinstance(output, list) else output.count("\n"),
        }
    return result


def run_in_process(db: Database, today: dt.date, runs: int) -> dict[str, Any]:
    result: dict[str, Any] = db.script(
        __file__, "--in-process", "--today", today.isoformat(), "--runs", str(runs)
    )
    return result


def cli_times(db: Database, runs: int, *args: str) -> list[float]:
    return median_of(runs, lambda: db.cli(*args))[1]


def bench(db: Database, path: Path, today: dt.date, runs: int, reuse: bool) -> None:
    if not reuse:
        db.reset()
        db.cli("migrate", "-v", "0")
        db.cli("import", "registry", str(path))
    detail = run_in_process(db, today, runs)
    cli = {
        "foljsam registry map --format csv": cli_times(
            db, runs, "registry", "map", "--format", "csv"
        ),
        "foljsam registry gaps --format csv": cli_times(
            db, runs, "registry", "gaps", "--format", "csv"
        ),
        "foljsam version (start-up only)": cli_times(db, runs, "version"),
    }
    print(
        f"\n== {db.label}: {detail['units']} units, {detail['agreements']} "
        f"agreements, today {today.isoformat()} =="
    )
    print(
        table(
            ["in process", "median", "runs", "queries", "rows"],
            [
                [
                    label,
                    seconds(statistics.median(m["times"])),
                    " ".join(f"{t:.2f}" for t in m["times"]),
                    m["queries"],
                    m["rows"],
                ]
                for label, m in detail["measures"].items()
            ],
        )
    )
    print()
    print(
        table(
            ["CLI (wall clock)", "median", "runs"],
            [
                [label, seconds(statistics.median(t)), " ".join(f"{x:.2f}" for x in t)]
                for label, t in cli.items()
            ],
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument(
        "--database-url",
        help="Also run on this PostgreSQL database (dropped and created again).",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=TODAY)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Use the PostgreSQL database as it is (it already holds the city).",
    )
    parser.add_argument("--in-process", action="store_true", help="(internal)")
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(args.today, args.runs)))
        return 0
    path: Path = args.file.resolve()
    if not path.exists():
        raise SystemExit(
            f"{path} does not exist; make it with bench/generate_city.py first."
        )
    print(f"{machine()} (before)")
    urls: list[str | None] = [] if args.no_sqlite else [None]
    if args.database_url:
        urls.append(args.database_url)
    for url in urls:
        db = Database(url)
        try:
            bench(db, path, args.today, args.runs, reuse=args.reuse and bool(url))
        finally:
            db.cleanup()
    print(f"\n{machine()} (after)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
