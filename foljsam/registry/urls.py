from __future__ import annotations

from django.urls import path

from foljsam.registry import history_views, import_views, views

app_name = "registry"

urlpatterns = [
    path("map/", views.responsibility_map_page, name="map"),
    path("map/export/<str:fmt>/", views.responsibility_map_export, name="map_export"),
    path("gaps/", views.gaps_page, name="gaps"),
    path("gaps/export/<str:fmt>/", views.gaps_export, name="gaps_export"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/history/", history_views.unit_history, name="unit_history"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/<int:pk>/", views.provider_detail, name="provider_detail"),
    path(
        "providers/<int:pk>/history/",
        history_views.provider_history,
        name="provider_history",
    ),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path(
        "agreements/<int:pk>/history/",
        history_views.agreement_history,
        name="agreement_history",
    ),
    path("contract-areas/", views.contract_area_list, name="contract_area_list"),
    path(
        "contract-areas/<int:pk>/",
        views.contract_area_detail,
        name="contract_area_detail",
    ),
    path(
        "contract-areas/<int:pk>/history/",
        history_views.contract_area_history,
        name="contract_area_history",
    ),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path(
        "organisations/<int:pk>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<int:pk>/history/",
        history_views.organisation_history,
        name="organisation_history",
    ),
    path("rules/", views.rule_list, name="rule_list"),
    path("import/", import_views.import_page, name="import"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
]
