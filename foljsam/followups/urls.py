from __future__ import annotations

from django.urls import path

from foljsam.followups import protocol_views, step_views, views

app_name = "followups"

urlpatterns = [
    path("", views.followup_list, name="list"),
    path("<int:pk>/", views.followup_detail, name="detail"),
    path("<int:pk>/history/", views.followup_history, name="history"),
    path("<int:pk>/start/", step_views.followup_prepare, name="prepare"),
    path("<int:pk>/visit/", step_views.followup_visit, name="visit"),
    path("<int:pk>/assess/", step_views.followup_assess, name="assess"),
    path("<int:pk>/share/", step_views.followup_share, name="share"),
    path("<int:pk>/cancel/", step_views.followup_cancel, name="cancel"),
    path("<int:pk>/protocol/", protocol_views.protocol, name="protocol"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/",
        protocol_views.evidence_download,
        name="evidence",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/remove/",
        protocol_views.evidence_remove,
        name="evidence_remove",
    ),
]
