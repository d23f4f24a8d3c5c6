"""Typed settings from the environment: bad values stop the process, by name."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from foljsam.core.env import (
    development_secret_key,
    envbool,
    envchoice,
    envint,
    envlist,
    envsecret,
    envstr,
)


def test_envstr() -> None:
    assert envstr("X", "fallback", environ={}) == "fallback"
    assert envstr("X", "fallback", environ={"X": ""}) == ""
    assert envstr("X", "fallback", environ={"X": " a "}) == " a "


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("0", False),
        ("False", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_envbool_words(value: str, expected: bool) -> None:
    assert envbool("DEBUG", not expected, environ={"DEBUG": value}) is expected


def test_envbool_default_when_unset() -> None:
    assert envbool("DEBUG", True, environ={}) is True
    assert envbool("DEBUG", False, environ={}) is False


@pytest.mark.parametrize("value", ["maybe", "2", "ja", "y e s"])
def test_envbool_refuses_other_words_naming_the_variable(value: str) -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        envbool("EMAIL_USE_TLS", False, environ={"EMAIL_USE_TLS": value})

    assert "EMAIL_USE_TLS" in str(raised.value)
    assert repr(value) in str(raised.value)


def test_envint() -> None:
    assert envint("PORT", 25, environ={}) == 25
    assert envint("PORT", 25, environ={"PORT": ""}) == 25
    assert envint("PORT", 25, environ={"PORT": " 587 "}) == 587
    assert envint("PORT", 25, minimum=1, maximum=65535, environ={"PORT": "1"}) == 1
    assert (
        envint("PORT", 25, minimum=1, maximum=65535, environ={"PORT": "65535"}) == 65535
    )


@pytest.mark.parametrize("value", ["twenty", "2.5", "1e3", "25 s"])
def test_envint_refuses_non_numbers_naming_the_variable(value: str) -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        envint("EMAIL_PORT", 25, environ={"EMAIL_PORT": value})

    assert "EMAIL_PORT" in str(raised.value)
    assert repr(value) in str(raised.value)


@pytest.mark.parametrize(("value", "word"), [("0", "least"), ("65536", "most")])
def test_envint_enforces_bounds_naming_the_variable(value: str, word: str) -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        envint(
            "EMAIL_PORT", 25, minimum=1, maximum=65535, environ={"EMAIL_PORT": value}
        )

    assert "EMAIL_PORT" in str(raised.value)
    assert word in str(raised.value)


def test_envint_checks_the_default_against_the_bounds_too() -> None:
    with pytest.raises(ImproperlyConfigured, match="LIMIT"):
        envint("LIMIT", 0, minimum=1, environ={})


def test_envlist() -> None:
    assert envlist("HOSTS", ["localhost"], environ={}) == ["localhost"]
    assert envlist("HOSTS", ["localhost"], environ={"HOSTS": ""}) == []
    assert envlist("HOSTS", [], environ={"HOSTS": " a.example , ,b.example,"}) == [
        "a.example",
        "b.example",
    ]


def test_envlist_default_is_not_shared() -> None:
    default = ["localhost"]

    result = envlist("HOSTS", default, environ={})
    result.append("evil.example")

    assert default == ["localhost"]


def test_envchoice() -> None:
    choices = frozenset({"development", "production"})

    assert envchoice("FOLJSAM_ENV", "development", choices, environ={}) == (
        "development"
    )
    assert (
        envchoice(
            "FOLJSAM_ENV",
            "development",
            choices,
            environ={"FOLJSAM_ENV": " PRODUCTION "},
        )
        == "production"
    )


def test_envchoice_refuses_other_values_naming_the_variable_and_the_value() -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        envchoice(
            "FOLJSAM_ENV",
            "development",
            frozenset({"development", "production"}),
            environ={"FOLJSAM_ENV": "Prod"},
        )

    message = str(raised.value)
    assert "FOLJSAM_ENV" in message
    assert "'Prod'" in message
    assert "production" in message


def test_envsecret_from_the_variable() -> None:
    assert envsecret("SECRET_KEY", environ={"SECRET_KEY": "s3cret"}) == "s3cret"
    assert envsecret("SECRET_KEY", environ={}) is None
    assert envsecret("SECRET_KEY", environ={"SECRET_KEY": ""}) is None


def test_envsecret_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("  from-a-file\n", encoding="utf-8")

    assert (
        envsecret("SECRET_KEY", environ={"SECRET_KEY_FILE": str(secret)})
        == "from-a-file"
    )
    # An empty variable next to the file does not count as setting both.
    assert (
        envsecret(
            "SECRET_KEY", environ={"SECRET_KEY": "", "SECRET_KEY_FILE": str(secret)}
        )
        == "from-a-file"
    )


def test_envsecret_refuses_both_the_variable_and_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured) as raised:
        envsecret(
            "EMAIL_HOST_PASSWORD",
            environ={
                "EMAIL_HOST_PASSWORD": "y",
                "EMAIL_HOST_PASSWORD_FILE": str(secret),
            },
        )

    assert "EMAIL_HOST_PASSWORD" in str(raised.value)
    assert "EMAIL_HOST_PASSWORD_FILE" in str(raised.value)


def test_envsecret_unreadable_file_names_the_variable(tmp_path: Path) -> None:
    missing = tmp_path / "missing"

    with pytest.raises(ImproperlyConfigured) as raised:
        envsecret("SECRET_KEY", environ={"SECRET_KEY_FILE": str(missing)})

    assert "SECRET_KEY_FILE" in str(raised.value)
    assert str(missing) in str(raised.value)


def test_envsecret_empty_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE"):
        envsecret("SECRET_KEY", environ={"SECRET_KEY_FILE": str(empty)})


def test_development_secret_key_is_created_once_and_reused(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"

    first = development_secret_key(var_dir)
    second = development_secret_key(var_dir)

    path = var_dir / "secret_key"
    assert len(first) >= 50
    assert second == first
    assert path.read_text(encoding="utf-8").strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_development_secret_key_keeps_an_existing_key(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("kept-key\n", encoding="utf-8")

    assert development_secret_key(tmp_path) == "kept-key"


def test_development_secret_key_replaces_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    path.write_text("", encoding="utf-8")
    path.chmod(0o644)

    key = development_secret_key(tmp_path)

    assert len(key) >= 50
    assert path.read_text(encoding="utf-8").strip() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
