"""Reads of the register: who sees which signals, the list's filters, and the
counts planning scores units with (hand-computed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from foljsam.accounts.access import SYSTEM
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.selectors import (
    SignalCounts,
    SignalFilters,
    risk_signal_counts,
    signal_detail,
    signal_list,
    signal_providers,
)
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.registry.tests.factories import (
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def signals(district, other_district, education_office, provider, other_provider):
    unit = UnitFactory(provider=provider, name="Solgläntan", external_id="SOL-1")
    return {
        "ours": SignalFactory(
            reference="KL-1",
            provider=provider,
            unit=unit,
            organisation=district,
            summary="Sen personal vid hämtning.",
        ),
        "theirs": SignalFactory(
            reference="KL-2",
            provider=other_provider,
            organisation=other_district,
            source=Signal.Source.LEX_SARAH,
            received_on=D(2025, 5, 1),
        ),
        "school": SignalFactory(
            reference="KL-3", provider=provider, organisation=education_office
        ),
    }


def _refs(queryset) -> set[str]:
    return {s.reference for s in queryset}


def test_each_reader_sees_what_their_organisation_recorded(
    signals,
    coordinator,
    district_officer,
    other_district_officer,
    organisation_reader,
    committee_reader,
    provider_user,
    system_administrator,
) -> None:
    assert _refs(signal_list(user=coordinator)) == {"KL-1", "KL-2", "KL-3"}
    assert _refs(signal_list(user=SYSTEM)) == {"KL-1", "KL-2", "KL-3"}
    assert _refs(signal_list(user=district_officer)) == {"KL-1"}
    assert _refs(signal_list(user=other_district_officer)) == {"KL-2"}
    assert _refs(signal_list(user=organisation_reader)) == {"KL-3"}
    # Neither the committee, the providers nor the administrators read them.
    assert _refs(signal_list(user=committee_reader)) == set()
    assert _refs(signal_list(user=provider_user)) == set()
    assert _refs(signal_list(user=system_administrator)) == set()


def test_another_organisations_signal_is_not_found(
    signals, district_officer, provider_user, coordinator
) -> None:
    assert signal_detail(user=district_officer, pk=signals["ours"].pk).unit.name == (
        "Solgläntan"
    )
    for user in (district_officer, provider_user):
        with pytest.raises(Http404):
            signal_detail(user=user, pk=signals["theirs"].pk)
    with pytest.raises(Http404):
        signal_detail(user=coordinator, pk=987654)


def test_filters(signals, coordinator, provider) -> None:
    def refs(**kwargs) -> set[str]:
        return _refs(signal_list(user=coordinator, filters=SignalFilters(**kwargs)))

    assert refs(q="hämtning") == {"KL-1"}  # the summary
    assert refs(q="kl-2") == {"KL-2"}  # the reference
    assert refs(q="Andra Utförare") == {"KL-2"}  # the provider
    assert refs(q="solglänt") == {"KL-1"}  # the unit's name
    assert refs(q="SOL-1") == {"KL-1"}  # the unit's id
    assert refs(source="lex_sarah") == {"KL-2"}
    assert refs(status="received") == {"KL-1", "KL-2", "KL-3"}
    assert refs(status="closed") == set()
    assert refs(provider=provider.pk) == {"KL-1", "KL-3"}
    assert refs(year=2025) == {"KL-2"}
    category = SignalCategory.objects.get(code="ekonomi")
    assert refs(category=category.pk) == set()
    area = ContractAreaFactory()
    signals["school"].contract_area = area
    signals["school"].save()
    assert refs(contract_area=area.pk) == {"KL-3"}


def test_the_provider_filter_offers_providers_with_visible_signals(
    signals, district_officer, provider, other_provider
) -> None:
    ProviderFactory(name="Utan signaler AB")
    assert list(signal_providers(user=district_officer)) == [provider]


def test_the_list_fetches_its_rows_in_one_query(signals, coordinator) -> None:
    listed = signal_list(user=coordinator)  # reads the user's roles once
    with CaptureQueriesContext(connection) as queries:
        rows = list(listed)
        for signal in rows:
            str(signal.provider), str(signal.unit), str(signal.contract_area)
            str(signal.category), str(signal.organisation)
    assert len(queries) == 1


# Planning's counts ------------------------------------------------------------

AS_OF = D(2026, 3, 15)  # recent: 2025-03-16 .. 2026-03-15; older: 2024-03-16 ..


@pytest.fixture
def risk(district):
    p, q = ProviderFactory(), ProviderFactory()
    u1, u2 = UnitFactory(provider=p), UnitFactory(provider=p)
    u3 = UnitFactory(provider=q)
    a, b = ContractAreaFactory(), ContractAreaFactory()
    closed = {"status": Signal.Status.CLOSED, "closed_on": AS_OF}

    def signal(received, provider=p, unit=None, area=None, **kwargs):
        return SignalFactory(
            provider=provider,
            unit=unit,
            contract_area=area,
            received_on=received,
            organisation=district,
            **kwargs,
        )

    signal(D(2026, 1, 10), unit=u1)  # 1: u1, every area, recent
    signal(D(2025, 6, 1), unit=u1, area=a, source="deviation", **closed)  # 2
    signal(D(2024, 12, 1), unit=u1, area=b, status="investigating")  # 3: older
    signal(D(2025, 3, 15), provider=p)  # 4: p, every area; 12 months ago: older
    signal(D(2025, 3, 16), provider=p, area=a)  # 5: p's units in a, recent
    signal(D(2026, 2, 1), unit=u1, status="dismissed", closed_on=AS_OF)  # 6: no
    signal(D(2024, 6, 1), unit=u1, source="financial_check")  # 7: a flag
    signal(D(2024, 3, 15), provider=p, source="financial_check")  # 8: too old
    signal(D(2026, 3, 16), unit=u1)  # 9: after as_of: not yet
    signal(D(2026, 1, 1), provider=q, unit=u3)  # 10: u3 only
    signal(D(2024, 3, 16), provider=p)  # 11: p, older (the first day in)
    signal(D(2025, 12, 24), unit=u2, area=b)  # 12: u2 in b, recent
    return {"p": p, "q": q, "u1": u1, "u2": u2, "u3": u3, "a": a, "b": b}


def test_risk_signal_counts_by_unit_and_area(risk) -> None:
    with CaptureQueriesContext(connection) as queries:
        counts = risk_signal_counts(as_of=AS_OF)
    assert len(queries) == 1
    p, q = risk["p"].pk, risk["q"].pk
    u1, u2, u3 = risk["u1"].pk, risk["u2"].pk, risk["u3"].pk
    a, b = risk["a"].pk, risk["b"].pk
    with CaptureQueriesContext(connection) as queries:
        # u1 in a: 1, 2 and 5 recent; 4 and 11 older; flag 7.
        assert counts.for_unit(u1, p, a) == (3, 2, 1)
        # u1 in b: 1 recent; 3, 4 and 11 older; flag 7.
        assert counts.for_unit(u1, p, b) == (1, 3, 1)
        # u2 in a: 5 recent (the provider's, in a); 4 and 11 older.
        assert counts.for_unit(u2, p, a) == (1, 2, 0)
        # u2 in b: 12 recent; 4 and 11 older.
        assert counts.for_unit(u2, p, b) == (1, 2, 0)
        # u3 (another provider): 10 only, whatever the area.
        assert counts.for_unit(u3, q, a) == (1, 0, 0)
        # No area asked for: every signal of the unit and of its provider.
        assert counts.for_unit(u1, p, None) == (3, 3, 1)
        # A unit without signals.
        assert counts.for_unit(999_999, 999_998, a) == SignalCounts(0, 0, 0)
    assert len(queries) == 0
    recent, older, flags = counts.for_unit(u1, p, a)
    assert (recent, older, flags) == (3, 2, 1)


def test_risk_windows_can_be_chosen(risk) -> None:
    p, u1, a = risk["p"].pk, risk["u1"].pk, risk["a"].pk
    # Six and twelve months: recent from 2025-09-16 (1 only); older from
    # 2025-03-16 (2 and 5); the flag of 2024 is out.
    counts = risk_signal_counts(as_of=AS_OF, windows=(6, 12))
    assert counts.for_unit(u1, p, a) == (1, 2, 0)
    with pytest.raises(ValueError):
        risk_signal_counts(as_of=AS_OF, windows=(24, 12))
