"""Login through the city's identity provider (OpenID Connect). The routes always
exist; without configuration they answer 404."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)


def _when_enabled(view: Any) -> Any:
    @login_not_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.FOLJSAM_OIDC_ENABLED:
            raise Http404
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    wrapper.foljsam_public = True  # type: ignore[attr-defined]
    return wrapper


urlpatterns = [
    path(
        "authenticate/",
        _when_enabled(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        _when_enabled(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
