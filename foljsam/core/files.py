"""Evidence files: what may be uploaded, where it is kept, how it is sent back.

Issue 6 ("Files"):

    Only PDF, DOCX, XLSX and images (PNG, JPEG) are accepted, checked by
    extension AND by content [...]. Extension and content must agree (a PDF
    renamed .docx is refused). [...] For DOCX/XLSX: limits on the number of zip
    entries and the total unpacked size. Do not trust the sizes in the zip
    headers alone: a zip bomb can lie; decompress in streaming fashion with a
    running cap [...], without writing anything to disk. [...] The stored name
    is random [...]; never derived from the uploader's name. Nothing is stored
    when any check fails.

How it holds:

- ``check_upload`` reads a file and either describes it (``CheckedUpload``) or
  raises a ``ValidationError`` naming the file, with a code per kind of fault.
  The uploader's content type is never used; the kind comes from the extension
  and must match the first bytes. A DOCX/XLSX is inflated here, entry by entry,
  from its raw deflate streams (not through ``zipfile``'s reader, which stops at
  the size the header claims): every byte counts against a running cap, an entry
  that inflates to more or less than its header says, or fails its CRC, is
  damaged, and nothing is written anywhere.
- ``store_uploads`` checks every file first and writes only when all passed,
  inside the caller's transaction. Files are written (and synced) before their
  rows commit, so a row never names a missing file; the reverse, a file without
  a row, is an orphan and harmless: ``store_uploads`` removes its own files if
  it fails, ``atomic_with_files`` removes the files of a block that rolls back,
  and ``sweep_orphans`` removes whatever is left (a crash, a savepoint rolled
  back inside a plain ``transaction.atomic``) once it is a day old.
- Files live under ``FOLJSAM_PRIVATE_DIR/files/<yyyy>/<mm>/<random>.<ext>``,
  never under the static root, and are sent only by ``file_response``, which the
  view of the owning object calls after checking who asks.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone

from foljsam.core.file_checks import (
    _INLINE,
    _STORED_NAME,
    ACCEPT,
    CHUNK,
    FOLDER,
    ORPHAN_AGE_SECONDS,
    CheckedUpload,
    FileKind,
    _clean_name,
    check_upload,
    limits_text,
    size_text,
)
from foljsam.core.models import StoredFile

# A file is never a page of the site: nothing in it may run, load or be framed,
# even if a browser were made to show it (the site's own policy is replaced).
FILE_CSP = (
    "default-src 'none'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'; sandbox"
)

__all__ = [
    "ACCEPT",
    "CheckedUpload",
    "FileKind",
    "atomic_with_files",
    "check_upload",
    "delete_stored",
    "file_response",
    "limits_text",
    "size_text",
    "store_bytes",
    "store_upload",
    "store_uploads",
    "stored_path",
    "sweep_orphans",
]

# -- storing ------------------------------------------------------------------

# The files written inside each open ``atomic_with_files`` block, innermost last.
_journals: contextvars.ContextVar[tuple[list[str], ...]] = contextvars.ContextVar(
    "foljsam_files_journals", default=()
)


def _root() -> Path:
    return Path(settings.FOLJSAM_PRIVATE_DIR)


def stored_path(stored: StoredFile) -> Path:
    """Where the file's bytes are. A stored name that is not one of ours (a row
    edited by hand) never becomes a path."""
    if not _STORED_NAME.match(stored.stored_name):
        raise SuspiciousFileOperation(f"Not a stored file name: {stored.stored_name!r}")
    return _root() / stored.stored_name


def _remove(stored_names: Sequence[str]) -> None:
    root = _root()
    for name in stored_names:
        (root / name).unlink(missing_ok=True)


def _write(file: IO[bytes], checked: CheckedUpload, written: list[str]) -> str:
    today = timezone.localdate()
    folder = _root() / FOLDER / f"{today:%Y}" / f"{today:%m}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{FOLDER}/{today:%Y}/{today:%m}/{secrets.token_hex(16)}.{checked.extension}"
    # O_EXCL: never overwrite (or follow a link to) anything already there.
    fd = os.open(_root() / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    written.append(name)
    digest = hashlib.sha256()
    with os.fdopen(fd, "wb") as out:
        file.seek(0)
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        # On disk before the row that names it can commit.
        os.fsync(out.fileno())
    if digest.hexdigest() != checked.sha256:
        raise RuntimeError("The upload changed between the check and the write.")
    return name


def store_uploads(
    uploads: Sequence[UploadedFile[bytes]], *, actor: AbstractBaseUser | None
) -> list[StoredFile]:
    """Check every file, then write them all and create their rows, or raise a
    ValidationError listing every file that failed and store nothing. Runs
    inside the caller's transaction; see ``atomic_with_files`` for what happens
    to the files if it rolls back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("store_uploads() belongs inside a transaction.")
    checked: list[tuple[IO[bytes], CheckedUpload]] = []
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            checked.append((cast(IO[bytes], upload.file), check_upload(upload)))
        except ValidationError as exc:
            errors.extend(exc.error_list)
    if errors:
        raise ValidationError(errors)
    written: list[str] = []
    rows = []
    try:
        # A savepoint: if the third file fails, the first two rows go too.
        with transaction.atomic():
            for file, check in checked:
                stored_name = _write(file, check, written)
                rows.append(
                    StoredFile.objects.create(
                        original_name=check.display_name,
                        stored_name=stored_name,
                        kind=check.kind,
                        content_type=check.content_type,
                        size=check.size,
                        sha256=check.sha256,
                        uploaded_by=cast(Any, actor) if actor and actor.pk else None,
                    )
                )
    except BaseException:
        _remove(written)
        raise
    if journals := _journals.get():
        journals[-1].extend(written)
    return rows


def store_upload(
    upload: UploadedFile[bytes], *, actor: AbstractBaseUser | None
) -> StoredFile:
    """``store_uploads`` for one file."""
    return store_uploads([upload], actor=actor)[0]


def store_bytes(
    data: bytes, *, name: str, actor: AbstractBaseUser | None
) -> StoredFile:
    """Store a document Följsam made itself (a report, a letter). It passes the
    same checks as an upload; ``name`` must be a plain file name."""
    # Checked before wrapping: UploadedFile would quietly drop a path.
    _clean_name(name)
    return store_upload(SimpleUploadedFile(name, data), actor=actor)


@contextmanager
def atomic_with_files(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic`` that also removes the files stored inside it if it
    rolls back (an exception, or ``set_rollback``), and on leaving it the files
    whose rows are gone (a savepoint inside it rolled back). Django has no
    rollback hook; a service that stores files uses this instead of
    ``transaction.atomic``. What still slips through (a crash, a plain
    ``atomic`` rolled back around it) is left to ``sweep_orphans``."""
    parents = _journals.get()
    journal: list[str] = []
    rolled_back = False
    token = _journals.set((*parents, journal))
    try:
        with transaction.atomic(using=using):
            yield
            rolled_back = transaction.get_rollback(using=using)
            if journal and not rolled_back:
                kept = set(
                    StoredFile.objects.using(using)
                    .filter(stored_name__in=journal)
                    .values_list("stored_name", flat=True)
                )
                _remove([name for name in journal if name not in kept])
                journal[:] = [name for name in journal if name in kept]
    except BaseException:
        _remove(journal)
        raise
    finally:
        _journals.reset(token)
    if rolled_back:
        _remove(journal)
    elif parents:
        parents[-1].extend(journal)


def delete_stored(stored: StoredFile) -> None:
    """Delete the row now and the file once the transaction commits (deleting
    it earlier would leave a row without its file if the transaction rolled
    back). A crash in between leaves an orphan for ``sweep_orphans``."""
    path = stored_path(stored)
    stored.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


def sweep_orphans(
    *, older_than_seconds: int = ORPHAN_AGE_SECONDS, dry_run: bool = False
) -> list[Path]:
    """Remove files under ``FOLJSAM_PRIVATE_DIR/files`` that no row names and
    that are older than a day (younger ones may belong to a transaction still
    in progress). Returns what was (or, with ``dry_run``, would be) removed."""
    base = _root() / FOLDER
    if not base.is_dir():
        return []
    cutoff = time.time() - older_than_seconds
    candidates: dict[str, Path] = {}
    for folder, _dirs, files in os.walk(base):
        for file_name in files:
            path = Path(folder) / file_name
            if path.is_symlink() or not path.is_file():
                continue
            if path.stat().st_mtime < cutoff:
                candidates[path.relative_to(_root()).as_posix()] = path
    removed: list[Path] = []
    names = sorted(candidates)
    for start in range(0, len(names), 500):
        batch = names[start : start + 500]
        known = set(
            StoredFile.objects.filter(stored_name__in=batch).values_list(
                "stored_name", flat=True
            )
        )
        for name in batch:
            if name not in known:
                if not dry_run:
                    candidates[name].unlink(missing_ok=True)
                removed.append(candidates[name])
    return removed


# -- sending ------------------------------------------------------------------


def file_response(stored: StoredFile, *, inline: bool = False) -> FileResponse:
    """The file as a download (or shown in the browser, for PDF and images when
    ``inline``), under its display name, with headers that stop a browser from
    guessing another type or running anything in it."""
    path = stored_path(stored)
    show = inline and stored.kind in _INLINE
    response = FileResponse(
        path.open("rb"),
        as_attachment=not show,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # The site's CSP middleware leaves a policy the response already has alone.
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private"
    return response
