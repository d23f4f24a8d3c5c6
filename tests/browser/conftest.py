"""Playwright driving Debian's Chromium (never a downloaded browser), with axe-core.

Without /usr/bin/chromium these tests are skipped, unless FOLJSAM_REQUIRE_BROWSER=1
(as .ci/run sets), in which case they fail: CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to
# run where a loop runs unless told that this is a test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser_page(live_server: Any) -> Iterator[Any]:
    """A page in a fresh Chromium, started after the live server and database.

    Playwright's sync API runs the test in a context of its own, and Django keeps
    database connections per context: the database (and its serialized rollback)
    must be set up before Playwright starts, and torn down after it stops.
    """
    if not shutil.which(CHROMIUM):
        if os.environ.get("FOLJSAM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing but FOLJSAM_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        yield context.new_page()
        context.close()
        browser.close()
        # Connections the test opened inside Playwright's context belong to no
        # one else: close them, or PostgreSQL cannot drop the test database.
        connections.close_all()


def log_in(page: Any, user: Any, base_url: str) -> None:
    """Give the browser a session for ``user`` without typing the password."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def axe_violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return list(result.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def assert_accessible(page: Any) -> None:
    """axe on the page as it stands: no violation of WCAG 2.1 A and AA."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe(violations)}"


def click_button(page: Any, name: str) -> None:
    """Press the first button called exactly ``name`` and wait for the page."""
    page.get_by_role("button", name=name, exact=True).first.click()
    page.wait_for_load_state()


def messages_of(page: Any) -> str:
    """The page's status messages ("saved", "sent back"), as one text."""
    return " ".join(page.locator(".message").all_inner_texts())
