"""Managing users, for central coordinators and system administrators, and
accepting an invitation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts import selectors, services
from foljsam.accounts.access import Capability, requires
from foljsam.accounts.models import User, UserRole
from foljsam.accounts.roles import Role
from foljsam.accounts.tokens import invitation_tokens
from foljsam.accounts.user_forms import AccessForm, InviteForm, UserFilterForm
from foljsam.core.pagination import paginate
from foljsam.core.timeline import Related, timeline

MANAGE = Capability.MANAGE_USERS


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # requires() lets only logged-in users through
        raise TypeError(user)
    return user


@requires(MANAGE)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET)
    organisation = form.value("organisation")
    users = selectors.user_list(
        viewer=request.user,
        q=form.value("q") or "",
        role=form.value("role") or "",
        organisation=organisation.pk if organisation else None,
        status=form.value("status") or "",
    )
    context = {"title": _("Users"), "form": form, **paginate(request, users)}
    return render(request, "accounts/user_list.html", context)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = InviteForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                actor=actor,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                organisation=form.cleaned_data["organisation"],
                provider=form.cleaned_data["provider"],
                roles=form.chosen_roles(),
                base_url=_base_url(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(user)s is invited: an e-mail with a link has been sent.")
                % {"user": user.email},
            )
            return redirect("accounts:user_detail", pk=user.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/user_invite.html", {"form": form}, status=status)


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _detail(
    request: HttpRequest, user: User, form: AccessForm | None = None, status: int = 200
) -> HttpResponse:
    actor = _actor(request)
    context = {
        "person": user,
        "form": form or AccessForm.for_user(user, actor=actor),
        "is_self": user.pk == actor.pk,
        "invited": not user.has_usable_password() and user.oidc_subject is None,
    }
    return render(request, "accounts/user_detail.html", context, status=status)


@requires(MANAGE)
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.user_detail(viewer=request.user, pk=pk))


@requires(MANAGE)
@require_POST
def user_access(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    user = selectors.user_detail(viewer=actor, pk=pk)
    form = AccessForm.for_user(user, actor=actor, data=request.POST)
    if not form.is_valid():
        return _detail(request, user, form, status=400)
    try:
        changed = services.user_change_access(
            actor=actor,
            user=user,
            organisation=form.cleaned_data["organisation"],
            provider=form.cleaned_data["provider"],
            roles=form.chosen_roles(),
        )
    except ValidationError as error:
        _add_errors(form, error)
        return _detail(request, user, form, status=400)
    if changed:
        messages.success(request, _("The user's access is changed."))
    else:
        messages.info(request, _("Nothing was changed."))
    return redirect("accounts:user_detail", pk=user.pk)


@requires(MANAGE)
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.user_detail(viewer=request.user, pk=pk)
    services.user_deactivate(actor=_actor(request), user=user)
    messages.success(
        request,
        _("%(user)s is deactivated and logged out everywhere.") % {"user": user},
    )
    return redirect("accounts:user_detail", pk=user.pk)


@requires(MANAGE)
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.user_detail(viewer=request.user, pk=pk)
    services.user_reactivate(actor=_actor(request), user=user)
    messages.success(request, _("%(user)s can log in again.") % {"user": user})
    return redirect("accounts:user_detail", pk=user.pk)


@requires(MANAGE)
@require_POST
def user_resend(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.user_detail(viewer=request.user, pk=pk)
    try:
        services.user_invitation_resend(
            actor=_actor(request), user=user, base_url=_base_url(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new invitation has been sent."))
    return redirect("accounts:user_detail", pk=user.pk)


@requires(MANAGE)
@require_GET
def user_history(request: HttpRequest, pk: int) -> HttpResponse:
    user = selectors.user_detail(viewer=request.user, pk=pk)
    entries = timeline(user, related=[_roles_history(user)])
    context = {
        "object": user,
        "title": user.get_full_name() or user.get_username(),
        "detail_url": reverse("accounts:user_detail", args=[user.pk]),
        **paginate(request, entries),
    }
    return render(request, "core/history.html", context)


def _roles_history(user: User) -> Related:
    labels = dict(Role.choices)

    def describe(row: Any) -> str:
        role = labels.get(row.role, row.role)
        if row.history_type == "+":
            return _("Role given: %(role)s") % {"role": role}
        return _("Role taken away: %(role)s") % {"role": role}

    return Related(UserRole.history.filter(user_id=user.pk), describe)


def _invited_user(uidb64: str, token: str) -> User | None:
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if not user.is_active or not invitation_tokens.check_token(user, token):
        return None
    return user


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invited person chooses a password; the link works once and for
    PASSWORD_RESET_TIMEOUT (FOLJSAM_INVITATION_DAYS)."""
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_accept(
            user=user, password=form.cleaned_data["new_password1"]
        )
        messages.success(request, _("Your password is set. Log in to start."))
        return redirect("login")
    return render(request, "accounts/invitation.html", {"form": form, "person": user})


invitation_accept.login_required = False  # type: ignore[attr-defined]
