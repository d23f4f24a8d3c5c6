"""The register's pages through the test client: who may open each, another
organisation's signal is a 404, the forms validate, and the list's query count
does not grow with its rows."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from foljsam.complaints.import_views import UPLOADS
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.registry.tests.factories import (
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
    org_number,
)

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private_dir(settings, tmp_path) -> None:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"


@pytest.fixture
def ours(district, provider) -> Signal:
    return SignalFactory(
        reference="KL-1",
        provider=provider,
        unit=UnitFactory(provider=provider, external_id="EGEN-1"),
        organisation=district,
        summary="Sen personal vid hämtning.",
    )


@pytest.fixture
def theirs(other_district, other_provider) -> Signal:
    return SignalFactory(
        reference="KL-2", provider=other_provider, organisation=other_district
    )


def _get(client, user, name: str, *args) -> int:
    client.force_login(user)
    return client.get(reverse(f"complaints:{name}", args=args)).status_code


def test_list_shows_only_what_the_reader_may_see(
    client, ours, theirs, district_officer, coordinator
):
    client.force_login(district_officer)
    response = client.get(reverse("complaints:signal_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "KL-1" in content and "KL-2" not in content
    assert reverse("complaints:signal_create") in content
    assert reverse("complaints:signal_import") not in content  # not theirs to do
    client.force_login(coordinator)
    content = client.get(reverse("complaints:signal_list")).content.decode()
    assert "KL-1" in content and "KL-2" in content
    assert reverse("complaints:signal_import") in content


def test_read_pages_allowed_forbidden_and_other_organisation(
    client,
    ours,
    theirs,
    coordinator,
    district_officer,
    organisation_reader,
    committee_reader,
    provider_user,
):
    for name in ["signal_detail", "signal_history", "signal_edit"]:
        assert _get(client, coordinator, name, ours.pk) == 200
        assert _get(client, coordinator, name, theirs.pk) == 200
        assert _get(client, district_officer, name, ours.pk) == 200
        assert _get(client, district_officer, name, theirs.pk) == 404
        assert _get(client, coordinator, name, 987654) == 404
        for user in (committee_reader, provider_user):
            assert _get(client, user, name, ours.pk) == 403
    # The organisation reader reads their organisation's signals only.
    assert _get(client, organisation_reader, "signal_detail", ours.pk) == 404
    assert _get(client, organisation_reader, "signal_list") == 200
    assert _get(client, organisation_reader, "signal_create") == 403
    assert _get(client, organisation_reader, "signal_edit", ours.pk) == 403
    for user in (committee_reader, provider_user):
        assert _get(client, user, "signal_list") == 403
    client.logout()
    response = client.get(reverse("complaints:signal_list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_detail_shows_the_signal_and_its_tabs(client, ours, district_officer):
    client.force_login(district_officer)
    response = client.get(reverse("complaints:signal_detail", args=[ours.pk]))
    content = response.content.decode()
    assert "Sen personal vid hämtning." in content
    assert reverse("complaints:signal_history", args=[ours.pk]) in content
    assert reverse("complaints:signal_edit", args=[ours.pk]) in content
    assert reverse("registry:unit_detail", args=[ours.unit.pk]) in content


def test_the_list_filters_and_survives_bad_input(client, ours, theirs, coordinator):
    client.force_login(coordinator)
    url = reverse("complaints:signal_list")
    rows = client.get(url, {"source": "lex_sarah"}).context["page_obj"]
    assert list(rows) == []
    rows = client.get(url, {"q": "hämtning"}).context["page_obj"]
    assert [s.reference for s in rows] == ["KL-1"]
    for query in (
        "?year=abc&provider=99999&category=x&page=999",
        "?status=<script>&source=%00&contract_area=1'",
        "?q=" + "x" * 500,
    ):
        response = client.get(url + query)
        assert response.status_code == 200
        assert b"<script>" not in response.content


def _form(provider_, category, **changes) -> dict[str, object]:
    data = {
        "reference": "",
        "received_on": "2026-03-02",
        "source": "complaint",
        "category": category.pk,
        "provider": provider_.pk,
        "unit_id": "",
        "contract_area": "",
        "summary": "Brister i bemötandet mot anhöriga.",
        "status": "received",
        "closed_on": "",
        "handling_note": "",
    }
    return {**data, **changes}


def test_create_a_signal(client, district_officer, district, provider):
    category = SignalCategory.objects.get(code="bemotande")
    unit = UnitFactory(provider=provider, external_id="EGEN-9")
    client.force_login(district_officer)
    page = client.get(reverse("complaints:signal_create"))
    content = page.content.decode()
    assert page.status_code == 200
    assert 'name="organisation"' not in content  # a district records its own
    assert 'aria-describedby="id_summary_helptext"' in content
    response = client.post(
        reverse("complaints:signal_create"),
        _form(provider, category, unit_id=" EGEN-9 "),
    )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:signal_detail", args=[signal.pk])
    assert signal.reference == "SIG-2026-0001"
    assert (signal.unit, signal.organisation) == (unit, district)


def test_a_coordinator_records_for_another_organisation(
    client, coordinator, other_district, provider
):
    category = SignalCategory.objects.get(code="ovrigt")
    client.force_login(coordinator)
    assert (
        'name="organisation"'
        in client.get(reverse("complaints:signal_create")).content.decode()
    )
    client.post(
        reverse("complaints:signal_create"),
        _form(provider, category, organisation=other_district.pk, reference="X 1"),
    )
    assert Signal.objects.get(reference="X 1").organisation == other_district


def test_posts_validate(client, district_officer, provider, other_provider):
    category = SignalCategory.objects.get(code="bemotande")
    UnitFactory(provider=other_provider, external_id="ANDRA-1")
    client.force_login(district_officer)
    url = reverse("complaints:signal_create")
    cases = [
        ({"unit_id": "ANDRA-1"}, "unit_id"),
        ({"unit_id": "FINNS-INTE"}, "unit_id"),
        ({"received_on": "2026-03-16"}, "received_on"),
        ({"received_on": "igår"}, "received_on"),
        ({"status": "closed"}, "closed_on"),
        ({"summary": ""}, "summary"),
        ({"summary": "Brukaren 121212-1212 föll."}, "summary"),
        ({"provider": 999999}, "provider"),
        ({"source": "rumour"}, "source"),
    ]
    for changes, field in cases:
        response = client.post(url, _form(provider, category, **changes))
        assert response.status_code == 400, changes
        form = response.context["form"]
        assert set(form.errors) == {field}, (changes, form.errors)
        content = response.content.decode()
        assert f'id="id_{field}_error"' in content
        assert 'aria-invalid="true"' in content
    assert not Signal.objects.exists()


def test_edit_a_signal(client, ours, district_officer, coordinator, other_district):
    client.force_login(district_officer)
    url = reverse("complaints:signal_edit", args=[ours.pk])
    page = client.get(url)
    assert page.context["form"]["unit_id"].value() == "EGEN-1"
    data = _form(
        ours.provider,
        ours.category,
        reference="KL-1",
        unit_id="EGEN-1",
        status="closed",
        closed_on="2026-03-10",
        handling_note="Ny rutin inskickad.",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.status, ours.closed_on) == ("closed", dt.date(2026, 3, 10))
    history = client.get(reverse("complaints:signal_history", args=[ours.pk]))
    assert "Ny rutin inskickad." in history.content.decode()
    # The reference may not be emptied.
    response = client.post(url, {**data, "reference": ""})
    assert response.status_code == 400
    # A district officer cannot give the signal to another organisation; the
    # field is not even there, and a forged value is ignored.
    client.post(url, {**data, "organisation": other_district.pk})
    ours.refresh_from_db()
    assert ours.organisation.code == "sdf-sodermalm"


def test_writes_need_the_capability(client, ours, organisation_reader, provider):
    category = SignalCategory.objects.get(code="bemotande")
    client.force_login(organisation_reader)
    assert (
        client.post(
            reverse("complaints:signal_create"), _form(provider, category)
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("complaints:signal_edit", args=[ours.pk]),
            _form(provider, category, reference="KL-1"),
        ).status_code
        == 403
    )
    assert Signal.objects.count() == 1


def test_another_organisations_signal_cannot_be_edited(
    client, theirs, district_officer
):
    client.force_login(district_officer)
    response = client.post(
        reverse("complaints:signal_edit", args=[theirs.pk]),
        _form(theirs.provider, theirs.category, reference="KAPAD"),
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.reference == "KL-2"


# The list's query count ----------------------------------------------------------


def test_list_query_count_does_not_grow_with_rows(client, coordinator, district):
    client.force_login(coordinator)
    url = reverse("complaints:signal_list")
    area = ContractAreaFactory()
    counts = []
    for rows in (3, 15):
        for _ in range(rows):
            provider = ProviderFactory()
            SignalFactory(
                provider=provider,
                unit=UnitFactory(provider=provider),
                contract_area=area,
                organisation=district,
            )
        client.get(url)  # the first request of a session also writes the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# The import -------------------------------------------------------------------

EK = org_number(201)
CSV = (
    "reference,received_on,source,category,summary,provider_org_number\n"
    f"KL 9,2026-03-01,complaint,bemotande,Sent bemötande,{EK}\n"
)


@pytest.fixture
def ek():
    return ProviderFactory(org_number=EK, name="Ek Omsorg AB")


def _upload(client, name: str, text: str):
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("complaints:signal_import"), {"upload": upload})


def test_import_preview_then_confirm(client, coordinator, central_office, ek):
    client.force_login(coordinator)
    assert client.get(reverse("complaints:signal_import")).status_code == 200
    preview = _upload(client, "klagomal-mars.csv", CSV)
    assert preview.status_code == 200
    assert preview.context["report"].created == ("KL 9",)
    assert not Signal.objects.exists()
    token = client.session[UPLOADS.session_key]["token"]
    stored = UPLOADS.root / token
    assert stored.is_dir()
    assert str(stored).startswith(str(Path(UPLOADS.root)))
    done = client.post(reverse("complaints:signal_import_confirm"), {"token": token})
    assert done.status_code == 302
    signal = Signal.objects.get()
    assert (signal.provider, signal.organisation) == (ek, central_office)
    assert not stored.exists()
    assert UPLOADS.session_key not in client.session


def test_import_with_errors_writes_nothing_and_keeps_no_file(client, coordinator, ek):
    client.force_login(coordinator)
    bad = CSV + "KL 10,2026-13-01,complaint,bemotande,Text,123\n"
    response = _upload(client, "signals.csv", bad)
    assert response.status_code == 200
    issues = response.context["report"].issues
    assert {(i.row, i.column) for i in issues} == {
        (3, "received_on"),
        (3, "provider_org_number"),
    }
    content = response.content.decode()
    assert "är inget datum" in content
    assert not Signal.objects.exists()
    assert UPLOADS.session_key not in client.session
    assert not any(UPLOADS.root.glob("*/*"))


def test_import_refuses_unreadable_files(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("complaints:signal_import"),
        {"upload": SimpleUploadedFile("signals.xlsx", b"not a zip at all")},
    )
    assert response.status_code == 400
    assert "XLSX" in response.content.decode()
    response = client.post(
        reverse("complaints:signal_import"),
        {"upload": SimpleUploadedFile("signals.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "signals.exe" in response.content.decode()
    response = client.post(reverse("complaints:signal_import"), {})
    assert response.status_code == 400


def test_confirm_needs_the_token_of_this_session(client, coordinator, ek):
    client.force_login(coordinator)
    _upload(client, "signals.csv", CSV)
    response = client.post(
        reverse("complaints:signal_import_confirm"), {"token": "forged"}
    )
    assert response.status_code == 302
    assert not Signal.objects.exists()


def test_import_needs_the_capability(client, district_officer, ek):
    client.force_login(district_officer)
    assert _upload(client, "signals.csv", CSV).status_code == 403
    assert (
        client.post(
            reverse("complaints:signal_import_confirm"), {"token": "x"}
        ).status_code
        == 403
    )
    assert client.get(reverse("complaints:signal_import_template")).status_code == 403
    assert not Signal.objects.exists()


def test_import_template_has_every_column(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("complaints:signal_import_template"))
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["signals"]
    header = next(workbook["signals"].iter_rows(values_only=True))
    assert header[:5] == ("reference", "received_on", "source", "category", "summary")
    assert "organisation" in header
