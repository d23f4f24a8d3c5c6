"""The registry import as a web page: upload, preview what would change, confirm.

The uploaded files wait in an upload area (``core.uploads``) between preview and
confirmation; the confirmation validates everything again, since the registry may
have changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core.exports import CONTENT_TYPES, Column, xlsx_bytes
from foljsam.core.tabular import TabularError
from foljsam.core.uploads import Pending, UploadArea
from foljsam.registry.forms import ImportUploadForm
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.importing.schema import SHEETS
from foljsam.registry.services import registry_import

UPLOADS = UploadArea("imports", "registry_import")


def _run(request: HttpRequest, pending: Pending, *, dry_run: bool) -> ImportReport:
    return registry_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=UploadArea.read(pending),
        dry_run=dry_run,
        source=UploadArea.names(pending),
    )


@requires(Capability.IMPORT_REGISTRY)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "registry/import.html", {"form": ImportUploadForm()})
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "registry/import.html", {"form": form}, status=400)
    pending = UPLOADS.store(request, form.cleaned_data["upload"])
    try:
        report = _run(request, pending, dry_run=True)
    except TabularError as exc:
        UPLOADS.discard(pending)
        form.add_error("upload", str(exc))
        return render(request, "registry/import.html", {"form": form}, status=400)
    if report.ok and report.has_changes:
        UPLOADS.keep(request, pending)
    else:
        UPLOADS.discard(pending)
    context = {"report": report, "token": pending["token"], "dry_run": True}
    return render(request, "registry/import_preview.html", context)


@requires(Capability.IMPORT_REGISTRY)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = UPLOADS.take(request, request.POST.get("token"))
    if pending is None:
        messages.error(
            request,
            _("The preview has expired or was replaced. Upload the file again."),
        )
        return redirect("registry:import")
    try:
        report = _run(request, pending, dry_run=False)
    except (TabularError, OSError):
        report = None
    UPLOADS.discard(pending)
    if report is None:
        messages.error(request, _("The uploaded file is gone. Upload it again."))
        return redirect("registry:import")
    if not report.ok:
        # The registry changed between preview and confirmation.
        context = {"report": report, "dry_run": False}
        return render(request, "registry/import_preview.html", context, status=409)
    messages.success(
        request,
        _("The import is done: %(created)d created, %(updated)d updated.")
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("registry:import")


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
