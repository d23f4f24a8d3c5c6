"""Issue 6 in the browser, on the demo city: a district officer takes a follow-up
from assigned to shared with the provider. On the way they fill in the protocol
(saved as they go), attach a file, confirm two deficiencies, request
complements; the provider sends one through the portal and the officer approves
it. The system proposes "minor deficiencies remain", and the report opens in
LibreOffice. Every page on the way passes axe-core."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import make_user
from foljsam.accounts.models import User
from foljsam.accounts.roles import Role
from foljsam.demo.loader import load_demo
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups.models import Answer, Evidence, FollowUp
from foljsam.requirements.models import Question
from tests.browser.conftest import (
    assert_accessible,
    click_button,
    log_in,
    messages_of,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_DAY = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def demo():
    with time_machine.travel(DEMO_DAY, tick=True):
        load_demo()
        yield


def _assigned_followup() -> FollowUp:
    return (
        FollowUp.objects.filter(
            organisation__code="sdf-sodermalm",
            status="assigned",
            template_version__isnull=False,
            provider__kind="company",
        )
        .order_by("pk")
        .first()
    )


def test_an_officer_takes_a_followup_from_assigned_to_shared(
    demo, browser_page, live_server, tmp_path: Path
) -> None:
    page = browser_page
    followup = _assigned_followup()
    assert followup is not None, "the demo has no assigned follow-up for Södermalm"
    officer = User.objects.get(username="uppfoljare.sodermalm")
    provider_user = make_user(
        "utforare.flode", Role.PROVIDER_USER, provider=followup.provider
    )
    questions = list(
        Question.objects.filter(version=followup.template_version)
        .filter(answer_type="yes_no", requirement__isnull=False)
        .order_by("section__position", "position")
    )
    first, second = questions[0], questions[1]
    evidence_file = tmp_path / "rutin-hot-och-vald.pdf"
    evidence_file.write_bytes(PDF)

    # Start: documents requested, visit planned.
    log_in(page, officer, live_server.url)
    page.goto(f"/followups/{followup.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Starta: begär in dokument").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("#id_visit_planned_on", "2026-11-25")
    page.fill("#id_documents_requested_on", "2026-11-02")
    page.get_by_label("Verksamhetsbesök").check()
    click_button(page, "Spara")
    assert "startad" in messages_of(page)

    # The visit.
    page.get_by_role("link", name="Registrera besöket").click()
    page.wait_for_load_state()
    page.fill("#id_visited_on", "2026-11-25")
    page.get_by_label("Verksamhetschef").check()
    page.get_by_label("Personal", exact=True).check()
    assert_accessible(page)
    click_button(page, "Spara")
    assert "Besöket är registrerat" in messages_of(page)

    # The protocol: two answers not met, the rest met, a file on the first.
    page.get_by_role("link", name="Protokoll").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator(f"#q-{first.pk} input[value=no]").check()
    page.fill(f"#q-{first.pk}-comment", "Rutin för hot och våld saknas.")
    # Saved as you go: the autosave says so without leaving the page.
    page.locator("[data-autosave-status]").filter(has_text="Sparat").wait_for()
    page.locator(f"#q-{second.pk} input[value=partly]").check()
    for question in questions[2:]:
        page.locator(f"#q-{question.pk} input[value=yes]").check()
    page.set_input_files(f"#q-{first.pk}-files", str(evidence_file))
    click_button(page, "Spara protokollet")
    assert "Protokollet är sparat, med 1 ny fil" in messages_of(page)
    assert_accessible(page)
    assert Answer.objects.get(followup=followup, question=first).value == "no"
    assert Evidence.objects.get(followup=followup).file.original_name == (
        "rutin-hot-och-vald.pdf"
    )

    # The assessment: both proposals confirmed as minor deficiencies.
    page.get_by_role("link", name="Översikt", exact=True).last.click()
    page.wait_for_load_state()
    click_button(page, "Påbörja bedömningen")
    page.get_by_role("link", name="Brister och åtgärder").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    for _ in range(2):
        click_button(page, "Bekräfta bristen")
        assert "Bristen är bekräftad" in messages_of(page)
    assert Deficiency.objects.filter(followup=followup).count() == 2
    assert_accessible(page)
    click_button(page, "Begär komplettering")
    assert "Kompletteringen är begärd" in messages_of(page)
    assert_accessible(page)

    # The provider sends one complement through the portal.
    deficiency = Deficiency.objects.filter(followup=followup, question=first).get()
    log_in(page, provider_user, live_server.url)
    page.goto("/portal/")
    assert_accessible(page)
    page.get_by_role("link", name=followup.unit.name).first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    card = page.locator(f"#deficiency-{deficiency.pk}")
    if not card.locator("form").is_visible():
        card.locator("summary").click()
    card.locator("textarea").fill("Ny rutin för hot och våld, antagen 2026-11-28.")
    card.locator("input[type=file]").set_input_files(str(evidence_file))
    card.get_by_role("button", name="Skicka kompletteringen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    received = Measure.objects.get(deficiency=deficiency, kind="complement_received")
    assert received.by_provider and received.files.count() == 1

    # The officer approves it; one minor deficiency remains.
    log_in(page, officer, live_server.url)
    page.goto(f"/findings/followups/{followup.pk}/")
    card = page.locator(f"#deficiency-{deficiency.pk}")
    card.locator("summary", has_text="Godkänn eller underkänn").click()
    card.get_by_label("Godkänn: bristen är åtgärdad").check()
    card.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    assert "Åtgärden är registrerad" in messages_of(page)
    assert_accessible(page)
    outcome = page.locator("#outcome")
    assert "Följer avtalet, vissa mindre brister kvarstår" in outcome.inner_text()
    proposed = page.get_by_label(
        "Följer avtalet, vissa mindre brister kvarstår (föreslagen)"
    )
    assert proposed.is_checked()
    click_button(page, "Avsluta uppföljningen")
    assert "Uppföljningen är avslutad" in messages_of(page)
    assert_accessible(page)
    click_button(page, "Dela resultatet med utföraren")
    followup.refresh_from_db()
    assert followup.status == "shared"
    assert followup.outcome == followup.proposed_outcome == "minor_deficiencies_remain"

    # The report, as the provider gets it, opens in LibreOffice.
    page.goto(f"/findings/followups/{followup.pk}/report/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word (DOCX)").click()
    docx = tmp_path / "rapport.docx"
    download.value.save_as(docx)
    text = _through_libreoffice(docx, tmp_path)
    assert followup.unit.name in text
    assert "mindre brister" in text


def test_a_correction_request_on_a_ktt_unit_is_refused(
    demo, browser_page, live_server
) -> None:
    """The schools' short-term supervision runs under a mission description: the
    coordinator is told so, in the regime's words, instead of a form."""
    page = browser_page
    ktt = (
        FollowUp.objects.filter(contract_area__code="korttidstillsyn")
        .order_by("-year", "pk")
        .first()
    )
    assert ktt is not None and ktt.provider.regime == "own"
    log_in(page, User.objects.get(username="samordnare"), live_server.url)
    page.goto(f"/findings/followups/{ktt.pk}/")
    refusal = page.locator("#sanction-refusal").inner_text()
    assert "uppdragsbeskrivning" in refusal and "egen regi" in refusal
    assert page.locator("#id_action-kind").count() == 0
    assert_accessible(page)


def _through_libreoffice(docx: Path, tmp_path: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        if os.environ.get("FOLJSAM_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is missing but FOLJSAM_REQUIRE_LIBREOFFICE=1")
        pytest.skip("LibreOffice or pdftotext is not installed")
    subprocess.run(  # noqa: S603 - fixed arguments, our own temporary file
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return subprocess.run(  # noqa: S603
        [pdftotext, str(docx.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
