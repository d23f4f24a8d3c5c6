from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.financial.choices import Item
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.registry.tests.factories import ProviderFactory

# The smallest file the upload checks take for a PDF.
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class FinancialCheckFactory(DjangoModelFactory[FinancialCheck]):
    """A check with its eight items, all "not checked" (as the manual lookup
    leaves them)."""

    class Meta:
        model = FinancialCheck
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    checked_on = dt.date(2026, 3, 2)
    followup = None
    organisation = factory.SubFactory(OrganisationFactory)
    lookup = "manual"

    @factory.post_generation
    def items(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            for value in Item.values:
                CheckItem.objects.create(financial_check=self, item=value)
