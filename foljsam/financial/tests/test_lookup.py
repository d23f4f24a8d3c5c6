"""The lookup port: the manual adapter fills nothing, the fake one is
deterministic, and the setting names the adapter."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from foljsam.financial.choices import Item, Result
from foljsam.financial.lookup import (
    FakeLookup,
    FinancialLookup,
    ItemFinding,
    ManualLookup,
    ProviderFacts,
    load_lookup,
)

FACTS = ProviderFacts(org_number="5590000017", name="Omsorg AB")


def test_the_manual_lookup_fills_nothing() -> None:
    assert ManualLookup().lookup(FACTS) == []
    assert ManualLookup.name == "manual"
    assert isinstance(ManualLookup(), FinancialLookup)


def test_the_fake_lookup_is_deterministic() -> None:
    fake = FakeLookup(flagged={FACTS.org_number: [Item.TAX_DEBTS, Item.BOARD]})
    first = fake.lookup(FACTS)
    assert first == fake.lookup(FACTS)
    results = {finding.item: finding.result for finding in first}
    assert results[Item.TAX_DEBTS] == Result.FLAGGED
    assert results[Item.BOARD] == Result.FLAGGED
    assert results[Item.CREDIT_RATING] == Result.OK
    assert Item.EXCLUSION_GROUNDS not in results  # skipped: left to the officer
    other = fake.lookup(ProviderFacts(org_number="5590000025", name="Annan AB"))
    assert {finding.result for finding in other} == {Result.OK}
    assert isinstance(fake, FinancialLookup)


def test_a_finding_names_a_known_item_and_result() -> None:
    with pytest.raises(ValueError, match="item"):
        ItemFinding(item="horoscope", result=Result.OK)
    with pytest.raises(ValueError, match="result"):
        ItemFinding(item=Item.VAT, result="maybe")


def test_the_setting_names_the_adapter(settings) -> None:
    assert isinstance(load_lookup(), ManualLookup)
    settings.FOLJSAM_FINANCIAL_LOOKUP = "foljsam.financial.lookup.FakeLookup"
    assert load_lookup().name == "fake"
    settings.FOLJSAM_FINANCIAL_LOOKUP = "foljsam.financial.lookup.Nothing"
    with pytest.raises(ImproperlyConfigured, match="FOLJSAM_FINANCIAL_LOOKUP"):
        load_lookup()
    settings.FOLJSAM_FINANCIAL_LOOKUP = "foljsam.financial.lookup.DEFAULT_LOOKUP"
    with pytest.raises(ImproperlyConfigured, match="no name and lookup"):
        load_lookup()
