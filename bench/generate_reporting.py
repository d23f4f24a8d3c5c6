"""Bench data for the annual report and the dashboards (issue 7): "10x
Stockholm: 10,000 units, 10 years, ~50,000 follow-ups, ~3 M answers", with what
the report reads besides the follow-ups.

On a database that already holds a city (imported with ``foljsam import
registry``), configured as for ``foljsam`` itself (``FOLJSAM_VAR_DIR``,
``DATABASE_URL``)::

    python3 -m uv run python bench/generate_reporting.py --followups 50000 \\
        --answered 21500

What it writes (``build``; what is there already is kept):

- the earlier follow-ups of ``generate_followups.build`` (``--followups`` over
  ``--years`` years before this one, 90 % completed, 10 % cancelled; the
  140-question template; the protocol officer), written without answers;
- ``--answered`` of the completed ones on the 140-question version, each with an
  answer to every question: ~3 M rows for 21,500, written by the database itself
  (one ``INSERT … SELECT`` over follow-ups x questions, batches of 1,000
  follow-ups), not through Python;
- deficiencies (``findings.Deficiency``) on the completed follow-ups whose
  outcome is not "complies": 1-2 (resolved) after a complement, 1-3 when minor
  deficiencies remain, 2-4 when the unit does not comply; their requirement's
  category, skewed so that some categories are common; the last year's partly
  open with a past ``due_on``;
- correction requests (``ContractAction``, kind ``correction_request``, with a
  ``due_on``) on 60 % of the "does not comply" follow-ups of private providers,
  and a penalty on 10 % of them; never on the city's own units (provider kind
  municipal);
- financial checks for a quarter of the completed follow-ups, eight items each,
  6 % of the items flagged;
- this year's follow-ups (source ``planned``) for 6 % of the (unit, contract
  area) pairs, in every open status; those being assessed or awaiting a
  complement have open deficiencies with a complement requested (``Measure``),
  most of them past their deadline: the rows of the "overdue deficiencies"
  dashboard;
- a three-year plan decided each year, three contract areas a year: the report
  of year Y shows Y+1..Y+3.

Everything but the templates is ``bulk_create``d, without history rows: bench
data, not how the product writes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

MARK = "[bench-reporting]"
OPEN_STATUSES = (
    ("assigned", 0.30),
    ("preparing", 0.20),
    ("visited", 0.10),
    ("assessing", 0.15),
    ("awaiting_complement", 0.25),
)
ANSWER_VALUES = ('"yes"', '"no"', '"partly"', '"not_applicable"')


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def answer_history(answered: int, version: Any) -> dict[str, int]:
    """``answered`` completed earlier follow-ups on ``version``, each with an
    answer to every question of it. Follow-ups are chosen by a fixed scramble of
    their ids, so every year gets its share; the answers are written by the
    database (``INSERT … SELECT``), 1,000 follow-ups at a time."""
    from django.db import connection, transaction
    from django.utils import timezone

    from foljsam.followups.models import Answer, FollowUp

    on_version = FollowUp.objects.filter(template_version=version, source="history")
    missing = answered - on_version.count()
    if missing > 0:
        candidates = list(
            FollowUp.objects.filter(
                source="history", status="completed", template_version__isnull=True
            ).values_list("pk", flat=True)
        )
        candidates.sort(key=lambda pk: (pk * 2_654_435_761) % 4_294_967_296)
        chosen = candidates[:missing]
        # Raw: bench data has no history rows (QuerySet.update() is refused).
        with connection.cursor() as cursor:
            for start in range(0, len(chosen), 5000):
                ids = ", ".join(str(int(pk)) for pk in chosen[start : start + 5000])
                cursor.execute(
                    # Table name and integer ids, no outside input.
                    f"UPDATE {FollowUp._meta.db_table} SET template_version_id = %s "  # noqa: S608
                    f"WHERE id IN ({ids})",
                    [version.pk],
                )
    without = list(
        on_version.exclude(answers__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    answer = Answer._meta.db_table
    followup = FollowUp._meta.db_table
    question = "requirements_question"
    pick = " ".join(
        f"WHEN {i} THEN '{v}'" for i, v in enumerate(ANSWER_VALUES[1:], start=17)
    )
    value = f"CASE ((f.id * 7 + q.id * 13) %% 20) {pick} ELSE '{ANSWER_VALUES[0]}' END"
    if connection.vendor == "postgresql":
        value = f"({value})::jsonb"
    now = timezone.now()
    # Table names, constants and integer ids: no outside input.
    sql = (
        f"INSERT INTO {answer} (followup_id, question_id, value, comment, revision, "  # noqa: S608
        "by_provider, answered_by_id, created_at, updated_at) "
        f"SELECT f.id, q.id, {value}, '', 1, %s, NULL, %s, %s "
        f"FROM {followup} f JOIN {question} q ON q.version_id = f.template_version_id "
        "WHERE f.id IN ({ids})"
    )
    written = 0
    for start in range(0, len(without), 1000):
        ids = without[start : start + 1000]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                sql.format(ids=", ".join(str(int(pk)) for pk in ids)),
                [False, now, now],
            )
            written += cursor.rowcount
    return {
        "follow-ups with answers": on_version.count(),
        "answers written now": written,
    }


def _requirement_pool(rng: random.Random) -> list[tuple[int, int, float]]:
    """(requirement, category, weight): the bench requirements, some far more
    often found unmet than others."""
    from foljsam.requirements.models import Requirement

    rows = list(
        Requirement.objects.filter(code__startswith="bench-krav-")
        .order_by("code")
        .values_list("pk", "category_id")
    )
    return [(pk, category, rng.paretovariate(1.2)) for pk, category in rows]


def findings(seed: int = 7) -> dict[str, int]:
    """Deficiencies, contract actions and financial checks on the completed
    earlier follow-ups."""
    from django.utils import timezone

    from foljsam.accounts.models import Organisation
    from foljsam.financial.choices import SUGGESTED_SOURCE, Item
    from foljsam.financial.models import CheckItem, FinancialCheck
    from foljsam.findings.models import ContractAction, Deficiency
    from foljsam.followups.models import FollowUp

    rng = random.Random(seed)
    this_year = timezone.localdate().year
    today = timezone.localdate()
    pool = _requirement_pool(rng)
    weights = [w for _r, _c, w in pool]
    central = Organisation.objects.get(kind="central_office").pk
    rows = list(
        FollowUp.objects.filter(source="history", status="completed")
        .order_by("pk")
        .values_list(
            "pk",
            "year",
            "outcome",
            "provider__kind",
            "provider_id",
            "agreement_id",
            "organisation_id",
            "performed_on",
            "completed_on",
        )
    )
    deficiencies: list[Deficiency] = []
    actions: list[ContractAction] = []
    checks: list[FinancialCheck] = []
    for pk, year, outcome, kind, provider, agreement, org, performed, done in rows:
        count = {
            "complies": 0,
            "complies_after_complement": rng.randint(1, 2),
            "minor_deficiencies_remain": rng.randint(1, 3),
            "does_not_comply": rng.randint(2, 4),
        }[outcome]
        picked = rng.choices(pool, weights, k=count)
        for requirement, category, _w in picked:
            severity = (
                "serious"
                if outcome == "does_not_comply" and rng.random() < 0.5
                else "minor"
            )
            # Open only where something remains; recent years more often.
            still_open = outcome != "complies_after_complement" and (
                rng.random() < (0.6 if year == this_year - 1 else 0.05)
            )
            due = done + dt.timedelta(days=rng.randint(30, 90))
            deficiencies.append(
                Deficiency(
                    followup_id=pk,
                    requirement_id=requirement,
                    category_id=category,
                    severity=severity,
                    description=f"{MARK} Rutinen saknas eller följs inte.",
                    status="open" if still_open else "resolved",
                    resolved_on=None if still_open else min(due, today),
                    resolution="" if still_open else "complement",
                    due_on=due,
                )
            )
        if outcome == "does_not_comply" and kind != "municipal":
            decided = done + dt.timedelta(days=14)
            if rng.random() < 0.6:
                actions.append(
                    ContractAction(
                        followup_id=pk,
                        agreement_id=agreement,
                        kind="correction_request",
                        decided_on=decided,
                        due_on=decided + dt.timedelta(days=60),
                        reasons=f"{MARK} Bristerna har inte åtgärdats i tid.",
                    )
                )
            if rng.random() < 0.1:
                actions.append(
                    ContractAction(
                        followup_id=pk,
                        agreement_id=agreement,
                        kind="penalty",
                        decided_on=decided + dt.timedelta(days=90),
                        amount=Decimal(rng.choice((10_000, 25_000, 50_000))),
                        reasons=f"{MARK} Rättelse har inte skett.",
                    )
                )
        if rng.random() < 0.25:
            checks.append(
                FinancialCheck(
                    provider_id=provider,
                    checked_on=performed - dt.timedelta(days=7),
                    followup_id=pk,
                    organisation_id=org or central,
                    lookup="manual",
                    note=MARK,
                )
            )
    Deficiency.objects.bulk_create(deficiencies, batch_size=2000)
    ContractAction.objects.bulk_create(actions, batch_size=2000)
    FinancialCheck.objects.bulk_create(checks, batch_size=2000)
    items = [
        CheckItem(
            financial_check_id=check.pk,
            item=item,
            result="flagged" if rng.random() < 0.06 else "ok",
            source=SUGGESTED_SOURCE[item],
            checked_on=check.checked_on,
        )
        for check in checks
        for item in Item.values
    ]
    CheckItem.objects.bulk_create(items, batch_size=5000)
    return {
        "deficiencies (earlier years)": len(deficiencies),
        "of which open": sum(d.status == "open" for d in deficiencies),
        "correction requests": sum(a.kind == "correction_request" for a in actions),
        "penalties": sum(a.kind == "penalty" for a in actions),
        "financial checks": len(checks),
        "check items": len(items),
        "flagged items": sum(i.result == "flagged" for i in items),
    }


def current_year(share: float, seed: int = 8) -> dict[str, int]:
    """This year's follow-ups in every open status, and open deficiencies with a
    complement requested on those being assessed or awaiting one."""
    from django.utils import timezone

    from foljsam.accounts.access import SYSTEM
    from foljsam.findings.models import Deficiency, Measure
    from foljsam.followups.models import FollowUp
    from foljsam.registry.responsibility_map import responsibility_map

    rng = random.Random(seed)
    today = timezone.localdate()
    year = today.year
    taken = set(
        FollowUp.objects.filter(year=year).values_list("unit_id", "contract_area_id")
    )
    pairs = [
        r
        for r in responsibility_map(user=SYSTEM, today=today)
        if r.agreement_id is not None
        and r.contract_area is not None
        and (r.unit.id, r.contract_area.id) not in taken
    ]
    chosen = rng.sample(pairs, int(len(pairs) * share))
    statuses = [s for s, _w in OPEN_STATUSES]
    status_weights = [w for _s, w in OPEN_STATUSES]
    followups = []
    for row in chosen:
        assert row.contract_area is not None
        status = rng.choices(statuses, status_weights)[0]
        followups.append(
            FollowUp(
                year=year,
                unit_id=row.unit.id,
                provider_id=row.unit.provider_id,
                contract_area_id=row.contract_area.id,
                agreement_id=row.agreement_id,
                organisation_id=row.performer.id if row.performer else None,
                responsible_organisation_id=row.responsible.id
                if row.responsible
                else None,
                source="planned",
                status=status,
                methods=["site_visit"],
                send_out_by=dt.date(year, 1, 31),
                due_by=dt.date(year, 12, 31),
                performed_on=(
                    today - dt.timedelta(days=rng.randint(60, 200))
                    if status in {"visited", "assessing", "awaiting_complement"}
                    else None
                ),
            )
        )
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    pool = _requirement_pool(rng)
    weights = [w for _r, _c, w in pool]
    deficiencies = []
    for followup in followups:
        if followup.status not in {"assessing", "awaiting_complement"}:
            continue
        for requirement, category, _w in rng.choices(
            pool, weights, k=rng.randint(1, 3)
        ):
            deficiencies.append(
                Deficiency(
                    followup_id=followup.pk,
                    requirement_id=requirement,
                    category_id=category,
                    description=f"{MARK} Rutinen saknas.",
                    status="open",
                    # 70 % past their deadline.
                    due_on=today
                    + dt.timedelta(
                        days=-rng.randint(1, 60)
                        if rng.random() < 0.7
                        else rng.randint(1, 30)
                    ),
                )
            )
    Deficiency.objects.bulk_create(deficiencies, batch_size=2000)
    measures = [
        Measure(
            deficiency_id=d.pk,
            kind="complement_requested",
            on=d.due_on - dt.timedelta(days=30),
            due_on=d.due_on,
            note=MARK,
        )
        for d in deficiencies
    ]
    Measure.objects.bulk_create(measures, batch_size=2000)
    return {
        "this year's follow-ups": len(followups),
        "open deficiencies this year": len(deficiencies),
        "of which past their deadline": sum(d.due_on < today for d in deficiencies),
    }


def plans(first_year: int, last_year: int, seed: int = 9) -> dict[str, int]:
    """A plan decided each year from ``first_year`` to ``last_year``, for the
    three years after it, three contract areas a year."""
    from foljsam.planning.models import Plan, PlanEntry
    from foljsam.registry.models import ContractArea

    rng = random.Random(seed)
    areas = list(ContractArea.objects.order_by("pk").values_list("pk", flat=True))
    made = Plan.objects.bulk_create(
        [
            Plan(
                name=f"Plan för uppföljning {year + 1}-{year + 3}",
                first_year=year + 1,
                last_year=year + 3,
                reference=f"SN {year}/{100 + year % 100}",
                decided_on=dt.date(year, 4, 30),
                summary=MARK,
            )
            for year in range(first_year, last_year + 1)
        ]
    )
    entries = [
        PlanEntry(
            plan_id=plan.pk,
            year=year,
            contract_area_id=area,
            method=rng.choice(("site_visit", "screening", "both")),
            scope="selection",
            target_count=rng.randint(20, 400),
            lead=rng.choice(("central_office", "joint")),
            rationale=f"{MARK} Många brister och klagomål förra året.",
        )
        for plan in made
        for year in range(plan.first_year, plan.last_year + 1)
        for area in rng.sample(areas, min(3, len(areas)))
    ]
    PlanEntry.objects.bulk_create(entries, batch_size=2000)
    return {"plans": len(made), "plan entries": len(entries)}


def build(
    *,
    followups: int,
    years: int,
    answered: int,
    questions: int = 140,
    sections: int = 12,
    current_share: float = 0.06,
) -> dict[str, Any]:
    """Everything the issue 7 benchmark needs; the parts already there are kept."""
    from django.db import connection, transaction
    from django.utils import timezone
    from generate_followups import BIG
    from generate_followups import build as build_followups

    from foljsam.findings.models import ContractAction, Deficiency
    from foljsam.followups.models import Answer, FollowUp
    from foljsam.planning.models import Plan

    started = time.perf_counter()
    took: dict[str, float] = {}
    written: dict[str, Any] = {}
    step = time.perf_counter()
    written["follow-ups"] = build_followups(
        followups=followups,
        years=years,
        questions=questions,
        sections=sections,
        answered=0,
    )
    took["follow-ups (generate_followups.build)"] = time.perf_counter() - step
    from foljsam.requirements.models import TemplateVersion

    version = TemplateVersion.objects.get(template__code=BIG, status="published")
    step = time.perf_counter()
    written["answers"] = answer_history(answered, version)
    took["answers (INSERT … SELECT)"] = time.perf_counter() - step
    this_year = timezone.localdate().year
    step = time.perf_counter()
    if not Deficiency.objects.filter(description__startswith=MARK).exists():
        with transaction.atomic():
            written["findings"] = findings()
            written["current year"] = current_year(current_share)
    if not Plan.objects.filter(summary=MARK).exists():
        written["plans"] = plans(this_year - years - 1, this_year + 1)
    took["findings, current year, plans"] = time.perf_counter() - step
    step = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took["ANALYZE"] = time.perf_counter() - step
    return {
        **written,
        "totals": {
            "follow-ups": FollowUp.objects.count(),
            "answers": Answer.objects.count(),
            "deficiencies": Deficiency.objects.count(),
            "contract actions": ContractAction.objects.count(),
        },
        "seconds": {k: round(v, 1) for k, v in took.items()},
        "seconds to build": round(time.perf_counter() - started, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--answered",
        type=int,
        help="Earlier follow-ups with 140 answers each (default: 43 %% of them).",
    )
    parser.add_argument("--questions", type=int, default=140)
    parser.add_argument("--sections", type=int, default=12)
    parser.add_argument(
        "--current-share",
        type=float,
        default=0.06,
        help="This year's follow-ups, as a share of the (unit, contract area) pairs.",
    )
    args = parser.parse_args(argv)
    _setup()
    answered = (
        args.answered if args.answered is not None else args.followups * 43 // 100
    )
    print(
        json.dumps(
            build(
                followups=args.followups,
                years=args.years,
                answered=answered,
                questions=args.questions,
                sections=args.sections,
                current_share=args.current_share,
            )
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
