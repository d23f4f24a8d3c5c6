"""The registry as plain records keyed by natural keys, so that a file and the
database can be merged and compared without touching model instances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from foljsam.accounts.models import Organisation
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    OperatingArea,
    Provider,
    Unit,
)


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    code: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class ContractAreaRecord:
    code: str
    name: str
    law: str
    legal_reference: str = ""
    cycle_years: int = 3
    operating_area: str | None = None
    address_protected: bool = False


@dataclass(frozen=True, slots=True)
class ProviderRecord:
    org_number: str
    name: str
    kind: str
    contact_email: str = ""


@dataclass(frozen=True, slots=True)
class UnitRecord:
    external_id: str
    provider: str
    name: str
    address: str = ""
    postal_code: str = ""
    city: str = ""
    district: str | None = None
    operated_by: str | None = None
    placements: int = 0
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    reference: str
    provider: str
    contract_area: str
    kind: str
    valid_from: dt.date
    signed_by: str | None = None
    valid_to: dt.date | None = None
    terminated_on: dt.date | None = None
    termination_reason: str = ""
    unit_ids: frozenset[str] = frozenset()


Record = (
    OrganisationRecord
    | ContractAreaRecord
    | ProviderRecord
    | UnitRecord
    | AgreementRecord
)


def changed_fields(old: Record, new: Record) -> list[str]:
    return [f.name for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)]


@dataclass(slots=True)
class RegistryState:
    organisations: dict[str, OrganisationRecord] = field(default_factory=dict)
    operating_areas: set[str] = field(default_factory=set)
    contract_areas: dict[str, ContractAreaRecord] = field(default_factory=dict)
    providers: dict[str, ProviderRecord] = field(default_factory=dict)
    units: dict[str, UnitRecord] = field(default_factory=dict)
    agreements: dict[str, AgreementRecord] = field(default_factory=dict)


def load_state() -> RegistryState:
    """The whole registry in five queries and a join, as natural-key records."""
    state = RegistryState()
    for code, name, kind in Organisation.objects.values_list("code", "name", "kind"):
        state.organisations[code] = OrganisationRecord(code, name, kind)
    state.operating_areas = set(OperatingArea.objects.values_list("code", flat=True))
    for (
        code,
        name,
        law,
        reference,
        cycle,
        operating_area,
        protected,
    ) in ContractArea.objects.values_list(
        "code",
        "name",
        "law",
        "legal_reference",
        "cycle_years",
        "operating_area__code",
        "address_protected",
    ):
        state.contract_areas[code] = ContractAreaRecord(
            code, name, law, reference, cycle, operating_area, protected
        )
    for number, name, kind, email in Provider.objects.values_list(
        "org_number", "name", "kind", "contact_email"
    ):
        state.providers[number] = ProviderRecord(number, name, kind, email)
    for unit in Unit.objects.values_list(
        "external_id",
        "provider__org_number",
        "name",
        "address",
        "postal_code",
        "city",
        "district__code",
        "operated_by__code",
        "placements",
        "opened_on",
        "closed_on",
    ):
        state.units[unit[0]] = UnitRecord(*unit)
    covered: dict[int, set[str]] = {}
    for agreement_id, external_id in Coverage.objects.values_list(
        "agreement_id", "unit__external_id"
    ):
        covered.setdefault(agreement_id, set()).add(external_id)
    for agreement in Agreement.objects.values_list(
        "id",
        "reference",
        "provider__org_number",
        "contract_area__code",
        "kind",
        "valid_from",
        "signed_by__code",
        "valid_to",
        "terminated_on",
        "termination_reason",
    ):
        state.agreements[agreement[1]] = AgreementRecord(
            *agreement[1:], unit_ids=frozenset(covered.get(agreement[0], set()))
        )
    return state
