"""Django's admin, for system administrators only (issue 3: "system administrator:
users, reference data and rules").

Two changes from Django's site: who may enter is decided by the role (through
``accounts.access``), and a logged-in person without it gets 403, logged like every
refused access, instead of a second login form. There is one login page: the
application's, with its lockout and the city's identity provider.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any, cast

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from foljsam.accounts.access import Capability, can


class FoljsamAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return can(request.user, Capability.ADMINISTER)

    def admin_view[V: Callable[..., Any]](self, view: V, cacheable: bool = False) -> V:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            response: HttpResponse = inner(request, *args, **kwargs)
            return response

        return cast(V, update_wrapper(guarded, inner))

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", "/admin/"))
