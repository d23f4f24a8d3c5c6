"""The portal's answer link in a real browser: the provider's Save button is
accepted (a regression: with ``Referrer-Policy: no-referrer`` Chromium posted the
form with ``Origin: null`` and the CSRF check refused it with a 403, which the
test client, sending no Origin, never showed)."""

from __future__ import annotations

import pytest

from foljsam.followups.models import Answer
from foljsam.portal import services
from foljsam.portal.tests.factories import answer_followup
from tests.browser.conftest import assert_accessible, click_button, messages_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_provider_saves_and_sends_in_through_the_link(
    browser_page, live_server, district, provider
):
    followup = answer_followup(organisation=district, provider=provider)
    _link, token = services.answer_link_create(
        actor=None, followup=followup, email="chef@utforare.example.org"
    )
    page = browser_page
    response = page.goto(f"/portal/answer/{token}/")
    assert response is not None and response.status == 200
    assert response.headers["referrer-policy"] == "strict-origin"
    page.get_by_role("radio", name="Ja").first.check()
    click_button(page, "Spara svaren")
    assert "Era svar är sparade" in messages_of(page)
    assert Answer.objects.filter(followup=followup, value="yes").count() == 1
    assert_accessible(page)
