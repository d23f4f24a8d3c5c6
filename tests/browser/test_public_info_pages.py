"""The open data page and the accessibility statement (issue 8) pass axe-core at
WCAG 2.1 A and AA in Chromium, in Swedish and in English, logged out; the skip
link works, the pages can be walked with the keyboard, and the language link
leads to the same page in the other language."""

from __future__ import annotations

import pytest

from foljsam.publishing.tests.factories import published_result
from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "sv": ["/jamfor/oppna-data/", "/tillganglighetsredogorelse/"],
    "en": ["/en/jamfor/oppna-data/", "/en/tillganglighetsredogorelse/"],
}


def _check(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_pages_pass_axe_logged_out(browser_page, language) -> None:
    published_result()
    page = browser_page
    page.context.clear_cookies()
    for url in PAGES[language]:
        _check(page, url)
        assert page.evaluate("document.documentElement.lang") == language
        # The narrowest screen WCAG 1.4.10 asks for: no sideways scrolling of
        # the page itself (the schema table scrolls in its own box).
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth + 1"
        ), f"{url} does not reflow at 320 px"
        page.set_viewport_size({"width": 1280, "height": 800})


def test_keyboard_and_language_link(browser_page) -> None:
    page = browser_page
    page.goto("/tillganglighetsredogorelse/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every link of the page is reached by Tab, in order, each with visible focus.
    links = page.evaluate("document.querySelectorAll('main a[href]').length")
    reached = set()
    for _ in range(links + 40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        if page.evaluate("document.activeElement.closest('main') !== null"):
            reached.add(href)
            style = page.evaluate(
                "getComputedStyle(document.activeElement).outlineStyle"
            )
            assert style not in ("", "none"), href
    expected = set(
        page.evaluate(
            "[...document.querySelectorAll('main a[href]')]"
            ".map(a => a.getAttribute('href'))"
        )
    )
    assert expected <= reached
    # The language link leads to the English statement, and back.
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/tillganglighetsredogorelse/")
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_load_state()
    assert page.url.endswith("/tillganglighetsredogorelse/")
    assert "/en/" not in page.url
