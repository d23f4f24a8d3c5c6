"""The signal import as a web page: upload, preview what would change, confirm.

As the registry's (``registry/import_views.py``): the uploaded file waits under the
private directory (never the static root) between preview and confirmation, keyed
by a random token kept in the uploader's session; the confirmation checks every
row again, since the register may have changed in between.
"""

from __future__ import annotations

import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
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
from foljsam.core.tabular import TabularError, read_uploads

SESSION_KEY = "signal_import"
STALE_AFTER_SECONDS = 24 * 3600
IMPORT = Capability.IMPORT_SIGNALS


def import_dir() -> Path:
    return Path(settings.FOLJSAM_PRIVATE_DIR) / "signal-imports"


def _remove_stale_uploads() -> None:
    root = import_dir()
    if not root.exists():
        return
    cutoff = time.time() - STALE_AFTER_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _store(upload: Any) -> dict[str, Any]:
    """Keep the upload under a random token; its name only tells CSV from XLSX and
    is shown to the user, it never becomes a path."""
    token = secrets.token_urlsafe(24)
    folder = import_dir() / token
    folder.mkdir(parents=True, mode=0o700)
    path = folder / f"upload{Path(upload.name).suffix.lower()}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return {"token": token, "name": upload.name, "path": str(path)}


def _discard(pending: dict[str, Any] | None) -> None:
    if pending:
        shutil.rmtree(import_dir() / pending["token"], ignore_errors=True)


def _run(
    request: HttpRequest, pending: dict[str, Any], *, dry_run: bool
) -> SignalImportReport:
    with Path(pending["path"]).open("rb") as stream:
        # The original name says CSV or XLSX and names a CSV file's table.
        raw = read_uploads([(pending["name"], stream)])
    return signals_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=raw,
        dry_run=dry_run,
        source=pending["name"],
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
    _remove_stale_uploads()
    _discard(request.session.pop(SESSION_KEY, None))
    pending = _store(form.cleaned_data["upload"])
    try:
        report = _run(request, pending, dry_run=True)
    except TabularError as exc:
        _discard(pending)
        form.add_error("upload", str(exc))
        return _page(request, form, status=400)
    if report.ok and report.has_changes:
        request.session[SESSION_KEY] = pending
    else:
        _discard(pending)
    context = {"report": report, "token": pending["token"], "dry_run": True}
    return render(request, "complaints/import_preview.html", context)


@requires(IMPORT)
@require_POST
def signal_import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending["token"]:
        messages.error(
            request,
            _("The preview has expired or was replaced. Upload the file again."),
        )
        return redirect("complaints:signal_import")
    try:
        report = _run(request, pending, dry_run=False)
    except (TabularError, OSError):
        report = None
    request.session.pop(SESSION_KEY, None)
    _discard(pending)
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
