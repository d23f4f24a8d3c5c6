"""Time the public comparison pages and the open data (issue 8).

Budget: on the 10x city (10,000 units, ~50,000 earlier follow-ups, of which the
performed ones of three years published, about 13,000 publications):

(a) the public search (``/jamfor/``: unfiltered, filtered by text, by contract
    area, page 50) and a unit's page run in a constant number of queries (the
    same in the large and the small city) with p95 under 150 ms at 4 concurrent
    anonymous clients served by gunicorn (4 workers, ``DEBUG=0``);
(b) a conditional request with a matching ``If-None-Match`` answers 304 with
    p95 under 30 ms;
(c) the CSV and JSON of all published results and the DCAT file are produced in
    under 2 s each (size, rows, queries).

For each database (SQLite; PostgreSQL too with ``--database-url``) and each city
(``--units``/``--followups``, then ``--small-units``/``--small-followups``), it
builds the reporting city as ``bench_reporting.py`` does (``prepare``: migrate,
import through the CLI, ``generate_reporting.build``), or reuses it, and runs
``generate_publishing.py`` when it holds no publication. SQLite's databases live
in ``--var-dir`` (``bench/out/bench-public/large`` and ``small``), PostgreSQL's
in the database named and ``<name>_small`` (dropped and created again when they
do not hold the data; ``--fresh`` always).

Then:

1. in process (``public_measure.py``, a child process, ``DEBUG=0`` unless
   ``--debug``): every page once through the test client, anonymous, in both
   cities: status, queries, bytes, headers; the median of ``--runs`` more,
   split by the functions the views call; a conditional request with the ETag
   it gave (status, queries, time); the open data files step by step (read,
   CSV, JSON, DCAT); the search under each fix of ``public_variants.py``,
   interleaved (``--experiment-runs``);
2. gunicorn (``uv run --with gunicorn``, ``--workers`` 4, ``DEBUG=0``),
   anonymous clients (no cookie): ``--clients`` (4) threads with a keep-alive
   connection each, ``--warmup`` requests each, then ``--requests`` (25) each per
   page: plain GETs, then revalidations with the ETag of a first response
   (``If-None-Match``, expecting 304); then one client alone (``--single``); the
   open data files one at a time (``--download-requests``, 5 each) and 4 at
   once (2 each, for information); for every phase the server's CPU time per
   request (gunicorn's processes, from /proc; not PostgreSQL's);
3. ``--variants``: the budget's search pages under gunicorn again, serving
   ``public_variants:application`` with each fix patched in;
4. ``--profile NAME`` (repeatable): cProfile of ``--profile-runs`` requests of
   that page in the large city, printed.

    python3 -m uv run python bench/bench_public.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_public \\
        --variants as-is no-providers lean lean-kept
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, UV_RUN, Database, machine
from bench_reporting import Server, _small, ms, p95, prepare
from public_report import (
    DOWNLOADS,
    in_budget,
    report,
    report_experiment,
    report_load,
    report_variants,
)

OUT = ROOT / "bench" / "out"


_CHILD = (
    "import json, sys; sys.argv[0] = 'public_measure'; "
    f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]; "
    "import public_measure; print(json.dumps(public_measure.main(), default=str))"
)


def child(db: Database, *args: str, debug: bool = False, quiet: bool = False) -> Any:
    env = db.env()
    env["DEBUG"] = "1" if debug else "0"
    done = subprocess.run(  # noqa: S603
        [*UV_RUN, "python", "-c", _CHILD, *args],
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
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare_public(
    db: Database, units: int, followups: int, answered: int, args: argparse.Namespace
) -> dict[str, Any]:
    """The reporting city (``bench_reporting.prepare``) with its publications."""
    city = prepare(db, units, followups, answered, args)
    found = child(db, "state", quiet=True) or {}
    built: dict[str, Any] = {}
    if not found.get("published"):
        started = time.perf_counter()
        built = db.script(
            str(ROOT / "bench" / "generate_publishing.py"),
            "--years",
            str(args.publish_years),
        )
        built["seconds (generate_publishing)"] = round(time.perf_counter() - started, 1)
        found = child(db, "state") or {}
    return {
        "city reused": city.get("reused"),
        **{k: v for k, v in city.items() if k.startswith("seconds")},
        **built,
        **found,
    }


# The load test -----------------------------------------------------------------


def _client(
    port: int,
    path: str,
    count: int,
    times: list[float],
    statuses: list[int],
    start: threading.Barrier,
    etag: str | None,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "localhost", "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    start.wait()
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        statuses.append(response.status)
    connection.close()


def run_clients(
    port: int, path: str, clients: int, count: int, warmup: int, etag: str | None
) -> tuple[list[float], list[int]]:
    """``clients`` threads at once, ``count`` requests each after ``warmup``
    each (not kept)."""
    result: tuple[list[float], list[int]] = ([], [])
    for keep, per_client in ((False, warmup), (True, count)):
        times: list[float] = []
        statuses: list[int] = []
        barrier = threading.Barrier(clients)
        threads = [
            threading.Thread(
                target=_client,
                args=(port, path, per_client, times, statuses, barrier, etag),
            )
            for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if keep:
            result = (times, statuses)
    return result


def first_response(port: int, path: str) -> tuple[int, dict[str, str], int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    body = response.read()
    headers = dict(response.getheaders())
    connection.close()
    return response.status, headers, len(body)


def _stats(
    times: Sequence[float], statuses: Sequence[int], want: int
) -> dict[str, Any]:
    wrong = [s for s in statuses if s != want]
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": p95(times),
        "max": max(times),
        "times": times,
        "wrong statuses": sorted(set(wrong)),
        "wrong count": len(wrong),
    }


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by ``root`` and every process
    below it (uv, the gunicorn master and its workers), from /proc. Not the
    PostgreSQL server's share."""
    parents: dict[int, int] = {}
    used: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        used[pid] = int(fields[11]) + int(fields[12])
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return sum(used.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def _phase(
    server: Server,
    path: str,
    clients: int,
    count: int,
    warmup: int,
    etag: str | None,
    want: int,
) -> dict[str, Any]:
    """One load phase, after its warm-up, with the server's CPU time per
    request (the warm-up's not counted)."""
    if warmup:
        run_clients(server.port, path, clients, 0, warmup, etag)
    before = tree_cpu(server.process.pid)
    started = time.perf_counter()
    times, statuses = run_clients(server.port, path, clients, count, 0, etag)
    wall = time.perf_counter() - started
    cpu = tree_cpu(server.process.pid) - before
    return _stats(times, statuses, want) | {
        "server cpu per request": cpu / (clients * count),
        "seconds": wall,
    }


def _line(name: str, what: str, r: dict[str, Any]) -> str:
    return (
        f"  {name}: {what} p50 {ms(r['p50'])}, p95 {ms(r['p95'])}, max "
        f"{ms(r['max'])}, server CPU {ms(r['server cpu per request'])}/request"
        + (f", WRONG {r['wrong statuses']}" if r["wrong count"] else "")
    )


def load_test(
    db: Database, pages: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    """Every page: ``--clients`` at once, plain and conditional; then one client
    alone (``--single`` requests), plain and conditional; the downloads one at a
    time and ``--clients`` at once."""
    server = Server(db, args.workers)
    found: dict[str, Any] = {
        "plain": {},
        "revalidate": {},
        "single": {},
        "single revalidate": {},
        "downloads": {},
    }
    try:
        for name, page in pages.items():
            path = page["path"]
            status, headers, size = first_response(server.port, path)
            etag = headers.get("ETag")
            if name in DOWNLOADS:
                one = []
                before = tree_cpu(server.process.pid)
                for _ in range(args.download_requests):
                    started = time.perf_counter()
                    s, _h, size = first_response(server.port, path)
                    one.append(time.perf_counter() - started)
                cpu = (tree_cpu(server.process.pid) - before) / len(one)
                together = _phase(server, path, args.clients, 2, 0, None, 200)
                found["downloads"][name] = {
                    "status": s,
                    "bytes": size,
                    "one at a time": one,
                    "server cpu per request": cpu,
                    "4 at once": together,
                }
                print(
                    f"  {name}: one at a time median {ms(statistics.median(one))} "
                    f"(max {ms(max(one))}, server CPU {ms(cpu)}), {size:,} bytes; "
                    f"{args.clients} at once p50 {ms(together['p50'])} max "
                    f"{ms(together['max'])}",
                    flush=True,
                )
            else:
                found["plain"][name] = _phase(
                    server, path, args.clients, args.requests, args.warmup, None, 200
                ) | {
                    "first status": status,
                    "bytes": size,
                    "headers": {
                        k: headers.get(k, "")
                        for k in ("ETag", "Cache-Control", "Vary", "Set-Cookie")
                    },
                }
                print(_line(name, "GET", found["plain"][name]), flush=True)
            if not etag:
                print(f"  {name}: NO ETag (status {status})", flush=True)
                continue
            found["revalidate"][name] = _phase(
                server, path, args.clients, args.requests, args.warmup, etag, 304
            )
            print(_line(name, "304", found["revalidate"][name]), flush=True)
            if args.single and name not in DOWNLOADS:
                found["single"][name] = _phase(
                    server, path, 1, args.single, 1, None, 200
                )
                print(_line(name, "1 client GET", found["single"][name]), flush=True)
            if args.single:
                found["single revalidate"][name] = _phase(
                    server, path, 1, args.single, 1, etag, 304
                )
                print(
                    _line(name, "1 client 304", found["single revalidate"][name]),
                    flush=True,
                )
    finally:
        server.stop()
    return found


def variant_load(
    db: Database, pages: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    """The budget's search pages under each of ``--variants``: ``--clients`` at
    once, plain GETs."""
    found: dict[str, Any] = {}
    for variant in args.variants:
        # The product with one proposed fix patched in at start-up (no product
        # file changes).
        server = Server(
            db,
            args.workers,
            app="public_variants:application",
            extra_env={"FOLJSAM_BENCH_VARIANT": variant},
            log="bench-public-gunicorn.log",
        )
        found[variant] = {}
        try:
            for name, page in pages.items():
                if not name.startswith("search") or not in_budget(name):
                    continue
                found[variant][name] = _phase(
                    server,
                    page["path"],
                    args.clients,
                    args.requests,
                    args.warmup,
                    None,
                    200,
                )
                print(_line(f"{variant}, {name}", "GET", found[variant][name]))
        finally:
            server.stop()
    return found


# The report --------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="Also run on this PostgreSQL database.")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--var-dir", type=Path, default=OUT / "bench-public", help="SQLite's."
    )
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--answered", type=int, default=21_500)
    parser.add_argument("--small-units", type=int, default=1_000)
    parser.add_argument("--small-followups", type=int, default=5_000)
    parser.add_argument("--small-answered", type=int, default=2_150)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--publish-years", type=int, default=3)
    parser.add_argument("--q", default="verkstad", help="The text search's words.")
    parser.add_argument("--runs", type=int, default=10, help="In process, per page.")
    parser.add_argument("--download-runs", type=int, default=3, help="In process.")
    parser.add_argument("--debug", action="store_true", help="In process: DEBUG on.")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=25, help="Per client.")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--download-requests", type=int, default=5)
    parser.add_argument(
        "--single", type=int, default=10, help="One client alone, per page (0: no)."
    )
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument(
        "--variants",
        nargs="*",
        default=[],
        metavar="VARIANT",
        help="Also load the search under these fixes (public_variants.py): "
        "as-is no-providers lean lean-kept.",
    )
    parser.add_argument(
        "--experiment-runs",
        type=int,
        default=10,
        help="In process, the search under every fix (0: no).",
    )
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--profile", action="append", default=[], metavar="PAGE")
    parser.add_argument("--profile-runs", type=int, default=10)
    parser.add_argument("--profile-conditional", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"{machine()} (before)", flush=True)
    targets: list[tuple[str, str | None]] = []
    if not args.no_sqlite:
        targets.append(("SQLite", None))
    if args.database_url:
        targets.append(("PostgreSQL", args.database_url))
    summary: dict[str, Any] = {}
    for label, url in targets:
        dbs = {}
        for size in ("large", "small"):
            db = Database(url if size == "large" or url is None else _small(url))
            if url is None:
                db.cleanup()
                db.var_dir = args.var_dir / size
                db.var_dir.mkdir(parents=True, exist_ok=True)
            big = size == "large"
            data = prepare_public(
                db,
                args.units if big else args.small_units,
                args.followups if big else args.small_followups,
                args.answered if big else args.small_answered,
                args,
            )
            print(f"\n== {label}, {size} city: {json.dumps(data)}", flush=True)
            dbs[size] = db
        if args.build_only:
            continue
        q = ["--q", args.q, "--runs", str(args.runs)]
        runs = ["--download-runs", str(args.download_runs)]
        pages = {}
        for size, db in dbs.items():
            pages[size] = child(db, "pages", *q, *runs, debug=args.debug)
            if pages[size] is None:
                raise SystemExit(f"Measuring the {size} city failed.")
        steps = child(dbs["large"], "opendata", *runs, debug=args.debug)
        report(label, pages, steps)
        print(machine(), flush=True)
        experiment = None
        if args.experiment_runs:
            experiment = child(
                dbs["large"],
                "experiment",
                "--q",
                args.q,
                "--runs",
                str(args.experiment_runs),
                debug=args.debug,
            )
            report_experiment(label, experiment)
        for name in args.profile:
            path = pages["large"][name]["path"]
            extra = ["--conditional"] if args.profile_conditional else []
            found = child(
                dbs["large"],
                "profile",
                "--path",
                path,
                "--runs",
                str(args.profile_runs),
                *extra,
            )
            print(f"\n{label}, large city: cProfile of {args.profile_runs} x {path}")
            print(found["profile"] if found else "failed")
        loads = {}
        if not args.no_load:
            print(
                f"\n{label}, large city: gunicorn --workers {args.workers}, "
                f"{args.clients} clients, DEBUG=0; {machine()}",
                flush=True,
            )
            loads = load_test(dbs["large"], pages["large"], args)
            summary[label] = {"pages": pages, "opendata steps": steps, "load": loads}
            with open(OUT / "bench-public-results.json", "w") as out:
                json.dump(summary, out, indent=1, default=str)
            report_load(f"{label}, large city", loads)
            print(machine(), flush=True)
        if args.variants:
            print(
                f"\n{label}, large city: the search under the fixes, gunicorn "
                f"--workers {args.workers}, {args.clients} clients; {machine()}",
                flush=True,
            )
            loads["variants"] = variant_load(dbs["large"], pages["large"], args)
            report_variants(f"{label}, large city", loads["variants"])
            print(machine(), flush=True)
        summary[label] = {
            "pages": pages,
            "opendata steps": steps,
            "experiment": experiment,
            "load": loads,
        }
        with open(OUT / "bench-public-results.json", "w") as out:
            json.dump(summary, out, indent=1, default=str)
    print(f"\n{machine()} (after); every figure in {OUT / 'bench-public-results.json'}")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
