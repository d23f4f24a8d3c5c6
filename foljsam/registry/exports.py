"""Export formats of the responsibility map and the gap list (docs/formats.md)."""

from __future__ import annotations

from foljsam.core.exports import Column
from foljsam.registry.responsibility_map import GapRow, MapRow


def _code(org: object) -> str:
    return getattr(org, "code", "") if org is not None else ""


def _name(org: object) -> str:
    return getattr(org, "name", "") if org is not None else ""


MAP_COLUMNS: list[Column[MapRow]] = [
    Column("unit_id", lambda r: r.unit.external_id),
    Column("unit_name", lambda r: r.unit.name),
    Column("provider_org_number", lambda r: r.unit.provider_org_number),
    Column("provider_name", lambda r: r.unit.provider_name),
    Column("regime", lambda r: r.unit.regime.value),
    Column("district", lambda r: _code(r.unit.district)),
    Column("operated_by", lambda r: _code(r.unit.operator)),
    Column("contract_area", lambda r: r.contract_area.code if r.contract_area else ""),
    Column("agreement_reference", lambda r: r.agreement_reference),
    Column("agreement_kind", lambda r: r.agreement_kind),
    Column("responsible", lambda r: _code(r.responsible)),
    Column("responsible_name", lambda r: _name(r.responsible)),
    Column("performer", lambda r: _code(r.performer)),
    Column("performer_name", lambda r: _name(r.performer)),
    Column("rule_id", lambda r: r.rule_id),
    Column("last_followed_up", lambda r: r.last_followed_up),
    Column("last_followed_up_year", lambda r: r.last_year),
    Column("last_outcome", lambda r: r.last_outcome),
    Column("due_year", lambda r: r.due_year),
    Column("status", lambda r: r.status.value),
    Column("gap", lambda r: r.gap.value if r.gap else ""),
]

GAP_COLUMNS: list[Column[GapRow]] = [
    Column("gap", lambda g: g.kind.value),
    Column("unit_id", lambda g: g.unit.external_id if g.unit else ""),
    Column("unit_name", lambda g: g.unit.name if g.unit else ""),
    Column("provider_org_number", lambda g: g.provider_org_number),
    Column("provider_name", lambda g: g.provider_name),
    Column("agreement_reference", lambda g: g.agreement_reference),
    Column("contract_area", lambda g: g.contract_area.code if g.contract_area else ""),
    Column("responsible", lambda g: _code(g.responsible)),
    Column("performer", lambda g: _code(g.performer)),
    Column("due_year", lambda g: g.due_year),
    Column("detail", lambda g: g.detail),
]
