"""``foljsam import signals PATH [--dry-run]``: the management command
``import_signals`` and the console script in front of it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from foljsam.complaints.models import Signal
from foljsam.core.cli import command_argv
from foljsam.registry.tests.factories import ProviderFactory, org_number

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
EK = org_number(301)
HEADER = "reference,received_on,source,category,summary,provider_org_number\n"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def ek(central_office):
    return ProviderFactory(org_number=EK)


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "signaler.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_signals", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_console_script_names_the_command() -> None:
    assert command_argv(["import", "signals", "x.csv"], set(get_commands())) == [
        "import_signals",
        "x.csv",
    ]


def test_dry_run_then_import(tmp_path, ek, central_office) -> None:
    path = _file(tmp_path, HEADER + f"KL 1,2026-03-01,complaint,ovrigt,Text,{EK}\n")
    out, err = _run(str(path), "--dry-run")
    assert "signals: 1 att skapa, 0 att ändra, 0 oförändrade" in out
    assert "+ KL 1" in out
    assert "Provkörning: ingenting sparades." in out
    assert not err
    assert not Signal.objects.exists()
    out, _err = _run(str(path))
    assert "signals: 1 att skapa" in out
    signal = Signal.objects.get()
    assert signal.organisation == central_office
    assert signal.recorded_by is None
    # A second run changes nothing.
    out, _err = _run(str(path))
    assert "signals: 0 att skapa, 0 att ändra, 1 oförändrade" in out
    assert Signal.objects.count() == 1


def test_errors_name_row_and_column_and_fail(tmp_path, ek) -> None:
    path = _file(
        tmp_path,
        HEADER
        + f"KL 1,2026-03-01,complaint,ovrigt,Text,{EK}\n"
        + f"KL 2,första mars,complaint,ovrigt,Text,{EK}\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_signals", str(path), stdout=io.StringIO(), stderr=err)
    assert "rad 3, kolumn received_on" in err.getvalue()
    assert not Signal.objects.exists()


def test_organisation_option(tmp_path, ek, district) -> None:
    path = _file(tmp_path, HEADER + f"KL 1,2026-03-01,complaint,ovrigt,Text,{EK}\n")
    _run(str(path), "--organisation", "SDF-Sodermalm")
    assert Signal.objects.get().organisation == district
    with pytest.raises(CommandError):
        _run(str(path), "--organisation", "nowhere")


def test_unreadable_paths(tmp_path) -> None:
    with pytest.raises(CommandError):
        _run(str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError):
        _run(str(tmp_path))
    (tmp_path / "x.txt").write_text("hej")
    with pytest.raises(CommandError):
        _run(str(tmp_path / "x.txt"))
