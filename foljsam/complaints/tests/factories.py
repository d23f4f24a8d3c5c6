from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.registry.tests.factories import ProviderFactory


class SignalFactory(DjangoModelFactory[Signal]):
    class Meta:
        model = Signal
        django_get_or_create = ("reference",)

    reference = factory.Sequence(lambda n: f"KL 2026/{n:04d}")
    provider = factory.SubFactory(ProviderFactory)
    unit = None
    received_on = dt.date(2026, 3, 1)
    source = Signal.Source.COMPLAINT
    category = factory.LazyFunction(
        lambda: SignalCategory.objects.order_by("position").first()
    )
    summary = "Klagomål på bemötande från personalen."
    organisation = factory.SubFactory(OrganisationFactory)
