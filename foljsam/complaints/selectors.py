"""Reads of the register of signals: the pages' (scoped to who asks) and the
counts planning scores units with (city-wide, for the year's selection)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q, QuerySet

from foljsam.accounts.access import Viewer
from foljsam.complaints.choices import COUNTED_STATUSES, SignalSource
from foljsam.complaints.models import Signal
from foljsam.complaints.rules import months_before
from foljsam.core.access import visible_or_404
from foljsam.registry.models import Provider

_RELATED = ("provider", "unit", "contract_area", "category", "organisation")


@dataclass(frozen=True, slots=True)
class SignalFilters:
    q: str = ""
    source: str = ""
    status: str = ""
    category: int | None = None
    contract_area: int | None = None
    provider: int | None = None
    year: int | None = None  # the year the signal was received


def signal_list(
    *, user: Viewer, filters: SignalFilters | None = None
) -> QuerySet[Signal]:
    """The signals ``user`` may see, newest first, with everything the list shows
    fetched in the same query."""
    filters = filters or SignalFilters()
    signals = Signal.objects.visible_to(user).select_related(*_RELATED)
    if filters.q:
        signals = signals.filter(
            Q(reference__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
            | Q(unit__name__icontains=filters.q)
            | Q(unit__external_id__iexact=filters.q)
        )
    if filters.source:
        signals = signals.filter(source=filters.source)
    if filters.status:
        signals = signals.filter(status=filters.status)
    if filters.category:
        signals = signals.filter(category_id=filters.category)
    if filters.contract_area:
        signals = signals.filter(contract_area_id=filters.contract_area)
    if filters.provider:
        signals = signals.filter(provider_id=filters.provider)
    if filters.year:
        signals = signals.filter(received_on__year=filters.year)
    return signals.order_by("-received_on", "-pk")


def signal_detail(*, user: Viewer, pk: int) -> Signal:
    """One signal, or 404 when it does not exist for ``user``."""
    return visible_or_404(
        Signal.objects.visible_to(user).select_related(*_RELATED, "recorded_by"),
        pk=pk,
    )


def signal_providers(*, user: Viewer) -> QuerySet[Provider]:
    """Providers with a signal ``user`` may see: the list's provider filter offers
    these, not every provider of the city."""
    visible = Signal.objects.visible_to(user).values("provider_id")
    return Provider.objects.filter(pk__in=visible).order_by("name")


# Planning's read -----------------------------------------------------------------


class SignalCounts(NamedTuple):
    recent: int = 0  # received in the last window (12 months), flags excluded
    older: int = 0  # received in the window before it (12 to 24 months ago)
    flags: int = 0  # financial-check flags in both windows together


Key = tuple[int, int | None]  # (unit or provider id, contract area id or None)


@dataclass(frozen=True, slots=True)
class RiskSignalCounts:
    """Signal counts by where they point, summed per unit on request.

    ``by_unit`` holds the signals about one unit, ``by_provider`` those about a
    provider as a whole (no unit), each keyed by the contract area they concern
    (None: every area).
    """

    as_of: dt.date
    by_unit: Mapping[Key, tuple[int, int, int]] = field(default_factory=dict)
    by_provider: Mapping[Key, tuple[int, int, int]] = field(default_factory=dict)
    # Every area together, for a question that names no area.
    unit_totals: Mapping[int, tuple[int, int, int]] = field(default_factory=dict)
    provider_totals: Mapping[int, tuple[int, int, int]] = field(default_factory=dict)

    def for_unit(
        self, unit_id: int, provider_id: int, area_id: int | None
    ) -> SignalCounts:
        """What counts for the unit in the area: its own signals for that area or
        for every area, and its provider's signals (without a unit) likewise.
        Without an area, every signal of the unit and of its provider counts."""
        if area_id is None:
            parts = [
                self.unit_totals.get(unit_id),
                self.provider_totals.get(provider_id),
            ]
        else:
            parts = [
                self.by_unit.get((unit_id, None)),
                self.by_unit.get((unit_id, area_id)),
                self.by_provider.get((provider_id, None)),
                self.by_provider.get((provider_id, area_id)),
            ]
        found = [part for part in parts if part is not None]
        return SignalCounts(*(sum(values) for values in zip(*found, strict=True)))


def risk_signal_counts(
    *, as_of: dt.date, windows: tuple[int, int] = (12, 24)
) -> RiskSignalCounts:
    """How many signals count for each unit as of ``as_of`` (issue 5: "complaints
    received, signals and deviation reports" among the selection's risks).

    A signal counts unless it was dismissed as unfounded (``COUNTED_STATUSES``).
    ``recent`` are those received in the ``windows[0]`` months up to and including
    ``as_of``, ``older`` those in the ``windows[1]`` months before that but not in
    the recent window; financial-check flags are counted apart, over both. A
    signal received after ``as_of`` does not count yet.

    City-wide: the selection is the central office's, and scores every unit. One
    query; the counting is one pass over the signals, and ``for_unit`` a look-up.
    """
    recent_window, whole_window = windows
    if not 0 < recent_window < whole_window:
        raise ValueError("windows must be two increasing numbers of months")
    recent_from = months_before(as_of, recent_window)  # exclusive
    older_from = months_before(as_of, whole_window)  # exclusive
    rows: Iterable[tuple[int | None, int, int | None, str, dt.date]] = (
        Signal.objects.filter(
            status__in=sorted(COUNTED_STATUSES),
            received_on__gt=older_from,
            received_on__lte=as_of,
        )
        .order_by()
        .values_list(
            "unit_id", "provider_id", "contract_area_id", "source", "received_on"
        )
    )
    by_unit: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_provider: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    unit_totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    provider_totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for unit_id, provider_id, area_id, source, received_on in rows:
        if source == SignalSource.FINANCIAL_CHECK:
            index = 2
        else:
            index = 0 if received_on > recent_from else 1
        if unit_id is not None:
            by_unit[(unit_id, area_id)][index] += 1
            unit_totals[unit_id][index] += 1
        else:
            by_provider[(provider_id, area_id)][index] += 1
            provider_totals[provider_id][index] += 1
    return RiskSignalCounts(
        as_of=as_of,
        by_unit={key: (a, b, c) for key, (a, b, c) in by_unit.items()},
        by_provider={key: (a, b, c) for key, (a, b, c) in by_provider.items()},
        unit_totals={key: (a, b, c) for key, (a, b, c) in unit_totals.items()},
        provider_totals={key: (a, b, c) for key, (a, b, c) in provider_totals.items()},
    )
