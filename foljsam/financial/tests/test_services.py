"""Starting a check and recording its items: the eight items from the lookup,
flags that become exactly one risk signal each, closed again when the item is
found OK, and who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from foljsam.complaints.models import Signal
from foljsam.core import files
from foljsam.core.models import Event, StoredFile
from foljsam.financial import events
from foljsam.financial.choices import Item, Result
from foljsam.financial.lookup import FakeLookup
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.financial.services import check_item_record, financial_check_start
from foljsam.financial.tests.factories import PDF

pytestmark = pytest.mark.django_db
D = dt.date


def _start(actor, provider=None, organisation=None, **kwargs) -> FinancialCheck:
    values = {"on": D(2026, 3, 10), "provider": provider, "organisation": organisation}
    return financial_check_start(actor=actor, **{**values, **kwargs})


def _item(check: FinancialCheck, item: str) -> CheckItem:
    return check.items.get(item=item)


def _record(actor, item: CheckItem, **kwargs) -> CheckItem:
    values = {
        "result": Result.OK,
        "source": "Skatteverket",
        "checked_on": D(2026, 3, 12),
        "note": "",
    }
    return check_item_record(actor=actor, item=item, **{**values, **kwargs})


def test_a_check_starts_with_the_eight_items_the_lookup_filled(
    coordinator, central_office, provider
) -> None:
    fake = FakeLookup(flagged={provider.org_number: [Item.TAX_DEBTS]})
    check = _start(coordinator, provider, central_office, lookup=fake)
    assert check.lookup == "fake"
    results = dict(check.items.values_list("item", "result"))
    assert set(results) == set(Item.values)
    assert results[Item.TAX_DEBTS] == Result.FLAGGED
    assert results[Item.EXCLUSION_GROUNDS] == Result.NOT_CHECKED
    assert results[Item.CREDIT_RATING] == Result.OK
    credit = _item(check, Item.CREDIT_RATING)
    assert (credit.source, credit.checked_on) == ("Testkälla", D(2026, 3, 10))
    assert _item(check, Item.EXCLUSION_GROUNDS).checked_on is None
    # The flag is a risk signal at once.
    signal = Signal.objects.get()
    assert _item(check, Item.TAX_DEBTS).signal == signal
    assert signal.source == Signal.Source.FINANCIAL_CHECK
    assert signal.category.code == "ekonomi"
    assert (signal.provider, signal.unit, signal.organisation) == (
        provider,
        None,
        central_office,
    )
    event = Event.objects.get(action=events.STARTED)
    assert event.target_id == str(check.pk) and event.data["flagged"] == 1
    assert check.history.get().history_user == coordinator


def test_the_setting_names_the_lookup(
    settings, coordinator, central_office, provider
) -> None:
    manual = _start(coordinator, provider, central_office)
    assert manual.lookup == "manual"
    assert set(manual.items.values_list("result", flat=True)) == {Result.NOT_CHECKED}
    settings.FOLJSAM_FINANCIAL_LOOKUP = "foljsam.financial.lookup.FakeLookup"
    fake = _start(coordinator, provider, central_office)
    assert fake.lookup == "fake"
    assert fake.items.filter(result=Result.OK).count() == 7
    assert not Signal.objects.exists()


def test_a_flag_becomes_exactly_one_signal(
    district_officer, district, provider, followup
) -> None:
    check = _start(district_officer, provider, district, followup=followup)
    item = _item(check, Item.TAX_DEBTS)
    _record(district_officer, item, result=Result.FLAGGED, source="Kronofogden")
    _record(
        district_officer,
        item,
        result=Result.FLAGGED,
        source="Kronofogden",
        note="Skulden kvarstår.",
    )
    signal = Signal.objects.get()
    item.refresh_from_db()
    assert item.signal == signal
    # About the follow-up's unit and contract area, recorded by the district.
    assert (signal.unit, signal.contract_area) == (
        followup.unit,
        followup.contract_area,
    )
    assert signal.organisation == district
    assert signal.received_on == D(2026, 3, 12)
    with translation.override(settings.LANGUAGE_CODE):
        label = str(Item.TAX_DEBTS.label)
    assert label in signal.summary and provider.name in signal.summary
    assert "Skulden" not in signal.summary  # the note stays on the check
    recorded = Event.objects.filter(action=events.ITEM_RECORDED)
    assert recorded.count() == 2
    assert recorded.first().data["signal"] == signal.reference


def test_recorded_ok_later_closes_the_signal_and_a_new_flag_reopens_it(
    district_officer, district, provider, followup
) -> None:
    check = _start(district_officer, provider, district, followup=followup)
    item = _item(check, Item.F_TAX)
    _record(district_officer, item, result=Result.FLAGGED, checked_on=D(2026, 3, 11))
    _record(district_officer, item, result=Result.OK, checked_on=D(2026, 3, 14))
    signal = Signal.objects.get()
    assert signal.status == Signal.Status.CLOSED
    assert signal.closed_on == D(2026, 3, 14)
    assert "2026-03-14" in signal.handling_note
    _record(district_officer, item, result=Result.FLAGGED, checked_on=D(2026, 3, 15))
    signal.refresh_from_db()
    assert Signal.objects.count() == 1
    assert (signal.status, signal.closed_on) == (Signal.Status.RECEIVED, None)


def test_a_district_flag_on_the_central_office_check_is_the_district_signal(
    coordinator, central_office, district_officer, district, provider, followup
) -> None:
    check = _start(coordinator, provider, central_office, followup=followup)
    _record(district_officer, _item(check, Item.BOARD), result=Result.FLAGGED)
    assert Signal.objects.get().organisation == district


def test_only_those_who_perform_follow_ups_write(
    committee_reader, organisation_reader, central_office, provider, coordinator
) -> None:
    for actor in (committee_reader, organisation_reader):
        with pytest.raises(PermissionDenied):
            _start(actor, provider, central_office)
    check = _start(coordinator, provider, central_office)
    for actor in (committee_reader, organisation_reader):
        with pytest.raises(PermissionDenied):
            _record(actor, _item(check, Item.VAT))
    assert _item(check, Item.VAT).result == Result.NOT_CHECKED
    assert FinancialCheck.objects.count() == 1


def test_another_district_cannot_touch_a_check_it_does_not_see(
    district_officer, district, other_district_officer, provider, followup
) -> None:
    check = _start(district_officer, provider, district, followup=followup)
    with pytest.raises(PermissionDenied):
        _record(other_district_officer, _item(check, Item.VAT))
    with pytest.raises(PermissionDenied):
        _start(
            other_district_officer,
            provider,
            other_district_officer.organisation,
            followup=followup,
        )
    assert FinancialCheck.objects.count() == 1
    assert _item(check, Item.VAT).result == Result.NOT_CHECKED


def test_the_rules_of_starting(
    district_officer, district, other_district, provider, other_provider, followup
) -> None:
    cases = [
        ({}, "followup"),  # a district checks for one of its follow-ups
        ({"followup": followup, "provider": other_provider}, "provider"),
        ({"followup": followup, "on": D(2026, 3, 16)}, "checked_on"),
        ({"followup": followup, "organisation": other_district}, "organisation"),
        ({"followup": followup, "note": "Brukare 19121212-1212 klagade."}, "note"),
    ]
    for kwargs, field in cases:
        values = {"provider": provider, "organisation": district, **kwargs}
        with pytest.raises(ValidationError) as excinfo:
            _start(district_officer, **values)
        assert set(excinfo.value.message_dict) == {field}, kwargs
    assert not FinancialCheck.objects.exists()


def test_the_coordinator_may_check_any_provider(
    coordinator, central_office, other_provider
) -> None:
    check = _start(coordinator, other_provider, central_office)
    assert check.followup is None and check.items.count() == 8


def test_bad_input_on_an_item_writes_nothing(
    district_officer, district, provider, followup
) -> None:
    check = _start(district_officer, provider, district, followup=followup)
    item = _item(check, Item.CREDIT_RATING)
    cases = [
        ({"result": Result.FLAGGED, "source": ""}, "source"),
        ({"result": Result.OK, "checked_on": None}, "checked_on"),
        ({"checked_on": D(2026, 3, 16)}, "checked_on"),
        ({"result": "perhaps"}, "result"),
        ({"note": "Gäller 121212-1212."}, "note"),
        ({"source": "x" * 101}, "source"),
        (
            {
                "result": Result.FLAGGED,
                "evidence_upload": SimpleUploadedFile("uc.exe", b"MZ\x90\x00"),
            },
            "evidence",
        ),
        (
            {"evidence_upload": SimpleUploadedFile("uc.pdf", b"not a pdf")},
            "evidence",
        ),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as excinfo:
            _record(district_officer, item, **kwargs)
        assert set(excinfo.value.message_dict) == {field}, kwargs
    item.refresh_from_db()
    assert (item.result, item.source, item.evidence) == (Result.NOT_CHECKED, "", None)
    assert not Signal.objects.exists()
    assert not StoredFile.objects.exists()
    assert not Event.objects.filter(action=events.ITEM_RECORDED).exists()


def test_an_item_keeps_its_evidence_and_its_history(
    district_officer, district, provider, followup
) -> None:
    check = _start(district_officer, provider, district, followup=followup)
    item = _record(
        district_officer,
        _item(check, Item.CREDIT_RATING),
        source="UC",
        evidence_upload=SimpleUploadedFile("UC rapport.pdf", PDF),
    )
    assert item.evidence is not None
    assert item.evidence.original_name == "UC rapport.pdf"
    assert files.stored_path(item.evidence).read_bytes() == PDF
    assert item.history.latest().history_user == district_officer
    # Not checked has no date checked.
    again = _record(district_officer, item, result=Result.NOT_CHECKED)
    assert again.checked_on is None and again.evidence == item.evidence
