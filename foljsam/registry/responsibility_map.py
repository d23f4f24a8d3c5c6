"""The responsibility map (Ansvarskarta) and the gap list (Luckor).

For every active unit and every agreement in force that covers it: which
organisation answers for its follow-up, which performs it, and the year it is due.
This answers the audit's question (seeds 000, 003): "Tydliggöra ansvarsfördelningen
för uppföljning av utförare" and "Säkerställa att samtliga utförare ... oavsett
regiform, följs upp". A unit that no rule covers, or that has no agreement in force,
is a gap, as is an agreement in force that covers no active unit.

The whole map is computed from a fixed number of queries, whatever its size; the
rules are applied in Python by ``foljsam.registry.responsibility``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Viewer
from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.registry import coverage, followup_history, responsibility
from foljsam.registry.choices import (
    ProviderKind,
    Regime,
    Target,
    regime_for_provider_kind,
)
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    ResponsibilityRule,
    Unit,
)
from foljsam.registry.querysets import (
    UnitQuerySet,
    active_on_q,
    valid_on_q,
)


class GapKind(enum.StrEnum):
    NO_RULE = "no_rule"
    UNRESOLVED = "unresolved_organisation"
    NO_AGREEMENT = "no_valid_agreement"
    AGREEMENT_WITHOUT_UNITS = "agreement_without_units"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return str(GAP_LABELS[self])


GAP_LABELS = {
    GapKind.NO_RULE: _("No rule says who follows up"),
    GapKind.UNRESOLVED: _("The rule names no organisation"),
    GapKind.NO_AGREEMENT: _("No agreement in force"),
    GapKind.AGREEMENT_WITHOUT_UNITS: _("Agreement without active units"),
    GapKind.OVERDUE: _("Overdue for follow-up"),
}


class Status(enum.StrEnum):
    OK = "ok"
    DUE = "due"  # due this year
    OVERDUE = "overdue"
    GAP = "gap"  # nobody is known to answer for it


STATUS_LABELS = {
    Status.OK: _("Within cycle"),
    Status.DUE: _("Due this year"),
    Status.OVERDUE: _("Overdue"),
    Status.GAP: _("Nobody responsible"),
}


@dataclass(frozen=True, slots=True)
class OrgRef:
    id: int
    code: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class AreaRef:
    id: int
    code: str
    name: str
    cycle_years: int


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    external_id: str
    name: str
    provider_id: int
    provider_name: str
    provider_org_number: str
    regime: Regime
    placements: int
    district: OrgRef | None
    operator: OrgRef | None

    @property
    def regime_label(self) -> str:
        return str(self.regime.label)


@dataclass(frozen=True, slots=True)
class MapRow:
    unit: UnitInfo
    agreement_id: int | None
    agreement_reference: str
    agreement_kind: str
    contract_area: AreaRef | None
    responsible: OrgRef | None
    performer: OrgRef | None
    rule_id: int | None
    gap: GapKind | None
    unresolved_target: str
    last_followed_up: dt.date | None
    due_year: int | None
    status: Status
    last_year: int | None = None
    last_outcome: str = ""
    agreement_valid_from: dt.date | None = None
    started: dt.date | None = None  # when the city began to answer for it

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def agreement_kind_label(self) -> str:
        return (
            str(Agreement.Kind(self.agreement_kind).label)
            if self.agreement_kind
            else ""
        )

    @property
    def gap_detail(self) -> str:
        if self.gap is GapKind.UNRESOLVED:
            return str(
                _("The rule points at %(target)s, which this unit does not have.")
                % {"target": Target(self.unresolved_target).label}
            )
        return self.gap.label if self.gap else ""


@dataclass(frozen=True, slots=True)
class MapFilters:
    q: str = ""
    contract_area: int | None = None
    district: int | None = None
    regime: str = ""
    responsible: int | None = None
    performer: int | None = None
    status: str = ""
    unit: int | None = None
    provider: int | None = None
    agreement: int | None = None


@dataclass(frozen=True, slots=True)
class _Coverage:
    agreement_id: int
    reference: str
    kind: str
    signed_by_id: int | None
    valid_from: dt.date
    contract_area_id: int


def active_units(today: dt.date) -> Q:
    return active_on_q(today)


def _unit_q(filters: MapFilters, today: dt.date, prefix: str = "") -> Q:
    """The unit-level filters, usable on Unit (no prefix) or through a relation."""
    q = active_on_q(today, prefix)
    if filters.q:
        q &= (
            Q(**{f"{prefix}name__icontains": filters.q})
            | Q(**{f"{prefix}external_id__icontains": filters.q})
            | Q(**{f"{prefix}provider__name__icontains": filters.q})
        )
    if filters.unit:
        q &= Q(**{f"{prefix}pk": filters.unit})
    if filters.provider:
        q &= Q(**{f"{prefix}provider_id": filters.provider})
    if filters.district:
        q &= Q(**{f"{prefix}district_id": filters.district})
    if filters.regime == Regime.OWN:
        q &= Q(**{f"{prefix}provider__kind": ProviderKind.MUNICIPAL})
    elif filters.regime == Regime.PRIVATE:
        q &= ~Q(**{f"{prefix}provider__kind": ProviderKind.MUNICIPAL})
    return q


def _agreement_q(filters: MapFilters, today: dt.date, prefix: str = "") -> Q:
    q = valid_on_q(today, prefix)
    if filters.contract_area:
        q &= Q(**{f"{prefix}contract_area_id": filters.contract_area})
    if filters.agreement:
        q &= Q(**{f"{prefix}pk": filters.agreement})
    return q


def active_rules() -> list[responsibility.Rule]:
    """The active responsibility rules as the pure rule function reads them."""
    return [
        responsibility.Rule(
            id=rule_id,
            agreement_kind=kind,
            regime=regime,
            operator_kind=operator,
            contract_area_id=area,
            responsible=responsible,
            responsible_organisation_id=responsible_org,
            performer=performer,
            performer_organisation_id=performer_org,
        )
        for (
            rule_id,
            kind,
            regime,
            operator,
            area,
            responsible,
            responsible_org,
            performer,
            performer_org,
        ) in ResponsibilityRule.objects.filter(is_active=True).values_list(
            "id",
            "agreement_kind",
            "regime",
            "operator_kind",
            "contract_area_id",
            "responsible",
            "responsible_organisation_id",
            "performer",
            "performer_organisation_id",
        )
    ]


def responsibility_map(
    *, user: Viewer, today: dt.date, filters: MapFilters | None = None
) -> list[MapRow]:
    """Every active unit the user may see, under every agreement in force covering
    it, resolved."""
    filters = filters or MapFilters()
    organisations = {
        org_id: OrgRef(org_id, code, name, kind)
        for org_id, code, name, kind in Organisation.objects.values_list(
            "id", "code", "name", "kind"
        )
    }
    central_office_id = next(
        (
            o.id
            for o in organisations.values()
            if o.kind == OrganisationKind.CENTRAL_OFFICE
        ),
        None,
    )
    areas = {
        area_id: AreaRef(area_id, code, name, cycle)
        for area_id, code, name, cycle in ContractArea.objects.values_list(
            "id", "code", "name", "cycle_years"
        )
    }
    rules = active_rules()
    history = followup_history.last_follow_ups([filters.unit] if filters.unit else None)

    units = Unit.objects.visible_to(user).filter(_unit_q(filters, today))
    if filters.contract_area or filters.agreement:
        # A join on the unit's agreements (one filter() call, so one join), not
        # a correlated subquery per unit.
        units = units.filter(_agreement_q(filters, today, "agreements__")).distinct()

    covering: dict[int, list[_Coverage]] = defaultdict(list)
    for (
        unit_id,
        agreement_id,
        reference,
        agreement_kind,
        signed_by_id,
        valid_from,
        area_id,
    ) in (
        # Joins, not IN (subquery): planners without statistics (a fresh SQLite
        # import) turn the latter into a nested loop over both lists.
        Coverage.objects.filter(
            UnitQuerySet.scope_q(user, "unit__"),
            _unit_q(filters, today, "unit__"),
            _agreement_q(filters, today, "agreement__"),
        )
        .order_by("agreement__contract_area__name", "agreement__reference")
        .values_list(
            "unit_id",
            "agreement_id",
            "agreement__reference",
            "agreement__kind",
            "agreement__signed_by_id",
            "agreement__valid_from",
            "agreement__contract_area_id",
        )
    ):
        covering[unit_id].append(
            _Coverage(
                agreement_id,
                reference,
                agreement_kind,
                signed_by_id,
                valid_from,
                area_id,
            )
        )

    rows: list[MapRow] = []
    for (
        unit_id,
        external_id,
        name,
        provider_id,
        provider_name,
        org_number,
        provider_kind,
        placements,
        district_id,
        operator_id,
        opened_on,
    ) in units.order_by("name", "external_id").values_list(
        "id",
        "external_id",
        "name",
        "provider_id",
        "provider__name",
        "provider__org_number",
        "provider__kind",
        "placements",
        "district_id",
        "operated_by_id",
        "opened_on",
    ):
        regime = regime_for_provider_kind(provider_kind)
        district = organisations.get(district_id) if district_id else None
        operator = organisations.get(operator_id) if operator_id else None
        unit = UnitInfo(
            unit_id,
            external_id,
            name,
            provider_id,
            provider_name,
            org_number,
            regime,
            placements,
            district,
            operator,
        )
        if not covering.get(unit_id):
            rows.append(
                MapRow(
                    unit=unit,
                    agreement_id=None,
                    agreement_reference="",
                    agreement_kind="",
                    contract_area=None,
                    responsible=None,
                    performer=None,
                    rule_id=None,
                    gap=GapKind.NO_AGREEMENT,
                    unresolved_target="",
                    last_followed_up=None,
                    due_year=None,
                    status=Status.GAP,
                )
            )
            continue
        for cover in covering[unit_id]:
            area = areas[cover.contract_area_id]
            case = responsibility.Case(
                agreement_kind=cover.kind,
                regime=regime,
                contract_area_id=area.id,
                operator_kind=operator.kind if operator else "",
                unit_district_id=district_id,
                signing_organisation_id=cover.signed_by_id,
                operating_organisation_id=operator_id,
            )
            result = responsibility.resolve(
                rules, case, central_office_id=central_office_id
            )
            last = history.get((unit_id, area.id))
            started = coverage.coverage_start(opened_on, cover.valid_from)
            due = coverage.due_year(
                last_year=last.year if last else None,
                started=started,
                cycle_years=area.cycle_years,
                this_year=today.year,
            )
            gap = {
                responsibility.Problem.NO_RULE: GapKind.NO_RULE,
                responsibility.Problem.UNRESOLVED: GapKind.UNRESOLVED,
                None: None,
            }[result.problem]
            if gap is not None:
                status = Status.GAP
            elif coverage.is_overdue(due, today):
                status = Status.OVERDUE
            elif due == today.year:
                status = Status.DUE
            else:
                status = Status.OK
            rows.append(
                MapRow(
                    unit=unit,
                    agreement_id=cover.agreement_id,
                    agreement_reference=cover.reference,
                    agreement_kind=cover.kind,
                    contract_area=area,
                    responsible=organisations.get(result.responsible_id or 0),
                    performer=organisations.get(result.performer_id or 0),
                    rule_id=result.rule_id,
                    gap=gap,
                    unresolved_target=result.unresolved_target,
                    last_followed_up=last.performed_on if last else None,
                    due_year=due,
                    status=status,
                    last_year=last.year if last else None,
                    last_outcome=last.outcome if last else "",
                    agreement_valid_from=cover.valid_from,
                    started=started,
                )
            )
    return [row for row in rows if _matches(row, filters)]


def _matches(row: MapRow, filters: MapFilters) -> bool:
    if filters.contract_area and (
        row.contract_area is None or row.contract_area.id != filters.contract_area
    ):
        return False
    if filters.responsible and (
        row.responsible is None or row.responsible.id != filters.responsible
    ):
        return False
    if filters.performer and (
        row.performer is None or row.performer.id != filters.performer
    ):
        return False
    return not filters.status or row.status == filters.status


@dataclass(frozen=True, slots=True)
class GapRow:
    kind: GapKind
    unit: UnitInfo | None
    provider_id: int
    provider_name: str
    provider_org_number: str
    agreement_id: int | None
    agreement_reference: str
    contract_area: AreaRef | None
    responsible: OrgRef | None
    performer: OrgRef | None
    due_year: int | None
    detail: str

    @property
    def label(self) -> str:
        return self.kind.label


def gap_list(
    *,
    user: Viewer,
    today: dt.date,
    kind: str = "",
    rows: list[MapRow] | None = None,
) -> list[GapRow]:
    """Every gap in who follows up whom, worst first: no rule, no organisation, no
    agreement, agreements without units, then overdue units by due year. ``rows``
    is the unfiltered map of ``today``, if the caller already has it."""
    gaps: list[GapRow] = []
    if rows is None:
        rows = responsibility_map(user=user, today=today)
    for row in rows:
        if row.gap is None and row.status is not Status.OVERDUE:
            continue
        gap_kind = row.gap or GapKind.OVERDUE
        if gap_kind is not GapKind.OVERDUE:
            detail = row.gap_detail
        elif row.last_year is None:
            detail = str(_("Due %(year)s; never followed up.") % {"year": row.due_year})
        else:
            detail = str(
                _("Due %(year)s; last followed up %(last)s.")
                % {"year": row.due_year, "last": row.last_year}
            )
        gaps.append(
            GapRow(
                kind=gap_kind,
                unit=row.unit,
                provider_id=row.unit.provider_id,
                provider_name=row.unit.provider_name,
                provider_org_number=row.unit.provider_org_number,
                agreement_id=row.agreement_id,
                agreement_reference=row.agreement_reference,
                contract_area=row.contract_area,
                responsible=row.responsible,
                performer=row.performer,
                due_year=row.due_year,
                detail=detail,
            )
        )
    gaps.extend(_agreements_without_units(user, today))
    order = list(GapKind)
    gaps.sort(
        key=lambda g: (
            order.index(g.kind),
            g.due_year or 0,
            g.unit.name if g.unit else "",
            g.agreement_reference,
        )
    )
    return [g for g in gaps if not kind or g.kind == kind]


def _agreements_without_units(user: Viewer, today: dt.date) -> Iterable[GapRow]:
    active = Unit.objects.filter(active_units(today), agreements=OuterRef("pk"))
    for (
        agreement_id,
        reference,
        area_id,
        code,
        name,
        cycle,
        provider_id,
        provider,
        number,
    ) in (
        Agreement.objects.visible_to(user)
        .valid_on(today)
        .filter(~Exists(active))
        .values_list(
            "id",
            "reference",
            "contract_area_id",
            "contract_area__code",
            "contract_area__name",
            "contract_area__cycle_years",
            "provider_id",
            "provider__name",
            "provider__org_number",
        )
    ):
        yield GapRow(
            kind=GapKind.AGREEMENT_WITHOUT_UNITS,
            unit=None,
            provider_id=provider_id,
            provider_name=provider,
            provider_org_number=number,
            agreement_id=agreement_id,
            agreement_reference=reference,
            contract_area=AreaRef(area_id, code, name, cycle),
            responsible=None,
            performer=None,
            due_year=None,
            detail=str(GapKind.AGREEMENT_WITHOUT_UNITS.label),
        )
