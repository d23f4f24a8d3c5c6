"""Who sees which checks, and the annual report's latest flags."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foljsam.financial.choices import Item, Result
from foljsam.financial.models import CheckItem
from foljsam.financial.selectors import check_list, checks_for_followup, latest_flags
from foljsam.financial.tests.factories import FinancialCheckFactory
from foljsam.registry.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _flag(check, *items: str) -> None:
    for item in CheckItem.objects.filter(financial_check=check, item__in=items):
        item.result = Result.FLAGGED
        item.checked_on = check.checked_on
        item.save()


def test_a_district_sees_its_own_checks_and_those_of_its_follow_ups(
    coordinator,
    committee_reader,
    district_officer,
    organisation_reader,
    provider_user,
    district,
    other_district,
    central_office,
    provider,
    followup,
    other_followup,
) -> None:
    own = FinancialCheckFactory(provider=provider, organisation=district)
    for_our_followup = FinancialCheckFactory(
        provider=provider, organisation=central_office, followup=followup
    )
    theirs = FinancialCheckFactory(organisation=other_district, followup=other_followup)
    screening = FinancialCheckFactory(organisation=central_office)
    assert set(check_list(user=district_officer)) == {own, for_our_followup}
    everything = {own, for_our_followup, theirs, screening}
    assert set(check_list(user=coordinator)) == everything
    assert set(check_list(user=committee_reader)) == everything
    assert not check_list(user=organisation_reader).exists()
    assert not check_list(user=provider_user).exists()
    assert list(check_list(user=coordinator, provider=provider.pk)) == [
        for_our_followup,
        own,
    ]
    assert list(checks_for_followup(user=district_officer, followup=followup)) == [
        for_our_followup
    ]
    assert not checks_for_followup(user=district_officer, followup=other_followup)


def test_the_list_counts_flags_and_open_items(coordinator) -> None:
    check = FinancialCheckFactory()
    _flag(check, Item.BOARD, Item.VAT)
    (row,) = check_list(user=coordinator)
    assert (row.flagged_count, row.open_count) == (2, 6)


def test_latest_flags_reads_each_provider_latest_check() -> None:
    a, b, none = ProviderFactory(), ProviderFactory(), ProviderFactory()
    old = FinancialCheckFactory(provider=a, checked_on=D(2025, 5, 1))
    _flag(old, Item.CREDIT_RATING)
    new = FinancialCheckFactory(provider=a, checked_on=D(2026, 2, 1))
    _flag(new, Item.EXCLUSION_GROUNDS, Item.F_TAX)
    clean = FinancialCheckFactory(provider=b, checked_on=D(2026, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        flags = latest_flags(provider_ids=[a.pk, b.pk, none.pk])
    assert len(queries) == 2
    assert set(flags) == {a.pk, b.pk}
    assert flags[a.pk].check_id == new.pk
    assert flags[a.pk].flagged == (Item.F_TAX, Item.EXCLUSION_GROUNDS)
    assert (flags[b.pk].check_id, flags[b.pk].flagged) == (clean.pk, ())
