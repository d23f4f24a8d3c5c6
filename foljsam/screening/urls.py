from __future__ import annotations

from django.urls import path

from foljsam.screening import answer_views, respondent_views, views

app_name = "screening"

urlpatterns = [
    # The office's pages.
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/progress/", views.campaign_progress, name="progress"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/delete/", views.campaign_delete, name="delete"),
    path("<int:pk>/send/", views.campaign_send, name="send"),
    path("<int:pk>/remind/", views.campaign_remind, name="remind"),
    path("<int:pk>/close/", views.campaign_close, name="close"),
    path("<int:pk>/triage/", views.campaign_triage, name="triage"),
    path(
        "respondents/<int:pk>/", respondent_views.respondent_detail, name="respondent"
    ),
    path(
        "respondents/<int:pk>/email/",
        respondent_views.respondent_email,
        name="respondent_email",
    ),
    path(
        "respondents/<int:pk>/revoke/",
        respondent_views.respondent_revoke,
        name="respondent_revoke",
    ),
    path(
        "respondents/<int:pk>/reissue/",
        respondent_views.respondent_reissue,
        name="respondent_reissue",
    ),
    path("documents/<int:pk>/", respondent_views.document, name="document"),
    # The provider answers through its personal link, without an account.
    path("svar/<str:token>/", answer_views.answer, name="answer"),
    path("svar/<str:token>/submit/", answer_views.answer_submit, name="answer_submit"),
    path(
        "svar/<str:token>/documents/<int:pk>/",
        answer_views.answer_document,
        name="answer_document",
    ),
    path(
        "svar/<str:token>/documents/<int:pk>/remove/",
        answer_views.answer_document_remove,
        name="answer_document_remove",
    ),
]
