from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from foljsam.publishing import public_urls
from foljsam.registry.views import overview

urlpatterns = [
    path("", overview, name="home"),
    path("accounts/", include("foljsam.accounts.auth_urls")),
    path("users/", include("foljsam.accounts.urls")),
    path("oidc/", include("foljsam.accounts.oidc_urls")),
    path("registry/", include("foljsam.registry.urls")),
    path("catalogue/", include("foljsam.requirements.urls")),
    path("signals/", include("foljsam.complaints.urls")),
    path("followups/", include("foljsam.followups.urls")),
    path("findings/", include("foljsam.findings.urls")),
    path("portal/", include("foljsam.portal.urls")),
    path("dashboard/", include("foljsam.findings.dashboard_urls")),
    path("financial/", include("foljsam.financial.urls")),
    path("planning/", include("foljsam.planning.urls")),
    path("reports/", include("foljsam.reporting.urls")),
    path("publishing/", include("foljsam.publishing.urls")),
    path("screening/", include("foljsam.screening.urls")),
    path("admin/", admin.site.urls),
    # The language button works before login too (it is on the login page).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # The public pages (issue 8), in Swedish and in English (publishing.http).
    path("", include((public_urls.urlpatterns, "public"), namespace="public")),
    path("en/", include((public_urls.urlpatterns, "public"), namespace="public_en")),
]

# Refused accesses are logged before the 403 page is shown.
handler403 = "foljsam.core.views.permission_denied"
