"""Login through the city's identity provider (OpenID Connect): the routes always
exist and answer 404 unless settings.FOLJSAM_OIDC_ENABLED. The identity provider
must know ``/oidc/callback/`` as a redirect URI (docs/operations.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from foljsam.accounts.oidc import CityCallbackView

View = Callable[..., HttpResponse]


def _when_enabled(view: View) -> View:
    """Public (the person is not logged in yet), and 404 while OIDC is off. The
    setting is read at each request, so the views read theirs then too."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.FOLJSAM_OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.foljsam_public = True  # type: ignore[attr-defined]
    return wrapper


urlpatterns = [
    # Sends the browser to the identity provider with a fresh state and nonce
    # (kept in the session); ``?next=`` is kept for after the login.
    path(
        "authenticate/",
        _when_enabled(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        _when_enabled(CityCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
