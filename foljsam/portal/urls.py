from __future__ import annotations

from django.urls import path

from foljsam.portal import answer_views, link_views, views

app_name = "portal"

urlpatterns = [
    # The provider's own follow-ups (provider users).
    path("", views.home, name="home"),
    path("followups/<int:pk>/", views.followup, name="followup"),
    path("followups/<int:pk>/complement/", views.complement, name="complement"),
    path(
        "followups/<int:pk>/files/<int:file_pk>/",
        views.complement_file,
        name="file",
    ),
    # Answer links: the officer sends or withdraws one ...
    path("followups/<int:pk>/link/", link_views.link_create, name="link_create"),
    path(
        "followups/<int:pk>/link/revoke/",
        link_views.link_revoke,
        name="link_revoke",
    ),
    # ... and the provider answers through it, without an account.
    path("answer/<str:token>/", answer_views.answer, name="answer"),
    path(
        "answer/<str:token>/submit/",
        answer_views.answer_submit,
        name="answer_submit",
    ),
]
