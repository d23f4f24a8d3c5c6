"""Logging in and out, and passwords: Django's views, with Django's URL names."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from foljsam.accounts.access import requires
from foljsam.accounts.forms import LoginForm
from foljsam.accounts.oidc import CityLogoutView

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    # Ends Följsam's session, and the identity provider's if the person came from
    # there and OIDC_OP_LOGOUT_ENDPOINT is set.
    path("logout/", requires()(CityLogoutView.as_view()), name="logout"),
    path(
        "password/",
        requires()(
            auth_views.PasswordChangeView.as_view(
                success_url=reverse_lazy("password_change_done"),
                template_name="accounts/password_change.html",
            )
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        requires()(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="accounts/password_change_done.html"
            )
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_sent.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
