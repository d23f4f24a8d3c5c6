"""What the templates may show: the user's capabilities, for menus and links. The
views check again; hiding a link is a courtesy, not the protection."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from foljsam.accounts.access import Capability, capabilities, provider_reach


def access(request: HttpRequest) -> dict[str, Any]:
    held = capabilities(request.user)
    return {
        "can": {capability.value: capability in held for capability in Capability},
        "own_provider_id": provider_reach(request.user),
    }
