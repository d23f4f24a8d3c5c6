"""The in-process half of ``bench_public.py`` (issue 8): run in a child process
with the database's settings (``FOLJSAM_VAR_DIR``, ``DATABASE_URL``, ``DEBUG``),
it reports what the database holds, picks the public pages to measure, counts
their queries through the test client (anonymous), times them and the open data
files in process, and profiles a page on request. The parent builds the data,
starts it, and prints what it returns (JSON on the last line)."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import time
from typing import Any

DOWNLOADS = ("open_data_csv", "open_data_json", "open_data_dcat")


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def state() -> dict[str, Any]:
    from django.db import connection

    if "publishing_publication" not in connection.introspection.table_names():
        return {"publications": 0}
    from reporting_measure import state as reporting_state

    from foljsam.publishing.models import Publication
    from foljsam.registry.models import ContractArea

    published = Publication.objects.filter(status="published")
    return {
        **reporting_state(),
        "publications": Publication.objects.count(),
        "published": published.count(),
        "units with a published result": published.values("followup__unit_id")
        .distinct()
        .count(),
        "providers with a published result": published.values(
            "followup__unit__provider_id"
        )
        .distinct()
        .count(),
        "protected contract areas": list(
            ContractArea.objects.filter(address_protected=True).values_list(
                "code", flat=True
            )
        ),
    }


def pages(q: str) -> list[tuple[str, str]]:
    """(name, path): the search (unfiltered, by text, by the contract area with
    the most published results, page 50, by district, by provider), the page of
    the unit with the most published results, the English search, the open data
    page; then the three open data files."""
    from django.db.models import Count
    from django.urls import reverse

    from foljsam.publishing.models import Publication

    published = Publication.objects.filter(status="published").order_by()
    area = (
        published.values("followup__contract_area_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "followup__contract_area_id")[0]["followup__contract_area_id"]
    )
    unit = (
        published.values("followup__unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "followup__unit_id")[0]["followup__unit_id"]
    )
    district = (
        published.filter(followup__unit__district__isnull=False)
        .values("followup__unit__district_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "followup__unit__district_id")[0]["followup__unit__district_id"]
    )
    provider = (
        published.values("followup__unit__provider_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "followup__unit__provider_id")[0]["followup__unit__provider_id"]
    )
    search = reverse("public:search")
    return [
        ("search", search),
        (f"search ?q={q}", f"{search}?q={q}"),
        ("search by contract area", f"{search}?contract_area={area}"),
        ("search page 50", f"{search}?page=50"),
        ("search by district (information)", f"{search}?district={district}"),
        ("search by provider (information)", f"{search}?provider={provider}"),
        ("unit page", reverse("public:unit", args=[unit])),
        ("search in English (information)", reverse("public_en:search")),
        ("open data page (information)", reverse("public:open_data")),
        *((name, reverse(f"public:{name}")) for name in DOWNLOADS),
    ]


class Counter:
    """Queries and time in the database, through an execute wrapper (with DEBUG
    on, the connection's bounded query log may be full already)."""

    def __init__(self) -> None:
        self.sql: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql.append((time.perf_counter() - started, sql))


def _request(client: Any, path: str, **headers: str) -> tuple[Any, Counter, float]:
    from django.db import connection

    counter = Counter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        response = client.get(path, **headers)
        content = b"".join(response.streaming_content) if response.streaming else None
        elapsed = time.perf_counter() - started
    if content is not None:
        response.content_bytes = content
    return response, counter, elapsed


def _rows(name: str, body: bytes) -> int | None:
    if name == "open_data_csv":
        import csv

        return sum(1 for _ in csv.reader(io.StringIO(body.decode()))) - 1
    if name == "open_data_json":
        return len(json.loads(body)["results"])
    return None


class Splits:
    """Where a request's time goes: wraps the functions the public views call
    (the search's choices, count and page; a unit's page; the form's widgets;
    the template) and adds up their time per request. Nested: "render" includes
    the widgets."""

    def __init__(self) -> None:
        from django.forms.boundfield import BoundField

        from foljsam.publishing import opendata, public, public_views

        self.spent: dict[str, float] = {}
        self._patches = [
            (public, "search_choices", "choices (3 queries)"),
            (public.UnitResults, "__len__", "count (1 query)"),
            (public.UnitResults, "__getitem__", "page's units (3 queries)"),
            (public, "unit_page", "unit_page (2 queries)"),
            (BoundField, "as_widget", "form widgets"),
            (public_views, "render", "render (with the widgets)"),
            (opendata, "results", "opendata.results"),
            (opendata, "csv_document", "csv_document"),
            (opendata, "json_document", "json_document"),
        ]
        for owner, attr, label in self._patches:
            original = getattr(owner, attr)
            setattr(owner, attr, self._timed(original, label))

    def _timed(self, original: Any, label: str) -> Any:
        import functools

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + (
                    time.perf_counter() - started
                )

        return timed

    def take(self) -> dict[str, float]:
        spent, self.spent = self.spent, {}
        return spent


def measure_pages(q: str, runs: int, download_runs: int) -> dict[str, Any]:
    """Each page through the test client, anonymous: queries, SQL time, bytes,
    headers of a first request; the median wall time of ``runs`` more; then a
    conditional request with the ETag it gave."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    splits = Splits()
    found: dict[str, Any] = {}
    for name, path in pages(q):
        download = name in DOWNLOADS
        client.get(path)  # warm: translations, templates, the connection
        response, counter, first = _request(client, path)
        body = getattr(response, "content_bytes", None) or response.content
        times, sql_times, spent = [], [], []
        splits.take()
        for _ in range(download_runs if download else runs):
            _r, c, elapsed = _request(client, path)
            times.append(elapsed)
            sql_times.append(sum(t for t, _s in c.sql))
            spent.append(splits.take())
        etag = response.headers.get("ETag", "")
        conditional, c304, _t = _request(client, path, HTTP_IF_NONE_MATCH=etag)
        times304 = [
            _request(client, path, HTTP_IF_NONE_MATCH=etag)[2] for _ in range(runs)
        ]
        found[name] = {
            "path": path,
            "status": response.status_code,
            "queries": len(counter.sql),
            "bytes": len(body),
            "rows": _rows(name, body),
            "first": first,
            "times": times,
            "sql": sql_times,
            "splits": {
                label: statistics.median(one.get(label, 0.0) for one in spent)
                for label in sorted({label for one in spent for label in one})
            },
            "slowest queries": [
                [round(t * 1000, 1), s[:300]]
                for t, s in sorted(counter.sql, reverse=True)[:3]
            ],
            "headers": {
                k: response.headers.get(k, "")
                for k in (
                    "ETag",
                    "Cache-Control",
                    "Vary",
                    "Content-Type",
                    "Content-Language",
                )
            },
            "sets cookie": bool(response.cookies),
            "conditional status": conditional.status_code,
            "conditional queries": len(c304.sql),
            "conditional times": times304,
        }
    return found


def opendata_steps(runs: int) -> dict[str, Any]:
    """The open data files step by step: the read (``opendata.results``), the
    CSV and the JSON serialisation, and the summary the DCAT file reads."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils import timezone

    from foljsam.publishing import dcat, opendata

    request = RequestFactory(HTTP_HOST="localhost").get(
        "/jamfor/oppna-data/resultat.json"
    )
    request.user = AnonymousUser()
    steps: dict[str, list[float]] = {}

    def timed(name: str, call: Any) -> Any:
        started = time.perf_counter()
        result = call()
        steps.setdefault(name, []).append(time.perf_counter() - started)
        return result

    for _ in range(runs):
        rows = timed(
            "read: opendata.results (1 query + rows)",
            lambda: opendata.results(request),
        )
        timed("CSV: csv_document", lambda r=rows: opendata.csv_document(r))
        timed(
            "JSON: dataset_header + json_document",
            lambda r=rows: opendata.json_document(
                r, dataset=opendata.dataset_header(request, r), now=timezone.now()
            ),
        )
        timed(
            "DCAT: summary + catalogue",
            lambda: json.dumps(
                dcat.catalogue(
                    opendata.dcat_facts(request, opendata.summary(request.user))
                )
            ),
        )
    return {name: statistics.median(t) for name, t in steps.items()} | {
        "runs": dict(steps.items())
    }


def experiment(q: str, runs: int) -> dict[str, Any]:
    """The search as it is and with the fixes ``public_variants`` describes, in
    one process, interleaved, ``runs`` requests each after one to warm up; and
    whether the lean variant offers the same districts."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client
    from public_variants import VARIANTS, choices_function

    from foljsam.publishing import public

    original = public.search_choices
    variants = {name: choices_function(name) for name in VARIANTS}
    anyone = AnonymousUser()
    same = variants["lean"](user=anyone).districts == original(user=anyone).districts
    client = Client(HTTP_HOST="localhost")
    paths = [p for n, p in pages(q) if n in ("search", "search page 50")]
    found: dict[str, Any] = {"same districts": same}
    for path in paths:
        times: dict[str, list[float]] = {name: [] for name in variants}
        size: dict[str, int] = {}
        for round_ in range(runs + 1):
            for name, variant in variants.items():
                public.search_choices = variant
                try:
                    started = time.perf_counter()
                    response = client.get(path)
                    elapsed = time.perf_counter() - started
                finally:
                    public.search_choices = original
                if round_:  # the first round warms up
                    times[name].append(elapsed)
                size[name] = len(response.content)
        found[path] = {
            name: {
                "median": statistics.median(t),
                "min": min(t),
                "bytes": size[name],
            }
            for name, t in times.items()
        }
    return found


def profile(path: str, runs: int, conditional: bool) -> str:
    """cProfile of ``runs`` requests of ``path`` (after one to warm up): the
    functions with the most cumulative time."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    response = client.get(path)
    headers = (
        {"HTTP_IF_NONE_MATCH": response.headers.get("ETag", "")} if conditional else {}
    )
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(path, **headers)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main() -> Any:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "what", choices=("state", "pages", "opendata", "profile", "experiment")
    )
    parser.add_argument("--q", default="verkstad")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--download-runs", type=int, default=3)
    parser.add_argument("--path")
    parser.add_argument("--conditional", action="store_true")
    args = parser.parse_args()
    _setup()
    if args.what == "state":
        return state()
    if args.what == "pages":
        return measure_pages(args.q, args.runs, args.download_runs)
    if args.what == "opendata":
        return opendata_steps(args.download_runs)
    if args.what == "experiment":
        return experiment(args.q, args.runs)
    return {"profile": profile(args.path, args.runs, args.conditional)}
