"""Five failed logins lock the account, and the lockout is logged (issue 3).

django-axes counts failures per username (AXES_LOCKOUT_PARAMETERS), so colleagues
behind one address do not lock each other out. A refused login is answered with
registration/locked_out.html and status 429 Too Many Requests (django-axes' default
AXES_HTTP_RESPONSE_CODE, which settings.py leaves as it is).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foljsam.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = 429
LOCKOUT_TEMPLATE = "registration/locked_out.html"
REMOTE = "198.51.100.20"
START = dt.datetime(2026, 2, 2, 8, 0, tzinfo=dt.UTC)


def attempt(client: Client, username: str, password: str) -> object:
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=REMOTE,
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def is_lockout_page(response: object) -> bool:
    templates = [t.name for t in response.templates]  # type: ignore[attr-defined]
    return (
        response.status_code == LOCKED  # type: ignore[attr-defined]
        and LOCKOUT_TEMPLATE in templates
    )


def lock(client: Client, username: str) -> list[object]:
    """Five wrong passwords; returns the responses."""
    return [attempt(client, username, f"wrong-password-{n}") for n in range(5)]


def test_five_failed_logins_lock_the_account_and_the_lockout_is_logged(
    security_log,
) -> None:
    UserFactory(username="anna")
    client = Client()
    with time_machine.travel(START, tick=False):
        responses = lock(client, "anna")
        # The first four are ordinary failures: the form again, with its error.
        for response in responses[:4]:
            assert response.status_code == 200  # type: ignore[attr-defined]
            assert not is_lockout_page(response)
        # The fifth failure locks the account and says so.
        assert is_lockout_page(responses[4])
        assert security_log.events() == ["login_failed"] * 4 + [
            "account_locked",
            "login_failed",
        ]
        assert (
            f'account_locked user="anna" remote="{REMOTE}"' in security_log.messages()
        )
        security_log.clear()

        # The sixth attempt, with the right password, is refused all the same.
        sixth = attempt(client, "anna", TEST_PASSWORD)
    assert is_lockout_page(sixth)
    assert not logged_in(client)
    assert "account_locked" in security_log.events()
    assert "login_succeeded" not in security_log.events()
    with translation.override("sv"):
        assert gettext("This account is locked") in sixth.content.decode()  # type: ignore[attr-defined]


def test_another_username_is_not_affected(security_log) -> None:
    UserFactory(username="anna")
    UserFactory(username="bertil")
    client = Client()
    lock(client, "anna")
    # Same browser, same address: a colleague still logs in.
    response = attempt(client, "bertil", TEST_PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert logged_in(client)
    assert security_log.events()[-1] == "login_succeeded"


def test_an_administrator_unlocks_the_account() -> None:
    UserFactory(username="anna")
    client = Client()
    lock(client, "anna")
    assert is_lockout_page(attempt(client, "anna", TEST_PASSWORD))
    call_command("axes_reset_username", "anna", verbosity=0)
    response = attempt(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert logged_in(client)


def test_the_account_opens_again_after_the_cool_off() -> None:
    UserFactory(username="anna")
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        lock(client, "anna")
        clock.shift(dt.timedelta(minutes=31))
        response = attempt(client, "anna", TEST_PASSWORD)
        assert response.status_code == 302  # type: ignore[attr-defined]
        assert logged_in(client)


def test_an_attempt_while_locked_keeps_the_account_locked_longer() -> None:
    """As the lockout page says: django-axes starts the cool-off again at every
    attempt during the lockout (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)."""
    UserFactory(username="anna")
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        lock(client, "anna")
        clock.shift(dt.timedelta(minutes=20))
        assert is_lockout_page(attempt(client, "anna", TEST_PASSWORD))
        clock.shift(dt.timedelta(minutes=11))  # 31 minutes after the lockout
        assert is_lockout_page(attempt(client, "anna", TEST_PASSWORD))
        clock.shift(dt.timedelta(minutes=31))  # 31 minutes after the last attempt
        response = attempt(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]


def _main(response: object) -> str:
    content = response.content.decode()  # type: ignore[attr-defined]
    match = re.search(r"<main\b.*?</main>", content, re.DOTALL)
    assert match is not None
    return match.group(0)


def test_the_lockout_page_does_not_tell_whether_the_username_exists() -> None:
    UserFactory(username="anna")
    real = lock(Client(), "anna")[-1]
    unknown = lock(Client(), "anna.finns.inte")[-1]
    assert is_lockout_page(real) and is_lockout_page(unknown)
    assert _main(real) == _main(unknown)
    assert "anna" not in _main(real)


def test_the_lockout_page_says_when_the_account_opens(settings) -> None:
    with translation.override("sv"):
        expected = translation.ngettext(
            "It opens again by itself %(minutes)s minute after the last attempt, "
            "or sooner if a system administrator unlocks it.",
            "It opens again by itself %(minutes)s minutes after the last attempt, "
            "or sooner if a system administrator unlocks it.",
            30,
        ) % {"minutes": 30}
    response = lock(Client(), "anna")[-1]
    assert expected in _main(response)
