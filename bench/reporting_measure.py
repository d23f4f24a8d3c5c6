"""The in-process half of ``bench_reporting.py`` (issue 7): run in a child
process with the database's settings (``FOLJSAM_VAR_DIR``, ``DATABASE_URL``),
it reports what the database holds, times the annual report's read and
renders, counts the queries of the reporting pages, and logs a coordinator in
for the load test. The parent builds the data, starts it, and prints what it
returns (JSON on the last line)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from typing import Any

COORDINATOR = "bench-reporting-coordinator"
RENDER_FORMATS = ("docx", "pdf", "json", "xlsx", "html")


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def state() -> dict[str, Any]:
    from django.db import connection

    tables = set(connection.introspection.table_names())
    if "followups_followup" not in tables:
        return {"follow-ups": 0}
    from foljsam.financial.models import CheckItem, FinancialCheck
    from foljsam.findings.models import ContractAction, Deficiency
    from foljsam.followups.models import Answer, FollowUp
    from foljsam.planning.models import PlanEntry
    from foljsam.registry.models import Unit

    return {
        "units": Unit.objects.count(),
        "follow-ups": FollowUp.objects.count(),
        "earlier follow-ups": FollowUp.objects.filter(source="history").count(),
        "answers": Answer.objects.count(),
        "deficiencies": Deficiency.objects.count(),
        "correction requests": ContractAction.objects.filter(
            kind="correction_request"
        ).count(),
        "financial checks": FinancialCheck.objects.count(),
        "flagged check items": CheckItem.objects.filter(result="flagged").count(),
        "plan entries": PlanEntry.objects.count(),
    }


def coordinator() -> Any:
    import secrets

    from foljsam.accounts.models import Organisation
    from foljsam.accounts.roles import Role
    from foljsam.accounts.services import user_ensure

    user, _created = user_ensure(
        username=COORDINATOR,
        password=secrets.token_urlsafe(),  # never used: force_login
        organisation=Organisation.objects.get(kind="central_office"),
        roles=[Role.CENTRAL_COORDINATOR],
    )
    return user


def pages(year: int) -> list[tuple[str, str]]:
    """(name, path): every page of the reporting app that takes no argument
    (the dashboards land here), but the import's; the annual report's page for
    ``year``; its DOCX and PDF downloads."""
    from django.urls import NoReverseMatch, get_resolver, reverse

    found = []
    resolver = get_resolver()
    namespace = resolver.namespace_dict["reporting"][1]
    for pattern in namespace.url_patterns:
        name = getattr(pattern, "name", None)
        if not name or "import" in name:
            continue
        try:
            path = reverse(f"reporting:{name}")
        except NoReverseMatch:  # it takes arguments
            continue
        if name == "annual":
            path += f"?year={year}"
        found.append((f"reporting:{name}", path))
    for fmt in ("docx", "pdf"):
        found.append(
            (
                f"reporting:annual_download {fmt}",
                reverse("reporting:annual_download", args=[year, fmt]),
            )
        )
    return found


def _queries(call: Any) -> tuple[Any, int]:
    from django.db import connection

    seen: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not CaptureQueriesContext: with DEBUG on the connection's bounded
    # query log may be full already.
    with connection.execute_wrapper(count):
        result = call()
    return result, len(seen)


def measure(year: int, runs: int, today: dt.date) -> dict[str, Any]:
    """The annual report's read and renders, in process."""
    from foljsam.accounts.access import SYSTEM
    from foljsam.reporting import annual_render, charts
    from foljsam.reporting.annual_selectors import annual_report

    chart_time = [0.0]
    original = charts._render

    def timed_render(chart: Any, fmt: str) -> bytes:
        started = time.perf_counter()
        try:
            return original(chart, fmt)
        finally:
            chart_time[0] += time.perf_counter() - started

    charts._render = timed_render  # type: ignore[assignment]
    report, queries = _queries(
        lambda: annual_report(user=SYSTEM, year=year, today=today)
    )
    read = []
    for _ in range(runs):
        started = time.perf_counter()
        report = annual_report(user=SYSTEM, year=year, today=today)
        read.append(time.perf_counter() - started)
    renders: dict[str, dict[str, Any]] = {}
    for fmt in RENDER_FORMATS:
        times, in_charts, size = [], [], 0
        for _ in range(runs):
            chart_time[0] = 0.0
            started = time.perf_counter()
            size = len(annual_render.render(report, fmt))
            times.append(time.perf_counter() - started)
            in_charts.append(chart_time[0])
        renders[fmt] = {"times": times, "charts": in_charts, "bytes": size}
    return {
        "year": year,
        "planned": report.total.planned,
        "performed": report.total.performed,
        "areas": len(report.areas),
        "read queries": queries,
        "read": read,
        "renders": renders,
    }


def page_queries(year: int) -> dict[str, Any]:
    """Each reporting page once through the test client, as the coordinator:
    status, queries, bytes, time."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator())
    found = {}
    for name, path in pages(year):
        client.get(path)  # warm: translations, templates
        started = time.perf_counter()
        response, queries = _queries(lambda p=path: client.get(p))
        found[name] = {
            "path": path,
            "status": response.status_code,
            "queries": queries,
            "bytes": len(response.content),
            "seconds": time.perf_counter() - started,
        }
    return found


def login() -> dict[str, str]:
    """A session for the coordinator, for the load test's cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator())
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("state", "measure", "pages", "login"))
    parser.add_argument("--year", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _setup()
    from django.utils import timezone

    today = timezone.localdate()
    year = args.year or today.year - 1
    if args.what == "state":
        return state()
    if args.what == "measure":
        return measure(year, args.runs, today)
    if args.what == "pages":
        return page_queries(year)
    return login()
