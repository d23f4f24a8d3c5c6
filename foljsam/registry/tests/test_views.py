"""The registry's pages and exports, through the test client."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from foljsam.accounts.models import Organisation
from foljsam.demo.loader import load_demo
from foljsam.registry.import_views import UPLOADS
from foljsam.registry.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo()


@pytest.fixture(autouse=True)
def _private_dir(settings, tmp_path) -> None:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_map_filters_by_responsible_and_exports_the_same_rows(
    client, demo, coordinator
):
    client.force_login(coordinator)
    sodermalm = Organisation.objects.get(code="sdf-sodermalm")
    page = client.get(reverse("registry:map"), {"performer": sodermalm.pk})
    assert page.status_code == 200
    rows = page.context["page_obj"].paginator.object_list
    assert rows and all(row.performer.code == "sdf-sodermalm" for row in rows)
    export = client.get(
        reverse("registry:map_export", args=["csv"]), {"performer": sodermalm.pk}
    )
    assert export["Content-Type"].startswith("text/csv")
    assert "attachment" in export["Content-Disposition"]
    exported = _csv(export)
    assert {r["unit_id"] for r in exported} == {row.unit.external_id for row in rows}
    assert {r["performer"] for r in exported} == {"sdf-sodermalm"}


def test_ktt_schools_are_the_central_offices_and_their_districts(
    client, demo, coordinator
):
    client.force_login(coordinator)
    export = client.get(reverse("registry:map_export", args=["csv"]))
    ktt = [r for r in _csv(export) if r["contract_area"] == "korttidstillsyn"]
    assert len(ktt) == 20
    assert {r["responsible"] for r in ktt} == {"sof"}
    assert all(r["performer"] == r["district"] != "" for r in ktt)


def test_map_xlsx_has_a_header_and_a_row_per_map_row(client, demo, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("registry:map_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("unit_id", "unit_name")
    assert len(rows) - 1 == len(
        _csv(client.get(reverse("registry:map_export", args=["csv"])))
    )


def test_gaps_page_counts_and_filters(client, demo, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("registry:gaps"), {"gap": "agreement_without_units"})
    gaps = response.context["page_obj"].paginator.object_list
    assert len(gaps) == 1 and gaps[0].unit is None
    counts = dict(response.context["counts"])
    assert sum(counts.values()) > 1


def test_unit_detail_shows_who_follows_up(client, demo, coordinator):
    client.force_login(coordinator)
    unit = Unit.objects.filter(
        agreements__contract_area__code="korttidstillsyn"
    ).first()
    response = client.get(reverse("registry:unit_detail", args=[unit.pk]))
    content = response.content.decode()
    assert "Socialförvaltningen" in content
    assert unit.district.name in content


def test_language_is_swedish_unless_english_is_chosen(client, coordinator):
    client.force_login(coordinator)
    swedish = client.get(reverse("registry:unit_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Verksamheter" in swedish.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("registry:unit_list"))
    assert "<h1>Units</h1>" in english.content.decode()


ORGS = "code,name,kind\nsdf-ny,Ny stadsdelsförvaltning,district_office\n"


def _upload(client, name: str, text: str):
    return client.post(
        reverse("registry:import"),
        {"upload": SimpleUploadedFile(name, text.encode(), content_type="text/csv")},
    )


def test_import_preview_then_confirm(client, coordinator):
    client.force_login(coordinator)
    preview = _upload(client, "organisations.csv", ORGS)
    assert preview.status_code == 200
    assert preview.context["report"].created == 1
    assert not Organisation.objects.filter(code="sdf-ny").exists()
    token = client.session[UPLOADS.session_key]["token"]
    stored = UPLOADS.root / token
    assert stored.is_dir()
    done = client.post(reverse("registry:import_confirm"), {"token": token})
    assert done.status_code == 302
    assert Organisation.objects.get(code="sdf-ny").kind == "district_office"
    assert not stored.exists()
    assert UPLOADS.session_key not in client.session


def test_import_with_errors_writes_nothing_and_keeps_no_file(client, coordinator):
    client.force_login(coordinator)
    response = _upload(client, "organisations.csv", ORGS + "BAD CODE!,X,nonsense\n")
    assert response.status_code == 200
    issues = response.context["report"].issues
    assert {(i.row, i.column) for i in issues} == {(3, "code"), (3, "kind")}
    assert not Organisation.objects.filter(code="sdf-ny").exists()
    assert UPLOADS.session_key not in client.session
    assert not any(Path(UPLOADS.root).glob("*/*"))


def test_import_refuses_unreadable_files_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("registry:import"),
        {"upload": SimpleUploadedFile("city.xlsx", b"not a zip at all")},
    )
    assert response.status_code == 400
    assert "XLSX" in response.content.decode()
    response = client.post(
        reverse("registry:import"), {"upload": SimpleUploadedFile("city.exe", b"MZ")}
    )
    assert response.status_code == 400
    assert "city.exe" in response.content.decode()


def test_confirm_needs_the_token_of_this_session(client, coordinator):
    client.force_login(coordinator)
    _upload(client, "organisations.csv", ORGS)
    response = client.post(reverse("registry:import_confirm"), {"token": "forged"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(code="sdf-ny").exists()


def test_import_needs_the_permission(client, district_officer):
    client.force_login(district_officer)
    assert _upload(client, "organisations.csv", ORGS).status_code == 403
    assert (
        client.post(reverse("registry:import_confirm"), {"token": "x"}).status_code
        == 403
    )
    assert not Organisation.objects.filter(code="sdf-ny").exists()


def test_import_template_lists_every_sheet(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("registry:import_template"))
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [
        "organisations",
        "contract_areas",
        "providers",
        "units",
        "agreements",
    ]
    header = next(workbook["units"].iter_rows(values_only=True))
    assert header[:3] == ("unit_id", "provider_org_number", "name")
