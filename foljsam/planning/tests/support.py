"""Helpers shared by the planning page and command tests (the town itself is in
conftest.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import fields
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from foljsam.planning.allocation import Options
from foljsam.planning.models import OrganisationSettings, SelectionRun
from foljsam.planning.risk import Weights
from foljsam.planning.runs import selection_run_create

AS_OF = dt.date(2026, 12, 1)
YEAR = 2027


def make_run(actor: Any, **options: Any) -> SelectionRun:
    """The town's selection for 2027 as of 1 December 2026, seed 42 (see
    test_runs.py for what it selects: U1, U3, U4 to North, U5 to South, E1 to
    West, L1 to the central office)."""
    run, _result = selection_run_create(
        actor=actor, year=YEAR, as_of=AS_OF, options=Options(**options), seed=42
    )
    assert run is not None
    return run


def capacity(organisation: Any, low: int, high: int | None) -> None:
    settings = OrganisationSettings.objects.get(organisation=organisation)
    settings.min_per_year = low
    settings.max_per_year = high
    settings.save()


def run_form_data(**changes: Any) -> dict[str, Any]:
    """A valid POST for the "make a selection" form: the default weights."""
    data: dict[str, Any] = {
        "year": YEAR,
        "as_of": AS_OF.isoformat(),
        "central_keeps_lou": "on",
        "seed": 42,
        "note": "",
    }
    defaults = Weights()
    for field in fields(Weights):
        data[f"w_{field.name}"] = getattr(defaults, field.name)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def text(response: Any) -> str:
    """The page's main content as plain text, whitespace collapsed."""
    content = response.content.decode()
    main = content[content.find('id="main"') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def row_text(response: Any, needle: str) -> str:
    """The plain text of the one table row that mentions ``needle``."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), flags=re.S)
    found = [row for row in rows if needle in row]
    assert len(found) == 1, f"{len(found)} rows mention {needle!r}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[0])).strip()


def queries(client: Any, url: str) -> int:
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
