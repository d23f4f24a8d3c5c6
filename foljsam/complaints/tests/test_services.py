"""Recording and changing signals: the register's rules, the reference numbers,
whose signal it is, and what the history and the events say."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from foljsam.complaints import events
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.services import (
    signal_close,
    signal_register,
    signal_update,
)
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.core.models import Event
from foljsam.core.timeline import timeline
from foljsam.registry.tests.factories import ContractAreaFactory, UnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def category() -> SignalCategory:
    return SignalCategory.objects.get(code="bemotande")


def _register(actor, provider, category, **kwargs) -> Signal:
    values = {
        "provider": provider,
        "received_on": D(2026, 3, 2),
        "source": Signal.Source.COMPLAINT,
        "category": category,
        "summary": "Personalen bemötte anhöriga otrevligt vid två tillfällen.",
    }
    return signal_register(actor=actor, **{**values, **kwargs})


def _errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_a_district_officer_records_for_their_own_organisation(
    district_officer, district, provider, category
) -> None:
    signal = _register(district_officer, provider, category, reference="SN 2026/77")
    assert signal.reference == "SN 2026/77"
    assert signal.organisation == district
    assert signal.recorded_by == district_officer
    assert signal.status == Signal.Status.RECEIVED
    record = signal.history.get()
    assert record.history_user == district_officer
    event = Event.objects.get(action=events.RECORDED)
    assert event.target_id == str(signal.pk) and event.actor == district_officer


def test_without_a_reference_the_register_numbers_the_signal(
    district_officer, provider, category
) -> None:
    SignalFactory(reference="SIG-2026-0041")
    SignalFactory(reference="SIG-2025-0099")
    first = _register(district_officer, provider, category)
    second = _register(district_officer, provider, category, reference="  ")
    assert (first.reference, second.reference) == ("SIG-2026-0042", "SIG-2026-0043")


def test_only_the_central_office_records_for_others(
    coordinator, district_officer, other_district, provider, category
) -> None:
    signal = _register(coordinator, provider, category, organisation=other_district)
    assert signal.organisation == other_district
    with pytest.raises(ValidationError) as excinfo:
        _register(district_officer, provider, category, organisation=other_district)
    assert set(_errors(excinfo)) == {"organisation"}


def test_the_register_rules_are_kept(district_officer, provider, category) -> None:
    foreign = UnitFactory()
    SignalFactory(reference="SN 2026/1")
    cases = [
        ({"received_on": D(2026, 3, 16)}, "received_on"),
        ({"status": "closed"}, "closed_on"),
        ({"status": "closed", "closed_on": D(2026, 3, 1)}, "closed_on"),
        ({"status": "received", "closed_on": D(2026, 3, 3)}, "closed_on"),
        ({"status": "dismissed", "closed_on": D(2026, 3, 16)}, "closed_on"),
        ({"unit": foreign}, "unit"),
        ({"reference": "SN 2026/1"}, "reference"),
        ({"summary": "Gäller brukare 19121212-1212."}, "summary"),
        ({"handling_note": "Ring 121212-1212."}, "handling_note"),
        ({"summary": "x" * 1001}, "summary"),
        ({"source": "gossip"}, "source"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as excinfo:
            _register(district_officer, provider, category, **kwargs)
        assert set(_errors(excinfo)) == {field}, kwargs
    assert Signal.objects.count() == 1


def test_the_messages_are_swedish(district_officer, provider, category) -> None:
    with translation.override("sv"), pytest.raises(ValidationError) as excinfo:
        _register(district_officer, provider, category, summary="Pnr 121212-1212")
    with translation.override("sv"):
        from django.utils.translation import gettext

        expected = gettext(
            "'%(value)s' looks like a personal identity number. Never write "
            "personal data about care users here."
        ) % {"value": "121212-1212"}
    assert _errors(excinfo)["summary"] == [expected]


def test_a_closed_signal_recorded_at_once_has_its_event(
    district_officer, provider, category
) -> None:
    signal = _register(
        district_officer,
        provider,
        category,
        status=Signal.Status.CLOSED,
        closed_on=D(2026, 3, 10),
    )
    assert list(
        Event.objects.filter(target_id=str(signal.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == [events.RECORDED, events.CLOSED]


def test_update_close_and_reopen(
    district_officer, district, provider, category
) -> None:
    unit = UnitFactory(provider=provider)
    area = ContractAreaFactory()
    signal = _register(district_officer, provider, category)
    signal = signal_update(
        actor=district_officer,
        signal=signal,
        unit=unit,
        contract_area=area,
        status=Signal.Status.INVESTIGATING,
    )
    assert (signal.unit, signal.contract_area) == (unit, area)
    signal = signal_close(
        actor=district_officer,
        signal=signal,
        closed_on=D(2026, 3, 14),
        handling_note="Utföraren har tagit fram en ny rutin.",
    )
    assert signal.status == Signal.Status.CLOSED
    signal = signal_update(
        actor=district_officer,
        signal=signal,
        status=Signal.Status.INVESTIGATING,
        closed_on=None,
    )
    actions = list(
        Event.objects.filter(target_id=str(signal.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [events.RECORDED, events.CLOSED, events.REOPENED]
    dismissed = signal_close(
        actor=district_officer, signal=signal, closed_on=D(2026, 3, 15), dismissed=True
    )
    assert dismissed.status == Signal.Status.DISMISSED
    entries = timeline(dismissed)
    assert entries[0].kind == "event"
    assert {entry.who for entry in entries} == {"uppfoljare"}
    assert dismissed.history.count() == 5


def test_update_refuses_what_register_refuses(
    district_officer, coordinator, other_district, provider, category
) -> None:
    signal = _register(district_officer, provider, category)
    with pytest.raises(ValidationError) as excinfo:
        signal_update(actor=district_officer, signal=signal, status="closed")
    assert set(_errors(excinfo)) == {"closed_on"}
    with pytest.raises(ValidationError) as excinfo:
        signal_update(
            actor=district_officer, signal=signal, organisation=other_district
        )
    assert set(_errors(excinfo)) == {"organisation"}
    moved = signal_update(actor=coordinator, signal=signal, organisation=other_district)
    assert moved.organisation == other_district
    SignalFactory(reference="SN 2026/9")
    with pytest.raises(ValidationError) as excinfo:
        signal_update(actor=coordinator, signal=signal, reference="SN 2026/9")
    assert set(_errors(excinfo)) == {"reference"}
    with pytest.raises(TypeError):
        signal_update(actor=coordinator, signal=signal, recorded_by=None)
    signal.refresh_from_db()
    assert signal.status == Signal.Status.RECEIVED
