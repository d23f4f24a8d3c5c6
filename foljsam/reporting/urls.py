from __future__ import annotations

from django.urls import path

from foljsam.reporting import (
    annual_views,
    dashboard_views,
    import_views,
    results_views,
)

app_name = "reporting"

urlpatterns = [
    # The city's dashboards and a provider's results (issue 7).
    path("", dashboard_views.overview, name="dashboard"),
    path("overdue-units/", dashboard_views.overdue_units, name="overdue_units"),
    path(
        "overdue-deficiencies/",
        dashboard_views.overdue_deficiencies,
        name="overdue_deficiencies",
    ),
    path("providers/<int:pk>/", results_views.latest, name="provider_results"),
    path(
        "providers/<int:pk>/followups/",
        results_views.followups,
        name="provider_followups",
    ),
    path("annual/", annual_views.annual, name="annual"),
    path(
        "annual/<int:year>/<str:fmt>/",
        annual_views.annual_download,
        name="annual_download",
    ),
    path("import/", import_views.followup_import, name="followup_import"),
    path(
        "import/confirm/",
        import_views.followup_import_confirm,
        name="followup_import_confirm",
    ),
    path(
        "import/template.xlsx",
        import_views.followup_import_template,
        name="followup_import_template",
    ),
]
