"""Bench data for the public comparison pages and the open data (issue 8): the
published results of a city that already holds the reporting history
(``generate_reporting.py``: 10,000 units, ~50,000 earlier follow-ups).

On such a database, configured as for ``foljsam`` itself (``FOLJSAM_VAR_DIR``,
``DATABASE_URL``)::

    python3 -m uv run python bench/generate_publishing.py

What it writes (``build``; nothing if a publication exists already):

- the performed (completed, with an outcome) earlier follow-ups of the
  ``--years`` (3) years before the last generated year (the highest year of the
  earlier follow-ups: 2022-2024 when they end in 2025) become *shared with the
  provider* (status ``shared``, ``shared_on`` 1-20 days after completion), as the
  demo does with the results of the Word era;
- one ``Publication`` per such follow-up, status published, with the snapshot
  the product takes when it publishes (``services.publication_publish``): year,
  the day performed, methods, outcome, and the regime
  (``registry.choices.regime_for_provider_kind`` of the provider at the time);
  a Swedish summary of about 300 characters, made as an officer would start
  from the page's draft (``rules.draft_summary`` in Swedish, with the categories
  of the follow-up's resolved and open deficiencies) and add a sentence or two
  of their own; an English summary on ``--english`` (20 %) of them;
  ``published_at`` 2-90 days after sharing, at an office hour, never later than
  now (``proposed_at`` a few days before it);
- one contract area with protected addresses (``ContractArea.address_protected``):
  the one the city file marks (avhopparverksamhet in the demo city), or else
  the area with the fewest published results.

The follow-ups are updated and the publications ``bulk_create``d without history
rows, as ``generate_reporting`` writes its data: bench data, not how the product
writes. Then ``ANALYZE``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# What an officer adds to the draft: plain Swedish, no names, no personal data.
EXTRA_SENTENCES = (
    "Uppföljningen omfattade ledning, bemanning, rutiner och dokumentation.",
    "Staden har gått igenom verksamhetens rutiner, avvikelser och klagomål.",
    "Brukarna och deras företrädare har fått lämna synpunkter i en enkät.",
    "Verksamheten har visat att personalen har den utbildning avtalet kräver.",
    "Lokalerna är tillgängliga och anpassade till verksamhetens målgrupp.",
    "Genomförandeplanerna är aktuella och följs upp tillsammans med brukarna.",
    "Verksamheten arbetar systematiskt med egenkontroll och förbättringar.",
    "Staden följer upp verksamheten igen inom avtalets uppföljningscykel.",
    "Läkemedelshanteringen och delegeringarna har granskats särskilt.",
    "Samverkan med närstående och andra vårdgivare fungerar enligt rutinerna.",
)
EXTRA_SENTENCES_EN = (
    "The follow-up covered management, staffing, routines and records.",
    "The city reviewed the unit's routines, incident reports and complaints.",
    "The unit follows its care plans together with the people it serves.",
    "The city follows the unit up again within the agreement's cycle.",
)
TARGET_LENGTH = 300


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _summary(
    rng: random.Random,
    draft: str,
    extras: Sequence[str],
    target: int,
) -> str:
    """The draft and sentences of the officer's own until about ``target``
    characters."""
    text = draft
    for sentence in rng.sample(list(extras), len(extras)):
        if len(text) >= target - 40:
            break
        text = f"{text} {sentence}"
    return text


def _categories(followup_ids: list[int]) -> dict[int, tuple[list[str], list[str]]]:
    """Each follow-up's deficiency categories, resolved and open (as the draft
    names them: categories, never texts)."""
    from foljsam.findings.models import Deficiency

    found: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    ids = set(followup_ids)
    for followup_id, name, status in (
        Deficiency.objects.order_by()
        .values_list("followup_id", "category__name", "status")
        .iterator(chunk_size=5000)
    ):
        if followup_id in ids:
            found[followup_id][1 if status == "open" else 0].append(name)
    return found


def publications(
    *, years: int, english: float, seed: int = 11, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Share the performed earlier follow-ups of ``years`` years before the last
    generated one and publish each."""
    from django.db import connection, transaction
    from django.utils import timezone, translation

    from foljsam.followups.models import FollowUp
    from foljsam.publishing import rules
    from foljsam.publishing.models import Publication, PublicationStatus
    from foljsam.registry.choices import regime_for_provider_kind

    rng = random.Random(seed)
    now = now or timezone.now()
    history = FollowUp.objects.filter(source="history")
    last = max(history.values_list("year", flat=True).distinct())
    first_year, last_year = last - years, last - 1
    rows = list(
        history.filter(
            year__gte=first_year,
            year__lte=last_year,
            status="completed",
            performed_on__isnull=False,
        )
        .exclude(outcome="")
        .order_by("pk")
        .values_list(
            "pk",
            "year",
            "performed_on",
            "completed_on",
            "methods",
            "outcome",
            "provider__kind",
        )
    )
    categories = _categories([row[0] for row in rows])
    shared: list[tuple[str, dt.date, int]] = []
    made: list[Publication] = []
    with translation.override("sv"):
        for pk, year, performed, completed, methods, outcome, kind in rows:
            regime = regime_for_provider_kind(kind)
            shared_on = (completed or performed) + dt.timedelta(days=rng.randint(1, 20))
            shared.append(("shared", shared_on, pk))
            resolved, still_open = categories.get(pk, ([], []))
            draft = rules.draft_summary(
                performed_on=performed,
                methods=methods or [],
                outcome=outcome,
                regime=regime,
                resolved_categories=resolved,
                open_categories=still_open,
            )
            summary = _summary(rng, draft, EXTRA_SENTENCES, rng.randint(240, 360))
            summary_en = ""
            if rng.random() < english:
                with translation.override("en"):
                    summary_en = _summary(
                        rng,
                        rules.draft_summary(
                            performed_on=performed,
                            methods=methods or [],
                            outcome=outcome,
                            regime=regime,
                            resolved_categories=[],
                            open_categories=[],
                        ),
                        EXTRA_SENTENCES_EN,
                        rng.randint(200, 320),
                    )
            published_day = shared_on + dt.timedelta(days=rng.randint(2, 90))
            published_at = min(
                timezone.make_aware(
                    dt.datetime.combine(
                        published_day,
                        dt.time(rng.randint(8, 16), rng.randint(0, 59)),
                    )
                ),
                now - dt.timedelta(minutes=rng.randint(1, 600)),
            )
            made.append(
                Publication(
                    followup_id=pk,
                    status=PublicationStatus.PUBLISHED,
                    summary=summary,
                    summary_en=summary_en,
                    proposed_at=published_at - dt.timedelta(days=rng.randint(1, 10)),
                    published_at=published_at,
                    year=year,
                    performed_on=performed,
                    methods=list(methods or []),
                    outcome=outcome,
                    regime=regime,
                )
            )
    with transaction.atomic():
        # Raw: bench data has no history rows (QuerySet.update() is refused).
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {FollowUp._meta.db_table} "  # noqa: S608 (name from _meta)
                "SET status = %s, shared_on = %s WHERE id = %s",
                shared,
            )
        Publication.objects.bulk_create(made, batch_size=2000)
    lengths = sorted(len(p.summary) for p in made)
    return {
        "years shared and published": f"{first_year}-{last_year}",
        "follow-ups shared": len(shared),
        "publications": len(made),
        "with an English summary": sum(bool(p.summary_en) for p in made),
        "summary length min / median / max": (
            f"{lengths[0]} / {lengths[len(lengths) // 2]} / {lengths[-1]}"
            if lengths
            else ""
        ),
        "published_at from": min(p.published_at for p in made).isoformat()
        if made
        else None,
        "published_at to": max(p.published_at for p in made).isoformat()
        if made
        else None,
    }


def protect_one_area() -> dict[str, Any]:
    """One contract area with protected addresses: the one the city marks, or
    the one with the fewest published results."""
    from django.db import connection
    from django.db.models import Count, Q

    from foljsam.registry.models import ContractArea

    marked = list(ContractArea.objects.filter(address_protected=True))
    if not marked:
        area = (
            ContractArea.objects.annotate(
                n=Count(
                    "followups",
                    filter=Q(followups__publication__status="published"),
                )
            )
            .order_by("n", "pk")
            .first()
        )
        if area is None:
            return {"protected contract areas": []}
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ContractArea._meta.db_table} "  # noqa: S608
                "SET address_protected = %s WHERE id = %s",
                [True, area.pk],
            )
        marked = [area]
    return {"protected contract areas": [a.code for a in marked]}


def build(*, years: int = 3, english: float = 0.2) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from foljsam.publishing.models import Publication

    started = time.perf_counter()
    written: dict[str, Any] = {}
    if not Publication.objects.exists():
        written.update(publications(years=years, english=english))
    written.update(protect_one_area())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    published = Publication.objects.filter(status="published")
    written["published"] = published.count()
    written["units with a published result"] = (
        published.values("followup__unit_id").distinct().count()
    )
    written["providers with a published result"] = (
        published.values("followup__unit__provider_id").distinct().count()
    )
    written["published per year"] = dict(
        published.order_by("year").values_list("year").annotate(n=Count("pk"))
    )
    written["seconds to publish"] = round(time.perf_counter() - started, 1)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument(
        "--english",
        type=float,
        default=0.2,
        help="Share of the publications with an English summary.",
    )
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(build(years=args.years, english=args.english), default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
