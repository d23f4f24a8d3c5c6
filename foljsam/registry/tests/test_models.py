"""Database constraints and model validation: the last line of defence, with
messages a person can read when a form (the admin) runs into them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from foljsam.accounts.models import Organisation
from foljsam.registry.models import Agreement, ResponsibilityRule, Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    CityFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _refused(obj: object, language: str = "en") -> ValidationError:
    """full_clean()'s error, its messages rendered in ``language``."""
    with translation.override(language), pytest.raises(ValidationError) as caught:
        obj.full_clean()  # type: ignore[attr-defined]
    with translation.override(language):
        caught.value.rendered = " ".join(str(m) for m in caught.value.messages)  # type: ignore[attr-defined]
    return caught.value


def test_a_named_target_needs_its_organisation_with_a_readable_message() -> None:
    rule = ResponsibilityRule(responsible="named", performer="central_office")
    error = _refused(rule, "sv")
    assert "namngiven organisation" in error.rendered
    assert "rule_responsible_named_iff_organisation" not in error.rendered


def test_two_active_rules_with_the_same_criteria_are_refused() -> None:
    existing = ResponsibilityRule.objects.get(agreement_kind="lov", regime="private")
    copy = ResponsibilityRule(
        agreement_kind="lov",
        regime="private",
        responsible="central_office",
        performer="central_office",
    )
    assert "same criteria" in _refused(copy).rendered
    copy.is_active = False
    copy.full_clean()  # an inactive copy is allowed, to keep history of rules
    assert existing.is_active


def test_only_one_central_office() -> None:
    CentralOfficeFactory()
    second = Organisation(code="sof2", name="Andra", kind="central_office")
    assert (
        "Only one organisation can be the central office" in _refused(second).rendered
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_mission_description_has_no_signatory_even_bypassing_forms() -> None:
    unit = UnitFactory(provider=CityFactory(), operated_by=CentralOfficeFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(
            provider=unit.provider, kind=Agreement.Kind.MISSION, units=[unit]
        )


def test_the_city_cannot_contract_itself() -> None:
    agreement = Agreement(
        reference="X 1",
        provider=CityFactory(),
        contract_area=AgreementFactory().contract_area,
        kind=Agreement.Kind.LOV,
        signed_by=CentralOfficeFactory(),
        valid_from=dt.date(2024, 1, 1),
    )
    assert "mission description" in _refused(agreement).rendered


def test_dates_in_order() -> None:
    unit = UnitFactory.build(
        opened_on=dt.date(2024, 5, 1), closed_on=dt.date(2024, 1, 1)
    )
    unit.provider.save()
    unit.district.save()
    assert "cannot close before it opens" in _refused(unit).rendered
    agreement = AgreementFactory.build(
        valid_from=dt.date(2024, 5, 1), valid_to=dt.date(2024, 1, 1)
    )
    for related in (agreement.provider, agreement.contract_area, agreement.signed_by):
        related.save()
    assert "cannot end before it starts" in _refused(agreement).rendered


def test_own_units_say_who_runs_them() -> None:
    unit = Unit(external_id="E1", provider=CityFactory(), name="Egen")
    assert "operated_by" in _refused(unit).message_dict


def test_an_agreement_covers_only_its_providers_units() -> None:
    from foljsam.registry.models import Coverage

    agreement = AgreementFactory()
    foreign = UnitFactory()
    coverage = Coverage(agreement=agreement, unit=foreign)
    assert "unit" in _refused(coverage).message_dict
    own = UnitFactory(provider=agreement.provider)
    Coverage(agreement=agreement, unit=own).full_clean()
