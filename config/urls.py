from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from foljsam.registry.views import overview

urlpatterns = [
    path("", overview, name="home"),
    path("accounts/", include("foljsam.accounts.urls")),
    path("oidc/", include("foljsam.accounts.oidc_urls")),
    path("registry/", include("foljsam.registry.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Refused accesses are logged before the 403 page is shown.
handler403 = "foljsam.core.views.permission_denied"
