"""The signal import as a web page: upload, preview what would change, confirm.

As the registry's: the uploaded file waits in an upload area (``core.uploads``)
between preview and confirmation; the confirmation checks every row again, since
the register may have changed in between.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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
from foljsam.core.tabular import RawTable
from foljsam.core.uploads import ImportFlow, UploadArea

UPLOADS = UploadArea("signal-imports", "signal_import")
IMPORT = Capability.IMPORT_SIGNALS


def _page(request: HttpRequest, form: SignalImportForm, status: int) -> HttpResponse:
    context = {
        "form": form,
        "sources": SignalSource.choices,
        "statuses": SignalStatus.choices,
        "categories": SignalCategory.objects.all(),
    }
    return render(request, "complaints/import.html", context, status=status)


def _run(
    request: HttpRequest, raw: dict[str, RawTable], source: str, dry_run: bool
) -> SignalImportReport:
    return signals_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=raw,
        dry_run=dry_run,
        source=source,
    )


def _done(report: SignalImportReport) -> str:
    return _("The import is done: %(created)d created, %(updated)d updated.") % {
        "created": len(report.created),
        "updated": len(report.updated),
    }


FLOW = ImportFlow(
    area=UPLOADS,
    run=_run,
    page=_page,
    preview_template="complaints/import_preview.html",
    upload_url="complaints:signal_import",
    done_url="complaints:signal_list",
    done=_done,
)


@requires(IMPORT)
@require_http_methods(["GET", "POST"])
def signal_import(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, SignalImportForm(), 200)
    form = SignalImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, 400)
    return FLOW.preview(request, form, [form.cleaned_data["upload"]])


@requires(IMPORT)
@require_POST
def signal_import_confirm(request: HttpRequest) -> HttpResponse:
    return FLOW.confirm(request)


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
