"""The demo's financial checks: a few of the year's follow-ups, through the
services, once."""

from __future__ import annotations

import datetime as dt

import pytest

from foljsam.complaints.models import Signal
from foljsam.demo.financial_data import load_financial_checks
from foljsam.financial.choices import Item, Result
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_the_demo_checks_a_few_follow_ups_once(
    district, other_district, central_office
) -> None:
    for organisation in (district, other_district, central_office):
        FollowUpFactory(year=2026, unit=UnitFactory(), organisation=organisation)
    FollowUpFactory(year=2025, unit=UnitFactory(), organisation=district)
    assert load_financial_checks(today=dt.date(2026, 3, 15)) == 3
    assert FinancialCheck.objects.filter(followup__year=2026).count() == 3
    assert CheckItem.objects.count() == 24
    flagged = CheckItem.objects.get(result=Result.FLAGGED)
    assert flagged.item == Item.TAX_DEBTS and flagged.signal == Signal.objects.get()
    assert CheckItem.objects.filter(result=Result.OK).count() == 23
    assert (
        CheckItem.objects.filter(
            item=Item.CREDIT_RATING, evidence__isnull=False
        ).count()
        == 3
    )
    assert load_financial_checks(today=dt.date(2026, 3, 15)) == 0
