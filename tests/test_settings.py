"""config/settings.py as a process sees it: each case starts Python afresh, since
settings are read once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SHOW_DATABASE = """
import django
django.setup()
from django.conf import settings
from django.db import connection
db = settings.DATABASES["default"]
print(db["ENGINE"], db["NAME"], db["OPTIONS"]["transaction_mode"])
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])
"""


def run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "FOLJSAM_ENV", "DEBUG"}
    }
    clean |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOLJSAM_VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_default_database_is_sqlite_in_var_with_wal_and_immediate(tmp_path) -> None:
    result = run(SHOW_DATABASE, tmp_path)
    assert result.returncode == 0, result.stderr
    engine, name, mode, journal = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == tmp_path / "var" / "foljsam.sqlite3"
    assert mode == "IMMEDIATE"
    assert journal == "wal"
    assert (tmp_path / "var" / "secret_key").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    result = run("import django; django.setup()", tmp_path, FOLJSAM_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_needs_allowed_hosts(tmp_path) -> None:
    result = run(
        "import django; django.setup()",
        tmp_path,
        FOLJSAM_ENV="production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="",
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://root@localhost/foljsam"),
        ("FOLJSAM_ENV", "staging"),
        ("FOLJSAM_IMPORT_MAX_BYTES", "lots"),
    ],
)
def test_a_bad_setting_names_itself(tmp_path, variable, value) -> None:
    result = run("import django; django.setup()", tmp_path, **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]
