"""config/settings.py as production sees it, read in a fresh process (settings are
read once per process): the environment a deployment gives, and the security
settings that result, for tests/test_deploy.py and tests/test_headers.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# 60 characters, many different ones: what check --deploy asks of a secret key.
SECRET_KEY = "prod-test-Kq8vN2xR7mB4wZ9tY6cH3jL5pF1sD0gA8eU2iO7nM4bV9xC3zQ6"

# Everything that decides the security headers and cookies.
SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "SECURE_CSP_REPORT_ONLY",
    "X_FRAME_OPTIONS",
    "CSRF_USE_SESSIONS",
    "MESSAGE_STORAGE",
    *(
        f"{cookie}_COOKIE_{attribute}"
        for cookie in ("SESSION", "CSRF", "LANGUAGE")
        for attribute in ("NAME", "SECURE", "HTTPONLY", "SAMESITE", "DOMAIN", "PATH")
    ),
]

DUMP = f"""
import json, django
django.setup()
from django.conf import settings
print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))
"""


def environment(var_dir: Path, **overrides: str) -> dict[str, str]:
    """A production environment: this process's, without anything that would
    change the settings under test, plus what a deployment must set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG"}
        # DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set, among others.
        and not key.startswith(
            ("DJANGO_", "SECRET_KEY", "SECURE_", "FOLJSAM_", "OIDC_")
        )
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOLJSAM_ENV": "production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "foljsam.example",
        "FOLJSAM_VAR_DIR": str(var_dir),
    }
    return env | overrides


def run(
    args: list[str], var_dir: Path, **overrides: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=environment(var_dir, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def security_settings(var_dir: Path) -> dict[str, Any]:
    """The production values of SECURITY_SETTINGS."""
    result = run(["-c", DUMP], var_dir)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values
