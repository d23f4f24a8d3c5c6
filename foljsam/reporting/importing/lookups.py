"""What the rows of a follow-up history import refer to: units, contract areas,
organisations, agreements, requirement categories, the responsibility rules and
the follow-ups already recorded. Loaded in a fixed number of queries for the keys
the file names, so the cost does not grow by row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.core.lookups import by_key, chunks
from foljsam.core.tabular import Table, normalise_name
from foljsam.followups.choices import Source
from foljsam.followups.models import FollowUp
from foljsam.registry import responsibility
from foljsam.registry.choices import regime_for_provider_kind
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    Unit,
)
from foljsam.registry.responsibility_map import active_rules
from foljsam.requirements.models import RequirementCategory

# Columns the checks never read, left out of the rows loaded.
UNUSED = ("created_at", "updated_at")


def squeeze(value: str) -> str:
    """Spaces inside an id or reference normalised as the registry import does."""
    return " ".join(value.split())


def clean_code(value: str) -> str:
    return value.strip().lower()


@dataclass(slots=True)
class Lookups:
    """What the file's rows refer to, loaded once for every row."""

    units: dict[str, Unit]  # by external id, with the provider
    areas: dict[str, ContractArea]  # by code
    organisations: dict[str, Organisation]  # by code
    organisation_kinds: dict[int, str]
    central_office_id: int | None
    categories: dict[str, RequirementCategory]  # by code and by normalised name
    agreements: dict[str, Agreement]  # the references the file names
    covering: dict[int, list[Agreement]]  # unit id -> the agreements covering it
    existing: dict[tuple[int, int, int], str]  # (year, unit, area) -> source
    rules: list[responsibility.Rule]

    def agreements_during(
        self, unit: Unit, area: ContractArea, year: int, day: dt.date | None
    ) -> list[Agreement]:
        """The agreements covering ``unit`` in ``area`` in force during ``year``;
        of several, those in force on ``day`` (the visit) if any are."""
        found = [
            agreement
            for agreement in self.covering.get(unit.pk, [])
            if agreement.contract_area_id == area.pk
            and in_force_during(agreement, year)
        ]
        if len(found) > 1 and day is not None:
            return [a for a in found if a.is_valid_on(day)] or found
        return found

    def responsibility(
        self, unit: Unit, area: ContractArea, agreement: Agreement | None
    ) -> tuple[int | None, int | None]:
        """Who answered for the follow-up and who would have performed it, by the
        responsibility rules as they are now; nobody without an agreement."""
        if agreement is None:
            return None, None
        operator = unit.operated_by_id
        case = responsibility.Case(
            agreement_kind=agreement.kind,
            regime=regime_for_provider_kind(unit.provider.kind),
            contract_area_id=area.pk,
            operator_kind=self.organisation_kinds.get(operator, "")
            if operator is not None
            else "",
            unit_district_id=unit.district_id,
            signing_organisation_id=agreement.signed_by_id,
            operating_organisation_id=operator,
        )
        result = responsibility.resolve(
            self.rules, case, central_office_id=self.central_office_id
        )
        return result.responsible_id, result.performer_id

    @classmethod
    def load(cls, table: Table) -> Lookups:
        def cells(column: str, clean: Callable[[str], str]) -> set[str]:
            # A value with a control character names nothing (and PostgreSQL
            # refuses NUL in a query): the row's check says what is wrong.
            values = {clean(row.get(column)) for row in table.rows}
            return {value for value in values if value and value.isprintable()}

        units = by_key(
            Unit.objects.select_related("provider").defer(
                *UNUSED, *(f"provider__{name}" for name in UNUSED)
            ),
            "external_id",
            cells("unit_id", squeeze),
        )
        unit_ids = [unit.pk for unit in units.values()]
        pairs: list[tuple[int, int]] = []
        for chunk in chunks(unit_ids):
            pairs.extend(
                Coverage.objects.filter(unit_id__in=chunk).values_list(
                    "unit_id", "agreement_id"
                )
            )
        covered: dict[int, Agreement] = {}
        for chunk in chunks(agreement_id for _unit, agreement_id in pairs):
            covered.update(Agreement.objects.defer(*UNUSED).in_bulk(chunk))
        covering: dict[int, list[Agreement]] = defaultdict(list)
        for unit_id, agreement_id in pairs:
            covering[unit_id].append(covered[agreement_id])
        years = {
            int(value)
            for value in cells("year", lambda v: "".join(v.split()))
            if value.isdigit() and len(value) <= 4
        }
        existing: dict[tuple[int, int, int], str] = {}
        for chunk in chunks(unit_ids):
            for year, unit_id, area_id, source in FollowUp.objects.filter(
                unit_id__in=chunk,
                year__in=sorted(years),
                source__in=[Source.PLANNED, Source.HISTORY],
            ).values_list("year", "unit_id", "contract_area_id", "source"):
                existing[(year, unit_id, area_id)] = source
        organisations = {o.code: o for o in Organisation.objects.all()}
        categories: dict[str, RequirementCategory] = {}
        for category in RequirementCategory.objects.all():
            categories[category.code] = category
            categories.setdefault(normalise_name(category.name), category)
        return cls(
            units=units,
            areas={area.code: area for area in ContractArea.objects.all()},
            organisations=organisations,
            organisation_kinds={o.pk: o.kind for o in organisations.values()},
            central_office_id=next(
                (
                    o.pk
                    for o in organisations.values()
                    if o.kind == OrganisationKind.CENTRAL_OFFICE
                ),
                None,
            ),
            categories=categories,
            agreements=by_key(
                Agreement.objects.select_related("provider", "contract_area"),
                "reference",
                cells("agreement_reference", squeeze),
            ),
            covering=covering,
            existing=existing,
            rules=active_rules(),
        )


def in_force_during(agreement: Agreement, year: int) -> bool:
    """In force on at least one day of ``year`` (the registry's own test,
    ``Agreement.status_on``, applied to the whole year)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        agreement.valid_from <= last
        and (agreement.valid_to is None or agreement.valid_to >= first)
        and (agreement.terminated_on is None or agreement.terminated_on > first)
    )
