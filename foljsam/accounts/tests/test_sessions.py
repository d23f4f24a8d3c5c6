"""Sessions: a login starts the session's clocks and is recorded for the user, a
logout forgets it, and ``sessions_end_for`` ends every session of a user (issue 3)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foljsam.accounts.middleware import LOGIN_AT, SEEN_AT
from foljsam.accounts.models import UserSession
from foljsam.accounts.sessions import sessions_end_for
from foljsam.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 2, 2, 8, 0, tzinfo=dt.UTC)


def log_in(client: Client, username: str) -> None:
    response = client.post(
        reverse("login"), {"username": username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def logged_in(client: Client) -> bool:
    """Whether the client's next request is a logged-in one."""
    response = client.get(reverse("home"))
    return bool(response.wsgi_request.user.is_authenticated)


def test_a_login_starts_the_clocks_and_records_the_session() -> None:
    user = UserFactory(username="anna")
    client = Client()
    with time_machine.travel(START, tick=False):
        log_in(client, "anna")
        session = client.session
        assert session[LOGIN_AT] == START.timestamp()
        assert session[SEEN_AT] == START.timestamp()
        assert list(UserSession.objects.values_list("user", "session_key")) == [
            (user.pk, session.session_key)
        ]


def test_the_absolute_timeout_counts_from_the_login(settings) -> None:
    """Logged in at 08:00 and first seen at 17:59: the session still ends at
    18:00, FOLJSAM_SESSION_MAX_HOURS after the login, not after the first page."""
    settings.FOLJSAM_SESSION_IDLE_MINUTES = 24 * 60
    settings.FOLJSAM_SESSION_MAX_HOURS = 10
    UserFactory(username="anna")
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        log_in(client, "anna")
        clock.shift(dt.timedelta(hours=9, minutes=59))
        assert logged_in(client)
        clock.shift(dt.timedelta(minutes=2))
        response = client.get(reverse("home"), follow=True)
    # Sent to the login page, told why, and the session is over and forgotten.
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert not response.wsgi_request.user.is_authenticated
    with translation.override("sv"):
        told = gettext("You were logged out because the session ended. Log in again.")
    assert told in response.content.decode()
    assert not UserSession.objects.exists()


def test_a_logout_forgets_the_session() -> None:
    UserFactory(username="anna")
    client = Client()
    log_in(client, "anna")
    assert UserSession.objects.count() == 1
    client.post(reverse("logout"))
    assert not UserSession.objects.exists()


def test_sessions_end_for_ends_every_session_of_the_user_and_no_other() -> None:
    anna = UserFactory(username="anna")
    UserFactory(username="bertil")
    laptop, phone, colleague = Client(), Client(), Client()
    log_in(laptop, "anna")
    log_in(phone, "anna")
    log_in(colleague, "bertil")
    assert logged_in(laptop) and logged_in(phone)

    assert sessions_end_for(anna) == 2

    assert not logged_in(laptop)
    assert not logged_in(phone)
    assert logged_in(colleague)
    assert list(UserSession.objects.values_list("user__username", flat=True)) == [
        "bertil"
    ]
    assert sessions_end_for(anna) == 0


def test_a_login_drops_records_of_sessions_that_cannot_live_any_more() -> None:
    anna = UserFactory(username="anna")
    old = UserSession.objects.create(user=anna, session_key="x" * 32)
    recent = UserSession.objects.create(user=anna, session_key="y" * 32)
    with time_machine.travel(START, tick=False):
        UserSession.objects.filter(pk=old.pk).update(
            created_at=START - dt.timedelta(hours=10, minutes=1)
        )
        UserSession.objects.filter(pk=recent.pk).update(
            created_at=START - dt.timedelta(hours=9, minutes=59)
        )
        log_in(Client(), "anna")
    keys = set(UserSession.objects.values_list("session_key", flat=True))
    assert "x" * 32 not in keys
    assert "y" * 32 in keys
    assert len(keys) == 2


def test_force_login_is_recorded_too() -> None:
    """The test client's force_login goes through django.contrib.auth.login, so
    tests that log in that way get the same session record."""
    anna = UserFactory(username="anna")
    client = Client()
    client.force_login(anna)
    assert UserSession.objects.filter(
        user=anna, session_key=client.session.session_key
    ).exists()
