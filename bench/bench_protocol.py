"""Time the protocol page (issue 6) and its save, as a district's follow-up
officer uses them, in a large city and in a small one.

Budget (issue 6): "A benchmark in bench/ times the protocol page and its save,
for one follow-up of ~140 questions, in a city of 10,000 units with 50,000
earlier follow-ups. The page runs a constant number of queries: the same for 10
questions and for 140. Its cost does not grow with the size of the city [...]
Target: p50 <= 50 ms at one client."

For each database (SQLite; PostgreSQL too with ``--database-url``) and each city
(``--units`` with ``--followups`` earlier follow-ups, then ``--small-units`` with
``--small-followups``) it migrates and imports the demo city through the CLI
(``generate_city.py``: 50 organisations at 10,000 units; the small one thinned to
exactly ``--small-units`` units) and writes the rest with
``generate_followups.build``: the earlier follow-ups (``bulk_create``), a
published version of 140 yes/no questions in 12 sections and one of 10 questions
(through the requirements services), a district officer and this year's two
follow-ups of their district in status "preparing", each with two files. A
database that already holds all that is reused (``--fresh`` builds it again):
SQLite's live in ``--var-dir`` (``bench/out/bench-protocol``), PostgreSQL's in
the database named (the small city in ``<name>_small``).

Then a child process, logged in as the officer with Django's test client
(``force_login``; no HTTP server), counts and times, in process:

- the queries of the page (GET) and of its saves, for the 10-question and the
  140-question follow-up (``CaptureQueriesContext``, one request each);
- GET of the 140-question page: ``--warmup`` requests, then ``--runs`` (50),
  p50/p95/max of the wall time and the median CPU time of this process (without
  the PostgreSQL server's share); the 10-question page likewise;
- the autosave (POST with ``X-Foljsam-Autosave: 1``, the changed questions as
  ``protocol.js`` sends it, ~5 answers changed each time, the next save made
  with the revision the JSON returned): ``--runs`` saves;
- the full form (POST without the header, every one of the 140 answers changed,
  the redirect not followed): ``--full-runs`` (20) saves;

where the CPU time of a GET goes (``protocol_rows``, the template, the rest),
and prints the SQL of ``FollowUp.objects.visible_to(officer)`` (its WHERE) and
the plan of the page's follow-up query. It runs once with the development
settings (``DEBUG`` on) and once with ``DEBUG=0`` (production-like; ``--debug``
chooses), ``--rounds`` times over the databases and cities in turn, so that a
busy machine weighs on the large and the small city alike.

    python3 -m uv run python bench/bench_protocol.py \\
        --database-url postgres://postgres@127.0.0.1:5432/foljsam_bench6
    python3 -m uv run python bench/bench_protocol.py --debug off --rounds 2 \\
        --database-url postgres://postgres@127.0.0.1:5432/foljsam_bench6
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, UV_RUN, Database, machine, table
from protocol_measure import in_process, p50, p95


def _child(
    db: Database, *args: str, debug: bool = True, quiet: bool = False
) -> dict[str, Any] | None:
    env = db.env()
    env["DEBUG"] = "1" if debug else "0"
    done = subprocess.run(  # noqa: S603
        [*UV_RUN, "python", __file__, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        if not quiet:
            sys.stderr.write(done.stdout[-3000:] + done.stderr[-6000:])
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def prepare(
    db: Database, units: int, followups: int, args: argparse.Namespace
) -> dict[str, Any]:
    """The city with its follow-ups: reused when it is there, else built."""
    from generate_followups import city_folder

    found = None if args.fresh else _child(db, "--in-process", "state", quiet=True)
    if (
        found
        and found["officer"]
        and found["preparing"] >= 2
        and found["earlier follow-ups"] == followups
        and found["units"] >= units
    ):
        return {"reused": True, **found}
    db.reset()
    started = time.perf_counter()
    db.cli("migrate", "-v", "0")
    db.cli("import", "registry", str(city_folder(units, args.organisations)))
    city_seconds = time.perf_counter() - started
    built = _child(
        db,
        "--in-process",
        "build",
        "--followups",
        str(followups),
        "--years",
        str(args.years),
        "--questions",
        str(args.questions),
        "--sections",
        str(args.sections),
    )
    if built is None:
        raise SystemExit("Building the follow-ups failed.")
    return {
        "reused": False,
        "seconds to migrate and import": round(city_seconds, 1),
        **built,
    }


def _ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def report(
    label: str, prepared: dict[str, Any], detail: dict[str, Any], verbose: bool
) -> None:
    print(
        f"\n== {label}, {detail['units']} units, {detail['earlier follow-ups']} "
        f"earlier follow-ups ({detail['follow-ups']} in all), {detail['answers']} "
        f"answers, DEBUG {'on' if detail['debug'] else 'off'} =="
    )
    print(f"data: {json.dumps(prepared)}")
    print(
        f"page: {detail['questions']} questions, {detail['page bytes']} bytes; at the "
        f"end {detail['answered']} answered, {detail['files']} files, revision "
        f"{detail['revision']}"
    )
    rows = []
    for name, m in detail["timed"].items():
        times = m["times"]
        rows.append(
            [
                name,
                len(times),
                _ms(p50(times)),
                _ms(p95(times)),
                _ms(max(times)),
                _ms(min(times)),
                _ms(p50(m["cpu"])),
            ]
        )
    print(table(["request", "runs", "p50", "p95", "max", "min", "CPU p50"], rows))
    print()
    codes = ("bench-protocol-10", "bench-protocol-140")
    print(
        table(
            ["queries of one request", "10 questions", "140 questions"],
            [
                [name, *(counts.get(code, "") for code in codes)]
                for name, counts in detail["queries"].items()
            ],
        )
    )
    print("\nwhere the CPU time of a GET goes (median of each part):")
    print(
        table(
            ["page", "protocol_rows", "render (template)", "rest"],
            [
                [
                    page,
                    *(
                        _ms(p50(parts[key]))
                        for key in ("protocol_rows", "render", "rest")
                    ),
                ]
                for page, parts in detail["breakdown"].items()
            ],
        )
    )
    print(f"\nscoping: WHERE {detail['scoping']['where']}")
    plan = detail["scoping"]["plan"].splitlines()
    if not verbose:  # the follow-up itself, and how it is found
        plan = [
            line
            for index, line in enumerate(plan)
            if (
                "followups_followup" in line
                and ("SEARCH" in line or "SCAN" in line or "Scan" in line)
            )
            or (index and "followups_followup_pkey" in plan[index - 1])
            or (index > 1 and "followups_followup_pkey" in plan[index - 2])
        ]
    print("plan of the page's follow-up query" + ("" if verbose else " (its row):"))
    print("  " + "\n  ".join(line.strip() if not verbose else line for line in plan))


def _summary_row(label: str, round_number: int, detail: dict[str, Any]) -> list[object]:
    timed = detail["timed"]
    get = timed["GET, 140 questions"]["times"]
    queries = detail["queries"]["GET, every question answered"]
    return [
        f"{label}, {detail['units']} units, DEBUG "
        f"{'on' if detail['debug'] else 'off'}, round {round_number}",
        _ms(p50(get)),
        _ms(p95(get)),
        _ms(min(get)),
        _ms(p50(timed["GET, 140 questions"]["cpu"])),
        _ms(p50(timed["autosave POST, 5 of 140 answers changed"]["times"])),
        _ms(p50(timed["full-form POST, 140 answers changed"]["times"])),
        f"{queries['bench-protocol-10']} / {queries['bench-protocol-140']}",
    ]


def _small_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path}_small"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="Also run on this PostgreSQL database (and <name>_small).",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--var-dir",
        type=Path,
        default=ROOT / "bench" / "out" / "bench-protocol",
        help="Where the SQLite databases are kept (large/, small/).",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="Build the databases again."
    )
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="Measure every database and city this many times, in turn.",
    )
    parser.add_argument("--full-runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--small-units", type=int, default=100)
    parser.add_argument("--small-followups", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--questions", type=int, default=140)
    parser.add_argument("--sections", type=int, default=12)
    parser.add_argument(
        "--debug",
        choices=("both", "on", "off"),
        default="both",
        help="Measure with DEBUG on, off, or both (default).",
    )
    parser.add_argument(
        "--show-queries", action="store_true", help="Print the page's queries."
    )
    parser.add_argument(
        "--in-process", choices=("state", "build", "measure"), help="(internal)"
    )
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(args)))
        return 0
    print(f"{machine()} (before)")
    targets: list[tuple[str, str | None, str]] = []
    if not args.no_sqlite:
        targets.append(("SQLite", None, "large"))
        targets.append(("SQLite", None, "small"))
    if args.database_url:
        targets.append(("PostgreSQL", args.database_url, "large"))
        targets.append(("PostgreSQL", _small_url(args.database_url), "small"))
    debugs = {"both": (True, False), "on": (True,), "off": (False,)}[args.debug]
    prepared: list[tuple[str, Database, str, dict[str, Any]]] = []
    for label, url, size in targets:
        db = Database(url)
        db.cleanup()  # the temporary folder it made: SQLite lives in --var-dir
        db.var_dir = args.var_dir / (size if url is None else f"{size}-pg")
        db.var_dir.mkdir(parents=True, exist_ok=True)
        units, followups = (
            (args.units, args.followups)
            if size == "large"
            else (args.small_units, args.small_followups)
        )
        prepared.append((label, db, size, prepare(db, units, followups, args)))
    summary: list[list[object]] = []
    # Rounds: each database's large and small city in turn, so that the machine's
    # load falls on both alike.
    for round_number in range(1, args.rounds + 1):
        for label, db, size, data in prepared:
            for debug in debugs:
                detail = _child(
                    db,
                    "--in-process",
                    "measure",
                    "--runs",
                    str(args.runs),
                    "--full-runs",
                    str(args.full_runs),
                    "--warmup",
                    str(args.warmup),
                    debug=debug,
                )
                if detail is None:
                    raise SystemExit("Measuring failed.")
                report(
                    f"{label}, {size} city, round {round_number}",
                    data,
                    detail,
                    args.show_queries,
                )
                if args.show_queries:
                    for name, by_code in detail["sql"].items():
                        for code, queries in by_code.items():
                            print(f"\n{name}, {code}:")
                            print("\n".join(f"  {q}" for q in queries))
                summary.append(_summary_row(label, round_number, detail))
                print(f"{machine()}")
    print()
    print(
        table(
            [
                "summary (140 questions)",
                "GET p50",
                "p95",
                "min",
                "CPU p50",
                "autosave p50",
                "full POST p50",
                "GET queries 10 q / 140 q",
            ],
            summary,
        )
    )
    print(f"\n{machine()} (after)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
