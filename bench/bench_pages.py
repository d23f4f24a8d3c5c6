"""Time the registry's pages, as a logged-in coordinator sees them, on a database
that already holds a city (see bench/README.md for how to load the 10,000-unit one).

    FOLJSAM_VAR_DIR=/tmp/foljsam-10k python3 -m uv run python bench/bench_pages.py

Each page is requested through Django's test client (no HTTP server, no network):
median wall time of --runs requests, and the number of queries of one request.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from _common import machine, median_of, table  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from foljsam.accounts.models import Organisation  # noqa: E402
from foljsam.accounts.roles import Role  # noqa: E402
from foljsam.accounts.services import user_ensure  # noqa: E402
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit  # noqa: E402


def pages() -> list[str]:
    first = {
        model: model.objects.order_by("pk").values_list("pk", flat=True).first()
        for model in (Unit, Provider, Agreement, ContractArea, Organisation)
    }
    central = Organisation.objects.get(kind="central_office").pk
    return [
        "/",
        "/registry/map/",
        "/registry/map/?status=overdue&page=20",
        "/registry/gaps/",
        "/registry/units/",
        "/registry/units/?q=verkstad",
        "/registry/providers/",
        "/registry/agreements/",
        "/registry/contract-areas/",
        "/registry/organisations/",
        f"/registry/units/{first[Unit]}/",
        f"/registry/providers/{first[Provider]}/",
        f"/registry/agreements/{first[Agreement]}/",
        f"/registry/contract-areas/{first[ContractArea]}/",
        f"/registry/organisations/{central}/",
        "/registry/map/export/csv/",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    user, _created = user_ensure(
        username="bench-coordinator",
        password=secrets.token_urlsafe(),  # never used: the test client logs in
        organisation=Organisation.objects.get(kind="central_office"),
        roles=[Role.CENTRAL_COORDINATOR],
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(machine())
    print(f"{Unit.objects.count()} units, {Agreement.objects.count()} agreements")
    rows = []
    for path in pages():
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        # Counted with a wrapper, not CaptureQueriesContext: with DEBUG on, the
        # connection's bounded query log may be full already.
        with connection.execute_wrapper(count):
            status = client.get(path).status_code
        assert status == 200, (path, status)
        median, _times, _result = median_of(args.runs, lambda p=path: client.get(p))
        rows.append((path, f"{median * 1000:.0f} ms", len(queries)))
    print(table(["page", f"median of {args.runs}", "queries"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
