"""The lockout page passes axe-core, reached the way a person reaches it: five
wrong passwords typed into the login form."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from foljsam.accounts.tests.factories import UserFactory
from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_lockout_page_is_accessible(browser_page, live_server) -> None:
    UserFactory(username="anna")
    page = browser_page
    with translation.override("sv"):
        log_in, locked = gettext("Log in"), gettext("This account is locked")
        username, password = gettext("Username"), gettext("Password")
    statuses = []
    for n in range(5):
        page.goto("/accounts/login/")
        page.get_by_label(username).fill("anna")
        page.get_by_label(password).fill(f"wrong-password-{n}")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=log_in, exact=True).click()
        statuses.append(navigation.value.status)
    assert statuses == [200, 200, 200, 200, 429]
    assert page.get_by_role("heading", level=1).inner_text() == locked
    violations = axe_violations(page)
    assert not violations, describe(violations)
