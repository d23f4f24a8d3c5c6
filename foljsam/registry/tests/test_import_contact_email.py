"""The providers' contact e-mail in the registry import (issue 9: the address a
screening campaign's links go to): an optional column with Swedish names, checked
before anything is written, cleared by an empty cell, kept when absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from foljsam.core.tabular import read_path
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.models import Provider
from foljsam.registry.services import registry_import
from foljsam.registry.tests.workbooks import AL, CITY, EK, Sheets, write_xlsx

pytestmark = pytest.mark.django_db


def import_sheets(sheets: Sheets, tmp_path: Path) -> ImportReport:
    path = write_xlsx(tmp_path / "register.xlsx", sheets)
    return registry_import(actor=None, raw=read_path(path))


def providers_sheet(header: str, ek: str, al: str) -> Sheets:
    return {
        "providers": [
            ["org_number", "name", "kind", header],
            [EK, "Ek Omsorg AB", "company", ek],
            [AL, "Al Vård AB", "company", al],
            [CITY, "Stockholms stad", "municipal", ""],
        ]
    }


def emails() -> dict[str, str]:
    return dict(Provider.objects.values_list("org_number", "contact_email"))


def rows() -> list[dict[str, Any]]:
    return list(Provider.objects.order_by("pk").values())


@pytest.mark.parametrize(
    "header", ["contact_email", "E-post", "epost", "E-postadress", "Kontakt e-post"]
)
def test_the_column_is_read_under_its_swedish_names(
    header: str, tmp_path: Path
) -> None:
    report = import_sheets(
        providers_sheet(header, " uppfoljning@ek.example.se ", ""), tmp_path
    )

    assert report.ok, report.issues
    assert emails() == {
        EK: "uppfoljning@ek.example.se",
        AL: "",
        CITY: "",
    }


def test_a_bad_address_is_named_by_row_and_column_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    assert import_sheets(
        providers_sheet("kontaktadress", "info@ek.example.se", ""), tmp_path
    ).ok
    before = rows()
    # A good change on row 2 and a bad address on row 3: neither is written.
    sheets = providers_sheet("kontaktadress", "ny@ek.example.se", "al.vard.se")

    report = import_sheets(sheets, tmp_path)

    assert not report.ok
    assert not report.applied
    assert [(i.sheet, i.row, i.column) for i in report.issues] == [
        ("providers", 3, "contact_email")
    ]
    assert "al.vard.se" in report.issues[0].message
    assert rows() == before


def test_the_message_is_in_swedish(tmp_path: Path) -> None:
    """Needs the Swedish catalogue compiled with
    locale/translate_sv_screening_demo.py (the lead compiles it)."""
    sheets = providers_sheet("e-post", "info@ek.example.se", "al.vard.se")

    with translation.override("sv"):
        report = import_sheets(sheets, tmp_path)
        shown = str(report.issues[0])

    assert "är ingen giltig e-postadress" in report.issues[0].message
    assert "rad 3" in shown
    assert "contact_email" in shown


def test_a_change_is_one_update_an_empty_cell_clears_and_no_column_keeps(
    tmp_path: Path,
) -> None:
    assert import_sheets(
        providers_sheet("e-post", "info@ek.example.se", "info@al.example.se"), tmp_path
    ).ok

    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        report = import_sheets(
            providers_sheet("e-post", "ny@ek.example.se", "info@al.example.se"),
            tmp_path,
        )
    assert report.ok
    providers = next(s for s in report.sheets if s.sheet == "providers")
    assert providers.updated == ((EK, ("contact_email",)),)
    assert emails()[EK] == "ny@ek.example.se"
    ek = Provider.objects.get(org_number=EK)
    assert ek.updated_at == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert ek.history.first().contact_email == "ny@ek.example.se"  # type: ignore[attr-defined]

    # A sheet without the column keeps the stored addresses.
    report = import_sheets(
        {
            "providers": [
                ["org_number", "name", "kind"],
                [EK, "Ek Omsorg AB", "company"],
            ]
        },
        tmp_path,
    )
    assert report.ok
    assert (report.created, report.updated) == (0, 0)
    assert emails()[EK] == "ny@ek.example.se"

    # Present but empty, it clears the address.
    report = import_sheets(
        providers_sheet("e-post", "", "info@al.example.se"), tmp_path
    )
    assert report.ok
    assert emails() == {EK: "", AL: "info@al.example.se", CITY: ""}


def test_the_provider_page_shows_the_address_to_the_city_not_to_the_provider(
    client: Any,
    coordinator: Any,
    committee_reader: Any,
    provider: Provider,
    provider_user: Any,
) -> None:
    provider.contact_email = "uppfoljning@ek.example.se"
    provider.save(update_fields=["contact_email"])
    url = reverse("registry:provider_detail", args=[provider.pk])

    for reader in (coordinator, committee_reader):
        client.force_login(reader)
        page = client.get(url)
        assert page.status_code == 200
        assert 'href="mailto:uppfoljning@ek.example.se"' in page.content.decode()
    client.force_login(provider_user)
    page = client.get(url)
    assert page.status_code == 200
    assert "uppfoljning@ek.example.se" not in page.content.decode()


def test_the_admin_lists_and_changes_the_address(
    client: Any, system_administrator: Any, provider: Provider
) -> None:
    client.force_login(system_administrator)
    listing = client.get(reverse("admin:registry_provider_changelist"))
    assert listing.status_code == 200
    form = client.get(reverse("admin:registry_provider_change", args=[provider.pk]))
    assert "contact_email" in form.context["adminform"].form.fields
