"""System checks: a misconfigured login fails `foljsam check --deploy` and the
start of the server, not the first person who tries to log in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def oidc_role_map(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.FOLJSAM_OIDC_ENABLED:
        return []
    from foljsam.accounts.oidc import role_map

    try:
        role_map()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error),
                hint="Set FOLJSAM_OIDC_ROLE_MAP to group=role,group=role.",
                id="foljsam.E001",
            )
        ]
    return []
