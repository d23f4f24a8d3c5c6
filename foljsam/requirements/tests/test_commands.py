"""``foljsam import template`` and ``foljsam template export``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands
from docx import Document
from openpyxl import load_workbook

from foljsam.core.cli import command_argv
from foljsam.registry.tests.factories import ContractAreaFactory
from foljsam.requirements.choices import VersionStatus
from foljsam.requirements.exchange import template_to_json
from foljsam.requirements.models import TemplateVersion
from foljsam.requirements.selectors import version_content
from foljsam.requirements.services import version_copy, version_publish
from foljsam.requirements.tests.factories import build_version
from foljsam.requirements.tests.test_exchange import AREA, as_file, counts, full_doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_file(tmp_path: Path) -> Path:
    path = tmp_path / "mall.json"
    path.write_bytes(as_file(template_to_json(full_doc())))
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_cli_reaches_both_commands() -> None:
    known = set(get_commands())
    assert command_argv(["import", "template", "x.json"], known) == [
        "import_template",
        "x.json",
    ]
    assert command_argv(["template", "export", "mall", "--format", "docx"], known) == [
        "template_export",
        "mall",
        "--format",
        "docx",
    ]


def test_import_template_creates_a_draft(shared_file: Path) -> None:
    ContractAreaFactory(code=AREA)

    out, err = run("import_template", str(shared_file))

    version = TemplateVersion.objects.get(template__code="mall-lss-dv")
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert version_content(version) == full_doc()
    assert "mall-lss-dv" in out
    assert err == ""


def test_import_template_dry_run_writes_nothing(shared_file: Path) -> None:
    before = counts()

    out, _err = run("import_template", str(shared_file), "--dry-run")

    assert counts() == before
    assert "mall-lss-dv" in out
    for requirement in full_doc().requirements:
        assert f"+ {requirement.code}" in out


def test_import_template_refuses_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    data = template_to_json(full_doc())
    data["template"]["code"] = ""
    data["sections"][1]["questions"][0]["answer_type"] = "essay"
    path = tmp_path / "fel.json"
    path.write_bytes(as_file(data))
    before = counts()
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_template", str(path), stdout=io.StringIO(), stderr=err)

    assert counts() == before
    lines = err.getvalue().splitlines()
    assert {line.split(": ")[0] for line in lines} == {
        "sections[2].questions[1].answer_type",
        "template.code",
    }
    assert len(lines) == 2


def test_import_template_refuses_what_the_database_would_not_take(
    shared_file: Path,
) -> None:
    build_version(code="mall-lss-dv")  # a draft already
    before = counts()
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_template", str(shared_file), stdout=io.StringIO(), stderr=err
        )

    assert counts() == before
    assert err.getvalue().startswith("template.code: ")


def test_import_template_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        run("import_template", str(tmp_path / "finns-inte.json"))


@pytest.fixture
def versions(coordinator) -> tuple[TemplateVersion, TemplateVersion]:
    """Version 1 published, version 2 a draft."""
    v1 = version_publish(actor=coordinator, version=build_version(code="mall-dv"))
    return v1, version_copy(actor=coordinator, version=v1)


def test_template_export_json_to_stdout_is_the_published_version(versions) -> None:
    v1, _v2 = versions

    out, _err = run("template_export", "mall-dv")

    assert json.loads(out) == template_to_json(version_content(v1))
    assert "\\u" not in out  # Swedish letters as they are


def test_template_export_writes_each_format_to_output(versions, tmp_path: Path) -> None:
    _v1, v2 = versions
    doc = version_content(v2)

    for fmt in ("json", "docx", "xlsx"):
        path = tmp_path / f"ut.{fmt}"
        run(
            "template_export",
            "mall-dv",
            "--version",
            "2",
            "--format",
            fmt,
            "--output",
            str(path),
        )
        assert path.exists()

    assert json.loads((tmp_path / "ut.json").read_text("utf-8")) == template_to_json(
        doc
    )
    paragraphs = [p.text for p in Document(str(tmp_path / "ut.docx")).paragraphs]
    assert paragraphs[0] == doc.name
    for _s, _q, _section, question in doc.questions:
        assert any(p.endswith(question.text) for p in paragraphs)
    sheet = load_workbook(tmp_path / "ut.xlsx").worksheets[0]
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        question.text for _s, _q, _section, question in doc.questions
    ]


def test_template_export_names_binary_files_after_the_version(
    versions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    run("template_export", "mall-dv", "--format", "docx")
    run("template_export", "mall-dv", "--version", "2", "--format", "xlsx")

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mall-dv-v1.docx",
        "mall-dv-v2.xlsx",
    ]


def test_template_export_takes_the_newest_when_none_is_published(
    coordinator, tmp_path: Path
) -> None:
    build_version(code="mall-utkast")
    path = tmp_path / "utkast.json"

    run("template_export", "mall-utkast", "--output", str(path))

    assert json.loads(path.read_text("utf-8"))["version"]["status"] == "draft"


def test_template_export_refuses_unknown_templates_and_versions(versions) -> None:
    with pytest.raises(CommandError):
        run("template_export", "finns-inte")
    with pytest.raises(CommandError):
        run("template_export", "mall-dv", "--version", "7")
