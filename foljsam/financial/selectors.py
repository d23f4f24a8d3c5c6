"""Reads of financial checks: every one that depends on who asks starts from
``FinancialCheck.objects.visible_to(user)``; ``latest_flags`` is the annual
report's (city-wide: the report is the central office's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from foljsam.accounts.access import Viewer
from foljsam.core.access import visible_or_404
from foljsam.financial.choices import Item, Result
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider

_RELATED = (
    "provider",
    "organisation",
    "followup__unit",
    "followup__contract_area",
)


def _with_counts(checks: QuerySet[FinancialCheck]) -> QuerySet[FinancialCheck]:
    """How many items are flagged, and how many are still not checked."""
    return checks.annotate(
        flagged_count=Count("items", filter=Q(items__result=Result.FLAGGED)),
        open_count=Count("items", filter=Q(items__result=Result.NOT_CHECKED)),
    )


def items_in_order() -> QuerySet[CheckItem]:
    """A check's items in the order of the list (seed 004's order), with their
    evidence file and risk signal."""
    position = Case(
        *[When(item=value, then=Value(index)) for index, value in enumerate(Item)],
        output_field=IntegerField(),
    )
    return (
        CheckItem.objects.select_related("evidence", "signal")
        .annotate(position=position)
        .order_by("position")
    )


def check_list(
    *, user: Viewer, provider: int | None = None, q: str = ""
) -> QuerySet[FinancialCheck]:
    """The checks ``user`` may see, newest first, with what the list shows in the
    same query."""
    checks = FinancialCheck.objects.visible_to(user).select_related(*_RELATED)
    if provider:
        checks = checks.filter(provider_id=provider)
    if q:
        checks = checks.filter(
            Q(provider__name__icontains=q) | Q(provider__org_number__contains=q)
        )
    return _with_counts(checks).order_by("-checked_on", "-pk")


def check_providers(*, user: Viewer) -> QuerySet[Provider]:
    """Providers with a check ``user`` may see: the list's provider filter."""
    visible = FinancialCheck.objects.visible_to(user).values("provider_id")
    return Provider.objects.filter(pk__in=visible).order_by("name")


def check_detail(*, user: Viewer, pk: int) -> FinancialCheck:
    """One check with its items, or 404 when it does not exist for ``user``."""
    return visible_or_404(
        FinancialCheck.objects.visible_to(user)
        .select_related(*_RELATED, "followup__provider", "created_by")
        .prefetch_related(Prefetch("items", queryset=items_in_order())),
        pk=pk,
    )


def checks_for_followup(
    *, user: Viewer, followup: FollowUp
) -> QuerySet[FinancialCheck]:
    """The checks made for one follow-up that ``user`` may see (the follow-up's
    page), newest first, with their counts."""
    checks = (
        FinancialCheck.objects.visible_to(user)
        .filter(followup_id=followup.pk)
        .select_related("organisation")
    )
    return _with_counts(checks).order_by("-checked_on", "-pk")


@dataclass(frozen=True, slots=True)
class ProviderFlags:
    """A provider's latest check and the items it flagged (empty: none)."""

    provider_id: int
    check_id: int
    checked_on: dt.date
    flagged: tuple[str, ...]  # ``Item`` values, in the list's order


def latest_flags(*, provider_ids: Collection[int]) -> dict[int, ProviderFlags]:
    """For each provider with a check, its latest check (by date, then the one
    recorded last) and what that check flagged: the annual report's "the
    financial-check findings" (seed 004: "Inga särskilda avvikelser gällande
    ekonomiska kontroller har konstaterats"). City-wide, two queries."""
    latest: dict[int, tuple[int, dt.date]] = {}
    rows = (
        FinancialCheck.objects.filter(provider_id__in=list(provider_ids))
        .order_by("provider_id", "-checked_on", "-pk")
        .values_list("provider_id", "pk", "checked_on")
    )
    for provider_id, check_id, checked_on in rows:
        latest.setdefault(provider_id, (check_id, checked_on))
    flagged: dict[int, set[str]] = {}
    for check_id, item in CheckItem.objects.filter(
        financial_check_id__in=[check_id for check_id, _day in latest.values()],
        result=Result.FLAGGED,
    ).values_list("financial_check_id", "item"):
        flagged.setdefault(check_id, set()).add(item)
    order = list(Item.values)
    return {
        provider_id: ProviderFlags(
            provider_id=provider_id,
            check_id=check_id,
            checked_on=checked_on,
            flagged=tuple(sorted(flagged.get(check_id, ()), key=order.index)),
        )
        for provider_id, (check_id, checked_on) in latest.items()
    }
