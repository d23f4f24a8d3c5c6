"""The in-process part of ``bench_screening.py`` (issue 9): on an empty,
migrated database configured as for ``foljsam`` (``FOLJSAM_VAR_DIR``,
``DATABASE_URL``), build a contract area with ``--providers`` providers (one
agreement and one unit each, bench data written in bulk) and a published
screening template of 24 questions like the demo's, then measure through the
product's own code:

1. ``campaign_create`` (the population worked out);
2. ``campaign_send`` and the worker's run of the sending task
   (``foljsam.core.worker.run_pending``), the e-mails going over SMTP to the
   sink ``bench_screening.py`` starts (``EMAIL_BACKEND``, ``EMAIL_HOST``,
   ``EMAIL_PORT``), or wherever the environment sends mail;
3. ``--answered`` providers answering every question and sending in (a share
   with "not met" answers and missing documents), through
   ``answering.answers_save`` and ``answers_submit``;
4. the office's reads: the progress counts, one page of the respondents list,
   the triage list, each timed (median of ``--runs``) and with its queries
   counted; and the same pages through the test client as the coordinator;
5. ``screening remind`` (due reminders) and the reminders' task.

Prints one JSON object on its last line.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=500)
    parser.add_argument("--answered", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    result: dict[str, Any] = {"providers": args.providers, "answered": args.answered}
    coordinator, area, version = _build(args.providers)
    result.update(_measure(coordinator, area, version, args))
    print(json.dumps(result))


def _build(count: int) -> tuple[Any, Any, Any]:
    from foljsam.accounts.models import Organisation
    from foljsam.accounts.roles import Role
    from foljsam.accounts.services import user_ensure
    from foljsam.registry.models import (
        Agreement,
        ContractArea,
        Coverage,
        Provider,
        Unit,
    )
    from foljsam.requirements.choices import AnswerType, Purpose
    from foljsam.requirements.choices import Respondent as Asked
    from foljsam.requirements.models import Requirement, RequirementCategory
    from foljsam.requirements.services import (
        question_save,
        section_save,
        template_create,
        version_publish,
    )

    central = Organisation.objects.create(
        code="sof", name="Socialförvaltningen", kind="central_office"
    )
    district = Organisation.objects.create(
        code="sdf-bench", name="Bench stadsdelsförvaltning", kind="district_office"
    )
    user, _created = user_ensure(
        username="samordnare",
        password="bench-only-2026",  # noqa: S106 (a throw-away database)
        organisation=central,
        roles=(Role.CENTRAL_COORDINATOR,),
        email="samordnare@example.org",
    )
    area = ContractArea.objects.create(
        code="missbruk-vuxna", name="Vuxna med missbruk", law="SoL"
    )
    providers = Provider.objects.bulk_create(
        [
            Provider(
                org_number=_org_number(n),
                name=f"Bänkutförare {n:04d} AB",
                kind="company",
                contact_email=f"kontakt{n}@utforare.example.se",
            )
            for n in range(count)
        ]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(
                external_id=f"B{n:05d}",
                provider=p,
                name=f"Bänkboende {n:04d}",
                district=district,
                placements=8,
            )
            for n, p in enumerate(providers)
        ]
    )
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                reference=f"SN 2022/{n:04d}",
                provider=p,
                contract_area=area,
                kind="lou",
                signed_by=central,
                valid_from=dt.date(2022, 4, 1),
            )
            for n, p in enumerate(providers)
        ]
    )
    Coverage.objects.bulk_create(
        [Coverage(agreement=a, unit=u) for a, u in zip(agreements, units, strict=True)]
    )
    category = RequirementCategory.objects.order_by("pk").first()
    version = template_create(
        actor=None,
        code="screening-bench",
        name="Digital screening (bänk)",
        purpose=Purpose.SCREENING,
    )
    kinds = (
        [AnswerType.YES_NO] * 12 + [AnswerType.NUMBER] * 3 + [AnswerType.DOCUMENT] * 8
    )
    kinds.append(AnswerType.DATE)
    for s in range(4):
        section = section_save(actor=None, version=version, title=f"Avsnitt {s + 1}")
        for q, kind in enumerate(kinds[s * 6 : s * 6 + 6]):
            requirement = Requirement.objects.create(
                code=f"bench-{s}-{q}",
                title=f"Krav {s}.{q}",
                text="Utföraren ska uppfylla kravet.",
                category=category,
                source_kind="tender_document",
            )
            question_save(
                actor=None,
                section=section,
                text=f"Fråga {s + 1}.{q + 1}?",
                answer_type=kind,
                respondent=Asked.MANAGER,
                requirement=requirement,
            )
    published = version_publish(actor=None, version=version)
    return user, area, published


def _org_number(n: int) -> str:
    from stdnum.se import orgnr

    body = f"559{n:06d}"
    for digit in range(10):
        if orgnr.is_valid(body + str(digit)):
            return body + str(digit)
    raise ValueError(body)


def _timed(runs: int, measure: Any) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    result = None
    queries = 0
    for _ in range(runs):
        # The log keeps 9,000 queries; a full one would count none.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = measure()
            times.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries, result


def _measure(coordinator: Any, area: Any, version: Any, args: Any) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from foljsam.core.worker import run_pending
    from foljsam.followups import protocol as proto
    from foljsam.requirements.choices import AnswerType
    from foljsam.screening import answering, selectors, services
    from foljsam.screening.choices import Population
    from foljsam.screening.sending import due_reminders

    out: dict[str, Any] = {}
    given = services.CampaignInput(
        name="Bänkscreening",
        year=timezone.localdate().year,
        template_version_id=version.pk,
        population=Population.AREAS,
        contract_area_ids=[area.pk],
        picked="",
        deadline=timezone.localdate() + dt.timedelta(days=21),
        message="Svara senast på förfallodagen.",
    )
    started = time.perf_counter()
    campaign = services.campaign_create(actor=coordinator, given=given)
    out["create_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    services.campaign_send(
        actor=coordinator, campaign=campaign, base_url="http://bench"
    )
    out["send_request_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    tasks = run_pending()
    out["worker_send_s"] = round(time.perf_counter() - started, 3)
    out["worker_tasks"] = tasks
    campaign.refresh_from_db()
    out["sent"] = campaign.send_done
    out["status"] = campaign.status

    rng = random.Random(9)
    respondents = list(campaign.respondents.order_by("pk")[: args.answered])
    content = answering.content(respondents[0]) if respondents else None
    started = time.perf_counter()
    for n, respondent in enumerate(respondents):
        deviant = n % 5 == 0
        answers = {}
        uploads: dict[int | None, list[Any]] = {}
        for row in content.rows if content else []:
            kind = row.question.answer_type
            if kind == AnswerType.YES_NO:
                value = "no" if deviant and rng.random() < 0.3 else "yes"
            elif kind == AnswerType.NUMBER:
                value = str(rng.randint(1, 40))
            elif kind == AnswerType.DATE:
                value = "2024-01-15"
            else:
                value = ""
                if not (deviant and rng.random() < 0.4):
                    uploads[row.question.pk] = [_pdf()]
            answers[row.question.pk] = proto.AnswerInput(value=value)
        revision = answering.answers_save(
            respondent=respondent, revision=0, answers=answers, uploads=uploads
        )
        answering.answers_submit(respondent=respondent, revision=revision)
    answered_s = time.perf_counter() - started
    out["answer_and_submit_each_ms"] = round(
        1000 * answered_s / max(1, len(respondents)), 1
    )

    t, q, _ = _timed(args.runs, lambda: selectors.progress(campaign))
    out["progress"] = {"ms": round(t * 1000, 1), "queries": q}
    t, q, _ = _timed(args.runs, lambda: list(selectors.respondents(campaign)[:50]))
    out["respondents_page"] = {"ms": round(t * 1000, 1), "queries": q}
    t, q, rows = _timed(args.runs, lambda: selectors.triage(campaign))
    out["triage"] = {"ms": round(t * 1000, 1), "queries": q, "rows": len(rows)}

    client = Client()
    client.force_login(coordinator)
    pages = {}
    for name in ("detail", "triage"):
        url = reverse(f"screening:{name}", args=[campaign.pk])
        try:
            t, q, response = _timed(args.runs, lambda u=url: client.get(u))
            pages[name] = {
                "status": response.status_code,
                "ms": round(t * 1000, 1),
                "queries": q,
                "bytes": len(response.content),
            }
        except NotImplementedError:
            pages[name] = {"status": "not built"}
    out["pages"] = pages

    today = campaign.deadline + dt.timedelta(days=1)
    t, q, due = _timed(1, lambda: due_reminders(today, days_before=5))
    out["due_reminders"] = {
        "ms": round(t * 1000, 1),
        "queries": q,
        "count": sum(len(v) for v in due.values()),
    }
    from foljsam.screening.sending import send_reminders

    ids = [i for v in due.values() for i in v]
    started = time.perf_counter()
    with _at(today):
        reminded = send_reminders(campaign.pk, "http://bench", ids)
    out["reminders"] = {
        "count": reminded,
        "s": round(time.perf_counter() - started, 3),
    }
    return out


def _at(day: dt.date) -> Any:
    import time_machine

    return time_machine.travel(dt.datetime.combine(day, dt.time(9)), tick=True)


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    return SimpleUploadedFile("rutin.pdf", pdf, content_type="application/pdf")


if __name__ == "__main__":
    main()
