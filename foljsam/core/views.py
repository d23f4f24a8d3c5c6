"""Error pages that are more than a template: a refused access is logged."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import loader

from foljsam.core.security_log import security_event


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: log who was refused what, then show the 403 page."""
    security_event(
        "access_denied",
        level=logging.WARNING,
        user=_username(request),
        remote=request.META.get("REMOTE_ADDR"),
        method=request.method,
        path=request.path,
    )
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({}, request))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a refused form post is a refused access too."""
    security_event(
        "csrf_failure",
        level=logging.WARNING,
        user=_username(request),
        remote=request.META.get("REMOTE_ADDR"),
        method=request.method,
        path=request.path,
        reason=reason,
    )
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({}, request))


def _username(request: HttpRequest) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return str(user.get_username())
