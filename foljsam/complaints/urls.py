from __future__ import annotations

from django.urls import path

from foljsam.complaints import import_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("new/", views.signal_create, name="signal_create"),
    path("<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:pk>/edit/", views.signal_edit, name="signal_edit"),
    path("<int:pk>/history/", views.signal_history, name="signal_history"),
    path("import/", import_views.signal_import, name="signal_import"),
    path(
        "import/confirm/",
        import_views.signal_import_confirm,
        name="signal_import_confirm",
    ),
    path(
        "import/template.xlsx",
        import_views.signal_import_template,
        name="signal_import_template",
    ),
]
