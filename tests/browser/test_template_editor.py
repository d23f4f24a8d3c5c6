"""Issue 4 in the browser: a coordinator creates a template, checks it, publishes
it, copies it and compares the two versions, with the keyboard where it matters,
and every page on the way passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from foljsam.requirements.models import Question, TemplateVersion
from foljsam.requirements.tests.factories import RequirementFactory
from tests.browser.conftest import axe_violations, describe, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def test_create_check_publish_copy_and_compare(browser_page, live_server, coordinator):
    RequirementFactory(code="rutin-hot-vald", title="Rutin för hot och våld")
    RequirementFactory(code="rutin-lex-sarah", title="Rutin för lex Sarah")
    page = browser_page
    log_in(page, coordinator, live_server.url)

    page.goto("/catalogue/templates/")
    _clean(page)
    page.get_by_role("link", name="Ny mall").click()
    page.get_by_label("Kod").fill("besok-test")
    page.get_by_label("Namn").fill("Besöksprotokoll test")
    page.get_by_label("Syfte").select_option("visit_protocol")
    _clean(page)
    page.get_by_role("button", name="Skapa mallen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Besöksprotokoll test, version 1"
    )
    # An empty draft: the check says why it cannot be published yet.
    expect(page.get_by_text("Mallen har inga avsnitt.")).to_have_count(1)
    _clean(page)

    page.get_by_role("link", name="Lägg till ett avsnitt").click()
    page.get_by_label("Rubrik").fill("Rutiner")
    _clean(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Avsnittet har inga frågor.").first).to_be_visible()

    for text, requirement in (
        ("Finns en rutin för hot och våld?", "rutin-hot-vald"),
        ("Finns en rutin för lex Sarah?", "rutin-lex-sarah"),
    ):
        page.get_by_role("link", name="Lägg till en fråga till avsnitt 1").click()
        page.locator("#id_text").fill(text)
        page.get_by_label("Krav som kontrolleras").select_option(
            label=f"{requirement} "
            + (
                "Rutin för hot och våld"
                if "hot" in requirement
                else "Rutin för lex Sarah"
            )
        )
        _clean(page)
        page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Inga problem hittades")).to_have_count(1)
    _clean(page)

    # Reorder by keyboard: focus "move up" on question 1.2 and press Enter.
    page.get_by_role("button", name="Flytta upp fråga 1.2").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    headings = page.locator(".question h3").all_inner_texts()
    assert headings == [
        "1.1 Finns en rutin för lex Sarah?",
        "1.2 Finns en rutin för hot och våld?",
    ]

    page.get_by_role("button", name="Publicera").click()
    expect(page.locator("h1 .badge")).to_have_text("Publicerad")
    expect(page.get_by_role("link", name="Ändra fråga 1.1")).to_have_count(0)
    _clean(page)
    v1 = TemplateVersion.objects.get(template__code="besok-test", number=1)
    assert v1.status == "published" and v1.checksum

    page.get_by_role("button", name="Gör en ny version av denna").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 2")
    page.get_by_role("link", name="Ändra fråga 1.2").click()
    page.locator("#id_text").fill("Finns en skriftlig rutin för hot och våld?")
    page.get_by_role("button", name="Spara").click()

    page.get_by_role("link", name="Jämför versioner").click()
    page.get_by_label("Jämför version").select_option(label="Version 1 (Publicerad)")
    page.get_by_label("med version").select_option(label="Version 2 (Utkast)")
    page.get_by_role("button", name="Jämför").click()
    expect(
        page.get_by_text("Finns en skriftlig rutin för hot och våld?").first
    ).to_be_visible()
    expect(page.get_by_text("1 skillnad.")).to_have_count(1)
    _clean(page)
    # The first version is untouched.
    assert Question.objects.filter(version=v1).order_by("position").first().text == (
        "Finns en rutin för lex Sarah?"
    )
