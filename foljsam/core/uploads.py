"""Import pages: uploaded files waiting between the preview and the confirmation,
and the two steps every import page takes (``ImportFlow``).

Every import page works the same way: the files are checked (a dry run) and the
preview shown; the files wait under the private directory (never the static root),
keyed by a random token kept in the uploader's session; the confirmation reads
them again and checks everything again, since the data may have changed in
between. Files older than a day are swept away when the next upload comes.
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from foljsam.core.tabular import RawTable, TabularError, read_uploads

STALE_AFTER_SECONDS = 24 * 3600

# What waits: the token and, per file, its original name and where it is kept.
Pending = dict[str, Any]


class UploadArea:
    """The waiting room of one import, under ``FOLJSAM_PRIVATE_DIR/<name>``, with
    its own key in the session."""

    def __init__(self, name: str, session_key: str) -> None:
        self.name = name
        self.session_key = session_key

    @property
    def root(self) -> Path:
        return Path(settings.FOLJSAM_PRIVATE_DIR) / self.name

    def store(
        self, request: HttpRequest, files: Iterable[UploadedFile[bytes]]
    ) -> Pending:
        """Keep the uploads under a new token, dropping what the session had
        waiting and anything stale. The original names only say CSV or XLSX and
        which table a CSV file is; they never become paths."""
        self._remove_stale()
        self.discard(request.session.pop(self.session_key, None))
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True, mode=0o700)
        stored = []
        for index, upload in enumerate(files):
            path = folder / f"{index}{Path(upload.name or '').suffix.lower()}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            stored.append([upload.name, str(path)])
        return {"token": token, "files": stored}

    def keep(self, request: HttpRequest, pending: Pending) -> None:
        """The preview found something to import: wait for the confirmation."""
        request.session[self.session_key] = pending

    def take(self, request: HttpRequest, token: str | None) -> Pending | None:
        """What waits for this token, removed from the session; None if the
        preview expired or was replaced."""
        pending: Pending | None = request.session.get(self.session_key)
        if not pending or token != pending["token"]:
            return None
        request.session.pop(self.session_key, None)
        return pending

    def discard(self, pending: Pending | None) -> None:
        if pending:
            shutil.rmtree(self.root / pending["token"], ignore_errors=True)

    @staticmethod
    def read(pending: Pending) -> dict[str, RawTable]:
        """The waiting files as raw tables (``TabularError`` if unreadable,
        ``OSError`` if gone)."""
        with ExitStack() as stack:
            return read_uploads(
                (name, stack.enter_context(Path(path).open("rb")))
                for name, path in pending["files"]
            )

    @staticmethod
    def names(pending: Pending) -> str:
        return ", ".join(name for name, _path in pending["files"])

    def _remove_stale(self) -> None:
        if not self.root.exists():
            return
        cutoff = time.time() - STALE_AFTER_SECONDS
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


class ImportReport(Protocol):
    @property
    def ok(self) -> bool: ...

    @property
    def has_changes(self) -> bool: ...


@dataclass(frozen=True)
class ImportFlow[R: ImportReport]:
    """The two steps every import page takes: check the upload and show what it
    would do (a dry run; the files wait if there is something to import), then,
    on confirmation, read the files again and import them, all or nothing.

    ``run(request, raw, source, dry_run)`` is the import's service;
    ``page(request, form, status)`` renders the upload form; ``done(report)`` is
    the success message. The preview template gets ``report``, ``token`` and
    ``dry_run``."""

    area: UploadArea
    run: Callable[[HttpRequest, dict[str, RawTable], str, bool], R]
    page: Callable[[HttpRequest, Any, int], HttpResponse]
    preview_template: str
    upload_url: str  # URL name of the upload page
    done_url: str  # URL name to go to once imported
    done: Callable[[R], str]

    def preview(
        self, request: HttpRequest, form: Any, files: Iterable[UploadedFile[bytes]]
    ) -> HttpResponse:
        pending = self.area.store(request, files)
        try:
            report = self._run(request, pending, dry_run=True)
        except TabularError as exc:
            self.area.discard(pending)
            form.add_error("upload", str(exc))
            return self.page(request, form, 400)
        if report.ok and report.has_changes:
            self.area.keep(request, pending)
        else:
            self.area.discard(pending)
        context = {"report": report, "token": pending["token"], "dry_run": True}
        return render(request, self.preview_template, context)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        pending = self.area.take(request, request.POST.get("token"))
        if pending is None:
            messages.error(
                request,
                _("The preview has expired or was replaced. Upload the file again."),
            )
            return redirect(self.upload_url)
        try:
            report: R | None = self._run(request, pending, dry_run=False)
        except (TabularError, OSError):
            report = None
        self.area.discard(pending)
        if report is None:
            messages.error(request, _("The uploaded file is gone. Upload it again."))
            return redirect(self.upload_url)
        if not report.ok:
            # The data changed between the preview and the confirmation.
            context = {"report": report, "dry_run": False}
            return render(request, self.preview_template, context, status=409)
        messages.success(request, self.done(report))
        return redirect(self.done_url)

    def _run(self, request: HttpRequest, pending: Pending, *, dry_run: bool) -> R:
        return self.run(
            request, self.area.read(pending), self.area.names(pending), dry_run
        )
