"""Login through the city's identity provider (OpenID Connect), issue 3.

mozilla-django-oidc runs the authorisation-code flow (state, nonce, the token and
userinfo requests, the ID token's signature); this module adds the city's rules:

* a person is their ``sub`` claim (``User.oidc_subject``), never their e-mail address;
* the identity provider is the source of truth: every login sets the account's
  organisation and roles from the claims
  (``services.user_sync_from_identity_provider``);
* the organisation claim holds an organisation code; the roles claim holds the
  identity provider's group names, which ``FOLJSAM_OIDC_ROLE_MAP`` maps to roles;
* the login is refused, logged (``oidc_refused`` in the security log) and explained
  on the login page when the organisation is unknown, no group maps to a role, the
  account is deactivated or belongs to a provider user, the e-mail address belongs
  to another account, or a token does not check out;
* provider users never log in this way, and nobody becomes system administrator
  unless the role map names that role.

docs/operations.md describes the settings.
"""

from __future__ import annotations

import functools
import logging
import re
import types
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import (
    ImproperlyConfigured,
    SuspiciousOperation,
    ValidationError,
)
from django.core.validators import validate_email
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from foljsam.accounts.models import Organisation, User
from foljsam.accounts.roles import Role
from foljsam.accounts.services import user_sync_from_identity_provider
from foljsam.core.security_log import security_event

# The roles the identity provider can give: every role but the provider user's.
GRANTABLE_ROLES = frozenset(Role) - {Role.PROVIDER_USER}


def role_map() -> Mapping[str, frozenset[Role]]:
    """``settings.FOLJSAM_OIDC_ROLE_MAP`` ("group=role,group=role") as group name ->
    roles. A group may be named twice to give two roles.

    Parsed once per value. Raises ImproperlyConfigured for an entry that is not
    ``group=role``, a role code Följsam does not have, ``provider_user`` (provider
    users never log in through the city), or an empty map (nobody could log in).
    """
    return _parse_role_map(settings.FOLJSAM_OIDC_ROLE_MAP)


@functools.cache
def _parse_role_map(text: str) -> Mapping[str, frozenset[Role]]:
    mapping: dict[str, set[Role]] = {}
    for raw in text.split(","):
        entry = raw.strip()
        if not entry:
            continue
        group, equals, code = (part.strip() for part in entry.rpartition("="))
        if not equals or not group or not code:
            raise ImproperlyConfigured(
                f"FOLJSAM_OIDC_ROLE_MAP: {entry!r} is not group=role."
            )
        if code == Role.PROVIDER_USER:
            raise ImproperlyConfigured(
                "FOLJSAM_OIDC_ROLE_MAP: provider users never log in through the "
                "city's identity provider; provider_user cannot be mapped."
            )
        if code not in Role.values:
            raise ImproperlyConfigured(
                f"FOLJSAM_OIDC_ROLE_MAP: {code!r} is not a role. The roles are: "
                + ", ".join(sorted(GRANTABLE_ROLES))
                + "."
            )
        mapping.setdefault(group, set()).add(Role(code))
    if not mapping:
        raise ImproperlyConfigured(
            "FOLJSAM_OIDC_ROLE_MAP is empty: nobody could log in through the city's "
            "identity provider."
        )
    return types.MappingProxyType(
        {group: frozenset(roles) for group, roles in mapping.items()}
    )


def groups_in_claim(value: object) -> frozenset[str]:
    """The group names in the roles claim: a list of names, or one string of names
    separated by spaces or commas. Anything else holds no group."""
    if isinstance(value, str):
        return frozenset(name for name in re.split(r"[\s,]+", value) if name)
    if isinstance(value, list | tuple):
        return frozenset(
            name.strip() for name in value if isinstance(name, str) and name.strip()
        )
    return frozenset()


def roles_for_groups(groups: frozenset[str]) -> frozenset[Role]:
    """The roles the role map gives these groups; groups it does not name give
    nothing."""
    mapping = role_map()
    return frozenset(role for group in groups for role in mapping.get(group, ()))


class LoginRefused(Exception):
    """The identity provider vouched for someone Följsam does not let in (or the
    exchange with it did not check out). ``reason`` is the security log's code."""

    def __init__(
        self,
        reason: str,
        *,
        subject: str | None = None,
        organisation: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.subject = subject
        self.organisation = organisation
        self.detail = detail


def _message(refusal: LoginRefused) -> str:
    """What the person reads on the login page."""
    reason = refusal.reason
    if reason == "no_organisation":
        return _(
            "The city's login does not say which organisation you belong to, so "
            "you cannot log in to Följsam. Ask a system administrator."
        )
    if reason == "unknown_organisation":
        return _(
            "Your organisation at the city's login (%(code)s) is not known in "
            "Följsam. Ask a system administrator."
        ) % {"code": refusal.organisation}
    if reason == "no_role":
        return _(
            "The city's login gives you no role in Följsam. Ask your manager or a "
            "system administrator for access."
        )
    if reason == "deactivated":
        return _("Your account in Följsam is deactivated. Ask a system administrator.")
    if reason == "provider_user":
        return _(
            "Your account in Följsam logs in with a username and password, not "
            "with the city's login."
        )
    if reason == "email_in_use":
        return _(
            "Your e-mail address belongs to another account in Följsam. Ask a "
            "system administrator to link your login to it."
        )
    return _(
        "Logging in with the city's login did not succeed. Try again; if it keeps "
        "failing, contact a system administrator."
    )


def refuse(request: HttpRequest, refusal: LoginRefused) -> None:
    """Log the refusal to the security log and tell the person why."""
    security_event(
        "oidc_refused",
        level=logging.WARNING,
        reason=refusal.reason,
        subject=refusal.subject,
        organisation=refusal.organisation,
        detail=refusal.detail,
        remote=request.META.get("REMOTE_ADDR"),
    )
    messages.error(request, _message(refusal))


def _text(value: object, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _email(value: object) -> str:
    email = _text(value, 254).lower()
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


class CityOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The authentication backend for the city's identity provider (see the module's
    docstring for the rules). Only the OIDC callback uses it: a call with a username
    and password is not for this backend."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> Any:
        # The callback view is the only caller that passes a nonce.
        if request is None or "nonce" not in credentials:
            return None
        try:
            return super().authenticate(request, **credentials)
        except LoginRefused as refused:
            refusal = refused
        except (SuspiciousOperation, jwt.InvalidTokenError) as error:
            # A bad signature, another nonce, an expired token or one for another
            # client.
            refusal = LoginRefused("invalid_token", detail=str(error))
        except OSError as error:
            # requests' errors are OSErrors: the identity provider did not answer,
            # or answered with an HTTP error.
            refusal = LoginRefused("identity_provider_error", detail=str(error))
        refuse(request, refusal)
        return None

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        """mozilla-django-oidc checks the signature, the algorithm and the nonce
        (and the expiry, if the token has one); OpenID Connect Core 3.1.3.7 also
        asks that the ID token be for this client and expire."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token, not a signed userinfo response
            audience = payload.get("aud")
            audiences = [audience] if isinstance(audience, str) else audience
            client_id = self.OIDC_RP_CLIENT_ID
            if not isinstance(audiences, list) or client_id not in audiences:
                raise SuspiciousOperation("The ID token is not for this client.")
            if len(audiences) > 1 and payload.get("azp") != client_id:
                raise SuspiciousOperation("The ID token was issued to another party.")
            if "exp" not in payload:
                raise SuspiciousOperation("The ID token does not expire.")
            issuer = settings.FOLJSAM_OIDC_ISSUER
            if issuer and payload.get("iss") != issuer:
                raise SuspiciousOperation("The ID token is from another issuer.")
        return payload

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User:
        """The claims are the ID token's, completed by the userinfo endpoint's when
        one is configured (whose ``sub`` must be the ID token's, OpenID Connect
        Core 5.3.2)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get(
                "sub"
            ):
                raise LoginRefused(
                    "subject_mismatch", subject=_text(payload.get("sub"), 255)
                )
            claims.update(userinfo)
        return self.user_from_claims(claims)

    def user_from_claims(self, claims: Mapping[str, Any]) -> User:
        """Find or create the user and sync organisation and roles, or refuse."""
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject or len(subject) > 255:
            raise LoginRefused("no_subject")
        existing = User.objects.filter(oidc_subject=subject).first()
        if existing is not None and not existing.is_active:
            raise LoginRefused("deactivated", subject=subject)
        if existing is not None and existing.provider_id is not None:
            raise LoginRefused("provider_user", subject=subject)
        code = _text(claims.get(settings.FOLJSAM_OIDC_ORGANISATION_CLAIM), 200).lower()
        if not code:
            raise LoginRefused("no_organisation", subject=subject)
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise LoginRefused(
                "unknown_organisation", subject=subject, organisation=code
            )
        groups = groups_in_claim(claims.get(settings.FOLJSAM_OIDC_ROLES_CLAIM))
        roles = roles_for_groups(groups)
        if not roles:
            raise LoginRefused(
                "no_role",
                subject=subject,
                organisation=code,
                detail=" ".join(sorted(groups)),
            )
        email = _email(claims.get("email"))
        if (
            email
            and User.objects.filter(email__iexact=email)
            .exclude(oidc_subject=subject)
            .exists()
        ):
            raise LoginRefused("email_in_use", subject=subject, organisation=code)
        try:
            return user_sync_from_identity_provider(
                subject=subject,
                email=email,
                first_name=_text(claims.get("given_name"), 150),
                last_name=_text(claims.get("family_name"), 150),
                organisation=organisation,
                roles=roles,
            )
        except (IntegrityError, ValidationError) as error:
            # Two first logins at once, or a username or e-mail address taken
            # between the check and the write.
            raise LoginRefused(
                "account_conflict", subject=subject, detail=str(error)
            ) from error

    def get_user(self, user_id: Any) -> User | None:
        """Restore the session's user as Django's own backend does: a deactivated
        user is logged out at their next request (mozilla-django-oidc does not
        check)."""
        user: User | None = ModelBackend.get_user(self, user_id)
        return user


class CityCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Where the identity provider sends the browser back. A refusal goes to the
    login page with its message; an answer this session did not ask for (an old
    bookmark, the back button) is refused instead of ending in an error page."""

    @property
    def failure_url(self) -> str:
        # The setting is a URL name; mozilla-django-oidc would redirect to it as a
        # relative path.
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def get(self, request: HttpRequest) -> HttpResponse:
        error = request.GET.get("error")
        if error:
            refuse(request, LoginRefused("identity_provider_error", detail=error))
            response: HttpResponse = super().get(request)
            return response
        state = request.GET.get("state")
        if not request.GET.get("code") or state not in request.session.get(
            "oidc_states", {}
        ):
            refuse(request, LoginRefused("unknown_state"))
            return HttpResponseRedirect(self.failure_url)
        response = super().get(request)
        return response


def provider_logout_url(request: HttpRequest) -> str | None:
    """Where to send a person who logged in through the city's identity provider
    after Följsam's logout, so that they are logged out there too (OpenID Connect
    RP-Initiated Logout): ``OIDC_OP_LOGOUT_ENDPOINT`` with the ID token as hint
    and the login page as the way back. None for other sessions, or when no
    logout endpoint is configured."""
    endpoint = settings.OIDC_OP_LOGOUT_ENDPOINT
    id_token = request.session.get("oidc_id_token")
    if not (settings.FOLJSAM_OIDC_ENABLED and endpoint and id_token):
        return None
    back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": back,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class CityLogoutView(auth_views.LogoutView):
    """Django's logout, then, for a session from the city's identity provider, the
    identity provider's logout (``provider_logout_url``)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_url = provider_logout_url(request)  # before the session ends
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response
