"""The publishing workflow inside the app (under /publishing/)."""

from __future__ import annotations

from django.urls import path

from foljsam.publishing import views

app_name = "publishing"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/propose/", views.publication_propose, name="propose"),
    path("<int:pk>/publish/", views.publication_publish, name="publish"),
    path("<int:pk>/decline/", views.publication_decline, name="decline"),
    path("<int:pk>/withdraw/", views.publication_withdraw, name="withdraw"),
]
