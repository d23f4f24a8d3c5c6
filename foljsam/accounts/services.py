"""Changes to users: invitation, roles and organisation, deactivation.

Issue 3: "Central coordinators manage users in the app: invite by e-mail, set
organisation and role, deactivate. Deactivating a user ends their sessions."
Every function runs in one transaction and records its event there; e-mail goes
out only once the transaction has committed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from foljsam.accounts import events
from foljsam.accounts.access import Capability, access_problems, can
from foljsam.accounts.models import Organisation, User, UserRole
from foljsam.accounts.roles import Role
from foljsam.accounts.tokens import invitation_tokens
from foljsam.core.events import event_record


def _roles_of(user: User) -> set[Role]:
    return {Role(role) for role in user.role_grants.values_list("role", flat=True)}


def _check_actor(actor: User, user: User | None, roles: set[Role]) -> None:
    """Who may change whom: managing users is for coordinators and system
    administrators; only a system administrator gives, takes or touches the
    administrator role; nobody changes their own access."""
    if not can(actor, Capability.MANAGE_USERS):
        raise PermissionDenied
    touches_admin = Role.SYSTEM_ADMINISTRATOR in roles or (
        user is not None and Role.SYSTEM_ADMINISTRATOR in _roles_of(user)
    )
    if touches_admin and not can(actor, Capability.GRANT_ADMINISTRATION):
        raise PermissionDenied(
            _("Only a system administrator can manage system administrators.")
        )
    if user is not None and user.pk == actor.pk:
        raise PermissionDenied(_("Another user must change your own access."))


def _validate(
    roles: set[Role], organisation: Organisation | None, provider: Any
) -> None:
    problems = access_problems(
        roles=roles,
        has_organisation=organisation is not None,
        has_provider=provider is not None,
    )
    if problems:
        raise ValidationError(problems)


def _set_roles(user: User, roles: set[Role]) -> None:
    """Grant and revoke one row at a time, so that each has its history."""
    current = {grant.role: grant for grant in user.role_grants.all()}
    for role, grant in current.items():
        if role not in roles:
            grant.delete()
    for role in sorted(roles - set(current)):
        UserRole.objects.create(user=user, role=role)
    admin = Role.SYSTEM_ADMINISTRATOR in roles
    if (user.is_staff, user.is_superuser) != (admin, admin):
        # The Django admin is the system administrator's tool, and only theirs.
        user.is_staff = user.is_superuser = admin
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("roles", None)  # the cached property


def _invitation_link(user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    path = reverse("accounts:invitation", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


def _send_invitation(user: User, base_url: str) -> None:
    link = _invitation_link(user, base_url)
    days = settings.FOLJSAM_INVITATION_DAYS
    transaction.on_commit(
        lambda: send_mail(
            _("Your account in Följsam"),
            _(
                "Hello %(name)s,\n\nYou have been given an account in Följsam, the "
                "city's system for following up social-care providers. Choose your "
                "password here within %(days)d days:\n\n%(link)s\n\nYour user name "
                "is %(username)s.\n"
            )
            % {
                "name": user.get_full_name() or user.email,
                "days": days,
                "link": link,
                "username": user.username,
            },
            None,
            [user.email],
        )
    )


@transaction.atomic
def user_invite(
    *,
    actor: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    provider: Any,
    roles: Iterable[Role],
    base_url: str,
) -> User:
    """Create an account that the person activates by choosing a password through
    the link e-mailed to them. Until then it has no usable password."""
    wanted = set(roles)
    _check_actor(actor, None, wanted)
    _validate(wanted, organisation, provider)
    email = email.strip().lower()
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        provider=provider,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    _set_roles(user, wanted)
    event_record(
        actor=actor,
        action=events.USER_INVITED,
        target=user,
        data={"roles": sorted(wanted), "email": email},
    )
    _send_invitation(user, base_url)
    return user


@transaction.atomic
def user_invitation_resend(*, actor: User, user: User, base_url: str) -> None:
    _check_actor(actor, user, _roles_of(user))
    if user.has_usable_password() or not user.is_active:
        raise ValidationError(
            _("Only an active user who has not started can be invited.")
        )
    event_record(actor=actor, action=events.INVITATION_SENT, target=user)
    _send_invitation(user, base_url)


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> None:
    """The invited person chose a password (validated by the caller's form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    event_record(actor=user, action=events.INVITATION_ACCEPTED, target=user)


def _set_affiliation(
    user: User, organisation: Organisation | None, provider: Any
) -> list[str]:
    """Give the user this organisation and provider; the names of the fields that
    changed (and were saved)."""
    changed = []
    if user.organisation_id != (organisation.pk if organisation else None):
        user.organisation = organisation
        changed.append("organisation")
    if user.provider_id != (provider.pk if provider is not None else None):
        user.provider = provider
        changed.append("provider")
    if changed:
        user.save(update_fields=changed)
    return changed


@transaction.atomic
def user_change_access(
    *,
    actor: User,
    user: User,
    organisation: Organisation | None,
    provider: Any,
    roles: Iterable[Role],
) -> bool:
    """Set the user's organisation, provider and roles; True if anything changed."""
    wanted = set(roles)
    before = _roles_of(user)
    _check_actor(actor, user, wanted | before)
    _validate(wanted, organisation, provider)
    changed_fields = _set_affiliation(user, organisation, provider)
    if wanted != before:
        _set_roles(user, wanted)
    if not changed_fields and wanted == before:
        return False
    event_record(
        actor=actor,
        action=events.ACCESS_CHANGED,
        target=user,
        data={
            "roles_before": sorted(before),
            "roles_after": sorted(wanted),
            "fields": changed_fields,
        },
    )
    return True


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> None:
    """Stop the user from logging in, and end every session they have now."""
    from foljsam.accounts.sessions import sessions_end_for

    _check_actor(actor, user, _roles_of(user))
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_for(user)
    event_record(actor=actor, action=events.USER_DEACTIVATED, target=user)


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> None:
    _check_actor(actor, user, _roles_of(user))
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    event_record(actor=actor, action=events.USER_REACTIVATED, target=user)


@transaction.atomic
def user_ensure(
    *,
    username: str,
    password: str,
    organisation: Organisation | None,
    roles: Iterable[Role],
    provider: Any = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> tuple[User, bool]:
    """Make sure a local account exists with these roles, organisation and
    provider: created with the password if missing; an existing one keeps its
    password and names but gets the roles, organisation and provider given (so that
    loading the demo twice changes nothing, and a demo from before roles existed
    catches up). For the demo and first installation, not for the user interface."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        wanted = set(roles)
        _validate(wanted, organisation, provider)
        _set_affiliation(user, organisation, provider)
        if wanted != _roles_of(user):
            _set_roles(user, wanted)
        return user, False
    wanted = set(roles)
    _validate(wanted, organisation, provider)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        provider=provider,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    _set_roles(user, wanted)
    return user, True


@transaction.atomic
def user_sync_from_identity_provider(
    *,
    subject: str,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    roles: Iterable[Role],
) -> User:
    """Issue 3, login through the city's identity provider: the identity provider
    is the source of truth for the people who log in through it.

    The person is found by ``subject`` (the ``sub`` claim, ``User.oidc_subject``),
    never by e-mail. The first login creates the account, with no usable password;
    every login sets organisation, roles, name and e-mail to what the identity
    provider says now. ``accounts.roles_synced`` is recorded when the account was
    created or its organisation or roles changed. The caller (the OIDC backend) has
    already refused deactivated accounts, provider users and an e-mail address that
    belongs to another account; this function checks again and raises
    ValidationError rather than write such a change.
    """
    wanted = set(roles)
    _validate(wanted, organisation, None)
    user = User.objects.select_for_update().filter(oidc_subject=subject).first()
    created = user is None
    if user is None:
        user = User(
            username=_identity_provider_username(subject, email),
            oidc_subject=subject,
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        before: set[Role] = set()
        organisation_before = None
        changed_fields = ["organisation"]
    else:
        if not user.is_active or user.provider_id is not None:
            raise ValidationError(
                "A deactivated account or a provider user cannot be synced."
            )
        before = _roles_of(user)
        organisation_before = user.organisation
        changed_fields = []
        if user.organisation_id != organisation.pk:
            user.organisation = organisation
            changed_fields.append("organisation")
        names = {"email": email, "first_name": first_name, "last_name": last_name}
        for field, value in names.items():
            if getattr(user, field) != value:
                setattr(user, field, value)
                changed_fields.append(field)
        if changed_fields:
            user.full_clean()
            user.save(update_fields=changed_fields)
    if wanted != before:
        _set_roles(user, wanted)
    if created or wanted != before or "organisation" in changed_fields:
        event_record(
            actor=None,
            action=events.ROLES_SYNCED,
            target=user,
            data={
                "created": created,
                "roles_before": sorted(before),
                "roles_after": sorted(wanted),
                "organisation_before": (
                    organisation_before.code if organisation_before else None
                ),
                "organisation_after": organisation.code,
            },
        )
    return user


def _identity_provider_username(subject: str, email: str) -> str:
    """A new account's username: the e-mail address, as for invited users, unless
    another account has it; else one made from the subject, which is unique."""
    candidates = []
    if email:
        candidates.append(email)
    safe = re.sub(r"[^\w.@+-]", "", subject, flags=re.ASCII)
    if safe == subject and len(subject) <= 140:
        candidates.append(f"oidc-{subject}")
    candidates.append("oidc-" + hashlib.sha256(subject.encode()).hexdigest()[:40])
    for candidate in candidates:
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    return candidates[-1]  # taken too: full_clean() refuses it
