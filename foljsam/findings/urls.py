from __future__ import annotations

from django.urls import path

from foljsam.findings import report_views, views

app_name = "findings"

urlpatterns = [
    path(
        "followups/<int:pk>/",
        views.followup_deficiencies,
        name="followup_deficiencies",
    ),
    path("followups/<int:pk>/add/", views.deficiency_add, name="deficiency_add"),
    path(
        "followups/<int:pk>/confirm/<int:question_pk>/",
        views.deficiency_confirm,
        name="deficiency_confirm",
    ),
    path(
        "followups/<int:pk>/complements/",
        views.complements_request,
        name="complements_request",
    ),
    path(
        "followups/<int:pk>/complete/",
        views.followup_complete,
        name="followup_complete",
    ),
    path(
        "followups/<int:pk>/decision/",
        views.contract_action_create,
        name="contract_action_create",
    ),
    path(
        "deficiencies/<int:pk>/<str:kind>/",
        views.deficiency_measure,
        name="deficiency_measure",
    ),
    path(
        "measures/<int:pk>/files/<int:file_pk>/",
        views.measure_file,
        name="measure_file",
    ),
    path("followups/<int:pk>/report/", report_views.report, name="report"),
    path(
        "followups/<int:pk>/report.<str:fmt>",
        report_views.report_download,
        name="report_download",
    ),
    path(
        "actions/<int:pk>/letter.<str:fmt>",
        report_views.action_letter,
        name="action_letter",
    ),
]
