"""The registry's list selectors count what their columns say they count."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.accounts.access import SYSTEM
from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.registry import selectors
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def area_with_edges():
    """An area with: a unit under two agreements in force (counts once), a closed
    unit, a unit whose agreement expired, and a unit whose agreement starts later."""
    central = CentralOfficeFactory()
    district = OrganisationFactory(code="sdf-x")
    area = ContractAreaFactory(code="dv")
    provider = ProviderFactory()
    twice = UnitFactory(provider=provider, district=district)
    closed = UnitFactory(provider=provider, district=district, closed_on=TODAY)
    expired = UnitFactory(provider=provider, district=district)
    upcoming = UnitFactory(provider=provider, district=district)
    common = {"provider": provider, "contract_area": area, "signed_by": central}
    AgreementFactory(**common, units=[twice, closed])
    AgreementFactory(**common, units=[twice])
    AgreementFactory(**common, units=[expired], valid_to=dt.date(2025, 12, 31))
    AgreementFactory(**common, units=[upcoming], valid_from=dt.date(2027, 1, 1))
    return {"area": area, "provider": provider, "district": district}


def test_contract_area_counts(area_with_edges) -> None:
    area = selectors.contract_area_list(user=SYSTEM, today=TODAY).get(
        pk=area_with_edges["area"].pk
    )
    assert area.active_unit_count == 1
    assert area.valid_agreement_count == 2


def test_provider_counts(area_with_edges) -> None:
    provider = selectors.provider_list(user=SYSTEM, today=TODAY).get(
        pk=area_with_edges["provider"].pk
    )
    assert provider.active_unit_count == 3  # not the closed one
    assert provider.valid_agreement_count == 2


def test_organisation_counts(area_with_edges) -> None:
    district = selectors.organisation_list(user=SYSTEM, today=TODAY).get(
        pk=area_with_edges["district"].pk
    )
    assert district.district_unit_count == 3
    assert district.operated_unit_count == 0
    central = selectors.organisation_list(user=SYSTEM, today=TODAY).get(code="sof")
    assert central.signed_agreement_count == 2


def test_unit_list_by_contract_area_shows_units_with_an_agreement_in_force(
    area_with_edges,
) -> None:
    units = selectors.unit_list(
        user=SYSTEM,
        today=TODAY,
        filters=selectors.UnitFilters(contract_area=area_with_edges["area"].pk),
    )
    assert units.count() == 1
    assert [a.contract_area.code for a in units[0].valid_agreements] == ["dv", "dv"]


def test_agreement_list_by_status(area_with_edges) -> None:
    def count(status: str) -> int:
        return selectors.agreement_list(
            user=SYSTEM, today=TODAY, filters=selectors.AgreementFilters(status=status)
        ).count()

    assert (count("valid"), count("ended"), count("upcoming"), count("all")) == (
        2,
        1,
        1,
        4,
    )
