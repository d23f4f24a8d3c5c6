"""Login through the city's identity provider (issue 3: OpenID Connect, claims
mapped to organisation and role).

The identity provider is a real HTTP server on loopback (``FakeIdentityProvider``):
it implements the authorisation-code flow's four endpoints and signs its ID tokens
with an RSA key made for the test. Nothing in Följsam or mozilla-django-oidc is
mocked: the token, userinfo and JWKS requests go over HTTP to the fake server,
and the browser's step through the identity provider is a real HTTP request too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from foljsam.accounts import events
from foljsam.accounts.models import Organisation, User, UserRole
from foljsam.accounts.oidc import (
    CityLogoutView,
    groups_in_claim,
    role_map,
)
from foljsam.accounts.roles import Role
from foljsam.core.models import Event

pytestmark = pytest.mark.django_db

CLIENT_ID = "foljsam-test"
CLIENT_SECRET = "fake-idp-secret-4711"
KEY_ID = "test-key-1"
BACKEND = "foljsam.accounts.oidc.CityOIDCBackend"
ROLE_MAP = (
    "folj-samordnare=central_coordinator, folj-uppfoljare=district_officer,"
    "folj-lasare=organisation_reader,folj-it=system_administrator,"
    "folj-uppfoljare=organisation_reader"
)
SECURITY = "foljsam.security"

# A URLconf for the logout test: the project's, plus the logout view this module
# offers (the project's own "logout" URL belongs to accounts/auth_urls.py).
urlpatterns = [
    path("city-logout/", CityLogoutView.as_view(), name="city_logout"),
    path("", include("config.urls")),
]


class FakeIdentityProvider:
    """An OpenID Connect provider on 127.0.0.1 that knows one client and one person
    at a time (``claims``). ``tamper`` makes it misbehave: "signature" (signs with
    another key under the same key id), "nonce", "audience", "expired" or
    "subject" (userinfo names someone else)."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict[str, Any] = {}
        self.tamper: str | None = None
        self.deny = False
        self.codes: dict[str, dict[str, Any]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.served: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- the endpoints -------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        if "openid" not in query.get("scope", "").split():
            return 400, {}, {"error": "invalid_scope"}
        back = query["redirect_uri"]
        if self.deny:
            params = {"error": "access_denied", "state": query["state"]}
            return 302, {"Location": f"{back}?{urlencode(params)}"}, None
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "redirect_uri": back,
            "nonce": query.get("nonce"),
            "code_challenge": query.get("code_challenge"),
            "claims": dict(self.claims),
        }
        params = {"code": code, "state": query["state"]}
        return 302, {"Location": f"{back}?{urlencode(params)}"}, None

    def token(
        self, form: dict[str, str], authorization: str
    ) -> tuple[int, dict[str, str], Any]:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = decoded.partition(":")
        if client_id != CLIENT_ID or secret != CLIENT_SECRET:
            return 401, {}, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {}, {"error": "invalid_grant"}
        if grant["code_challenge"] is not None:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if challenge != grant["code_challenge"]:
                return 400, {}, {"error": "invalid_grant"}
        now = int(time.time())
        id_claims: dict[str, Any] = {
            "iss": self.base_url,
            "aud": CLIENT_ID,
            "sub": grant["claims"]["sub"],
            "nonce": grant["nonce"],
            "iat": now,
            "exp": now + 300,
        }
        key = self.key
        if self.tamper == "signature":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        elif self.tamper == "nonce":
            id_claims["nonce"] = "not-the-nonce-that-was-sent"
        elif self.tamper == "audience":
            id_claims["aud"] = "another-client"
        elif self.tamper == "expired":
            id_claims.update(iat=now - 900, exp=now - 600)
        access_token = secrets.token_urlsafe(24)
        userinfo = dict(grant["claims"])
        if self.tamper == "subject":
            userinfo["sub"] = "someone-else"
        self.access_tokens[access_token] = userinfo
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": jwt.encode(
                id_claims, key, algorithm="RS256", headers={"kid": KEY_ID}
            ),
        }
        return 200, {}, body

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], Any]:
        token = authorization.removeprefix("Bearer ")
        if not authorization.startswith("Bearer ") or token not in self.access_tokens:
            return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, None
        return 200, {}, self.access_tokens[token]

    def jwks(self) -> tuple[int, dict[str, str], Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        public.update(kid=KEY_ID, alg="RS256", use="sig")
        return 200, {}, {"keys": [public]}

    # -- HTTP ----------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                idp.served.append(f"GET {url.path}")
                query = dict(parse_qsl(url.query))
                if url.path == "/authorize":
                    self._answer(*idp.authorize(query))
                elif url.path == "/userinfo":
                    auth = self.headers.get("Authorization", "")
                    self._answer(*idp.userinfo(auth))
                elif url.path == "/jwks":
                    self._answer(*idp.jwks())
                else:
                    self._answer(404, {}, {"error": "not_found"})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                idp.served.append(f"POST {url.path}")
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if url.path == "/token":
                    auth = self.headers.get("Authorization", "")
                    self._answer(*idp.token(form, auth))
                else:
                    self._answer(404, {}, {"error": "not_found"})

            def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep the test output quiet

        return Handler


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeIdentityProvider]:
    # Loopback never goes through a proxy, whatever the environment says.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    provider = FakeIdentityProvider()
    provider.thread.start()
    yield provider
    provider.server.shutdown()
    provider.server.server_close()
    provider.thread.join()


@pytest.fixture
def oidc(settings: Any, idp: FakeIdentityProvider) -> FakeIdentityProvider:
    """The settings as the environment would give them, pointing at ``idp``."""
    settings.FOLJSAM_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{idp.base_url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{idp.base_url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{idp.base_url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{idp.base_url}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = ""
    settings.OIDC_STORE_ID_TOKEN = False
    settings.FOLJSAM_OIDC_ORGANISATION_CLAIM = "organisation"
    settings.FOLJSAM_OIDC_ROLES_CLAIM = "roles"
    settings.FOLJSAM_OIDC_ROLE_MAP = ROLE_MAP
    settings.AUTHENTICATION_BACKENDS = [
        *(b for b in settings.AUTHENTICATION_BACKENDS if b != BACKEND),
        BACKEND,
    ]
    idp.claims = {
        "sub": "a1b2c3-anna",
        "email": "Anna.Andersson@stockholm.example",
        "given_name": "Anna",
        "family_name": "Andersson",
        "organisation": "SDF-Sodermalm",
        "roles": ["folj-uppfoljare", "some-other-group"],
    }
    return idp


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _through_identity_provider(url: str) -> str:
    """The browser's visit to the identity provider, over real HTTP: where it is
    sent back to."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(url, timeout=10)
    assert answer.value.code == 302
    return str(answer.value.headers["Location"])


def log_in(client: Client, idp: FakeIdentityProvider, query: str = "") -> Any:
    """Click "Log in with the city's login", pass the identity provider, and come
    back to the callback. Returns the callback's response."""
    start = client.get(reverse("oidc_authentication_init") + query)
    assert start.status_code == 302
    assert start["Location"].startswith(f"{idp.base_url}/authorize?")
    back = urlsplit(_through_identity_provider(start["Location"]))
    assert (back.scheme, back.netloc) == ("http", "testserver")
    assert back.path == reverse("oidc_authentication_callback")
    return client.get(f"{back.path}?{back.query}", REMOTE_ADDR="203.0.113.9")


def logged_in_user(client: Client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return None if user_id is None else User.objects.get(pk=user_id)


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == SECURITY and r.getMessage().startswith("oidc_refused ")
    ]


def message_texts(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def sodermalm(district: Organisation) -> Organisation:
    return district  # code "sdf-sodermalm" (conftest.py)


# -- the happy path -----------------------------------------------------------


def test_first_login_creates_the_user_from_the_claims(client, oidc, sodermalm) -> None:
    """Real HTTP to every endpoint; the account is made from the claims: subject,
    organisation (the code lower-cased), the mapped roles (one group gives two, an
    unmapped group gives nothing), names and e-mail, and no usable password."""
    response = log_in(client, oidc)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert oidc.served == [
        "GET /authorize",
        "POST /token",
        "GET /jwks",
        "GET /userinfo",
    ]
    user = User.objects.get(oidc_subject="a1b2c3-anna")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    assert client.get(reverse("home")).status_code == 200
    assert user.organisation == sodermalm
    assert user.roles == {Role.DISTRICT_OFFICER, Role.ORGANISATION_READER}
    assert (user.email, user.first_name, user.last_name) == (
        "anna.andersson@stockholm.example",
        "Anna",
        "Andersson",
    )
    assert user.username == "anna.andersson@stockholm.example"
    assert not user.has_usable_password()
    assert user.provider_id is None
    assert not (user.is_staff or user.is_superuser)
    event = Event.objects.get(action=events.ROLES_SYNCED)
    assert event.target_id == str(user.pk)
    assert event.actor is None
    assert event.data == {
        "created": True,
        "roles_before": [],
        "roles_after": ["district_officer", "organisation_reader"],
        "organisation_before": None,
        "organisation_after": "sdf-sodermalm",
    }


def test_the_page_asked_for_is_shown_after_the_login(client, oidc, sodermalm) -> None:
    response = log_in(client, oidc, "?next=/registry/units/%3Fpage%3D2")
    assert response["Location"] == "/registry/units/?page=2"
    assert logged_in_user(client) is not None


def test_another_site_is_not_a_next_page(client, oidc, sodermalm) -> None:
    response = log_in(client, oidc, "?next=https://evil.example/")
    assert response["Location"] == reverse("home")


def test_every_login_resyncs_organisation_and_roles(
    client, oidc, sodermalm, other_district
) -> None:
    """The identity provider is the source of truth: the second login moves the
    person to Bromma as coordinator, through UserRole rows saved and deleted one
    by one (with history), and records the change; a third login that changes
    nothing records nothing."""
    log_in(client, oidc)
    user = User.objects.get(oidc_subject="a1b2c3-anna")
    client.logout()

    oidc.claims.update(
        organisation="sdf-bromma",
        roles="folj-samordnare",
        given_name="Anna-Karin",
        email="anna-karin.andersson@stockholm.example",
    )
    log_in(client, oidc)

    assert User.objects.count() == 1
    user = User.objects.get(pk=user.pk)
    assert logged_in_user(client) == user
    assert user.organisation == other_district
    assert user.roles == {Role.CENTRAL_COORDINATOR}
    assert user.first_name == "Anna-Karin"
    assert user.email == "anna-karin.andersson@stockholm.example"
    assert user.username == "anna.andersson@stockholm.example"  # never changes
    synced = Event.objects.filter(action=events.ROLES_SYNCED).order_by("id")
    assert synced.count() == 2
    assert synced.last().data == {  # type: ignore[union-attr]
        "created": False,
        "roles_before": ["district_officer", "organisation_reader"],
        "roles_after": ["central_coordinator"],
        "organisation_before": "sdf-sodermalm",
        "organisation_after": "sdf-bromma",
    }
    history = UserRole.history.filter(user_id=user.pk)
    assert sorted(history.values_list("role", "history_type")) == [
        ("central_coordinator", "+"),
        ("district_officer", "+"),
        ("district_officer", "-"),
        ("organisation_reader", "+"),
        ("organisation_reader", "-"),
    ]

    client.logout()
    log_in(client, oidc)
    assert logged_in_user(client) == user
    assert Event.objects.filter(action=events.ROLES_SYNCED).count() == 2


def test_the_administrator_role_only_when_the_map_names_it(
    client, oidc, sodermalm, settings
) -> None:
    """A group called "admin" gives nothing unless mapped; a mapped one gives the
    system administrator role, with Django's admin as for any administrator."""
    oidc.claims["roles"] = "admin folj-lasare"
    log_in(client, oidc)
    user = User.objects.get(oidc_subject="a1b2c3-anna")
    assert user.roles == {Role.ORGANISATION_READER}
    assert not user.is_superuser

    client.logout()
    oidc.claims["roles"] = "folj-it,folj-lasare"
    log_in(client, oidc)
    user = User.objects.get(pk=user.pk)
    assert user.roles == {Role.SYSTEM_ADMINISTRATOR, Role.ORGANISATION_READER}
    assert user.is_staff and user.is_superuser


def test_pkce_works_when_turned_on(client, oidc, sodermalm, settings) -> None:
    settings.OIDC_USE_PKCE = True
    start = client.get(reverse("oidc_authentication_init"))
    assert "code_challenge=" in start["Location"]
    client.logout()
    log_in(client, oidc)
    assert logged_in_user(client) is not None


def test_a_password_login_is_not_for_the_oidc_backend(client, oidc, sodermalm) -> None:
    User.objects.create_user(
        "lokal", password="a-long-enough-password-1", organisation=sodermalm
    )
    response = client.post(
        reverse("login"),
        {"username": "lokal", "password": "a-long-enough-password-1"},
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == (
        "django.contrib.auth.backends.ModelBackend"
    )


# -- refusals -----------------------------------------------------------------


def expect_refused(
    client: Client,
    response: Any,
    caplog: pytest.LogCaptureFixture,
    reason: str,
    message: str,
    **values: str,
) -> str:
    """The callback sent the person back to the login page, logged out, with
    ``message`` (as the active language says it) on the page, and logged one
    ``oidc_refused`` line with ``reason``. Returns that line."""
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert logged_in_user(client) is None
    with translation.override("sv"):
        expected = gettext(message) % values if values else gettext(message)
    page = client.get(response["Location"])
    assert escape(expected) in page.content.decode()
    (line,) = refusals(caplog)
    assert line.startswith(f'oidc_refused reason="{reason}"')
    return line


FAILED = (
    "Logging in with the city's login did not succeed. Try again; if it keeps "
    "failing, contact a system administrator."
)


def test_an_unknown_organisation_is_refused_and_logged_safely(
    client, oidc, sodermalm, caplog
) -> None:
    """Nothing is created; the log line escapes what the identity provider sent
    (a line break cannot start a fake log line)."""
    oidc.claims["organisation"] = 'SDF-Ingenstans\nlogin_succeeded user="x"'
    response = log_in(client, oidc)
    line = expect_refused(
        client,
        response,
        caplog,
        "unknown_organisation",
        "Your organisation at the city's login (%(code)s) is not known in "
        "Följsam. Ask a system administrator.",
        code='sdf-ingenstans\nlogin_succeeded user="x"',
    )
    assert "\n" not in line
    assert 'organisation="sdf-ingenstans\\nlogin_succeeded user=\\"x\\""' in line
    assert 'subject="a1b2c3-anna"' in line
    assert 'remote="203.0.113.9"' in line
    assert not User.objects.exists()
    assert not Event.objects.filter(action=events.ROLES_SYNCED).exists()


def test_a_missing_organisation_is_refused(client, oidc, sodermalm, caplog) -> None:
    del oidc.claims["organisation"]
    response = log_in(client, oidc)
    expect_refused(
        client,
        response,
        caplog,
        "no_organisation",
        "The city's login does not say which organisation you belong to, so you "
        "cannot log in to Följsam. Ask a system administrator.",
    )
    assert not User.objects.exists()


def test_no_mapped_role_is_refused(client, oidc, sodermalm, caplog) -> None:
    """Groups the role map does not name give nothing; the log names them, so that
    an administrator can see what the identity provider sent."""
    oidc.claims["roles"] = ["some-other-group", "provider_user"]
    response = log_in(client, oidc)
    line = expect_refused(
        client,
        response,
        caplog,
        "no_role",
        "The city's login gives you no role in Följsam. Ask your manager or a "
        "system administrator for access.",
    )
    assert 'detail="provider_user some-other-group"' in line
    assert not User.objects.exists()


@pytest.mark.parametrize("tamper", ["signature", "nonce", "audience", "expired"])
def test_an_id_token_that_does_not_check_out_is_refused(
    client, oidc, sodermalm, caplog, tamper
) -> None:
    """Signed with another key, for another login (nonce), for another client, or
    expired: refused, nothing created, and no userinfo request is made."""
    oidc.tamper = tamper
    response = log_in(client, oidc)
    expect_refused(client, response, caplog, "invalid_token", FAILED)
    assert not User.objects.exists()
    assert "GET /userinfo" not in oidc.served


def test_the_issuer_is_checked_when_it_is_configured(
    client, oidc, sodermalm, caplog, settings
) -> None:
    """OIDC_OP_ISSUER set: an ID token from any other issuer is refused; the
    identity provider's own tokens go through."""
    settings.FOLJSAM_OIDC_ISSUER = "https://login.example.se/realms/stad"
    response = log_in(client, oidc)
    expect_refused(client, response, caplog, "invalid_token", FAILED)
    assert not User.objects.exists()
    settings.FOLJSAM_OIDC_ISSUER = oidc.base_url
    log_in(client, oidc)
    assert logged_in_user(client) is not None


def test_userinfo_about_someone_else_is_refused(
    client, oidc, sodermalm, caplog
) -> None:
    oidc.tamper = "subject"
    response = log_in(client, oidc)
    expect_refused(client, response, caplog, "subject_mismatch", FAILED)
    assert not User.objects.exists()


def test_a_deactivated_user_stays_out(client, oidc, sodermalm, caplog) -> None:
    """Even when the identity provider says yes, and gives other roles: refused,
    and nothing about the account changes."""
    log_in(client, oidc)
    user = User.objects.get(oidc_subject="a1b2c3-anna")
    client.logout()
    user.is_active = False
    user.save()
    caplog.clear()

    oidc.claims["roles"] = ["folj-it"]
    response = log_in(client, oidc)
    expect_refused(
        client,
        response,
        caplog,
        "deactivated",
        "Your account in Följsam is deactivated. Ask a system administrator.",
    )
    user = User.objects.get(pk=user.pk)
    assert user.roles == {Role.DISTRICT_OFFICER, Role.ORGANISATION_READER}
    assert not user.is_active


def test_a_session_ends_when_the_user_is_deactivated(client, oidc, sodermalm) -> None:
    log_in(client, oidc)
    assert client.get(reverse("home")).status_code == 200
    user = User.objects.get(oidc_subject="a1b2c3-anna")
    user.is_active = False
    user.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_provider_user_does_not_log_in_through_the_city(
    client, oidc, sodermalm, provider_user, caplog
) -> None:
    provider_user.oidc_subject = "a1b2c3-anna"
    provider_user.save()
    response = log_in(client, oidc)
    expect_refused(
        client,
        response,
        caplog,
        "provider_user",
        "Your account in Följsam logs in with a username and password, not with "
        "the city's login.",
    )
    assert User.objects.get(pk=provider_user.pk).roles == {Role.PROVIDER_USER}


def test_an_email_address_of_another_account_is_not_taken_over(
    client, oidc, sodermalm, caplog
) -> None:
    """Matching is on the subject: a local account with the same e-mail address is
    neither logged into nor duplicated."""
    local = User.objects.create_user(
        "anna", email="anna.andersson@stockholm.example", organisation=sodermalm
    )
    response = log_in(client, oidc)
    expect_refused(
        client,
        response,
        caplog,
        "email_in_use",
        "Your e-mail address belongs to another account in Följsam. Ask a system "
        "administrator to link your login to it.",
    )
    assert list(User.objects.all()) == [local]
    assert User.objects.get().oidc_subject is None


def test_linking_an_existing_account_by_its_subject(client, oidc, sodermalm) -> None:
    """What the refusal above tells the administrator to do: enter the person's
    subject on the existing account; the next login uses it and syncs it."""
    local = User.objects.create_user(
        "anna", email="anna.andersson@stockholm.example", organisation=sodermalm
    )
    local.oidc_subject = "a1b2c3-anna"
    local.save()
    log_in(client, oidc)
    assert logged_in_user(client) == local
    assert User.objects.get().roles == {
        Role.DISTRICT_OFFICER,
        Role.ORGANISATION_READER,
    }


def test_the_person_saying_no_at_the_identity_provider(
    client, oidc, sodermalm, caplog
) -> None:
    oidc.deny = True
    response = log_in(client, oidc)
    line = expect_refused(client, response, caplog, "identity_provider_error", FAILED)
    assert 'detail="access_denied"' in line
    assert oidc.served == ["GET /authorize"]


def test_a_callback_cannot_be_replayed(client, oidc, sodermalm, caplog) -> None:
    """The state is used once: the same answer again (the back button, a stolen
    URL) is refused with a message, not an error page."""
    start = client.get(reverse("oidc_authentication_init"))
    back = urlsplit(_through_identity_provider(start["Location"]))
    callback = f"{back.path}?{back.query}"
    assert client.get(callback)["Location"] == reverse("home")
    client.logout()
    response = client.get(callback)
    expect_refused(client, response, caplog, "unknown_state", FAILED)


def test_an_identity_provider_that_does_not_answer(
    client, oidc, sodermalm, settings, caplog
) -> None:
    oidc.server.shutdown()
    oidc.server.server_close()
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(
        reverse("oidc_authentication_callback") + f"?code=abc&state={state}"
    )
    expect_refused(client, response, caplog, "identity_provider_error", FAILED)


# -- switched off, the login page, logout -------------------------------------


def test_without_configuration_the_routes_are_404(client, settings) -> None:
    settings.FOLJSAM_OIDC_ENABLED = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    callback = reverse("oidc_authentication_callback") + "?code=x&state=y"
    assert client.get(callback).status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") not in page


def test_the_login_page_offers_the_citys_login(client, oidc) -> None:
    """A real link (keyboard and screen reader reach it as any link), which keeps
    the page the person asked for."""
    page = client.get(reverse("login") + "?next=/registry/units/").content.decode()
    with translation.override("sv"):
        label = gettext("Log in with the city's login")  # {% translate %} as is
    href = reverse("oidc_authentication_init") + "?next=/registry/units/"
    assert f'<a class="button" href="{href}">{label}</a>' in page


@pytest.mark.urls(__name__)
def test_logout_also_ends_the_session_at_the_identity_provider(
    client, oidc, sodermalm, settings
) -> None:
    """With OIDC_OP_LOGOUT_ENDPOINT set, CityLogoutView logs out of Följsam and then
    sends the browser to the identity provider's logout, with the ID token as hint
    and the login page as the way back."""
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{oidc.base_url}/logout?ui_locales=sv"
    settings.OIDC_STORE_ID_TOKEN = True
    log_in(client, oidc)
    id_token = client.session["oidc_id_token"]

    response = client.post(reverse("city_logout"))

    assert logged_in_user(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{oidc.base_url}/logout"
    )
    assert parse_qs(location.query) == {
        "ui_locales": ["sv"],
        "id_token_hint": [id_token],
        "client_id": [CLIENT_ID],
        "post_logout_redirect_uri": ["http://testserver" + reverse("login")],
    }


@pytest.mark.urls(__name__)
def test_logout_of_a_password_session_stays_in_folj_sam(
    client, oidc, sodermalm, settings
) -> None:
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{oidc.base_url}/logout"
    settings.OIDC_STORE_ID_TOKEN = True
    user = User.objects.create_user("lokal", organisation=sodermalm)
    client.force_login(user)
    response = client.post(reverse("city_logout"))
    assert response["Location"] == reverse("login")
    assert logged_in_user(client) is None


# -- the role map -------------------------------------------------------------


def test_the_role_map_is_read_once_per_value(settings) -> None:
    settings.FOLJSAM_OIDC_ROLE_MAP = (
        " a=central_coordinator ,, b=committee_reader,a=district_officer "
    )
    assert dict(role_map()) == {
        "a": {Role.CENTRAL_COORDINATOR, Role.DISTRICT_OFFICER},
        "b": {Role.COMMITTEE_READER},
    }
    assert role_map() is role_map()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("grp=boss", "'boss' is not a role"),
        ("grp=provider_user", "provider_user cannot be mapped"),
        ("grp", "'grp' is not group=role"),
        ("=central_coordinator", "is not group=role"),
        (" , ", "is empty"),
    ],
)
def test_a_bad_role_map_is_refused(settings, text, problem) -> None:
    settings.FOLJSAM_OIDC_ROLE_MAP = text
    with pytest.raises(ImproperlyConfigured, match=problem):
        role_map()


def test_a_bad_role_map_stops_the_oidc_login_loudly(
    client, oidc, sodermalm, settings
) -> None:
    settings.FOLJSAM_OIDC_ROLE_MAP = "folj-uppfoljare=uppfoljare"
    with pytest.raises(ImproperlyConfigured):
        log_in(client, oidc)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("claim", "groups"),
    [
        (["a", " b ", "", 7], {"a", "b"}),
        ("a b,c ,, d", {"a", "b", "c", "d"}),
        (None, set()),
        ({"a": 1}, set()),
    ],
)
def test_the_roles_claim_is_a_list_or_a_string(claim, groups) -> None:
    assert groups_in_claim(claim) == groups


def test_a_bad_role_map_fails_the_system_check(settings) -> None:
    from foljsam.accounts.checks import oidc_role_map

    settings.FOLJSAM_OIDC_ENABLED = True
    settings.FOLJSAM_OIDC_ROLE_MAP = "stad-samordnare=chief_of_everything"
    (error,) = oidc_role_map()
    assert error.id == "foljsam.E001"
    settings.FOLJSAM_OIDC_ROLE_MAP = "stad-samordnare=central_coordinator"
    assert oidc_role_map() == []
    settings.FOLJSAM_OIDC_ENABLED = False
    settings.FOLJSAM_OIDC_ROLE_MAP = "nonsense"
    assert oidc_role_map() == []
