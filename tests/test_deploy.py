"""With production settings, Django's deployment checks pass at warning level, and
the settings refuse what would weaken them (issue 3)."""

from __future__ import annotations

import pytest
from django.utils.csp import CSP

from tests.production import run, security_settings

CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_check_deploy_passes_with_production_settings(tmp_path) -> None:
    result = run(CHECK, tmp_path / "var")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DEBUG", "1", "security.W018"),
        ("SECURE_SSL_REDIRECT", "0", "security.W008"),
        ("SECURE_HSTS_PRELOAD", "0", "security.W021"),
    ],
)
def test_check_deploy_fails_on_a_weakened_setting(
    tmp_path, variable: str, value: str, warning: str
) -> None:
    """The check is really run at warning level: a setting that may be changed from
    the environment, changed for the worse, fails it."""
    result = run(CHECK, tmp_path / "var", **{variable: value})
    assert result.returncode == 1
    assert warning in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECURE_HSTS_SECONDS", "3600"),
        ("SECRET_KEY", "too-short-for-production"),
    ],
)
def test_production_settings_refuse_weak_values(
    tmp_path, variable: str, value: str
) -> None:
    result = run(CHECK, tmp_path / "var", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]


def test_production_security_settings(tmp_path) -> None:
    values = security_settings(tmp_path / "var")
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_NAME"].startswith("__Host-")
        assert values[f"{cookie}_COOKIE_SECURE"] is True
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert values[f"{cookie}_COOKIE_DOMAIN"] is None
        assert values[f"{cookie}_COOKIE_PATH"] == "/"
    csp = values["SECURE_CSP"]
    assert csp["object-src"] == [CSP.NONE]
    assert csp["base-uri"] == [CSP.NONE]
    assert csp["frame-ancestors"] == [CSP.NONE]
    assert csp["script-src"] == [CSP.SELF]
