from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory
from stdnum import luhn

from foljsam.accounts.models import Organisation
from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit


def org_number(n: int, prefix: str = "559") -> str:
    """A checksum-valid, made-up organisation number."""
    body = f"{prefix}{n:06d}"
    return body + luhn.calc_check_digit(body)


class CentralOfficeFactory(OrganisationFactory):
    code = "sof"
    name = "Socialförvaltningen"
    kind = Organisation.Kind.CENTRAL_OFFICE


class ContractAreaFactory(DjangoModelFactory[ContractArea]):
    class Meta:
        model = ContractArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Avtalsområde {n}")
    law = "LSS"
    legal_reference = "9 § 10 LSS"
    cycle_years = 3


class ProviderFactory(DjangoModelFactory[Provider]):
    class Meta:
        model = Provider
        django_get_or_create = ("org_number",)

    org_number = factory.Sequence(org_number)
    name = factory.Sequence(lambda n: f"Utförare {n} AB")
    kind = Provider.Kind.COMPANY


class CityFactory(ProviderFactory):
    org_number = "2120000142"
    name = "Stockholms stad"
    kind = Provider.Kind.MUNICIPAL


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit
        django_get_or_create = ("external_id",)

    external_id = factory.Sequence(lambda n: f"U{n:05d}")
    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Verksamhet {n}")
    address = "Testgatan 1"
    postal_code = "116 28"
    city = "Stockholm"
    district = factory.SubFactory(OrganisationFactory)
    placements = 5
    opened_on = dt.date(2020, 1, 1)


class AgreementFactory(DjangoModelFactory[Agreement]):
    class Meta:
        model = Agreement
        django_get_or_create = ("reference",)
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"SN 2020/{n:04d}")
    provider = factory.SubFactory(ProviderFactory)
    contract_area = factory.SubFactory(ContractAreaFactory)
    kind = Agreement.Kind.LOV
    signed_by = factory.SubFactory(CentralOfficeFactory)
    valid_from = dt.date(2020, 1, 1)

    @factory.post_generation
    def units(
        self, create: bool, extracted: list[Unit] | None, **kwargs: object
    ) -> None:
        if create and extracted:
            self.units.set(extracted)
