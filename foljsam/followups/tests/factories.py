from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.followups.models import FollowUp
from foljsam.registry.tests.factories import ContractAreaFactory, UnitFactory


class FollowUpFactory(DjangoModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    year = 2027
    unit = factory.SubFactory(UnitFactory)
    provider = factory.LazyAttribute(lambda o: o.unit.provider)
    contract_area = factory.SubFactory(ContractAreaFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = FollowUp.Status.ASSIGNED
