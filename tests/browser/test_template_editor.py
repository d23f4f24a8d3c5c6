"""Issue 4 in the browser: a coordinator creates a template, checks it, publishes
it, copies it and compares the two versions, with the keyboard where it matters,
and every page on the way passes axe-core."""

from __future__ import annotations

import pytest

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
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Besöksprotokoll test")
    )
    # An empty draft: the check says why it cannot be published yet.
    assert page.get_by_text("Mallen har inga avsnitt.").count() == 1
    _clean(page)

    page.get_by_role("link", name="Lägg till ett avsnitt").click()
    page.get_by_label("Rubrik").fill("Rutiner")
    _clean(page)
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Avsnittet har inga frågor.").count() >= 1

    for text, requirement in (
        ("Finns en rutin för hot och våld?", "rutin-hot-vald"),
        ("Finns en rutin för lex Sarah?", "rutin-lex-sarah"),
    ):
        page.get_by_role("link", name="Lägg till en fråga till avsnitt 1").click()
        page.get_by_label("Fråga", exact=True).fill(text)
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
    assert page.get_by_text("Inga problem hittades").count() == 1
    _clean(page)

    # Reorder by keyboard: focus "move up" on question 1.2 and press Enter.
    page.get_by_role("button", name="Flytta upp fråga 1.2").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    headings = page.locator(".question h3").all_inner_texts()
    assert headings == [
        "1.1 Finns en rutin för lex Sarah?",
        "1.2 Finns en rutin för hot och våld?",
    ]

    page.get_by_role("button", name="Publicera").click()
    assert page.locator(".badge").first.inner_text() == "Publicerad"
    assert page.get_by_role("link", name="Ändra fråga 1.1").count() == 0
    _clean(page)
    v1 = TemplateVersion.objects.get(template__code="besok-test", number=1)
    assert v1.status == "published" and v1.checksum

    page.get_by_role("button", name="Gör en ny version av denna").click()
    assert "version 2" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Ändra fråga 1.2").click()
    page.get_by_label("Fråga", exact=True).fill(
        "Finns en skriftlig rutin för hot och våld?"
    )
    page.get_by_role("button", name="Spara").click()

    page.get_by_role("link", name="Jämför versioner").click()
    page.get_by_label("Jämför version").select_option(label="Version 1 (Publicerad)")
    page.get_by_label("med version").select_option(label="Version 2 (Utkast)")
    page.get_by_role("button", name="Jämför").click()
    assert page.get_by_text("Finns en skriftlig rutin för hot och våld?").count() >= 1
    assert page.get_by_text("1 skillnad.").count() == 1
    _clean(page)
    # The first version is untouched.
    assert Question.objects.filter(version=v1).order_by("position").first().text == (
        "Finns en rutin för lex Sarah?"
    )
