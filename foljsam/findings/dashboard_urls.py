from __future__ import annotations

from django.urls import path

from foljsam.findings import dashboard_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard_views.home, name="home"),
]
