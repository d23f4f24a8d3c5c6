"""The financial check's pages through the test client: who may open each,
another organisation's check and its evidence are a 404, bad input is refused in
Swedish naming the field and writes nothing, never a 500, and the query count
does not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from foljsam.complaints.models import Signal
from foljsam.core.models import StoredFile
from foljsam.financial.choices import Item, Result
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.financial.services import check_item_record
from foljsam.financial.tests.factories import PDF, FinancialCheckFactory
from foljsam.registry.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def ours(district, provider, followup) -> FinancialCheck:
    return FinancialCheckFactory(
        provider=provider, organisation=district, followup=followup
    )


@pytest.fixture
def theirs(other_district, other_provider, other_followup) -> FinancialCheck:
    return FinancialCheckFactory(
        provider=other_provider, organisation=other_district, followup=other_followup
    )


def _with_evidence(check: FinancialCheck, actor) -> CheckItem:
    return check_item_record(
        actor=actor,
        item=check.items.get(item=Item.CREDIT_RATING),
        result=Result.OK,
        source="UC",
        checked_on=D(2026, 3, 3),
        note="",
        evidence_upload=SimpleUploadedFile("uc.pdf", PDF),
    )


def _status(client, user, name: str, *args, **query) -> int:
    client.force_login(user)
    return client.get(reverse(f"financial:{name}", args=args), query).status_code


def test_the_list_shows_what_the_reader_may_see(
    client, ours, theirs, district_officer, coordinator, provider_user
) -> None:
    client.force_login(district_officer)
    response = client.get(reverse("financial:list"))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [ours]
    assert reverse("financial:start") in response.content.decode()
    client.force_login(coordinator)
    rows = client.get(reverse("financial:list")).context["page_obj"]
    assert set(rows) == {ours, theirs}
    rows = client.get(
        reverse("financial:list"), {"provider": theirs.provider_id}
    ).context["page_obj"]
    assert list(rows) == [theirs]
    assert _status(client, provider_user, "list") == 403


def test_read_pages_allowed_forbidden_and_other_organisation(
    client,
    ours,
    theirs,
    coordinator,
    district_officer,
    committee_reader,
    organisation_reader,
    provider_user,
) -> None:
    _with_evidence(ours, coordinator)
    _with_evidence(theirs, coordinator)
    for name, args in [
        ("detail", ()),
        ("history", ()),
        ("evidence", (Item.CREDIT_RATING,)),
    ]:
        assert _status(client, coordinator, name, ours.pk, *args) == 200
        assert _status(client, coordinator, name, theirs.pk, *args) == 200
        assert _status(client, district_officer, name, ours.pk, *args) == 200
        assert _status(client, district_officer, name, theirs.pk, *args) == 404
        assert _status(client, organisation_reader, name, ours.pk, *args) == 404
        assert _status(client, coordinator, name, 987654, *args) == 404
        assert _status(client, provider_user, name, ours.pk, *args) == 403
    # The committee reads every check, but not the Historik tabs.
    assert _status(client, committee_reader, "detail", theirs.pk) == 200
    assert _status(client, committee_reader, "history", theirs.pk) == 403
    client.logout()
    response = client.get(reverse("financial:detail", args=[ours.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_evidence_is_the_file_and_only_there_is_one(
    client, ours, district_officer
) -> None:
    _with_evidence(ours, district_officer)
    client.force_login(district_officer)
    url = reverse("financial:evidence", args=[ours.pk, Item.CREDIT_RATING])
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert _status(client, district_officer, "evidence", ours.pk, Item.VAT) == 404
    assert _status(client, district_officer, "evidence", ours.pk, "nonsense") == 404


def test_the_detail_shows_the_items_and_forms_for_those_who_write(
    client, ours, district_officer, committee_reader
) -> None:
    _with_evidence(ours, district_officer)
    client.force_login(district_officer)
    content = client.get(reverse("financial:detail", args=[ours.pk])).content
    page = content.decode()
    for item in Item:
        assert f'id="item-{item.value}"' in page
        assert reverse("financial:item_record", args=[ours.pk, item.value]) in page
    assert reverse("financial:evidence", args=[ours.pk, Item.CREDIT_RATING]) in page
    assert reverse("financial:history", args=[ours.pk]) in page
    assert 'enctype="multipart/form-data"' in page and 'accept=".pdf' in page
    client.force_login(committee_reader)
    page = client.get(reverse("financial:detail", args=[ours.pk])).content.decode()
    assert reverse("financial:item_record", args=[ours.pk, Item.VAT]) not in page


def _item_post(client, user, check, item: str, **data):
    client.force_login(user)
    values = {
        "result": Result.OK,
        "source": "Skatteverket",
        "checked_on": "2026-03-12",
        "note": "",
        **data,
    }
    return client.post(
        reverse("financial:item_record", args=[check.pk, item]),
        {f"{item}-{key}": value for key, value in values.items()},
    )


def test_recording_an_item(client, ours, district_officer) -> None:
    response = _item_post(
        client,
        district_officer,
        ours,
        Item.F_TAX,
        result=Result.FLAGGED,
        evidence=SimpleUploadedFile("skatteverket.pdf", PDF),
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{Item.F_TAX}")
    item = ours.items.get(item=Item.F_TAX)
    assert (item.result, item.source, item.checked_on) == (
        Result.FLAGGED,
        "Skatteverket",
        D(2026, 3, 12),
    )
    assert item.evidence.original_name == "skatteverket.pdf"
    assert item.signal == Signal.objects.get()


def test_bad_item_input_is_refused_in_swedish_and_writes_nothing(
    client, ours, district_officer
) -> None:
    cases = [
        ({"checked_on": "31/31/2026"}, "Fyll i ett giltigt datum."),
        ({"result": "maybe"}, "Välj ett giltigt alternativ."),
        ({"result": Result.FLAGGED, "source": ""}, None),
        ({"evidence": SimpleUploadedFile("uc.exe", b"MZ")}, None),
        ({"note": "Brukaren 19121212-1212."}, None),
    ]
    for data, message in cases:
        response = _item_post(client, district_officer, ours, Item.VAT, **data)
        assert response.status_code == 400, data
        page = response.content.decode()
        assert 'class="error-summary"' in page, data
        assert f'id="record-{Item.VAT}" open' in page
        if message:
            assert message in page, data
            assert gettext("Date checked") in page or gettext("Result") in page
    item = ours.items.get(item=Item.VAT)
    assert (item.result, item.source) == (Result.NOT_CHECKED, "")
    assert not StoredFile.objects.exists() and not Signal.objects.exists()


def test_recording_is_for_those_who_perform_and_see_the_check(
    client, ours, other_district_officer, committee_reader, district_officer
) -> None:
    assert _item_post(client, committee_reader, ours, Item.VAT).status_code == 403
    assert _item_post(client, other_district_officer, ours, Item.VAT).status_code == (
        404
    )
    assert _item_post(client, district_officer, ours, "nonsense").status_code == 404
    assert _status(client, district_officer, "item_record", ours.pk, Item.VAT) == 405
    assert ours.items.get(item=Item.VAT).result == Result.NOT_CHECKED


def test_starting_a_check(client, coordinator, provider) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("financial:start")).status_code == 200
    response = client.post(
        reverse("financial:start"),
        {"provider": provider.pk, "checked_on": "2026-03-10", "note": ""},
    )
    check = FinancialCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("financial:detail", args=[check.pk])
    assert (check.provider, check.followup, check.items.count()) == (
        provider,
        None,
        8,
    )


def test_starting_from_a_follow_up(
    client, district_officer, followup, other_followup
) -> None:
    client.force_login(district_officer)
    url = reverse("financial:start")
    response = client.get(url, {"followup": followup.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["followup"].value() == followup.pk
    assert form["provider"].value() == followup.provider_id
    # Another district's follow-up, or nonsense, preselects nothing.
    for given in (other_followup.pk, "abc", "99999"):
        response = client.get(url, {"followup": given})
        assert response.status_code == 200
        assert response.context["followup"] is None
    response = client.post(
        f"{url}?followup={followup.pk}",
        {"followup": followup.pk, "provider": "", "checked_on": "2026-03-10"},
    )
    assert response.status_code == 302
    assert FinancialCheck.objects.get().followup == followup


def test_bad_start_input_is_refused_in_swedish_and_writes_nothing(
    client, district_officer, followup, other_followup, other_provider
) -> None:
    client.force_login(district_officer)
    url = reverse("financial:start")
    cases = [
        {"followup": followup.pk, "checked_on": "igår"},
        {"followup": "", "provider": followup.provider_id, "checked_on": "2026-03-10"},
        {"followup": other_followup.pk, "checked_on": "2026-03-10"},
        {"followup": followup.pk, "provider": "x", "checked_on": "2026-03-10"},
        {
            "followup": followup.pk,
            "provider": other_provider.pk,
            "checked_on": "2026-03-10",
        },
        {"followup": followup.pk, "checked_on": "2026-03-16"},
    ]
    for data in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert 'class="error-summary"' in response.content.decode(), data
    page = client.post(url, cases[0]).content.decode()
    assert "Fyll i ett giltigt datum." in page
    assert gettext("Date of the check") in page
    page = client.post(url, cases[1]).content.decode()
    assert "Detta fält måste fyllas i." in page
    assert not FinancialCheck.objects.exists()


def test_start_is_for_those_who_perform(
    client, committee_reader, organisation_reader, provider_user
) -> None:
    for user in (committee_reader, organisation_reader, provider_user):
        assert _status(client, user, "start") == 403
        client.force_login(user)
        assert client.post(reverse("financial:start"), {}).status_code == 403
    assert not FinancialCheck.objects.exists()


def test_the_list_survives_bad_filters(client, coordinator, ours) -> None:
    client.force_login(coordinator)
    for query in ("?provider=abc&page=x", "?provider=99999&q=" + "x" * 500):
        response = client.get(reverse("financial:list") + query)
        assert response.status_code == 200


def test_the_follow_up_partial(rf: RequestFactory, district_officer, ours) -> None:
    request = rf.get("/")
    request.user = district_officer
    html = Template(
        "{% load financial %}{% followup_financial_checks followup %}"
    ).render(
        Context(
            {
                "request": request,
                "followup": ours.followup,
                "can": {"perform_followups": True},
            }
        )
    )
    assert reverse("financial:detail", args=[ours.pk]) in html
    assert f"{reverse('financial:start')}?followup={ours.followup_id}" in html


def _count(client, url: str) -> int:
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_rows(
    client, coordinator, district
) -> None:
    client.force_login(coordinator)
    counts = []
    for checks in (1, 9):
        for _ in range(checks):
            FinancialCheckFactory(provider=ProviderFactory(), organisation=district)
        counts.append(_count(client, reverse("financial:list")))
    assert counts[0] == counts[1], counts


def test_the_detail_query_count_does_not_grow_with_what_the_items_hold(
    client, coordinator, district_officer, followup, district
) -> None:
    client.force_login(district_officer)
    plain = FinancialCheckFactory(
        provider=followup.provider, organisation=district, followup=followup
    )
    full = FinancialCheckFactory(
        provider=followup.provider, organisation=district, followup=followup
    )
    for item in full.items.all():
        check_item_record(
            actor=coordinator,
            item=item,
            result=Result.FLAGGED,
            source="UC",
            checked_on=D(2026, 3, 3),
            note="Anmärkning.",
            evidence_upload=SimpleUploadedFile("uc.pdf", PDF),
        )
    counts = [
        _count(client, reverse("financial:detail", args=[check.pk]))
        for check in (plain, full)
    ]
    assert counts[0] == counts[1], counts
