"""Logins (success and failure), logouts and refused accesses are logged: one line
each, UTC timestamps, free of log injection (issue 3)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from foljsam.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

REMOTE = "203.0.113.7"
UTC = dt.UTC
# 12:00 UTC is 13:00 in Stockholm in March: a local-time formatter would show 13.
NOON_UTC = dt.datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def log_in(client: Client, username: str, password: str) -> object:
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=REMOTE,
    )


def test_a_login_is_logged_in_utc(client, security_log) -> None:
    UserFactory(username="anna")
    with time_machine.travel(NOON_UTC, tick=False):
        response = log_in(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert security_log.lines() == [
        "2026-03-02T12:00:00.000Z INFO foljsam.security "
        f'login_succeeded user="anna" remote="{REMOTE}"'
    ]


def test_a_failed_login_is_logged_without_the_password(client, security_log) -> None:
    UserFactory(username="anna")
    wrong = "not-the-password-4711"
    with time_machine.travel(NOON_UTC, tick=False):
        response = log_in(client, "anna", wrong)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert security_log.lines() == [
        "2026-03-02T12:00:00.000Z WARNING foljsam.security "
        f'login_failed user="anna" remote="{REMOTE}"'
    ]
    record = security_log.records[0]
    assert wrong not in repr(record.__dict__)


def test_a_failed_login_for_an_unknown_username_names_it_as_given(
    client, security_log
) -> None:
    log_in(client, "Nobody.Here", "whatever-it-is")
    assert security_log.messages() == [
        f'login_failed user="Nobody.Here" remote="{REMOTE}"'
    ]


def test_a_username_cannot_inject_a_log_line(client, security_log) -> None:
    evil = (
        'x"\n2026-01-01T00:00:00Z INFO foljsam.security login_succeeded '
        'user="admin"\x1b[1A\x1b[2K'
    )
    log_in(client, evil, "whatever-it-is")
    lines = security_log.lines()
    assert len(lines) == 1
    assert "\n" not in lines[0] and "\r" not in lines[0] and "\x1b" not in lines[0]
    assert lines[0].endswith(
        'WARNING foljsam.security login_failed user="x\\"\\n2026-01-01T00:00:00Z '
        'INFO foljsam.security login_succeeded user=\\"admin\\"'
        '\\x1b[1A\\x1b[2K"'
        f' remote="{REMOTE}"'
    )


def test_a_logout_is_logged(client, security_log) -> None:
    UserFactory(username="anna")
    log_in(client, "anna", TEST_PASSWORD)
    security_log.clear()
    with time_machine.travel(NOON_UTC, tick=False):
        response = client.post(reverse("logout"), REMOTE_ADDR=REMOTE)
    assert response.status_code == 302
    assert security_log.lines() == [
        "2026-03-02T12:00:00.000Z INFO foljsam.security "
        f'logged_out user="anna" remote="{REMOTE}"'
    ]


def test_a_logout_without_a_login_logs_nothing(client, security_log) -> None:
    assert client.post(reverse("logout")).status_code == 302
    assert security_log.messages() == []


def test_a_refused_page_is_logged(client, security_log) -> None:
    """A user without the import permission (no role, no permission) asks for the
    import page: 403, and one line naming who asked for what."""
    UserFactory(username="anna")
    log_in(client, "anna", TEST_PASSWORD)
    security_log.clear()
    with time_machine.travel(NOON_UTC, tick=False):
        response = client.get(reverse("registry:import"), REMOTE_ADDR=REMOTE)
    assert response.status_code == 403
    assert security_log.lines() == [
        "2026-03-02T12:00:00.000Z WARNING foljsam.security "
        f'access_denied user="anna" remote="{REMOTE}" method="GET" '
        'path="/registry/import/"'
    ]


def test_a_refused_path_is_escaped(client, security_log) -> None:
    UserFactory(username="anna")
    log_in(client, "anna", TEST_PASSWORD)
    security_log.clear()
    response = client.get('/registry/import/"%0Aforged', REMOTE_ADDR=REMOTE)
    # Whatever the status (no such page: 404), nothing is logged unescaped.
    assert response.status_code == 404
    assert all("\n" not in line for line in security_log.lines())


def test_a_csrf_failure_is_logged(security_log) -> None:
    client = Client(enforce_csrf_checks=True)
    with time_machine.travel(NOON_UTC, tick=False):
        response = client.post(
            reverse("login"),
            {"username": "anna", "password": TEST_PASSWORD},
            REMOTE_ADDR=REMOTE,
        )
    assert response.status_code == 403
    assert security_log.lines() == [
        "2026-03-02T12:00:00.000Z WARNING foljsam.security "
        f'csrf_failure user=- remote="{REMOTE}" method="POST" '
        'path="/accounts/login/" reason="CSRF cookie not set."'
    ]


def test_a_csrf_failure_of_a_logged_in_user_names_the_user(security_log) -> None:
    UserFactory(username="anna")
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="anna"))
    security_log.clear()
    response = client.post(reverse("logout"), REMOTE_ADDR=REMOTE)
    assert response.status_code == 403
    assert security_log.messages() == [
        f'csrf_failure user="anna" remote="{REMOTE}" method="POST" '
        'path="/accounts/logout/" reason="CSRF cookie not set."'
    ]
    assert security_log.records[0].levelno == logging.WARNING
