"""Reads of users, for the people who manage them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q, QuerySet

from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import User
from foljsam.core.access import visible_or_404


def users_visible_to(viewer: Any) -> QuerySet[User]:
    """Coordinators and system administrators see every user; nobody else any."""
    users = User.objects.select_related("organisation", "provider").prefetch_related(
        "role_grants"
    )
    return users if can(viewer, Capability.MANAGE_USERS) else users.none()


def user_list(
    *,
    viewer: Any,
    q: str = "",
    role: str = "",
    organisation: int | None = None,
    status: str = "",
) -> QuerySet[User]:
    users = users_visible_to(viewer)
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(email__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(provider__name__icontains=q)
        )
    if role:
        users = users.filter(role_grants__role=role)
    if organisation:
        users = users.filter(organisation_id=organisation)
    if status == "active":
        users = users.filter(is_active=True).exclude(
            password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
    elif status == "invited":
        users = users.filter(
            is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
    elif status == "inactive":
        users = users.filter(is_active=False)
    return users.order_by("last_name", "first_name", "username")


def user_detail(*, viewer: Any, pk: int) -> User:
    return visible_or_404(users_visible_to(viewer), pk=pk)
