"""Every page, with production's security settings, over HTTPS: a strict
Content-Security-Policy, HSTS, nosniff, a referrer policy, no framing, and only
__Host- cookies that are Secure and HttpOnly (issue 3).

The settings are production's own, read from config/settings.py in a process with
FOLJSAM_ENV=production (tests/production.py), and applied with pytest-django's
``settings`` fixture. The pages are those of the catalogue (tests/pages.py), read
when the tests are collected; redirects and error answers are checked too.
"""

from __future__ import annotations

import re
from http.cookies import Morsel
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from foljsam.accounts.models import Organisation, Role, User, UserRole
from foljsam.accounts.tests.factories import TEST_PASSWORD, UserFactory
from foljsam.demo.loader import load_demo
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider
from tests.pages import PAGES, Page, sample
from tests.production import security_settings

ROOT = Path(__file__).resolve().parent.parent
HTTPS = {"secure": True, "headers": {"X-Forwarded-Proto": "https"}}
KNOWN_KINDS = {"page", "download", "action", "form", "redirect"}
ONE_YEAR = 31_536_000
SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


@pytest.fixture(scope="session")
def production_values(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return security_settings(tmp_path_factory.mktemp("production") / "var")


@pytest.fixture
def production(settings: Any, production_values: dict[str, Any]) -> dict[str, Any]:
    for name, value in production_values.items():
        setattr(settings, name, value)
    return production_values


@pytest.fixture
def everyone(central_office: Organisation) -> User:
    """A user allowed to see every page: every role, every permission."""
    user = UserFactory(
        username="alla.roller", organisation=central_office, is_superuser=True
    )
    UserRole.objects.bulk_create(UserRole(user=user, role=role) for role in Role)
    return user


def log_in(client: Client, user: User) -> Any:
    """Through the login form, so that the session cookie is set by a response."""
    client.get(reverse("login"), **HTTPS)
    response = client.post(
        reverse("login"),
        {"username": user.get_username(), "password": TEST_PASSWORD},
        **HTTPS,
    )
    assert response.status_code == 302, "the login failed"
    return response


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name.lower()] = values
    return parsed


def assert_secure_headers(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    policy = directives(response["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"], what
    assert policy["base-uri"] == ["'none'"], what
    assert policy["frame-ancestors"] == ["'none'"], what
    for directive in ("script-src", "style-src"):
        sources = policy.get(directive, policy["default-src"])
        assert "'unsafe-inline'" not in sources, f"{what}: {directive}"
        assert "'unsafe-eval'" not in sources, f"{what}: {directive}"
        assert "*" not in sources and "data:" not in sources, f"{what}: {directive}"
    assert "Content-Security-Policy-Report-Only" not in response, what

    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    max_age = next(p for p in hsts if p.startswith("max-age="))
    assert int(max_age.removeprefix("max-age=")) >= ONE_YEAR, what
    assert "includeSubDomains" in hsts, what

    assert response["X-Content-Type-Options"] == "nosniff", what
    assert response["Referrer-Policy"] in SAFE_REFERRER_POLICIES, what
    assert response["X-Frame-Options"] == "DENY", what

    for name, morsel in response.cookies.items():
        assert_host_cookie(name, morsel, what)


def assert_host_cookie(name: str, morsel: Morsel[str], what: str) -> None:
    assert name.startswith("__Host-"), f"{what}: cookie {name}"
    assert morsel["secure"] is True, f"{what}: cookie {name} is not Secure"
    # A cookie being deleted (empty, expired: Django's delete_cookie) holds nothing
    # a script could steal; every cookie with a value must be HttpOnly.
    deleted = morsel.value == "" and morsel["max-age"] == 0
    if not deleted:
        assert morsel["httponly"] is True, f"{what}: cookie {name} is not HttpOnly"
    assert morsel["path"] == "/", f"{what}: cookie {name} path {morsel['path']}"
    assert not morsel["domain"], f"{what}: cookie {name} has a Domain"


# Inline code the CSP would block, or that would tempt us to loosen it.
INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def inline_code(html: str) -> list[str]:
    return [what for what, pattern in INLINE.items() if pattern.search(html)]


def test_the_catalogue_has_only_kinds_this_test_knows() -> None:
    """A new kind of page needs a decision here about how to request it."""
    assert {page.kind for page in PAGES} <= KNOWN_KINDS


def requests_for(
    page: Page, url: str, user: Client, anonymous: Client
) -> dict[str, Any]:
    """Every way the page is used: GET to show, POST to act (empty: refused or
    redirected, but answered), logged in and not."""
    answers: dict[str, Any] = {}
    if page.kind in {"page", "download", "form", "redirect"}:
        answers["GET"] = user.get(url, **HTTPS)
        answers["anonymous GET"] = anonymous.get(url, **HTTPS)
    if page.kind in {"action", "form"}:
        answers["POST"] = user.post(url, **HTTPS)
        answers["anonymous POST"] = anonymous.post(url, **HTTPS)
    if page.kind == "action":
        answers["GET"] = user.get(url, **HTTPS)  # 405, or a redirect
    return answers


def _viewer(page: Page, everyone: User) -> User:
    """Who sees the page: the user with every role, except in the provider
    portal, which shows a provider its own follow-ups only (a user of the city
    has no provider, so no portal)."""
    if page.access != "provider_followups":
        return everyone
    provider = (
        FollowUp.objects.get(pk=sample(page.target)).provider
        if page.target
        else Provider.objects.filter(followups__isnull=False).order_by("pk").first()
    )
    user = UserFactory(
        username=f"portal.{page.name.replace(':', '.')}", provider=provider
    )
    UserRole.objects.create(user=user, role=Role.PROVIDER_USER)
    return user


def check_page(page: Page, everyone: User) -> None:
    url = page.url()
    anonymous, user = Client(), Client()
    assert_secure_headers(log_in(user, everyone), "login")
    answers = requests_for(page, url, user, anonymous)
    if page.kind in {"page", "download", "redirect"} and page.access != "public":
        # The real page, not only its refusal, and the way to the login page.
        want = 302 if page.kind == "redirect" else 200
        assert answers["GET"].status_code == want, f"{url}: not allowed to see it?"
        assert answers["anonymous GET"].status_code == 302
    for how, response in answers.items():
        assert_secure_headers(response, f"{how} {url}")
        if response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            assert not inline_code(html), f"{how} {url}: {inline_code(html)}"


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(
    production: dict[str, Any], everyone: User
) -> None:
    """Every page of the catalogue on the demo city, loaded once. What a page's
    requests write (an empty POST to an action) is rolled back before the next
    page, so that each page sees the demo as loaded."""
    load_demo()
    failures = []
    for page in PAGES:
        with transaction.atomic():
            try:
                check_page(page, _viewer(page, everyone))
            except AssertionError as error:
                failures.append(f"{page.name}: {error}")
            transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_every_cookie_is_a_secure_host_cookie(
    production: dict[str, Any], everyone: User
) -> None:
    """The three cookies the site sets, each seen in a response: the CSRF cookie
    (a form), the session cookie (login), the language cookie (language button)."""
    client = Client()
    seen: dict[str, Morsel[str]] = {}
    responses = [
        client.get(reverse("login"), **HTTPS),
        log_in(client, everyone),
        client.post(reverse("set_language"), {"language": "en"}, **HTTPS),
        client.post(reverse("logout"), **HTTPS),
    ]
    for response in responses:
        assert_secure_headers(response, response.wsgi_request.path)
        seen |= dict(response.cookies.items())
    assert set(seen) == {
        production["SESSION_COOKIE_NAME"],
        production["CSRF_COOKIE_NAME"],
        production["LANGUAGE_COOKIE_NAME"],
    }
    # Logging out deletes the session cookie, with the same attributes.
    assert responses[-1].cookies[production["SESSION_COOKIE_NAME"]]["max-age"] == 0


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(production: dict[str, Any]) -> None:
    """Behind the city's proxy, X-Forwarded-Proto says how the browser came: plain
    HTTP is redirected to HTTPS, and HSTS is only sent over HTTPS."""
    client = Client()
    plain = client.get(reverse("login"), headers={"X-Forwarded-Proto": "http"})
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver" + reverse("login")
    assert "Strict-Transport-Security" not in plain
    secure = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert "Strict-Transport-Security" in secure


def templates() -> list[Path]:
    found = sorted(ROOT.glob("foljsam/**/templates/**/*.html"))
    assert len(found) > 10, "the template scan found almost nothing"
    return found


@pytest.mark.parametrize(
    "template", templates(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_no_template_holds_inline_script_or_style(template: Path) -> None:
    assert not inline_code(template.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<script>alert(1)</script>", ["inline <script>"]),
        ('<SCRIPT type="module">x()</SCRIPT>', ["inline <script>"]),
        ("<style>p { color: red }</style>", ["<style> element"]),
        ('<p class="x" style="color: red">', ["style attribute"]),
        ('<button onclick="go()">', ["event handler attribute"]),
        ('<a href="javascript:go()">', ["javascript: URL"]),
        ('<script src="/static/app.js"></script>', []),
        ('<p class="styled">onward</p>', []),
    ],
)
def test_the_scan_finds_inline_code(html: str, found: list[str]) -> None:
    assert inline_code(html) == found
