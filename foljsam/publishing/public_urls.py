"""The public pages (no login), mounted twice in config/urls.py: at ``/`` in
Swedish (namespace ``public``) and at ``/en/`` in English (``public_en``); see
``publishing.http``."""

from __future__ import annotations

from django.urls import path

from foljsam.publishing import opendata_views, public_views, statement_views

urlpatterns = [
    path("jamfor/", public_views.search, name="search"),
    path("jamfor/enhet/<int:pk>/", public_views.unit, name="unit"),
    path("jamfor/oppna-data/", opendata_views.overview, name="open_data"),
    path(
        "jamfor/oppna-data/resultat.csv",
        opendata_views.results_csv,
        name="open_data_csv",
    ),
    path(
        "jamfor/oppna-data/resultat.json",
        opendata_views.results_json,
        name="open_data_json",
    ),
    path(
        "jamfor/oppna-data/dcat.jsonld",
        opendata_views.catalogue,
        name="open_data_dcat",
    ),
    path(
        "tillganglighetsredogorelse/",
        statement_views.statement,
        name="accessibility",
    ),
]
