"""The import of earlier years as the coordinator uses it: the upload page, the
preview with every error, the confirmation; and the command line."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from foljsam.core.models import Event
from foljsam.findings.models import ContractAction
from foljsam.followups.models import FollowUp
from foljsam.reporting.importing import events
from foljsam.reporting.importing.schema import SHEET
from foljsam.reporting.tests import import_fixtures
from foljsam.reporting.tests.import_fixtures import (
    rows,
)

# The shared fixtures: the registry, and the day the tests run on.
registry = import_fixtures.registry
_today = import_fixtures._today
pytestmark = pytest.mark.django_db

GOOD = rows(
    "2024,EK-1,daglig-verksamhet,performed,complies_after_complement,,,"
    "site_visit,2024-05-10,,rutiner,yes",
    "2025,EK-2,daglig-verksamhet,not_performed,,unit_closed,,,,,,",
)
BAD = rows(
    "2024,EK-1,daglig-verksamhet,performed,complies,,,,,,,",
    "2026,EK-2,daglig-verksamhet,performed,,,,,,,,",
    "2023,NOPE,daglig-verksamhet,not_performed,,,,,,,,yes",
)


def _upload(text: str, name: str = "historik.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_page_shows_the_columns_and_links_the_empty_workbook(
    registry, coordinator, client_of
):
    client = client_of(coordinator)
    page = client.get(reverse("reporting:followup_import"))
    assert page.status_code == 200
    body = page.content.decode()
    for column in SHEET.columns:
        assert f"<code>{column.name}</code>" in body
    assert reverse("reporting:followup_import_template") in body
    # The follow-ups list links the import for the coordinator.
    listing = client.get(reverse("followups:list")).content.decode()
    assert reverse("reporting:followup_import") in listing
    download = client.get(reverse("reporting:followup_import_template"))
    sheet = load_workbook(io.BytesIO(download.content))["followups"]
    assert [cell.value for cell in sheet[1]] == [c.name for c in SHEET.columns]


def test_a_file_with_errors_lists_every_one_and_saves_nothing(
    registry, coordinator, client_of
):
    client = client_of(coordinator)
    response = client.post(
        reverse("reporting:followup_import"), {"upload": _upload(BAD)}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert {(i.row, i.column) for i in report.issues} == {
        (3, "year"),
        (3, "outcome"),
        (4, "unit_id"),
        (4, "not_performed_reason"),
        (4, "correction_request"),
    }
    body = response.content.decode()
    for issue in report.issues:
        assert issue.message.replace("'", "&#x27;") in body
    assert reverse("reporting:followup_import_confirm") not in body
    assert not FollowUp.objects.exists()


def test_upload_preview_and_confirm(registry, coordinator, client_of):
    client = client_of(coordinator)
    preview = client.post(
        reverse("reporting:followup_import"), {"upload": _upload(GOOD)}
    )
    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.ok and len(report.created) == 2
    assert (report.deficiencies, report.correction_requests) == (1, 1)
    assert "EK-1" in preview.content.decode()
    assert not FollowUp.objects.exists()  # only a preview
    done = client.post(
        reverse("reporting:followup_import_confirm"),
        {"token": preview.context["token"]},
    )
    assert done.status_code == 302 and done["Location"] == reverse("followups:list")
    assert FollowUp.objects.filter(source="history").count() == 2
    assert ContractAction.objects.get().decided_by == coordinator
    assert Event.objects.get(action=events.IMPORTED).data["source"] == "historik.csv"
    # The same confirmation again finds nothing waiting.
    again = client.post(
        reverse("reporting:followup_import_confirm"),
        {"token": preview.context["token"]},
    )
    assert again.status_code == 302
    assert again["Location"] == reverse("reporting:followup_import")
    assert FollowUp.objects.count() == 2


def test_data_changed_since_the_preview_is_caught_on_confirmation(
    registry, coordinator, client_of, tmp_path
):
    client = client_of(coordinator)
    preview = client.post(
        reverse("reporting:followup_import"), {"upload": _upload(GOOD)}
    )
    # Someone records the file's follow-ups meanwhile.
    path = tmp_path / "again.csv"
    path.write_text(GOOD)
    call_command("import_followups", str(path), stdout=io.StringIO())
    response = client.post(
        reverse("reporting:followup_import_confirm"),
        {"token": preview.context["token"]},
    )
    assert response.status_code == 409
    assert not response.context["report"].ok
    assert FollowUp.objects.count() == 2


def test_a_file_that_is_no_spreadsheet_is_refused_on_the_form(
    registry, coordinator, client_of
):
    client = client_of(coordinator)
    response = client.post(
        reverse("reporting:followup_import"),
        {"upload": SimpleUploadedFile("historik.txt", b"year\n2024\n")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors


def test_only_the_coordinator_imports(registry, district_officer, client_of):
    client = client_of(district_officer)
    assert client.get(reverse("reporting:followup_import")).status_code == 403
    response = client.post(
        reverse("reporting:followup_import"), {"upload": _upload(GOOD)}
    )
    assert response.status_code == 403
    assert not FollowUp.objects.exists()


def test_the_command(registry, tmp_path):
    path = tmp_path / "historik.csv"
    path.write_text(GOOD)
    out = io.StringIO()
    call_command("import_followups", str(path), "--dry-run", stdout=out)
    assert gettext("Dry run: nothing was written.") in out.getvalue()
    assert "+ 2024 EK-1 daglig-verksamhet: complies_after_complement" in (
        out.getvalue()
    )
    assert not FollowUp.objects.exists()
    call_command("import_followups", str(path), stdout=io.StringIO())
    assert FollowUp.objects.count() == 2
    history = FollowUp.objects.first().history.get()
    assert history.history_user is None
    assert history.history_change_reason.endswith("historik.csv")


def test_the_command_lists_every_error_and_fails(registry, tmp_path):
    path = tmp_path / "historik.csv"
    path.write_text(BAD)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_followups", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 5
    assert any("rad 4" in line and "unit_id" in line for line in lines)
    assert not FollowUp.objects.exists()
