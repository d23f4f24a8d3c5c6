from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Django's login form with the autocomplete hints WCAG 1.3.5 asks for."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update(
            {"autocomplete": "current-password"}
        )

    @property
    def city_login_enabled(self) -> bool:
        """Whether the login page also offers the city's identity provider (issue 3:
        OpenID Connect login), read at each request."""
        return bool(settings.FOLJSAM_OIDC_ENABLED)
