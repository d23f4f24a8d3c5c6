from __future__ import annotations

from django.urls import path

from foljsam.followups import views

app_name = "followups"

urlpatterns = [
    path("", views.followup_list, name="list"),
    path("<int:pk>/", views.followup_detail, name="detail"),
    path("<int:pk>/history/", views.followup_history, name="history"),
]
