"""Session timeouts: idle and absolute (issue 3, login security)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

LOGIN_AT = "foljsam_login_at"
SEEN_AT = "foljsam_seen_at"
# Remember activity at most once a minute: not a session write on every request.
SEEN_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Log the user out after FOLJSAM_SESSION_IDLE_MINUTES without a request, and
    FOLJSAM_SESSION_MAX_HOURS after logging in whatever they do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.setdefault(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            idle = settings.FOLJSAM_SESSION_IDLE_MINUTES * 60
            absolute = settings.FOLJSAM_SESSION_MAX_HOURS * 3600
            if now - seen_at > idle or now - login_at > absolute:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out because the session ended. Log in again."),
                )
                return redirect_to_login(request.get_full_path())
            if (
                now - seen_at >= SEEN_RESOLUTION_SECONDS
                or SEEN_AT not in request.session
            ):
                request.session[SEEN_AT] = now
        return self.get_response(request)
