"""The in-process half of ``bench_protocol.py``: run in a child process with the
database's settings, it logs in as the district officer with Django's test
client and counts and times the protocol page and its saves (issue 6). The
parent builds the data, starts it, and prints what it returns."""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from _common import ROOT

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
