"""Which sessions a user is logged in with, and ending them all (issue 3).

Login records the session key (``UserSession``), logout forgets it; deactivating a
user calls ``sessions_end_for`` so that every browser the user is logged in with is
logged out at once, not only at its next request.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone

from foljsam.accounts.models import User, UserSession


def session_remember(session: SessionBase, user: User) -> None:
    """Record that ``user`` is logged in with ``session``; called on login.

    Rows older than the longest a session can live are dropped on the way: their
    sessions have ended without a logout (the browser was closed, or they timed out).
    """
    if session.session_key is None:
        session.save()
    key = session.session_key
    if key is None:
        raise RuntimeError("The session has no key after saving.")
    oldest = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    UserSession.objects.filter(user=user, created_at__lt=oldest).delete()
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})


def session_forget(session_key: str | None) -> None:
    """Forget a session that is being logged out of."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def sessions_end_for(user: User) -> int:
    """End every session ``user`` is logged in with: each is deleted from the
    session store, so its next request is anonymous. Returns how many there were."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        keys = list(
            UserSession.objects.select_for_update()
            .filter(user=user)
            .values_list("session_key", flat=True)
        )
        for key in keys:
            store(session_key=key).delete()
        UserSession.objects.filter(user=user).delete()
    return len(keys)
