"""Receivers for logins, logouts, failed logins and lockouts (issue 3).

Each writes one line to the security log (core/security_log.py). A login also starts
the session's clocks for the timeouts (accounts/middleware.py) and records the
session for the user (accounts/sessions.py); a logout forgets it. Connected in
``AccountsConfig.ready``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.http import HttpRequest

from foljsam.accounts.middleware import LOGIN_AT, SEEN_AT
from foljsam.accounts.models import User
from foljsam.accounts.sessions import session_forget, session_remember
from foljsam.core.security_log import security_event


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="foljsam.accounts.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="foljsam.accounts.logged_out")
    user_login_failed.connect(
        login_failed, dispatch_uid="foljsam.accounts.login_failed"
    )
    user_locked_out.connect(locked_out, dispatch_uid="foljsam.accounts.locked_out")


def logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    # The absolute timeout counts from this login, even in a session that had one.
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    session_remember(request.session, user)
    security_event("login_succeeded", user=user.get_username(), remote=_remote(request))


def logged_out(
    sender: Any, request: HttpRequest, user: User | None, **kwargs: Any
) -> None:
    if user is None:  # nobody was logged in: nothing ended
        return
    session_forget(request.session.session_key)
    security_event("logged_out", user=user.get_username(), remote=_remote(request))


def login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Django has already replaced the password in ``credentials``; only the
    # username, as typed, is written.
    username = credentials.get("username")
    security_event(
        "login_failed",
        level=logging.WARNING,
        user=None if username is None else str(username),
        remote=_remote(request),
    )


def locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    **kwargs: Any,
) -> None:
    security_event(
        "account_locked",
        level=logging.WARNING,
        user=username,
        remote=_remote(request),
    )


def _remote(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    return None if remote is None else str(remote)
