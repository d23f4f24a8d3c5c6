"""The portal on the demo city: its provider logins see their own results."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from foljsam.accounts.models import User
from foljsam.demo.loader import DEMO_PASSWORD, load_demo
from foljsam.demo.portal_data import PORTAL_USERNAMES, load_portal_users
from foljsam.followups.models import FollowUp
from foljsam.portal.selectors import PORTAL_STATUSES
from tests.pages import BY_NAME

pytestmark = pytest.mark.django_db


def test_the_demo_providers_use_the_portal() -> None:
    result = load_demo()
    assert {login.username for login in result.logins} >= set(PORTAL_USERNAMES)
    logins = load_portal_users(password=DEMO_PASSWORD)
    assert [username for username, _name, _new in logins] == PORTAL_USERNAMES
    # The demo made them; loading again changes nothing.
    assert not any(created for _username, _name, created in logins)
    again = load_portal_users(password=DEMO_PASSWORD)
    assert again == [(username, name, False) for username, name, _new in logins]
    for username, _name, _new in logins:
        user = User.objects.get(username=username)
        client = Client()
        assert user.check_password(DEMO_PASSWORD)
        client.force_login(user)
        home = client.get(reverse("portal:home"))
        assert home.status_code == 200
        shown = FollowUp.objects.filter(
            provider_id=user.provider_id, status__in=PORTAL_STATUSES
        ).order_by("pk")
        assert shown.exists()
        for followup in shown:
            assert followup.unit.name in home.content.decode()
            page = client.get(reverse("portal:followup", args=[followup.pk]))
            assert page.status_code == 200
    # An answer link on the demo city opens its page, without a login.
    response = Client().get(BY_NAME["portal:answer"].url())
    assert response.status_code == 200
    assert b'id="main"' in response.content
