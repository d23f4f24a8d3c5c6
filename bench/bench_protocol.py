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
import math
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, UV_RUN, Database, machine, table

CYCLE = ("yes", "no", "partly", "not_applicable")
COMMENT = "Rutinen finns men är inte känd av all personal; följs upp vid besöket."


def p50(times: Sequence[float]) -> float:
    return statistics.median(times)


def p95(times: Sequence[float]) -> float:
    """Nearest rank."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


# In the child process: Django set up here --------------------------------------


class Protocol:
    """One follow-up's protocol as the officer's browser holds it: every
    question's answer and comment, and the revision the form was opened at."""

    def __init__(self, client: Any, followup_id: int) -> None:
        from django.urls import reverse

        from foljsam.followups.models import Answer, FollowUp
        from foljsam.requirements.models import Question

        self.client = client
        self.url = reverse("followups:protocol", args=[followup_id])
        self.followup_id = followup_id
        followup = FollowUp.objects.get(pk=followup_id)
        self.questions = list(
            Question.objects.filter(version_id=followup.template_version_id)
            .order_by("section__position", "position")
            .values_list("pk", flat=True)
        )
        stored = {
            a.question_id: (a.value, a.comment)
            for a in Answer.objects.filter(followup_id=followup_id)
        }
        self.state: dict[int, tuple[str, str]] = {
            q: stored.get(q, ("", "")) for q in self.questions
        }
        self.revision = followup.protocol_revision
        self.turn = 0

    def get(self) -> Any:
        response = self.client.get(self.url)
        assert response.status_code == 200, response.status_code
        found = re.search(rb'name="revision" value="(\d+)"', response.content)
        assert found, "the page has no revision: is the protocol editable?"
        self.revision = int(found.group(1))
        return response

    def _change(self, questions: Sequence[int]) -> None:
        for question in questions:
            value, comment = self.state[question]
            following = CYCLE[(CYCLE.index(value) + 1) % len(CYCLE)] if value else "yes"
            if not comment and question % 3 == 0:
                comment = COMMENT
            self.state[question] = (following, comment)

    def _data(self, only: Sequence[int] | None = None) -> dict[str, str]:
        data = {"revision": str(self.revision)}
        for question, (value, comment) in self.state.items():
            if only is not None and question not in only:
                continue
            data[f"q-{question}-present"] = "1"
            data[f"q-{question}"] = value
            data[f"q-{question}-comment"] = comment
        return data

    def autosave(self, changes: int = 5) -> Any:
        """What protocol.js posts a moment after the officer changed answers."""
        start = (self.turn * changes) % len(self.questions)
        self.turn += 1
        changed = [
            self.questions[(start + k) % len(self.questions)] for k in range(changes)
        ]
        self._change(changed)
        # protocol.js sends only the questions changed since its last save,
        # urlencoded.
        response = self.client.post(
            self.url,
            urlencode(self._data(changed)),
            content_type="application/x-www-form-urlencoded",
            headers={"X-Foljsam-Autosave": "1"},
        )
        assert response.status_code == 200, (response.status_code, response.content)
        self.revision = response.json()["revision"]
        return response

    def save_all(self) -> Any:
        """The form's own button, every answer changed."""
        self._change(self.questions)
        response = self.client.post(self.url, self._data())
        assert response.status_code == 302, (response.status_code, response.content)
        self.revision += 1
        return response


def _timed(runs: int, call: Callable[[], object]) -> dict[str, list[float]]:
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"times": times, "cpu": cpu}


def _queries(call: Callable[[], object]) -> list[dict[str, str]]:
    """The queries of one request. The log is emptied first: the request
    empties it too (request_started), and the context counts from where it was."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        call()
    return list(captured.captured_queries)


def breakdown(runs: int, get: Callable[[], object]) -> dict[str, list[float]]:
    """Where a GET's CPU time goes: ``protocol_rows``, the template (``render``)
    and the rest (middleware, session, the follow-up, the context), each request
    timed with the view's two calls wrapped."""
    from foljsam.followups import protocol_views

    spent: dict[str, list[float]] = {"protocol_rows": [], "render": [], "rest": []}
    rows, render = protocol_views.proto.protocol_rows, protocol_views.render

    def timed(call: Callable[..., Any], key: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                spent[key][-1] += time.process_time() - started

        return wrapper

    protocol_views.proto.protocol_rows = timed(rows, "protocol_rows")  # type: ignore[attr-defined]
    protocol_views.render = timed(render, "render")  # type: ignore[attr-defined]
    try:
        for _ in range(runs):
            spent["protocol_rows"].append(0.0)
            spent["render"].append(0.0)
            started = time.process_time()
            get()
            whole = time.process_time() - started
            spent["rest"].append(
                whole - spent["protocol_rows"][-1] - spent["render"][-1]
            )
    finally:
        protocol_views.proto.protocol_rows = rows  # type: ignore[attr-defined]
        protocol_views.render = render  # type: ignore[attr-defined]
    return spent


def scoping_sql(officer: Any) -> dict[str, str]:
    from foljsam.followups import selectors
    from foljsam.followups.models import FollowUp

    sql = str(FollowUp.objects.visible_to(officer).query)
    where = sql[sql.index(" WHERE ") + 7 :] if " WHERE " in sql else "(none)"
    where = where.split(" ORDER BY ")[0]
    followup = FollowUp.objects.filter(status="preparing").order_by("pk").first()
    assert followup is not None
    # The page's own query (selectors.followup_detail, without the 404).
    detail = (
        FollowUp.objects.visible_to(officer)
        .select_related(
            "unit__district",
            "provider",
            "contract_area",
            "agreement",
            "organisation",
            "responsible_organisation",
            "template_version__template",
            "created_by",
        )
        .filter(pk=followup.pk)
    )
    assert selectors.followup_detail(user=officer, pk=followup.pk) == followup
    return {"where": where, "plan": detail.explain()}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from generate_followups import BIG, OFFICER, SMALL

    from foljsam.accounts.models import User
    from foljsam.followups.models import Answer, Evidence, FollowUp
    from foljsam.registry.models import Unit

    officer = User.objects.get(username=OFFICER)
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    ids = {
        code: FollowUp.objects.get(
            status="preparing", template_version__template__code=code
        ).pk
        for code in (SMALL, BIG)
    }
    pages = {code: Protocol(client, pk) for code, pk in ids.items()}
    found: dict[str, Any] = {"queries": {}, "sql": {}}

    def count(label: str, code: str, call: Callable[[], object]) -> None:
        captured = _queries(call)
        found["queries"].setdefault(label, {})[code] = len(captured)
        found["sql"].setdefault(label, {})[code] = [
            f"{q['time']} {q['sql'][:160]}" for q in captured
        ]

    for code, page in pages.items():
        count("GET, as found", code, page.get)
        count("full-form POST, every answer changed", code, page.save_all)
        count("GET, every question answered", code, page.get)
        count("autosave POST, 5 answers changed", code, page.autosave)
        count("GET, every question answered", code, page.get)

    big, small = pages[BIG], pages[SMALL]
    size = len(big.get().content)
    timed: dict[str, Any] = {}
    for _ in range(args.warmup):
        big.get()
        small.get()
    timed["GET, 140 questions"] = _timed(args.runs, big.get)
    timed["GET, 10 questions"] = _timed(args.runs, small.get)
    big.get()
    timed["autosave POST, 5 of 140 answers changed"] = _timed(args.runs, big.autosave)
    timed["full-form POST, 140 answers changed"] = _timed(args.full_runs, big.save_all)
    timed["GET, 140 questions (after the saves)"] = _timed(args.runs, big.get)
    found["breakdown"] = {
        "140 questions": breakdown(args.runs, big.get),
        "10 questions": breakdown(args.runs, small.get),
    }
    followup = FollowUp.objects.get(pk=ids[BIG])
    return {
        "debug": settings.DEBUG,
        "vendor": connection.vendor,
        "units": Unit.objects.count(),
        "follow-ups": FollowUp.objects.count(),
        "earlier follow-ups": FollowUp.objects.filter(source="history").count(),
        "answers": Answer.objects.count(),
        "questions": len(big.questions),
        "page bytes": size,
        "answered": Answer.objects.filter(followup=followup).exclude(value="").count(),
        "files": Evidence.objects.filter(followup=followup).count(),
        "revision": followup.protocol_revision,
        "scoping": scoping_sql(officer),
        **found,
        "timed": timed,
    }


def state() -> dict[str, Any]:
    from generate_followups import OFFICER

    from foljsam.accounts.models import User
    from foljsam.followups.models import FollowUp
    from foljsam.registry.models import Unit

    return {
        "units": Unit.objects.count(),
        "earlier follow-ups": FollowUp.objects.filter(source="history").count(),
        "preparing": FollowUp.objects.filter(status="preparing").count(),
        "officer": User.objects.filter(username=OFFICER).exists(),
    }


def in_process(args: argparse.Namespace) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.in_process == "state":
        return state()
    if args.in_process == "build":
        from generate_followups import build

        return build(
            followups=args.followups,
            years=args.years,
            questions=args.questions,
            sections=args.sections,
            answered=args.followups // 50,
        )
    return measure(args)


# The driver --------------------------------------------------------------------


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
