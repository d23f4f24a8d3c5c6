"""Typed readers for settings that come from the environment.

Each reader raises ``ImproperlyConfigured`` with the variable's name and what was
expected, so that a bad setting stops the process with a message an operator can act on.
``*_FILE`` variants let secrets come from files (Docker/Kubernetes secrets, systemd
credentials) instead of the process environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(name)


def envstr(name: str, default: str, *, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def envbool(
    name: str, default: bool, *, environ: Mapping[str, str] | None = None
) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}, "
        f"not {value!r}."
    )


def envint(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        result = default
    else:
        try:
            result = int(value.strip())
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be a whole number, not {value!r}."
            ) from None
    if minimum is not None and result < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {result}.")
    if maximum is not None and result > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {result}.")
    return result


def envlist(
    name: str, default: list[str], *, environ: Mapping[str, str] | None = None
) -> list[str]:
    """A comma-separated list; empty items are dropped."""
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envchoice(
    name: str,
    default: str,
    choices: frozenset[str],
    *,
    environ: Mapping[str, str] | None = None,
) -> str:
    given = envstr(name, default, environ=environ)
    value = given.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {sorted(choices)}, not {given!r}."
        )
    return value


def envsecret(name: str, *, environ: Mapping[str, str] | None = None) -> str | None:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE``, or None."""
    value = _raw(name, environ)
    file_name = _raw(f"{name}_FILE", environ)
    if value and file_name:
        raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
    if file_name:
        path = Path(file_name)
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE points at {file_name!r}, which cannot be read: {exc}."
            ) from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE points at an empty file.")
    return value or None


def development_secret_key(var_dir: Path) -> str:
    """Read, or create once, a random key in ``var/`` for development use only."""
    from django.core.management.utils import get_random_secret_key

    path = var_dir / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    var_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    # Created readable by the owner only from the start, not chmod-ed afterwards.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(key + "\n")
    path.chmod(0o600)
    return key
