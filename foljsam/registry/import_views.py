"""The registry import as a web page: upload, preview what would change, confirm.

The uploaded files wait in an upload area (``core.uploads``) between preview and
confirmation; the confirmation validates everything again, since the registry may
have changed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core.exports import CONTENT_TYPES, Column, xlsx_bytes
from foljsam.core.tabular import RawTable
from foljsam.core.uploads import ImportFlow, UploadArea
from foljsam.registry.forms import ImportUploadForm
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.importing.schema import SHEETS
from foljsam.registry.services import registry_import

UPLOADS = UploadArea("imports", "registry_import")


def _page(request: HttpRequest, form: ImportUploadForm, status: int) -> HttpResponse:
    return render(request, "registry/import.html", {"form": form}, status=status)


def _run(
    request: HttpRequest, raw: dict[str, RawTable], source: str, dry_run: bool
) -> ImportReport:
    return registry_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=raw,
        dry_run=dry_run,
        source=source,
    )


def _done(report: ImportReport) -> str:
    return _("The import is done: %(created)d created, %(updated)d updated.") % {
        "created": report.created,
        "updated": report.updated,
    }


FLOW = ImportFlow(
    area=UPLOADS,
    run=_run,
    page=_page,
    preview_template="registry/import_preview.html",
    upload_url="registry:import",
    done_url="registry:import",
    done=_done,
)


@requires(Capability.IMPORT_REGISTRY)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, ImportUploadForm(), 200)
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, 400)
    return FLOW.preview(request, form, form.cleaned_data["upload"])


@requires(Capability.IMPORT_REGISTRY)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    return FLOW.confirm(request)


def _empty(_row: object) -> None:
    return None


@requires(Capability.IMPORT_REGISTRY)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty workbook with every sheet and column, to fill in."""
    sheets: list[tuple[str, list[Column[object]], list[object]]] = [
        (spec.name, [Column(c.name, _empty) for c in spec.columns], [])
        for spec in SHEETS
    ]
    response = HttpResponse(xlsx_bytes(sheets), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="foljsam-registry.xlsx"'
    return response
