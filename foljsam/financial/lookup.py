"""The port through which an automatic lookup fills a financial check.

Seed 004 describes a check made by hand in outside registers: "ekonomisk kontroll
där kreditbetyg, F-skatt, arbetsgivaravgifter, skulder och registrering av
utförarens företag har ingått", with UC's credit report ("med hjälp av UC
kreditupplysning") and the web tool "Kapitel 13" for the grounds for exclusion in
procurement law. A city that buys an automatic lookup (a credit-reporting agency's
interface, say) writes an adapter: a class with a ``name`` and a ``lookup()``
that turns a provider's organisation number into findings per item, and names it
in the setting ``FOLJSAM_FINANCIAL_LOOKUP``. Följsam ships two:

* ``ManualLookup``, the default: it finds nothing, and the officer records each
  item on the check's page;
* ``FakeLookup``, for tests and demonstrations: deterministic findings from the
  organisation number alone.

Plain data in and out, no database: an adapter never writes; the service that
starts a check stores what it returns and turns flags into risk signals.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from foljsam.financial.choices import Item, Result

DEFAULT_LOOKUP = "foljsam.financial.lookup.ManualLookup"


@dataclass(frozen=True, slots=True)
class ProviderFacts:
    """What an adapter is told about the provider: nothing about care users."""

    org_number: str  # ten digits, no hyphen
    name: str


@dataclass(frozen=True, slots=True)
class ItemFinding:
    """What a lookup found for one item of the check."""

    item: str  # an ``Item`` value
    result: str  # a ``Result`` value
    source: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.item not in Item.values:
            raise ValueError(f"unknown check item {self.item!r}")
        if self.result not in Result.values:
            raise ValueError(f"unknown result {self.result!r}")


@runtime_checkable
class FinancialLookup(Protocol):
    """An adapter. ``lookup`` returns at most one finding per item; items it says
    nothing about stay "not checked" for the officer. An adapter that cannot reach
    its source returns no findings rather than failing the check."""

    name: str

    def lookup(self, provider: ProviderFacts) -> list[ItemFinding]: ...


class ManualLookup:
    """The officer looks each item up and records it: nothing is filled in."""

    name = "manual"

    def lookup(self, provider: ProviderFacts) -> list[ItemFinding]:
        return []


@dataclass(frozen=True)
class FakeLookup:
    """Deterministic findings for tests and demonstrations: every item is OK,
    except the ``skipped`` items (left not checked) and, for the organisation
    numbers in ``flagged``, the items named there (flagged)."""

    flagged: Mapping[str, Collection[str]] = field(default_factory=dict)
    skipped: Collection[str] = (Item.EXCLUSION_GROUNDS,)
    source: str = "Testkälla"
    name: str = "fake"

    def lookup(self, provider: ProviderFacts) -> list[ItemFinding]:
        flagged = set(self.flagged.get(provider.org_number, ()))
        findings = []
        for item in Item.values:
            if item in flagged:
                result = Result.FLAGGED
            elif item in self.skipped:
                continue
            else:
                result = Result.OK
            findings.append(ItemFinding(item=item, result=result, source=self.source))
        return findings


def load_lookup(path: str | None = None) -> FinancialLookup:
    """The adapter the setting ``FOLJSAM_FINANCIAL_LOOKUP`` names (a dotted path to
    a class, made with no arguments, or to a ready object). Read when a check
    starts, never at import, so that tests can change the setting."""
    path = path or getattr(settings, "FOLJSAM_FINANCIAL_LOOKUP", "") or DEFAULT_LOOKUP
    try:
        found = import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"FOLJSAM_FINANCIAL_LOOKUP: cannot import {path!r} ({error})."
        ) from error
    adapter = found() if isinstance(found, type) else found
    if not isinstance(adapter, FinancialLookup):
        raise ImproperlyConfigured(
            f"FOLJSAM_FINANCIAL_LOOKUP: {path!r} has no name and lookup()."
        )
    return adapter
