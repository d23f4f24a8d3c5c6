"""The provider portal: a provider user sees its own follow-ups once they are
shown to it, their deficiencies and deadlines, and sends complements."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.core.models import StoredFile
from foljsam.findings.models import Measure
from foljsam.followups.tests.factories import protocol_followup
from foljsam.portal.tests.factories import complement_followup, pdf_upload

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"


@pytest.fixture
def own(district, provider):
    return complement_followup(organisation=district, provider=provider, sent=0)


def test_provider_sees_its_own_follow_ups_and_nothing_else(
    client, provider_user, district, provider, other_provider, own
) -> None:
    own.note = "Intern anteckning om utföraren."
    own.save()
    other = complement_followup(organisation=district, provider=other_provider)
    preparing = protocol_followup(organisation=district, provider=provider)
    client.force_login(provider_user)

    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert own.unit.name in home.content.decode()
    assert other.unit.name not in home.content.decode()
    assert preparing.unit.name not in home.content.decode()
    assert 'href="/portal/"' in home.content.decode()  # the menu item

    page = client.get(reverse("portal:followup", args=[own.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Skriftlig rutin nummer 1 saknas." in text
    assert "Skicka den nya rutinen." in text  # the request's note
    assert "Intern anteckning" not in text
    # Another provider's, and one still being prepared, do not exist for it.
    assert client.get(reverse("portal:followup", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("portal:followup", args=[preparing.pk])).status_code == 404
    )


@pytest.mark.parametrize("persona", ["coordinator", "district_officer"])
def test_the_citys_staff_are_refused(client, request, persona, own) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("portal:home")).status_code == 403
    assert client.get(reverse("portal:followup", args=[own.pk])).status_code == 403
    response = client.post(
        reverse("portal:complement", args=[own.pk]),
        {"deficiency": own.deficiencies.get().pk, "complement-1-note": "x"},
    )
    assert response.status_code == 403
    assert not Measure.objects.filter(kind="complement_received").exists()


def test_sending_a_complement_with_a_file(client, provider_user, own) -> None:
    deficiency = own.deficiencies.get()
    key = f"complement-{deficiency.pk}"
    client.force_login(provider_user)
    response = client.post(
        reverse("portal:complement", args=[own.pk]),
        {
            "deficiency": deficiency.pk,
            f"{key}-note": "Rutinen är antagen av styrelsen.",
            f"{key}-attachments": [pdf_upload("Ny rutin.pdf")],
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#deficiency-{deficiency.pk}")
    measure = Measure.objects.get(kind="complement_received")
    assert measure.by_provider is True
    assert measure.recorded_by == provider_user
    assert measure.note == "Rutinen är antagen av styrelsen."
    stored = measure.files.get()
    assert stored.original_name == "Ny rutin.pdf"

    page = client.get(reverse("portal:followup", args=[own.pk])).content.decode()
    url = reverse("portal:file", args=[own.pk, stored.pk])
    assert url in page
    assert f'name="{key}-note"' not in page  # nothing more is asked for now
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_bad_file_is_named_and_nothing_is_stored(client, provider_user, own) -> None:
    deficiency = own.deficiencies.get()
    key = f"complement-{deficiency.pk}"
    client.force_login(provider_user)
    executable = SimpleUploadedFile("program.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        reverse("portal:complement", args=[own.pk]),
        {
            "deficiency": deficiency.pk,
            f"{key}-note": "Se bifogad fil.",
            f"{key}-attachments": [pdf_upload("ok.pdf"), executable],
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "program.pdf" in text
    assert f'id="id_{key}-attachments_error"' in text  # on the field, in place
    assert not Measure.objects.filter(kind="complement_received").exists()
    assert not StoredFile.objects.exists()


def test_a_complement_needs_words_or_a_file(client, provider_user, own) -> None:
    deficiency = own.deficiencies.get()
    client.force_login(provider_user)
    response = client.post(
        reverse("portal:complement", args=[own.pk]), {"deficiency": deficiency.pk}
    )
    assert response.status_code == 400
    assert f'id="id_complement-{deficiency.pk}-note_error"' in response.content.decode()
    assert not Measure.objects.filter(kind="complement_received").exists()


def test_odd_complement_posts_never_break(
    client, provider_user, district, provider, other_provider, own
) -> None:
    other = complement_followup(organisation=district, provider=other_provider)
    client.force_login(provider_user)
    url = reverse("portal:complement", args=[own.pk])
    assert client.post(url, {"deficiency": "x"}).status_code == 404
    # Another follow-up's deficiency, through this follow-up's address.
    elsewhere = other.deficiencies.get().pk
    assert client.post(url, {"deficiency": elsewhere}).status_code == 404
    # Another provider's follow-up.
    response = client.post(
        reverse("portal:complement", args=[other.pk]), {"deficiency": elsewhere}
    )
    assert response.status_code == 404
    # Sent already: nothing more is asked for.
    done = complement_followup(organisation=district, provider=provider, sent=1)
    response = client.post(
        reverse("portal:complement", args=[done.pk]),
        {"deficiency": done.deficiencies.get().pk},
    )
    assert response.status_code == 400
    assert Measure.objects.filter(kind="complement_received").count() == 1


def test_files_are_the_providers_own(
    client, provider_user, other_provider_user, district, provider
) -> None:
    followup = complement_followup(organisation=district, provider=provider, sent=1)
    stored = Measure.objects.get(kind="complement_received").files.get()
    url = reverse("portal:file", args=[followup.pk, stored.pk])
    client.force_login(other_provider_user)
    assert client.get(url).status_code == 404
    client.force_login(provider_user)
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("portal:file", args=[followup.pk, 987654])).status_code
        == 404
    )


def test_home_shows_open_deficiencies_and_the_nearest_deadline(
    client, provider_user, district, provider
) -> None:
    followup = complement_followup(
        organisation=district, provider=provider, deficiencies=3, sent=1
    )
    client.force_login(provider_user)
    text = client.get(reverse("portal:home")).content.decode()
    assert "2026-12-30" in text  # the deadline the two unsent owe
    assert "försenad" not in text.lower() and "overdue" not in text.lower()
    with time_machine.travel(dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC), tick=False):
        client.force_login(provider_user)  # the session has timed out
        late = client.get(reverse("portal:home")).content.decode()
    assert "badge--overdue" in late
    row = client.get(reverse("portal:home")).context["page_obj"][0]
    assert (row.pk, row.open_count, row.next_due) == (
        followup.pk,
        3,
        dt.date(2026, 12, 30),
    )


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_query_count_does_not_grow(
    client, provider_user, district, provider
) -> None:
    client.force_login(provider_user)
    complement_followup(organisation=district, provider=provider, sent=1)
    few = _count(client, reverse("portal:home"))
    for _ in range(4):
        complement_followup(organisation=district, provider=provider, sent=1)
    assert _count(client, reverse("portal:home")) == few


def test_followup_query_count_does_not_grow(
    client, provider_user, district, provider
) -> None:
    client.force_login(provider_user)
    one = complement_followup(organisation=district, provider=provider, sent=1)
    five = complement_followup(
        organisation=district, provider=provider, deficiencies=5, sent=3
    )
    assert _count(client, reverse("portal:followup", args=[one.pk])) == _count(
        client, reverse("portal:followup", args=[five.pk])
    )
