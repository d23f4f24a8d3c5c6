"""Time the annual report and the central office's dashboards (issue 7).

Budget (issue 7): "Benchmark in bench/ with a generator for 10x Stockholm:
10,000 units, 10 years, ~50,000 follow-ups, ~3 M answers. The annual report
renders to DOCX and PDF in under 5 s. Dashboard pages run in a constant number
of queries, with p95 under 150 ms at 4 concurrent clients."

For each database (SQLite; PostgreSQL too with ``--database-url``) and each city
(``--units`` with ``--followups`` earlier follow-ups and ``--answered`` of them
with 140 answers, then ``--small-units`` with ``--small-followups``), it
migrates, imports the city through the CLI (``generate_city.py``, 50
organisations) and writes the rest with ``generate_reporting.build``. A database
that holds it all already is reused (``--fresh`` builds it again): SQLite's live
in ``--var-dir`` (``bench/out/bench-reporting/large`` and ``small``),
PostgreSQL's in the database named and ``<name>_small``.

Then, for ``--year`` (default: last year, a full year of the history):

1. through the CLI, wall clock, start-up included: ``foljsam report annual
   --year Y --format docx|pdf|json|xlsx --output bench/out/...`` (median of
   ``--cli-runs``) and ``foljsam version`` (start-up alone);
2. in process (``reporting_measure.py``): ``annual_report`` (the read, with its
   queries) and ``annual_render.render`` per format, with the share of it spent
   drawing the charts (matplotlib), median of ``--runs``;
3. the reporting pages (every page of ``reporting/urls.py`` without arguments
   but the import's, i.e. the dashboards once they are there, plus the annual
   report's page and its DOCX and PDF downloads): queries of one request through
   the test client, in both cities;
4. the same pages served by gunicorn (``uv run --with gunicorn``, ``--workers``
   4, as docs/operations.md deploys it), ``DEBUG=0``, with a logged-in central
   coordinator's session cookie: ``--clients`` (4) threads, each with its own
   keep-alive connection, ``--requests`` requests each per page (fewer for the
   downloads), after a warm-up; p50/p95/max of the latency. Large city only
   (``--load-small`` for both).

    python3 -m uv run python bench/bench_reporting.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_reporting
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, UV_RUN, Database, machine, table

OUT = ROOT / "bench" / "out"
MEASURE = str(ROOT / "bench" / "reporting_measure.py")


def p95(times: Sequence[float]) -> float:
    """Nearest rank."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def s(value: float) -> str:
    return f"{value:.2f} s"


def runs_text(values: Sequence[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _child(db: Database, *args: str, quiet: bool = False) -> Any:
    done = subprocess.run(  # noqa: S603
        [*UV_RUN, "python", "-c", _CHILD, *args],
        cwd=ROOT,
        env=db.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        if not quiet:
            sys.stderr.write(done.stdout[-3000:] + done.stderr[-6000:])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


_CHILD = (
    "import json, sys; sys.argv[0] = 'reporting_measure'; "
    f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; "
    "import reporting_measure; print(json.dumps(reporting_measure.main()))"
)


def prepare(
    db: Database, units: int, followups: int, answered: int, args: argparse.Namespace
) -> dict[str, Any]:
    """The city with its history: reused when it is there, else built."""
    from generate_followups import city_folder

    found = None if args.fresh else _child(db, "state", quiet=True)
    if (
        found
        and found.get("earlier follow-ups") == followups
        and found.get("deficiencies")
        and found.get("units", 0) >= units
    ):
        return {"reused": True, **found}
    db.reset()
    started = time.perf_counter()
    db.cli("migrate", "-v", "0")
    db.cli("import", "registry", str(city_folder(units, args.organisations)))
    city = time.perf_counter() - started
    built = db.script(
        str(ROOT / "bench" / "generate_reporting.py"),
        "--followups",
        str(followups),
        "--years",
        str(args.years),
        "--answered",
        str(answered),
    )
    return {
        "reused": False,
        "seconds to migrate and import": round(city, 1),
        **built,
        **_child(db, "state"),
    }


def cli_times(db: Database, year: int, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for name, args, count in [
        ("version (start-up only)", ["version"], runs),
        *(
            (
                f"report annual --format {fmt}",
                [
                    "report",
                    "annual",
                    "--year",
                    str(year),
                    "--format",
                    fmt,
                    "--output",
                    str(OUT / f"annual-{year}-{db.label.lower()}.{fmt}"),
                ],
                runs if fmt in {"docx", "pdf"} else 1,
            )
            for fmt in ("docx", "pdf", "json", "xlsx")
        ),
    ]:
        times = []
        for _ in range(count):
            started = time.perf_counter()
            done = db.cli(*args)
            times.append(time.perf_counter() - started)
        found[name] = times
        # The command's own progress lines (time since its handle() began) of
        # the last run: the rest of the wall time is start-up and imports.
        progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
        if progress:
            print(f"  {name}, last run {s(times[-1])}: " + " | ".join(progress))
    return found


# The load test -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn serving ``app`` (``config.wsgi``; the public bench serves its
    patched variants, ``public_variants:application``) on the bench database,
    ``DEBUG=0``, with ``extra_env``; its output goes to ``log`` in bench/out."""

    def __init__(
        self,
        db: Database,
        workers: int,
        *,
        app: str = "config.wsgi",
        extra_env: dict[str, str] | None = None,
        log: str = "bench-reporting-gunicorn.log",
    ) -> None:
        self.port = _free_port()
        env = db.env()
        env["DEBUG"] = "0"
        env.update(extra_env or {})
        self.log = open(OUT / log, "ab")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                *UV_RUN,
                "--with",
                "gunicorn",
                "gunicorn",
                app,
                "--pythonpath",
                f"{ROOT},{ROOT / 'bench'}",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit("gunicorn did not start (see its log)") from None
                time.sleep(0.3)
        raise SystemExit("gunicorn did not answer in 90 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _client(
    port: int,
    path: str,
    cookie: str,
    count: int,
    times: list[float],
    errors: list[str],
    start: threading.Barrier,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "localhost", "Cookie": cookie, "Accept-Language": "sv"}
    start.wait()
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            errors.append(f"{path}: {response.status}")
        times.append(elapsed)
    connection.close()


def load(
    port: int, path: str, cookie: str, clients: int, count: int, warmup: int
) -> tuple[list[float], list[str]]:
    """``clients`` threads at once, ``count`` requests each, after ``warmup``
    each (not kept)."""
    for keep, per_client in ((False, warmup), (True, count)):
        times: list[float] = []
        errors: list[str] = []
        barrier = threading.Barrier(clients)
        threads = [
            threading.Thread(
                target=_client,
                args=(port, path, cookie, per_client, times, errors, barrier),
            )
            for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if keep:
            return times, errors
    raise AssertionError


def load_test(
    db: Database, pages: dict[str, Any], args: argparse.Namespace
) -> dict[str, dict[str, Any]]:
    session = _child(db, "login")
    cookie = f"{session['cookie']}={session['value']}"
    server = Server(db, args.workers)
    found = {}
    try:
        for name, page in pages.items():
            heavy = "download" in name
            count = args.download_requests if heavy else args.requests
            started = time.perf_counter()
            times, errors = load(
                server.port,
                page["path"],
                cookie,
                args.clients,
                count,
                1 if heavy else args.warmup,
            )
            found[name] = {
                "times": times,
                "errors": errors[:3],
                "seconds": time.perf_counter() - started,
            }
            print(
                f"  {name}: p50 {ms(statistics.median(times))}, p95 "
                f"{ms(p95(times))}, {len(times)} requests"
                + (f", ERRORS {errors[:3]}" if errors else ""),
                flush=True,
            )
    finally:
        server.stop()
    return found


# The report --------------------------------------------------------------------


def report_reads(label: str, measured: dict[str, Any], cli: dict[str, Any]) -> None:
    print(
        f"\n{label}: year {measured['year']}, {measured['planned']} planned, "
        f"{measured['performed']} performed, {measured['areas']} contract areas"
    )
    rows: list[list[object]] = [
        [
            f"CLI foljsam {name}",
            s(statistics.median(times)),
            runs_text(times),
            "",
        ]
        for name, times in cli.items()
    ]
    read = measured["read"]
    rows.append(
        [
            f"annual_report (read, {measured['read queries']} queries)",
            s(statistics.median(read)),
            runs_text(read),
            "",
        ]
    )
    for fmt, r in measured["renders"].items():
        rows.append(
            [
                f"render {fmt} ({r['bytes'] // 1024} kB)",
                s(statistics.median(r["times"])),
                runs_text(r["times"]),
                s(statistics.median(r["charts"])),
            ]
        )
    print(table(["", "median", "runs (s)", "of which charts"], rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="Also run on this PostgreSQL database.")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--var-dir", type=Path, default=OUT / "bench-reporting", help="SQLite's."
    )
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--year", type=int, help="Default: last year.")
    parser.add_argument("--runs", type=int, default=3, help="In process.")
    parser.add_argument("--cli-runs", type=int, default=3)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--answered", type=int, default=21_500)
    parser.add_argument("--small-units", type=int, default=1_000)
    parser.add_argument("--small-followups", type=int, default=5_000)
    parser.add_argument("--small-answered", type=int, default=2_150)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=25, help="Per client.")
    parser.add_argument("--download-requests", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--load-small", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{machine()} (before)", flush=True)
    targets: list[tuple[str, str | None]] = []
    if not args.no_sqlite:
        targets.append(("SQLite", None))
    if args.database_url:
        targets.append(("PostgreSQL", args.database_url))
    summary: dict[str, dict[str, Any]] = {}
    for label, url in targets:
        dbs = {}
        for size in ("large", "small"):
            db = Database(url if size == "large" or url is None else _small(url))
            if url is None:
                db.cleanup()
                db.var_dir = args.var_dir / size
                db.var_dir.mkdir(parents=True, exist_ok=True)
            big = size == "large"
            data = prepare(
                db,
                args.units if big else args.small_units,
                args.followups if big else args.small_followups,
                args.answered if big else args.small_answered,
                args,
            )
            print(f"\n== {label}, {size} city: {json.dumps(data)}", flush=True)
            dbs[size] = db
        large = dbs["large"]
        year = ["--year", str(args.year)] if args.year else []
        measured = _child(large, "measure", "--runs", str(args.runs), *year)
        if measured is None:
            raise SystemExit("Measuring failed.")
        cli = {} if args.no_cli else cli_times(large, measured["year"], args.cli_runs)
        report_reads(f"{label}, large city", measured, cli)
        print(machine(), flush=True)
        pages = {size: _child(db, "pages", *year) for size, db in dbs.items()}
        print(f"\n{label}: queries of one request (test client)")
        print(
            table(
                ["page", "large city", "small city", "status", "equal"],
                [
                    [
                        name,
                        page["queries"],
                        pages["small"][name]["queries"],
                        page["status"],
                        "yes"
                        if page["queries"] == pages["small"][name]["queries"]
                        else "NO",
                    ]
                    for name, page in pages["large"].items()
                ],
            )
        )
        loads: dict[str, dict[str, Any]] = {}
        if not args.no_load:
            for size in ("large", "small") if args.load_small else ("large",):
                print(
                    f"\n{label}, {size} city: gunicorn --workers {args.workers}, "
                    f"{args.clients} clients, DEBUG=0; {machine()}",
                    flush=True,
                )
                loads[size] = load_test(dbs[size], pages[size], args)
                rows = [
                    [
                        name,
                        len(r["times"]),
                        ms(statistics.median(r["times"])),
                        ms(p95(r["times"])),
                        ms(max(r["times"])),
                        ""
                        if "download" in name
                        else ("met" if p95(r["times"]) < 0.150 else "MISSED"),
                    ]
                    for name, r in loads[size].items()
                ]
                print(
                    table(["page", "requests", "p50", "p95", "max", "< 150 ms"], rows)
                )
                print(machine(), flush=True)
        summary[label] = {
            "measured": measured,
            "cli": cli,
            "pages": pages,
            "load": loads,
        }
        for db in dbs.values():
            if db.url is None:
                continue
            db.cleanup()
    with open(OUT / "bench-reporting-results.json", "w") as out:
        json.dump(summary, out, indent=1, default=str)
    print(
        f"\n{machine()} (after); every figure in {OUT / 'bench-reporting-results.json'}"
    )
    return 0


def _small(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path}_small"))


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
