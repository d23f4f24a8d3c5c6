"""The selection as a table (CSV, XLSX): one row per candidate, in rank order.
The columns are documented in docs/formats.md."""

from __future__ import annotations

from foljsam.core.exports import Column
from foljsam.planning.models import Candidate
from foljsam.planning.reasons import reason_text


def _code(org: object) -> str:
    return str(getattr(org, "code", "") or "")


CANDIDATE_COLUMNS: list[Column[Candidate]] = [
    Column("rank", lambda c: c.rank),
    Column("unit_id", lambda c: c.unit.external_id),
    Column("unit_name", lambda c: c.unit.name),
    Column("provider_org_number", lambda c: c.unit.provider.org_number),
    Column("provider_name", lambda c: c.unit.provider.name),
    Column("contract_area", lambda c: c.contract_area.code),
    Column("score", lambda c: c.score),
    Column("due_year", lambda c: c.due_year),
    Column("mandatory", lambda c: "yes" if c.mandatory else "no"),
    Column("selected", lambda c: "yes" if c.selected else "no"),
    Column("picked", lambda c: c.picked),
    Column("picked_by_run", lambda c: c.auto_picked),
    Column("performer", lambda c: _code(c.organisation)),
    Column("performer_by_run", lambda c: _code(c.auto_organisation)),
    Column("allocation", lambda c: c.placement),
    Column("reasons", lambda c: reason_text(c.inputs, c.factors)),
    Column("note", lambda c: c.change_note),
]
