"""Time the yearly selection and allocation of follow-ups (issue 5) on a large city.

Budget (issue 5): "Selection plus allocation for 10,000 units and 50 organisations
takes under 2 s."

For each database (SQLite in a temporary var dir; PostgreSQL too with
``--database-url``, dropped and created again) and each size (``--units`` with at
most ``--organisations`` organisations, then ``--small-units``) it migrates and
imports the demo city through the CLI (written by ``bench/generate_city.py`` with
the extra district offices folded together: 50 organisations, not 100, at 10,000
units). A child process then writes a history with ``bulk_create`` (not timed;
PostgreSQL is analysed afterwards, as autovacuum would): earlier years' follow-ups
for about 45 % of the units with their outcomes, their deficiencies (some open), a
few follow-ups of last year still under way, signals for about a third of the
units, a plan for the year and the district offices' capacities. Then it times,
median of ``--runs``:

(a) ``compute(inputs, ...)``: select + allocate on inputs read beforehand (the
    budget), and ``select`` and ``allocate`` alone;
(b) ``selection_inputs(year=, as_of=)``: the database read;
(c) ``selection_run_create(dry_run=True)``: (b) + (a);
(d) ``selection_run_create(dry_run=False)``: (c) + storing the run and a candidate
    row per candidate (the run is deleted between runs, the delete timed apart);
(e) ``run_forecast(run)`` and ``run_summary(run)``: what the run page shows;
(f) ``result_rows(result)``: what the command prints;

with the queries of one call of each (``CaptureQueriesContext``, a separate call),
and through the real CLI, median of 3: ``foljsam plan select --year Y --as-of D
--dry-run`` and ``foljsam version`` (start-up alone). The settings are the
development ones (``DEBUG`` on) unless the environment says ``DEBUG=0``.

    python3 -m uv run python bench/bench_planning.py \\
        --database-url postgres://postgres@127.0.0.1:5432/foljsam_bench_planning
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Database, machine, median_of, table

YEAR = 2027
AS_OF = dt.date(2026, 12, 1)  # the demo makes each year's selection on 1 December
SEED = 1
OUTCOMES = (
    ("complies", 0.5),
    ("complies_after_complement", 0.38),
    ("minor_deficiencies_remain", 0.08),
    ("does_not_comply", 0.04),
)
# How many years before "as of" a unit's last follow-up was, for those with one.
YEARS_AGO = ((4, 0.05), (3, 0.15), (2, 0.25), (1, 0.3), (0, 0.25))
SOURCES = (
    ("complaint", 0.45),
    ("deviation", 0.15),
    ("lex_sarah", 0.08),
    ("case_officer", 0.17),
    ("ivo_decision", 0.05),
    ("financial_check", 0.10),
)


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]


def _day(rng: random.Random, year: int, last: dt.date) -> dt.date:
    first = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), last)
    return first + dt.timedelta(days=rng.randrange((end - first).days + 1))


# In the child process: Django set up here --------------------------------------


def build_history(as_of: dt.date, year: int, capacity: int) -> dict[str, int]:
    """Earlier follow-ups, deficiencies, signals, a plan and capacities, written
    with ``bulk_create`` (a benchmark's shortcut, not how the product writes)."""
    from django.db import connection

    from foljsam.accounts.access import SYSTEM
    from foljsam.accounts.models import Organisation, OrganisationKind
    from foljsam.complaints.models import Signal, SignalCategory
    from foljsam.findings.models import Deficiency
    from foljsam.followups.models import FollowUp
    from foljsam.planning.models import OrganisationSettings, Plan, PlanEntry
    from foljsam.registry.models import ContractArea
    from foljsam.registry.responsibility_map import responsibility_map
    from foljsam.requirements.models import RequirementCategory

    rng = random.Random(5)
    rows = [
        r
        for r in responsibility_map(user=SYSTEM, today=as_of)
        if r.agreement_id is not None and r.contract_area is not None
    ]
    followups: list[FollowUp] = []
    for row in rows:
        assert row.contract_area is not None
        chance = rng.random()
        if chance >= 0.48:
            continue  # never followed up
        common = {
            "unit_id": row.unit.id,
            "provider_id": row.unit.provider_id,
            "contract_area_id": row.contract_area.id,
            "agreement_id": row.agreement_id,
            "organisation_id": row.performer.id if row.performer else None,
            "responsible_organisation_id": row.responsible.id
            if row.responsible
            else None,
            "methods": ["site_visit"],
        }
        if chance < 0.03:  # last year's, still under way
            followups.append(
                FollowUp(year=as_of.year, source="planned", status="visited", **common)
            )
            continue
        last = as_of.year - _weighted(rng, YEARS_AGO)
        if row.started is not None:
            last = max(last, row.started.year)
        for when in (last - 3, last) if rng.random() < 0.4 else (last,):
            if when < as_of.year - 7 or (row.started and when < row.started.year):
                continue
            followups.append(
                FollowUp(
                    year=when,
                    source="history",
                    status="completed",
                    outcome=_weighted(rng, OUTCOMES),
                    performed_on=_day(rng, when, as_of),
                    **common,
                )
            )
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    categories = list(RequirementCategory.objects.values_list("pk", flat=True))
    deficiencies: list[Deficiency] = []
    for followup in (
        FollowUp.objects.filter(status="completed")
        .exclude(outcome="complies")
        .order_by("pk")
    ):
        assert followup.performed_on is not None
        resolved = followup.performed_on + dt.timedelta(days=rng.randint(30, 90))
        open_count = {"minor_deficiencies_remain": 1, "does_not_comply": 2}.get(
            followup.outcome, 0
        )
        for number in range(rng.randint(1, 3) + open_count):
            is_open = number < open_count
            deficiencies.append(
                Deficiency(
                    followup=followup,
                    category_id=rng.choice(categories),
                    severity="serious" if is_open and number else "minor",
                    status="open" if is_open else "resolved",
                    resolved_on=None if is_open else min(resolved, as_of),
                )
            )
    Deficiency.objects.bulk_create(deficiencies, batch_size=2000)
    signal_categories = list(SignalCategory.objects.values_list("pk", flat=True))
    central = Organisation.objects.get(kind=OrganisationKind.CENTRAL_OFFICE)
    signals: list[Signal] = []
    weights = [1 + r.unit.placements for r in rows]
    for number in range(len(rows) * 3 // 10):
        row = rng.choices(rows, weights)[0]
        assert row.contract_area is not None
        source = _weighted(rng, SOURCES)
        received = as_of - dt.timedelta(days=rng.randrange(900))  # some too old
        status = rng.choice(["received", "investigating", "closed", "dismissed"])
        closed = status in {"closed", "dismissed"}
        signals.append(
            Signal(
                reference=f"BENCH {number:06d}",
                provider_id=row.unit.provider_id,
                unit_id=None if source == "financial_check" else row.unit.id,
                contract_area_id=row.contract_area.id if rng.random() < 0.5 else None,
                received_on=received,
                source=source,
                category_id=rng.choice(signal_categories),
                summary="Klagomål på bemötande (benchmark).",
                status=status,
                closed_on=min(received + dt.timedelta(days=30), as_of)
                if closed
                else None,
                organisation=central,
            )
        )
    Signal.objects.bulk_create(signals, batch_size=2000)
    districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT_OFFICE)
    OrganisationSettings.objects.bulk_create(
        OrganisationSettings(organisation=o, min_per_year=2, max_per_year=capacity)
        for o in districts
    )
    plan = Plan.objects.create(
        name="Benchmark plan", first_year=year, last_year=year + 2, summary="Bench."
    )
    areas = ContractArea.objects.in_bulk(field_name="code")
    in_area = Counter(r.contract_area.code for r in rows if r.contract_area)
    for code, scope, target in (
        ("avhopparverksamhet", "all", None),
        ("daglig-verksamhet", "selection", in_area["daglig-verksamhet"] * 8 // 10),
    ):
        PlanEntry.objects.create(
            plan=plan,
            year=year,
            contract_area=areas[code],
            method="site_visit",
            scope=scope,
            target_count=target or None,
            rationale="Bench.",
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do soon after
    return {
        "pairs": len(rows),
        "units followed up": len({f.unit_id for f in followups}),
        "follow-ups": len(followups),
        "open deficiencies": sum(d.status == "open" for d in deficiencies),
        "deficiencies": len(deficiencies),
        "signals": len(signals),
        "district offices": districts.count(),
    }


def _timed(runs: int, call: Callable[[], object]) -> dict[str, list[float]]:
    """Wall time and this process's CPU time of each run: on a busy machine the
    CPU time shows what the code costs (without the PostgreSQL server's share)."""
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return {"times": times, "cpu": cpu}


def _queries(call: Callable[[], object]) -> int:
    """The queries of one call. The log is emptied first: it keeps the last 9,000
    only, and a full one would make CaptureQueriesContext count 0."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def measure(year: int, as_of: dt.date, runs: int) -> dict[str, Any]:
    from foljsam.accounts.models import Organisation
    from foljsam.planning.allocation import Options, allocate
    from foljsam.planning.inputs import selection_inputs
    from foljsam.planning.models import Candidate, SelectionRun
    from foljsam.planning.risk import Weights, select
    from foljsam.planning.runs import (
        compute,
        selection_run_create,
        selection_run_delete,
    )
    from foljsam.planning.selectors import result_rows, run_forecast, run_summary
    from foljsam.registry.models import Unit

    weights, options = Weights(), Options()
    inputs = selection_inputs(year=year, as_of=as_of)
    decisions = select(
        inputs.candidates, year=year, weights=weights, plan=inputs.plan, seed=SEED
    )
    items = [replace(inputs.items[d.key], rank=d.rank) for d in decisions if d.selected]

    def create(dry_run: bool) -> Any:
        return selection_run_create(
            actor=None, year=year, as_of=as_of, seed=SEED, dry_run=dry_run
        )

    result = compute(inputs, weights=weights, options=options, seed=SEED)
    measures: dict[str, Callable[[], object]] = {
        "(a) compute(inputs): select + allocate": lambda: compute(
            inputs, weights=weights, options=options, seed=SEED
        ),
        "(a1) select(candidates)": lambda: select(
            inputs.candidates, year=year, weights=weights, plan=inputs.plan, seed=SEED
        ),
        "(a2) allocate(selected)": lambda: allocate(items, inputs.offices, options),
        "(b) selection_inputs": lambda: selection_inputs(year=year, as_of=as_of),
        "(c) selection_run_create(dry_run=True)": lambda: create(True),
    }
    found: dict[str, Any] = {}
    for label, call in measures.items():
        queries = _queries(call)  # also the warm-up
        found[label] = {**_timed(runs, call), "queries": queries}
    # (d): each run stored, then the one before it deleted (timed apart); one stays.
    queries = _queries(lambda: create(False))
    stored: dict[str, list[float]] = {"times": [], "cpu": []}
    deleted: dict[str, list[float]] = {"times": [], "cpu": []}
    for _ in range(runs):
        for key, value in _timed(1, partial(create, False)).items():
            stored[key] += value
        earliest = SelectionRun.objects.earliest("pk")
        delete = partial(selection_run_delete, actor=None, run=earliest)
        for key, value in _timed(1, delete).items():
            deleted[key] += value
    found["(d) selection_run_create(dry_run=False)"] = {**stored, "queries": queries}
    run = SelectionRun.objects.get()
    for label, call in {
        "(e) run_forecast(run)": lambda: run_forecast(run),
        "(e) run_summary(run)": lambda: run_summary(run),
        "(f) result_rows(result)": lambda: result_rows(result),
    }.items():
        queries = _queries(call)
        found[label] = {**_timed(runs, call), "queries": queries}
    found["selection_run_delete(run) (not in the budget)"] = {**deleted, "queries": ""}
    allocations = result.allocations.values()
    return {
        "units": Unit.objects.count(),
        "organisations": Organisation.objects.count(),
        "candidates": len(inputs.candidates),
        "candidate rows stored": Candidate.objects.filter(run=run).count(),
        "selected": dict(Counter(str(d.picked) for d in result.selected)),
        "placements": dict(Counter(str(a.placement) for a in allocations)),
        "unallocated": sum(a.organisation_id is None for a in allocations),
        "measures": found,
    }


def in_process(year: int, as_of: dt.date, runs: int, capacity: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    started = time.perf_counter()
    history: dict[str, float] = {**build_history(as_of, year, capacity)}
    history["seconds to write"] = round(time.perf_counter() - started, 1)
    return {"history": history, "debug": settings.DEBUG, **measure(year, as_of, runs)}


# The driver --------------------------------------------------------------------


def city_file(units: int, organisations: int) -> Path:
    """The city as CSV files in bench/out (written when missing)."""
    from generate_city import city_for_units, fold_districts, write_csv

    size = f"{units // 1000}k" if units % 1000 == 0 else str(units)
    folder = ROOT / "bench" / "out" / f"city-{size}-{organisations}org"
    if not (folder / "units.csv").exists():
        _scale, records = city_for_units(units)
        fold_districts(records, organisations)
        write_csv(records, folder)
    return folder


def bench(db: Database, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    db.reset()
    db.cli("migrate", "-v", "0")
    db.cli("import", "registry", str(folder))
    detail: dict[str, Any] = db.script(
        __file__,
        "--in-process",
        "--runs",
        str(args.runs),
        "--year",
        str(args.year),
        "--as-of",
        args.as_of.isoformat(),
        "--capacity",
        str(args.capacity),
    )
    select = ("plan", "select", "--year", str(args.year), "--as-of")
    command = (*select, args.as_of.isoformat(), "--seed", str(SEED), "--dry-run")
    detail["measures"][f"CLI: foljsam {' '.join(command)}"] = {
        "times": median_of(3, lambda: db.cli(*command))[1],
        "queries": "",
    }
    detail["measures"]["CLI: foljsam version (start-up only)"] = {
        "times": median_of(3, lambda: db.cli("version"))[1],
        "queries": "",
    }
    return detail


def report(label: str, detail: dict[str, Any]) -> None:
    print(
        f"\n== {label}: {detail['units']} units, {detail['organisations']} "
        f"organisations, {detail['candidates']} candidates, DEBUG "
        f"{'on' if detail['debug'] else 'off'} =="
    )
    print(f"history: {json.dumps(detail['history'])}")
    print(
        f"selected: {json.dumps(detail['selected'])}; unallocated "
        f"{detail['unallocated']}; placements {json.dumps(detail['placements'])}; "
        f"candidate rows stored {detail['candidate rows stored']}"
    )
    rows = []
    for name, m in detail["measures"].items():
        times, cpu = m["times"], m.get("cpu")
        rows.append(
            [
                name,
                f"{statistics.median(times):.3f} s",
                " ".join(f"{t:.3f}" for t in times),
                f"{statistics.median(cpu):.3f} s" if cpu else "",
                m["queries"],
            ]
        )
    print(table(["measure", "median", "runs", "CPU median", "queries"], rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="Also run on this PostgreSQL database (dropped and created again).",
    )
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument(
        "--small-units",
        type=int,
        default=900,
        help="A second, smaller city, to compare the query counts (0: none).",
    )
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF)
    parser.add_argument(
        "--capacity",
        type=int,
        default=120,
        help="Each district office's most follow-ups a year (at least 2).",
    )
    parser.add_argument("--in-process", action="store_true", help="(internal)")
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(args.year, args.as_of, args.runs, args.capacity)))
        return 0
    print(f"{machine()} (before)")
    sizes = [args.units] + ([args.small_units] if args.small_units else [])
    urls: list[str | None] = [] if args.no_sqlite else [None]
    if args.database_url:
        urls.append(args.database_url)
    for url in urls:
        db = Database(url)
        try:
            for units in sizes:
                detail = bench(db, city_file(units, args.organisations), args)
                report(db.label, detail)
                print(f"{machine()}")
        finally:
            db.cleanup()
    print(f"\n{machine()} (after)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
