"""Managing users (issue 3: invite by e-mail, set organisation and role,
deactivate), and accepting an invitation."""

from __future__ import annotations

from django.urls import path

from foljsam.accounts import views as views

app_name = "accounts"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("invite/", views.user_invite, name="user_invite"),
    path("<int:pk>/", views.user_detail, name="user_detail"),
    path("<int:pk>/access/", views.user_access, name="user_access"),
    path("<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("<int:pk>/invitation/", views.user_resend, name="user_resend"),
    path("<int:pk>/history/", views.user_history, name="user_history"),
    path(
        "invitation/<uidb64>/<token>/",
        views.invitation_accept,
        name="invitation",
    ),
]
