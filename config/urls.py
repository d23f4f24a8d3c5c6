from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from foljsam.registry.views import overview

urlpatterns = [
    path("", overview, name="home"),
    path("accounts/", include("foljsam.accounts.urls")),
    path("registry/", include("foljsam.registry.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
