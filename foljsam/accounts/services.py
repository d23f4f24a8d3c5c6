"""Changes to users and organisations."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import transaction

from foljsam.accounts.models import Organisation, User


@transaction.atomic
def user_ensure(
    *,
    actor: User | None,
    username: str,
    password: str,
    organisation: Organisation | None,
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
    permissions: tuple[str, ...] = (),
) -> tuple[User, bool]:
    """Create a local account unless one with that username exists; never changes
    an existing account (so that loading the demo twice changes nothing)."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user, True
