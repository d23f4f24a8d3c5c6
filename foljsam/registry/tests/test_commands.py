"""The registry's commands and the ``foljsam`` console script in front of them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command, get_commands
from openpyxl import load_workbook

from foljsam.accounts.models import Organisation
from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.core.cli import command_argv, main
from foljsam.registry.models import Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CentralOfficeFactory,
    ProviderFactory,
    UnitFactory,
)
from foljsam.registry.tests.workbooks import base_sheets, write_csv_folder

TODAY = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def registry(db: None) -> dict[str, Unit]:
    """A LOV unit in Södermalm, and a unit that no agreement covers."""
    CentralOfficeFactory()
    district = OrganisationFactory(code="sdf-sodermalm", name="Södermalm")
    covered = UnitFactory(
        external_id="V1", district=district, opened_on=dt.date(2025, 1, 1)
    )
    AgreementFactory(
        reference="SN 2025/1",
        provider=covered.provider,
        kind="lov",
        valid_from=dt.date(2025, 1, 1),
        units=[covered],
    )
    lonely = UnitFactory(
        external_id="V2", provider=ProviderFactory(), district=district
    )
    return {"covered": covered, "lonely": lonely}


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@time_machine.travel(TODAY, tick=False)
def test_registry_map_prints_csv(registry: dict[str, Unit]) -> None:
    out = io.StringIO()

    call_command("registry_map", "--format", "csv", stdout=out)

    rows = {row["unit_id"]: row for row in _csv(out.getvalue())}
    assert set(rows) == {"V1", "V2"}
    assert (rows["V1"]["responsible"], rows["V1"]["performer"]) == (
        "sof",
        "sdf-sodermalm",
    )
    assert rows["V1"]["agreement_reference"] == "SN 2025/1"
    assert rows["V1"]["due_year"] == "2028"
    assert rows["V1"]["gap"] == ""
    assert (rows["V2"]["responsible"], rows["V2"]["gap"]) == ("", "no_valid_agreement")


@time_machine.travel(TODAY, tick=False)
def test_registry_gaps_prints_csv(registry: dict[str, Unit]) -> None:
    out = io.StringIO()

    call_command("registry_gaps", "--format", "csv", stdout=out)

    rows = _csv(out.getvalue())
    assert [(row["unit_id"], row["gap"]) for row in rows] == [
        ("V2", "no_valid_agreement")
    ]
    assert {"unit_id", "gap", "detail"} <= set(rows[0])


@time_machine.travel(TODAY, tick=False)
def test_registry_gaps_filters_by_kind(registry: dict[str, Unit]) -> None:
    out = io.StringIO()

    call_command("registry_gaps", "--gap", "no_rule", stdout=out)

    header, *rows = out.getvalue().splitlines()
    assert "unit_id" in header
    assert rows == []


@time_machine.travel(TODAY, tick=False)
def test_registry_map_writes_a_workbook(
    registry: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "karta.xlsx"

    call_command("registry_map", "--format", "xlsx", "--output", str(path))

    workbook = load_workbook(path, read_only=True)
    sheet = workbook[workbook.sheetnames[0]]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    records = {row[header.index("unit_id")]: row for row in rows}
    assert set(records) == {"V1", "V2"}
    v1 = records["V1"]
    assert v1[header.index("responsible")] == "sof"
    assert v1[header.index("performer")] == "sdf-sodermalm"
    assert v1[header.index("due_year")] == 2028


@time_machine.travel(TODAY, tick=False)
def test_registry_gaps_writes_a_workbook(
    registry: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "luckor.xlsx"

    call_command("registry_gaps", "--format", "xlsx", "--output", str(path))

    workbook = load_workbook(path, read_only=True)
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    assert rows[0][:2] == ["gap", "unit_id"]
    assert [row[:2] for row in rows[1:]] == [["no_valid_agreement", "V2"]]


@time_machine.travel(TODAY, tick=False)
def test_registry_map_csv_to_a_file(registry: dict[str, Unit], tmp_path: Path) -> None:
    path = tmp_path / "karta.csv"
    out = io.StringIO()

    call_command("registry_map", "--output", str(path), stdout=out)

    assert out.getvalue() == ""
    assert {row["unit_id"] for row in _csv(path.read_text(encoding="utf-8"))} == {
        "V1",
        "V2",
    }


# The console script -----------------------------------------------------------------


def test_command_argv_joins_group_and_verb_of_known_commands() -> None:
    known = set(get_commands())

    assert command_argv(["import", "registry", "x.xlsx"], known) == [
        "import_registry",
        "x.xlsx",
    ]
    assert command_argv(["import", "registry", "x", "--dry-run"], known) == [
        "import_registry",
        "x",
        "--dry-run",
    ]
    assert command_argv(["registry", "map", "--format", "csv"], known) == [
        "registry_map",
        "--format",
        "csv",
    ]
    assert command_argv(["registry", "gaps"], known) == ["registry_gaps"]


def test_command_argv_leaves_other_commands_alone() -> None:
    known = set(get_commands())

    assert command_argv(["migrate"], known) == ["migrate"]
    assert command_argv(["migrate", "registry"], known) == ["migrate", "registry"]
    assert command_argv(["import", "--help"], known) == ["import", "--help"]
    assert command_argv(["registry", "nonsense"], known) == ["registry", "nonsense"]
    assert command_argv([], known) == []


def test_command_argv_help_for_a_two_word_command() -> None:
    known = set(get_commands())

    assert command_argv(["help", "import", "registry"], known) == [
        "help",
        "import_registry",
    ]
    assert command_argv(["help", "migrate"], known) == ["help", "migrate"]


# Django closes the database connection after a command run from the command line,
# which would end the transaction an ordinary test runs in: these tests commit, and
# the serialized rollback puts back what the data migrations installed.
IN_PROCESS_CLI = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@IN_PROCESS_CLI
@time_machine.travel(TODAY, tick=False)
def test_main_runs_a_two_word_command(
    registry: dict[str, Unit], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["foljsam", "registry", "gaps", "--format", "csv"])

    rows = _csv(capsys.readouterr().out)
    assert [(row["unit_id"], row["gap"]) for row in rows] == [
        ("V2", "no_valid_agreement")
    ]


@IN_PROCESS_CLI
def test_main_imports_a_csv_folder(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "csv", base_sheets(), "cp1252")

    main(["foljsam", "import", "registry", str(folder)])

    assert Unit.objects.count() == 5
    assert Organisation.objects.filter(kind="district_office").count() == 2


def test_the_installed_console_script_end_to_end(tmp_path: Path) -> None:
    """The real ``foljsam`` script against a fresh SQLite file: migrate, import a
    folder of Swedish CSV files, print the map."""
    script = Path(sys.executable).with_name("foljsam")
    assert script.exists(), "uv sync installs the foljsam console script"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'foljsam.sqlite3'}",
        "FOLJSAM_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "test-only-" + "x" * 50,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    folder = write_csv_folder(tmp_path / "csv", base_sheets(), "utf-8-sig")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [str(script), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    migrated = run("migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    imported = run("import", "registry", str(folder))
    assert imported.returncode == 0, imported.stderr
    printed = run("registry", "map", "--format", "csv")
    assert printed.returncode == 0, printed.stderr
    again = run("import", "registry", str(folder), "--dry-run")
    assert again.returncode == 0, again.stderr

    rows = {row["unit_id"]: row for row in _csv(printed.stdout)}
    assert set(rows) == {"V1", "V2", "V3", "K1", "K2"}
    assert (rows["K1"]["responsible"], rows["K1"]["performer"]) == (
        "sof",
        "sdf-sodermalm",
    )
    assert (rows["V3"]["responsible"], rows["V3"]["performer"]) == ("sof", "sof")
    # Importing the same folder again would create and change nothing.
    assert "  + " not in again.stdout
    assert "  ~ " not in again.stdout
    assert "units" in again.stdout
