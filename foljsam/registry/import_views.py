"""The registry import as a web page: upload, preview what would change, confirm.

The uploaded files wait under the private directory (never the static root) between
preview and confirmation, keyed by a random token kept in the uploader's session;
the confirmation validates everything again, since the registry may have changed.
"""

from __future__ import annotations

import secrets
import shutil
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core.exports import CONTENT_TYPES, Column, xlsx_bytes
from foljsam.core.tabular import TabularError, read_uploads
from foljsam.registry.forms import ImportUploadForm
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.importing.schema import SHEETS
from foljsam.registry.services import registry_import

SESSION_KEY = "registry_import"
STALE_AFTER_SECONDS = 24 * 3600


def _import_dir() -> Path:
    return Path(settings.FOLJSAM_PRIVATE_DIR) / "imports"


def _remove_stale_uploads() -> None:
    root = _import_dir()
    if not root.exists():
        return
    cutoff = time.time() - STALE_AFTER_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _store(files: list[Any]) -> dict[str, Any]:
    """Keep the uploads under a random token; the original names only choose which
    table a CSV file is, they never become paths."""
    token = secrets.token_urlsafe(24)
    folder = _import_dir() / token
    folder.mkdir(parents=True, mode=0o700)
    stored = []
    for index, upload in enumerate(files):
        path = folder / f"{index}{Path(upload.name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        stored.append([upload.name, str(path)])
    return {"token": token, "files": stored}


def _discard(pending: dict[str, Any] | None) -> None:
    if pending:
        shutil.rmtree(_import_dir() / pending["token"], ignore_errors=True)


def _run(
    request: HttpRequest, pending: dict[str, Any], *, dry_run: bool
) -> ImportReport:
    with ExitStack() as stack:
        raw = read_uploads(
            (name, stack.enter_context(Path(path).open("rb")))
            for name, path in pending["files"]
        )
    names = ", ".join(name for name, _path in pending["files"])
    return registry_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=raw,
        dry_run=dry_run,
        source=names,
    )


@requires(Capability.IMPORT_REGISTRY)
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "registry/import.html", {"form": ImportUploadForm()})
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "registry/import.html", {"form": form}, status=400)
    _remove_stale_uploads()
    _discard(request.session.pop(SESSION_KEY, None))
    pending = _store(form.cleaned_data["upload"])
    try:
        report = _run(request, pending, dry_run=True)
    except TabularError as exc:
        _discard(pending)
        form.add_error("upload", str(exc))
        return render(request, "registry/import.html", {"form": form}, status=400)
    if report.ok and report.has_changes:
        request.session[SESSION_KEY] = pending
    else:
        _discard(pending)
    context = {"report": report, "token": pending["token"], "dry_run": True}
    return render(request, "registry/import_preview.html", context)


@requires(Capability.IMPORT_REGISTRY)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending["token"]:
        messages.error(
            request,
            _("The preview has expired or was replaced. Upload the file again."),
        )
        return redirect("registry:import")
    try:
        report = _run(request, pending, dry_run=False)
    except (TabularError, OSError):
        report = None
    request.session.pop(SESSION_KEY, None)
    _discard(pending)
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
