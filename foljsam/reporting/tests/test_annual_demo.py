"""Issue 7's "Done when", on the demo city: ``foljsam report annual --year 2023
--format json`` gives exactly seed 004's counts, and the DOCX and the PDF show a
chart and a table per contract area when opened in LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from pypdf import PdfReader

from foljsam.demo.loader import load_demo

pytestmark = pytest.mark.django_db

DEMO_DAY = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))

# Seed 004's table (DOMAIN.md): planned, performed and the shares of its charts,
# which it rounds to whole percent. Family counselling: the seed's chart fits 23
# performed, its table says 24; the demo keeps 24 (docs/decisions.md), so its
# shares are the nearest that 24 allows.
SEED_004 = {
    "daglig-verksamhet": (34, 34, {"complies": 56, "complies_after_complement": 44}),
    "korttidstillsyn": (20, 20, {"complies": 85, "complies_after_complement": 15}),
    "familjeradgivning": (
        25,
        24,
        {
            "complies": 35,
            "complies_after_complement": 52,
            "minor_deficiencies_remain": 9,
            "does_not_comply": 4,
        },
    ),
    "avhopparverksamhet": (
        28,
        22,
        {
            "complies": 27,
            "complies_after_complement": 68,
            "minor_deficiencies_remain": 5,
        },
    ),
    "hvb-socialpsykiatri": (21, 19, {"complies": 58, "complies_after_complement": 42}),
    "missbruk-vuxna": (
        20,
        19,
        {
            "complies": 42,
            "complies_after_complement": 37,
            "minor_deficiencies_remain": 21,
        },
    ),
}
# How far the family counselling shares may lie from the seed's chart: 1/23 and
# 1/24 differ by under 2.5 points.
FAMILY_TOLERANCE = 2.5


@pytest.fixture
def demo():
    with time_machine.travel(DEMO_DAY, tick=False):
        load_demo()
        yield


def test_the_2023_report_is_seed_004(demo, capsysbinary) -> None:
    with time_machine.travel(DEMO_DAY, tick=False):
        call_command(
            "report_annual",
            year=2023,
            fmt="json",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    data = json.loads(capsysbinary.readouterr().out)

    assert (data["planned"], data["performed"]) == (148, 138)
    assert sum(data["not_performed"].values()) == 10
    areas = {a["contract_area"]: a for a in data["areas"]}
    assert set(areas) == set(SEED_004)
    for code, (planned, performed, shares) in SEED_004.items():
        area = areas[code]
        assert (area["planned"], area["performed"]) == (planned, performed), code
        assert sum(area["outcomes"].values()) == performed, code
        tolerance = FAMILY_TOLERANCE if code == "familjeradgivning" else 0.5
        for outcome, share in area["shares"].items():
            assert abs(share - shares.get(outcome, 0)) <= tolerance, (code, outcome)
    # Seed 004: daily activity ~168 units, KTT 20, defectors 28, HVB 21.
    assert areas["korttidstillsyn"]["units"] == 20
    assert areas["avhopparverksamhet"]["units"] == 28
    assert areas["hvb-socialpsykiatri"]["units"] == 21
    # KTT is the city's own: every one of its follow-ups counts as own regime.
    assert data["regimes"]["own"]["planned"] >= 20
    assert (
        data["regimes"]["own"]["planned"] + data["regimes"]["private"]["planned"] == 148
    )


def _tools() -> tuple[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdfimages = shutil.which("pdfimages")
    if soffice is None or pdfimages is None:
        if os.environ.get("FOLJSAM_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is missing but FOLJSAM_REQUIRE_LIBREOFFICE=1")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    return soffice, pdfimages


def test_the_docx_and_the_pdf_show_a_chart_and_a_table_per_area(
    demo, tmp_path: Path
) -> None:
    soffice, pdfimages = _tools()
    with time_machine.travel(DEMO_DAY, tick=False):
        for fmt in ("docx", "pdf"):
            call_command(
                "report_annual",
                year=2023,
                fmt=fmt,
                output=tmp_path / f"rapport.{fmt}",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
    subprocess.run(  # noqa: S603 - fixed arguments, our own temporary file
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "rapport.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from_word = tmp_path / "lo" / "rapport.pdf"
    listing = subprocess.run(  # noqa: S603
        [pdfimages, "-list", str(from_word)], check=True, capture_output=True, text=True
    ).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    # One chart per area, each on the page of its area's table.
    assert len(images) == len(SEED_004)
    pages = PdfReader(from_word).pages
    for line in images:
        text = pages[int(line.split()[0]) - 1].extract_text()
        assert "Bedömning" in text and "Andel" in text  # the outcome table's header
    # The PDF of the page: each area's chart (drawn as vector text and bars) and
    # its table, on the area's page.
    printed = [
        page.extract_text() for page in PdfReader(tmp_path / "rapport.pdf").pages
    ]
    for name in (
        "Daglig verksamhet",
        "Korttidstillsyn för skolungdom över 12 år",
        "Avhopparverksamhet",
    ):
        page = next(t for t in printed if name in t.splitlines()[:2])
        assert f"Utfall i {name} 2023" in page  # the chart caption
        assert f"Utfall, {name}" in page  # the table caption
        assert "%" in page and "(" in page  # the bars' labels: "55,9 % (19)"
