"""Error pages that are more than a template: a refused access is logged."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import loader

security_log = logging.getLogger("foljsam.security")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: log who was refused what, then show the 403 page."""
    security_log.warning(
        "access_denied user=%s method=%s path=%s",
        _safe(request.user.get_username() if request.user.is_authenticated else "-"),
        _safe(request.method or ""),
        _safe(request.path),
    )
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({}, request))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    security_log.warning(
        "csrf_failure method=%s path=%s reason=%s",
        _safe(request.method or ""),
        _safe(request.path),
        _safe(reason),
    )
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({}, request))


def _safe(value: str) -> str:
    """One log line per event: control characters (CR, LF …) cannot start a fake
    line, and the value is quoted so that spaces cannot fake a field."""
    escaped = value.encode("unicode_escape").decode("ascii").replace('"', '\\\\"')
    return f'"{escaped}"'
