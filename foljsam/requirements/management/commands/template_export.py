"""``foljsam template export CODE [--version N] [--format json|docx|xlsx]
[--output PATH]``: one version of a template as the exchange file (JSON), the
printable protocol (DOCX) or the question list (XLSX)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from foljsam.accounts.access import SYSTEM
from foljsam.requirements.documents import template_docx, template_xlsx
from foljsam.requirements.exchange import template_to_json
from foljsam.requirements.models import Template, TemplateVersion
from foljsam.requirements.selectors import version_by_code, version_content

FORMATS = ("json", "docx", "xlsx")


class Command(BaseCommand):
    help = (
        "Export a version of a template: the JSON exchange file another city can "
        "import, the protocol to print (DOCX) or the question list (XLSX). "
        "Without --version, the published version (else the newest)."
    )

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        # Our --version names a template version; it replaces Django's option
        # that prints Django's own version number.
        return super().create_parser(
            prog_name, subcommand, conflict_handler="resolve", **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="The template's code, e.g. mall-lss-dv.")
        parser.add_argument(
            "--version",
            dest="number",
            type=int,
            help="The version number (default: the published one, else the newest).",
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="json",
            help="json (the exchange file, default), docx (protocol) or xlsx.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            help=(
                "Write to this file. Default: standard output for json, "
                "CODE-vN.docx or CODE-vN.xlsx in the current folder otherwise."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code: str = options["code"]
        number: int | None = options["number"]
        fmt: str = options["format"]
        output: Path | None = options["output"]
        version = self.find_version(code, number)
        doc = version_content(version)
        if fmt == "json":
            text = json.dumps(template_to_json(doc), ensure_ascii=False, indent=2)
            if output is None:
                self.stdout.write(text)
                return
            output.write_text(text + "\n", encoding="utf-8")
        else:
            data = template_docx(doc) if fmt == "docx" else template_xlsx(doc)
            output = output or Path(f"{doc.code}-v{doc.number}.{fmt}")
            output.write_bytes(data)
        self.stdout.write(
            _("Wrote %(code)s version %(number)d to %(path)s.")
            % {"code": doc.code, "number": doc.number, "path": output}
        )

    def find_version(self, code: str, number: int | None) -> TemplateVersion:
        found = version_by_code(user=SYSTEM, code=code, number=number)
        if found is not None:
            return found
        if not Template.objects.filter(code=code).exists():
            raise CommandError(_("There is no template %(code)s.") % {"code": code})
        raise CommandError(
            _("The template %(code)s has no version %(number)s.")
            % {"code": code, "number": number}
        )
