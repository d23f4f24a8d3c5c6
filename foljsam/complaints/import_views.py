"""The signal import as a web page: upload, preview what would change, confirm.

As the registry's: the uploaded file waits in an upload area (``core.uploads``)
between preview and confirmation; the confirmation checks every row again, since
the register may have changed in between.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.complaints.choices import SignalSource, SignalStatus
from foljsam.complaints.forms import SignalImportForm
from foljsam.complaints.importing.report import SignalImportReport
from foljsam.complaints.importing.schema import SHEET, SIGNALS
from foljsam.complaints.models import SignalCategory
from foljsam.complaints.services import signals_import
from foljsam.core.exports import CONTENT_TYPES, Column, xlsx_bytes
from foljsam.core.tabular import TabularError
from foljsam.core.uploads import Pending, UploadArea

UPLOADS = UploadArea("signal-imports", "signal_import")
IMPORT = Capability.IMPORT_SIGNALS


def _run(
    request: HttpRequest, pending: Pending, *, dry_run: bool
) -> SignalImportReport:
    return signals_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=UploadArea.read(pending),
        dry_run=dry_run,
        source=UploadArea.names(pending),
    )


def _page(
    request: HttpRequest, form: SignalImportForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "sources": SignalSource.choices,
        "statuses": SignalStatus.choices,
        "categories": SignalCategory.objects.all(),
    }
    return render(request, "complaints/import.html", context, status=status)


@requires(IMPORT)
@require_http_methods(["GET", "POST"])
def signal_import(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, SignalImportForm())
    form = SignalImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    pending = UPLOADS.store(request, [form.cleaned_data["upload"]])
    try:
        report = _run(request, pending, dry_run=True)
    except TabularError as exc:
        UPLOADS.discard(pending)
        form.add_error("upload", str(exc))
        return _page(request, form, status=400)
    if report.ok and report.has_changes:
        UPLOADS.keep(request, pending)
    else:
        UPLOADS.discard(pending)
    context = {"report": report, "token": pending["token"], "dry_run": True}
    return render(request, "complaints/import_preview.html", context)


@requires(IMPORT)
@require_POST
def signal_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = UPLOADS.take(request, request.POST.get("token"))
    if pending is None:
        messages.error(
            request,
            _("The preview has expired or was replaced. Upload the file again."),
        )
        return redirect("complaints:signal_import")
    try:
        report = _run(request, pending, dry_run=False)
    except (TabularError, OSError):
        report = None
    UPLOADS.discard(pending)
    if report is None:
        messages.error(request, _("The uploaded file is gone. Upload it again."))
        return redirect("complaints:signal_import")
    if not report.ok:
        # The register or the registry changed between preview and confirmation.
        context = {"report": report, "dry_run": False}
        return render(request, "complaints/import_preview.html", context, status=409)
    messages.success(
        request,
        _("The import is done: %(created)d created, %(updated)d updated.")
        % {"created": len(report.created), "updated": len(report.updated)},
    )
    return redirect("complaints:signal_list")


def _empty(_row: object) -> None:
    return None


@requires(IMPORT)
@require_GET
def signal_import_template(request: HttpRequest) -> HttpResponse:
    """An empty workbook with the sheet and every column, to fill in."""
    columns: list[Column[object]] = [Column(c.name, _empty) for c in SHEET.columns]
    body = xlsx_bytes([(SIGNALS, columns, [])])
    response = HttpResponse(body, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="foljsam-signals.xlsx"'
    return response
