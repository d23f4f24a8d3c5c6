"""Bench data for the protocol page (issue 6): earlier follow-ups, a published
template version of about 140 questions, and a follow-up being prepared by a
district office, with its follow-up officer.

On a database that already holds a city (imported with ``foljsam import
registry``), configured as for ``foljsam`` itself (``FOLJSAM_VAR_DIR``,
``DATABASE_URL``)::

    python3 -m uv run python bench/generate_followups.py --followups 50000

What it writes (``build``; nothing if it is there already):

- ``--followups`` earlier follow-ups over ``--years`` years before the current
  one (2016-2025 by default), spread evenly over the years and over the city's
  (unit, contract area) pairs under an agreement in force: 90 % completed with an
  outcome, 10 % cancelled with a reason. Written with ``bulk_create``, without
  history rows (bench data, not how the product writes). ``--answered`` of the
  completed ones (1,000 for 50,000, in proportion) carry the big template version
  and an answer to each of its questions, so that the answer table is not empty;
- two templates, through the requirements services (``template_create``,
  ``section_save``, ``question_save``, ``version_publish``: real, published,
  checked versions): ``bench-protocol-140`` with ``--questions`` (140) yes/no
  questions in ``--sections`` (12) sections, each checking a requirement of its
  own, and ``bench-protocol-10`` with 10 questions in 2 sections;
- a district office's officer (``bench-protocol-officer``, role district officer)
  and, for this year, two follow-ups of that district in status "preparing"
  (``followups_assign`` then ``followup_prepare``, as the product does): one on
  each template; each with one file on its first question and one for the whole
  follow-up (a small PDF, through ``protocol_save``).

``city_folder(units, organisations)`` writes the city (``generate_city.py``) as
CSV for ``foljsam import registry``; a city smaller than the demo's smallest
scale (501 units) is that city thinned to every n-th unit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

OFFICER = "bench-protocol-officer"
BIG = "bench-protocol-140"
SMALL = "bench-protocol-10"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OUTCOMES = (
    ("complies", 0.5),
    ("complies_after_complement", 0.38),
    ("minor_deficiencies_remain", 0.08),
    ("does_not_comply", 0.04),
)
CANCEL_REASONS = ("agreement_terminated", "unit_closed", "other")
TOPICS = (
    "Bemanning och kompetens",
    "Ledning och styrning",
    "Rutiner för klagomål och synpunkter",
    "Avvikelser och lex Sarah",
    "Dokumentation och journalföring",
    "Delaktighet och inflytande",
    "Hälso- och sjukvård",
    "Läkemedelshantering",
    "Brandskydd och säkerhet",
    "Lokaler och miljö",
    "Samverkan",
    "Kvalitetsarbete och egenkontroll",
    "Meningsfull sysselsättning",
    "Kost och måltider",
)


# The city, as files -------------------------------------------------------------


def thin_city(records: dict[str, list[dict[str, Any]]], units: int) -> None:
    """Keep every n-th unit (so that districts, providers and contract areas stay
    mixed), their agreements narrowed to the kept units, and the providers that
    still have a unit or an agreement."""
    every = records["units"]
    step = max(1, len(every) // units)
    kept = every[::step][:units]
    ids = {u["unit_id"] for u in kept}
    agreements = []
    for row in records["agreements"]:
        covered = [u for u in str(row["unit_ids"]).split(";") if u in ids]
        if covered:
            agreements.append({**row, "unit_ids": ";".join(covered)})
    used = {u["provider_org_number"] for u in kept} | {
        a["provider_org_number"] for a in agreements
    }
    records["units"] = kept
    records["agreements"] = agreements
    records["providers"] = [p for p in records["providers"] if p["org_number"] in used]


def city_folder(units: int, organisations: int) -> Path:
    """The city as CSV files in bench/out (written when missing): the demo city
    of at least ``units`` units with at most ``organisations`` organisations, as
    ``bench_planning.py`` writes it; below the smallest scale, thinned to exactly
    ``units`` units (``city-<N>-thin``)."""
    from generate_city import city_for_units, fold_districts, write_csv

    scale, records = city_for_units(units)
    thin = scale == 1 and len(records["units"]) > units
    size = f"{units // 1000}k" if units % 1000 == 0 else str(units)
    name = f"city-{size}-thin" if thin else f"city-{size}-{organisations}org"
    folder = ROOT / "bench" / "out" / name
    if not (folder / "units.csv").exists():
        if thin:
            thin_city(records, units)
        else:
            fold_districts(records, organisations)
        write_csv(records, folder)
    return folder


# In a process with Django set up -------------------------------------------------


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _weighted(rng: random.Random, choices: Sequence[tuple[str, float]]) -> str:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _requirements(count: int) -> list[Any]:
    from foljsam.requirements.models import Requirement, RequirementCategory
    from foljsam.requirements.services import requirement_save

    categories = list(RequirementCategory.objects.order_by("position", "pk"))
    found = []
    for number in range(1, count + 1):
        code = f"bench-krav-{number:03d}"
        requirement = Requirement.objects.filter(code=code).first()
        if requirement is None:
            topic = TOPICS[(number - 1) % len(TOPICS)]
            requirement = requirement_save(
                actor=None,
                requirement=Requirement(
                    code=code,
                    title=f"{topic}, krav {number}",
                    text=(
                        f"Utföraren ska ha skriftliga rutiner för {topic.lower()} "
                        "som är kända av personalen och följs i det dagliga arbetet."
                    ),
                    source_kind="tender_document",
                    source_reference=f"Förfrågningsunderlag avsnitt {number // 10 + 1}"
                    f".{number % 10}",
                    category=categories[number % len(categories)],
                ),
            )
        found.append(requirement)
    return found


def template_version(code: str, questions: int, sections: int) -> Any:
    """A published version of ``questions`` yes/no questions in ``sections``
    sections, built through the services; the one there is if the template
    exists."""
    from foljsam.requirements.models import Template, TemplateVersion
    from foljsam.requirements.services import (
        question_save,
        section_save,
        template_create,
        version_publish,
    )

    if Template.objects.filter(code=code).exists():
        return TemplateVersion.objects.get(template__code=code, status="published")
    requirements = _requirements(questions)
    version = template_create(
        actor=None,
        code=code,
        name=f"Besöksprotokoll ({questions} frågor, benchmark)",
        purpose="visit_protocol",
        description="Benchmark template (bench/generate_followups.py).",
    )
    per_section = [
        questions // sections + (1 if index < questions % sections else 0)
        for index in range(sections)
    ]
    number = 0
    for index, count in enumerate(per_section):
        topic = TOPICS[index % len(TOPICS)]
        section = section_save(
            actor=None,
            version=version,
            title=topic,
            intro=f"Frågor om {topic.lower()}. Be om rutinen i förväg."
            if index % 3 == 0
            else "",
        )
        for _q in range(count):
            requirement = requirements[number]
            number += 1
            question_save(
                actor=None,
                section=section,
                text=(
                    f"Finns det en aktuell, skriftlig rutin för {topic.lower()} "
                    f"(fråga {number}), och känner personalen på enheten till den?"
                ),
                help_text="Be att få se rutinen och fråga två ur personalen."
                if number % 4 == 0
                else "",
                answer_type="yes_no",
                respondent="manager",
                requirement=requirement,
            )
    return version_publish(actor=None, version=version)


def history(
    count: int, years: int, answered: int, version: Any, seed: int = 6
) -> dict[str, Any]:
    """Earlier follow-ups (``bulk_create``, no history rows), and answers to the
    big version for ``answered`` of them."""
    from django.utils import timezone

    from foljsam.accounts.access import SYSTEM
    from foljsam.followups.models import Answer, FollowUp
    from foljsam.registry.responsibility_map import responsibility_map
    from foljsam.requirements.models import Question

    rng = random.Random(seed)
    this_year = timezone.localdate().year
    pairs = [
        r
        for r in responsibility_map(user=SYSTEM, today=dt.date(this_year - 1, 6, 1))
        if r.agreement_id is not None and r.contract_area is not None
    ]
    per_year = math.ceil(count / years)
    if per_year > len(pairs):
        raise SystemExit(
            f"{count} follow-ups over {years} years need {per_year} (unit, contract "
            f"area) pairs a year; the city has {len(pairs)}."
        )
    followups: list[FollowUp] = []
    for offset in range(years, 0, -1):
        year = this_year - offset
        for row in rng.sample(pairs, min(per_year, count - len(followups))):
            assert row.contract_area is not None
            common: dict[str, Any] = {
                "year": year,
                "unit_id": row.unit.id,
                "provider_id": row.unit.provider_id,
                "contract_area_id": row.contract_area.id,
                "agreement_id": row.agreement_id,
                "organisation_id": row.performer.id if row.performer else None,
                "responsible_organisation_id": row.responsible.id
                if row.responsible
                else None,
                "source": "history",
                "methods": ["site_visit"],
            }
            if rng.random() < 0.1:
                followups.append(
                    FollowUp(
                        status="cancelled",
                        cancel_reason=rng.choice(CANCEL_REASONS),
                        cancelled_on=_day(rng, year),
                        **common,
                    )
                )
            else:
                performed = _day(rng, year)
                followups.append(
                    FollowUp(
                        status="completed",
                        outcome=_weighted(rng, OUTCOMES),
                        performed_on=performed,
                        completed_on=min(
                            performed + dt.timedelta(days=rng.randint(10, 60)),
                            dt.date(year, 12, 31),
                        ),
                        **common,
                    )
                )
    # Some of the completed ones answered the big version, so that the answer
    # table has rows.
    done = [f for f in followups if f.status == "completed"]
    chosen = rng.sample(done, min(answered, len(done)))
    for followup in chosen:
        followup.template_version = version
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    questions = list(
        Question.objects.filter(version=version).values_list("pk", flat=True)
    )
    answers = [
        Answer(
            followup_id=followup.pk,
            question_id=question_id,
            value=rng.choices(["yes", "no", "partly", "not_applicable"], [85, 5, 7, 3])[
                0
            ],
            revision=1,
        )
        for followup in chosen
        for question_id in questions
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    by_organisation = Counter(f.organisation_id for f in followups)
    return {
        "earlier follow-ups": len(followups),
        "years": f"{this_year - years}-{this_year - 1}",
        "completed": sum(f.status == "completed" for f in followups),
        "cancelled": sum(f.status == "cancelled" for f in followups),
        "organisations performing them": len(by_organisation),
        "earlier follow-ups with answers": len(chosen),
        "earlier answers": len(answers),
    }


def _district_and_pairs() -> tuple[Any, list[Any]]:
    """The district office that performs the most (unit, contract area) pairs,
    and those pairs."""
    from django.utils import timezone

    from foljsam.accounts.access import SYSTEM
    from foljsam.registry.responsibility_map import responsibility_map

    rows = [
        r
        for r in responsibility_map(user=SYSTEM, today=timezone.localdate())
        if r.agreement_id is not None
        and r.contract_area is not None
        and r.performer is not None
        and r.performer.kind == "district_office"
    ]
    counts = Counter(r.performer.id for r in rows if r.performer)
    district_id = counts.most_common(1)[0][0]
    return district_id, [
        r for r in rows if r.performer and r.performer.id == district_id
    ]


def protocol_followups(versions: dict[str, Any]) -> dict[str, int]:
    """The officer and this year's two follow-ups being prepared, with files."""
    import secrets

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from foljsam.accounts.models import Organisation
    from foljsam.accounts.roles import Role
    from foljsam.accounts.services import user_ensure
    from foljsam.followups.lifecycle import followup_prepare
    from foljsam.followups.models import FollowUp
    from foljsam.followups.protocol import protocol_save
    from foljsam.followups.services import Deadlines, NewFollowUp, followups_assign
    from foljsam.requirements.models import Question

    district_id, pairs = _district_and_pairs()
    district = Organisation.objects.get(pk=district_id)
    officer, _created = user_ensure(
        username=OFFICER,
        password=secrets.token_urlsafe(),  # never used: the test client logs in
        organisation=district,
        roles=[Role.DISTRICT_OFFICER],
        first_name="Bänk",
        last_name="Handläggare",
    )
    year = timezone.localdate().year
    found = {}
    for index, (code, version) in enumerate(versions.items()):
        existing = FollowUp.objects.filter(
            year=year, template_version=version, organisation=district
        ).first()
        if existing is not None:
            found[code] = existing.pk
            continue
        row = pairs[index]
        assert row.contract_area is not None
        with transaction.atomic():
            (followup,) = followups_assign(
                actor=officer,
                specs=[
                    NewFollowUp(
                        year=year,
                        unit_id=row.unit.id,
                        provider_id=row.unit.provider_id,
                        contract_area_id=row.contract_area.id,
                        agreement_id=row.agreement_id,
                        organisation_id=district.pk,
                        responsible_organisation_id=row.responsible.id
                        if row.responsible
                        else None,
                        template_version_id=version.pk,
                        methods=("site_visit",),
                    )
                ],
                deadlines=Deadlines(
                    send_out_by=dt.date(year, 1, 31),
                    due_by=dt.date(year, 12, 31),
                    report_by=dt.date(year + 1, 4, 30),
                ),
            )
            followup = followup_prepare(
                actor=officer,
                followup=followup,
                documents_requested_on=timezone.localdate() - dt.timedelta(days=14),
                methods=["site_visit"],
                visit_planned_on=timezone.localdate() + dt.timedelta(days=7),
            )
        first = Question.objects.filter(version=version).order_by(
            "section__position", "position"
        )[0]
        protocol_save(
            actor=officer,
            followup=followup,
            revision=followup.protocol_revision,
            answers={},
            uploads={
                first.pk: [SimpleUploadedFile("rutin.pdf", PDF, "application/pdf")],
                None: [SimpleUploadedFile("personallista.pdf", PDF, "application/pdf")],
            },
        )
        found[code] = followup.pk
    return found


def build(
    *, followups: int, years: int, questions: int, sections: int, answered: int
) -> dict[str, Any]:
    """Everything the protocol benchmark needs; what is there already is kept
    (the earlier follow-ups are written only when there are none)."""
    from django.db import connection, transaction

    from foljsam.followups.models import FollowUp

    started = time.perf_counter()
    versions = {
        BIG: template_version(BIG, questions, sections),
        SMALL: template_version(SMALL, 10, 2),
    }
    written: dict[str, Any] = {}
    if not FollowUp.objects.filter(source="history").exists():
        with transaction.atomic():
            written = history(followups, years, answered, versions[BIG])
    ids = protocol_followups(versions)
    with connection.cursor() as cursor:
        # What autovacuum would do soon after (PostgreSQL); as the import does
        # (SQLite).
        cursor.execute("ANALYZE")
    return {
        **written,
        "follow-ups in all": FollowUp.objects.count(),
        "protocol follow-ups": ids,
        "seconds to build": round(time.perf_counter() - started, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followups", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--questions", type=int, default=140)
    parser.add_argument("--sections", type=int, default=12)
    parser.add_argument(
        "--answered",
        type=int,
        help="Earlier follow-ups with answers (default: 1,000 per 50,000).",
    )
    args = parser.parse_args(argv)
    _setup()
    answered = args.answered if args.answered is not None else args.followups // 50
    print(
        json.dumps(
            build(
                followups=args.followups,
                years=args.years,
                questions=args.questions,
                sections=args.sections,
                answered=answered,
            )
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
