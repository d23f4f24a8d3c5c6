from __future__ import annotations

from django.urls import path

from foljsam.financial import views

app_name = "financial"

urlpatterns = [
    path("", views.check_list, name="list"),
    path("new/", views.check_start, name="start"),
    path("<int:pk>/", views.check_detail, name="detail"),
    path("<int:pk>/history/", views.check_history, name="history"),
    path("<int:pk>/items/<slug:item>/", views.item_record, name="item_record"),
    path(
        "<int:pk>/items/<slug:item>/evidence/",
        views.item_evidence,
        name="evidence",
    ),
]
