"""A small town for planning tests: three districts, daily activity under LOV,
an HVB framework agreement under LOU, one own unit, and a history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from conftest import make_user
from foljsam.accounts.models import Organisation
from foljsam.accounts.roles import Role
from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.findings.services import deficiency_register
from foljsam.followups.services import followup_record_history
from foljsam.planning.services import organisation_settings_save
from foljsam.registry.models import ContractArea, Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    CityFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)
from foljsam.requirements.models import RequirementCategory
from foljsam.requirements.services import version_publish
from foljsam.requirements.tests.factories import build_version


@dataclass
class Town:
    central: Organisation
    north: Organisation
    south: Organisation
    west: Organisation
    dv: ContractArea
    hvb: ContractArea
    units: dict[str, Unit]

    def key(self, name: str, area: ContractArea | None = None) -> tuple[int, int]:
        unit = self.units[name]
        return (unit.pk, (area or (self.hvb if name.startswith("L") else self.dv)).pk)


def _history(unit: Unit, area: ContractArea, year: int, outcome: str, **kw: Any):
    return followup_record_history(
        actor=None,
        year=year,
        unit=unit,
        contract_area=area,
        outcome=outcome,
        performed_on=dt.date(year, 5, 10),
        methods=["site_visit"],
        **kw,
    )


@pytest.fixture
def town(db: None) -> Town:
    central = CentralOfficeFactory()
    north = OrganisationFactory(code="sdf-norr", name="Norrs stadsdelsförvaltning")
    south = OrganisationFactory(code="sdf-soder", name="Söders stadsdelsförvaltning")
    west = OrganisationFactory(code="sdf-vaster", name="Västers stadsdelsförvaltning")
    for org in (north, south, west):
        organisation_settings_save(
            actor=None, organisation=org, min_per_year=1, max_per_year=3
        )
    dv = ContractAreaFactory(code="daglig-verksamhet", name="Daglig verksamhet")
    hvb = ContractAreaFactory(code="hvb", name="HVB", law="SoL")
    units: dict[str, Unit] = {}

    def lov(name: str, district: Organisation, opened: int = 2015) -> Unit:
        provider = ProviderFactory()
        unit = UnitFactory(
            external_id=name,
            name=f"Daglig verksamhet {name}",
            provider=provider,
            district=district,
            opened_on=dt.date(opened, 1, 1),
            placements=10,
        )
        AgreementFactory(
            provider=provider,
            contract_area=dv,
            kind="lov",
            signed_by=central,
            units=[unit],
            valid_from=dt.date(2015, 1, 1),
        )
        units[name] = unit
        return unit

    # North: U1 last 2023 (overdue for 2027), U2 2025 complied, U3 never (opened
    # 2018, long overdue), U4 2024 (due 2027).
    _history(lov("U1", north), dv, 2023, "complies")
    _history(lov("U2", north), dv, 2025, "complies")
    lov("U3", north, opened=2018)
    _history(lov("U4", north), dv, 2024, "complies_after_complement")
    # South: U5 did not comply in 2025 and has two open deficiencies (score 8 +
    # 2 x 2 + placements 1 = 13, above the threshold); U6 complied in 2026.
    u5 = _history(lov("U5", south), dv, 2025, "does_not_comply")
    category = RequirementCategory.objects.get(code="rutiner")
    for _ in range(2):
        deficiency_register(
            actor=None, followup=u5, category=category, severity="serious"
        )
    _history(lov("U6", south), dv, 2026, "complies")
    # HVB under LOU, one unit each: L1 never (agreement 2022, due 2025), L2 2025.
    for name, history in (("L1", None), ("L2", 2025)):
        provider = ProviderFactory()
        unit = UnitFactory(
            external_id=name,
            name=f"HVB {name}",
            provider=provider,
            district=south,
            opened_on=dt.date(2010, 1, 1),
            placements=4,
        )
        AgreementFactory(
            provider=provider,
            contract_area=hvb,
            kind="lou",
            signed_by=central,
            units=[unit],
            valid_from=dt.date(2022, 1, 1),
        )
        units[name] = unit
        if history:
            _history(unit, hvb, history, "complies")
    # West runs a unit of its own in daily activity, last followed up 2022.
    city = CityFactory()
    own = UnitFactory(
        external_id="E1",
        name="Egen daglig verksamhet",
        provider=city,
        district=west,
        operated_by=west,
        opened_on=dt.date(2000, 1, 1),
    )
    AgreementFactory(
        provider=city,
        contract_area=dv,
        kind="mission",
        signed_by=None,
        units=[own],
        valid_from=dt.date(2017, 1, 1),
    )
    units["E1"] = own
    _history(own, dv, 2022, "complies")
    # The visit protocol every follow-up uses.
    version_publish(actor=None, version=build_version(code="besok"))
    return Town(central, north, south, west, dv, hvb, units)


@pytest.fixture
def planner(town: Town):
    return make_user("planerare", Role.CENTRAL_COORDINATOR, organisation=town.central)
