"""What an uploaded file may be, checked before anything is written: the
kind by extension and content, the name, the size, and for DOCX/XLSX the
number of entries, the unpacked size and macros (issue 6, "Files"). See
``core.files`` for the rest of the story: storing and sending."""

from __future__ import annotations

import hashlib
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

KiB = 1024
MiB = 1024 * KiB
CHUNK = 64 * KiB
NAME_MAX = 200
FOLDER = "files"
# An orphan (a file without a row) younger than this may belong to a
# transaction still in progress; the sweep leaves it alone.
ORPHAN_AGE_SECONDS = 24 * 3600


class FileKind(models.TextChoices):
    """What ``StoredFile.kind`` holds."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    GIF = "gif", "GIF"
    WEBP = "webp", "WebP"


@dataclass(frozen=True)
class _Format:
    kind: FileKind
    label: str  # in messages: "the content is not a <label> file"
    extension: str  # the one the stored name gets
    content_type: str
    main_part: str = ""  # for OOXML: the part the package must hold


_FORMATS = {
    f.kind: f
    for f in [
        _Format(FileKind.PDF, "PDF", "pdf", "application/pdf"),
        _Format(
            FileKind.DOCX,
            "DOCX",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "word/document.xml",
        ),
        _Format(
            FileKind.XLSX,
            "XLSX",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xl/workbook.xml",
        ),
        _Format(FileKind.PNG, "PNG", "png", "image/png"),
        _Format(FileKind.JPEG, "JPEG", "jpg", "image/jpeg"),
        _Format(FileKind.GIF, "GIF", "gif", "image/gif"),
        _Format(FileKind.WEBP, "WebP", "webp", "image/webp"),
    ]
}
_BY_EXTENSION = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".png": FileKind.PNG,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".gif": FileKind.GIF,
    ".webp": FileKind.WEBP,
}
# Shown in the browser's own "inline" viewer when asked; everything else is
# always a download.
_INLINE = {FileKind.PDF, FileKind.PNG, FileKind.JPEG, FileKind.GIF, FileKind.WEBP}

#: For ``<input type="file" accept="...">``.
ACCEPT = ",".join(_BY_EXTENSION)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls, or encrypted OOXML
_ZIP_MAGIC = b"PK\x03\x04"
_STORED_NAME = re.compile(
    r"^files/\d{4}/\d{2}/[0-9a-f]{32}\.(?:"
    + "|".join(f.extension for f in _FORMATS.values())
    + r")$"
)


def _has_magic(kind: FileKind, head: bytes) -> bool:
    # PDF: ISO 32000 puts the header on the first line; readers that look
    # further are lenient, we are not.
    if kind == FileKind.PDF:
        return head.startswith(b"%PDF-")
    if kind in (FileKind.DOCX, FileKind.XLSX):
        return head.startswith(_ZIP_MAGIC)
    if kind == FileKind.PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == FileKind.JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind == FileKind.GIF:
        return head[:6] in (b"GIF87a", b"GIF89a")
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check. ``display_name`` is the cleaned name the
    uploader gave (shown, and suggested on download); ``extension`` has no dot
    and is the one the stored name gets."""

    display_name: str
    kind: str
    extension: str
    content_type: str
    size: int
    sha256: str


# -- limits and help text ---------------------------------------------------


def _max_bytes() -> int:
    return int(settings.FOLJSAM_UPLOAD_MAX_BYTES)


def _max_entries() -> int:
    return int(settings.FOLJSAM_UPLOAD_MAX_ENTRIES)


def _max_unpacked() -> int:
    return int(settings.FOLJSAM_UPLOAD_MAX_UNPACKED_BYTES)


def size_text(size: int) -> str:
    """A size for people: "20 MB", "1,5 MB", "512 kB" (MB = 1024 x 1024 bytes)."""
    if size < KiB:
        return ngettext("%(count)d byte", "%(count)d bytes", size) % {"count": size}
    value, unit = (size / MiB, "MB") if size >= MiB else (size / KiB, "kB")
    decimals = 0 if value == int(value) else 1
    return f"{number_format(value, decimal_pos=decimals)} {unit}"


def limits_text() -> str:
    """The help text under a file input: what is accepted and how large."""
    return _(
        "Accepted: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF and WebP, at "
        "most %(size)s per file. Word and Excel files must not contain macros."
    ) % {"size": size_text(_max_bytes())}


# -- names ------------------------------------------------------------------


def _shown(name: str) -> str:
    """A name as it may appear in an error message: no control characters,
    not endless."""
    shown = "".join(
        "?" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in name
    )
    return shown if len(shown) <= NAME_MAX else shown[: NAME_MAX - 1] + "…"


def _clean_name(raw: str) -> str:
    """The display name, or a ValidationError if the name is a path or holds
    characters that have no place in a file name."""
    name = unicodedata.normalize("NFC", raw).strip()
    if not name:
        raise ValidationError(_("A file has no name."), code="name_empty")
    params = {"name": _shown(name)}
    if "/" in name or "\\" in name or ".." in name:
        raise ValidationError(
            _("%(name)s: the file name must not contain a path."),
            code="name_path",
            params=params,
        )
    if name.startswith("."):
        raise ValidationError(
            _("%(name)s: the file name must not start with a dot."),
            code="name_dot",
            params=params,
        )
    # Cf holds the right-to-left override that makes "rapport‮fdp.exe" look
    # like a PDF.
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise ValidationError(
            _("%(name)s: the file name contains characters that are not allowed."),
            code="name_control",
            params=params,
        )
    name = " ".join(name.split())
    if len(name) > NAME_MAX:
        stem, suffix = os.path.splitext(name)
        suffix = suffix[:20]
        name = stem[: NAME_MAX - len(suffix)].rstrip(" .") + suffix
    return name


# -- content ----------------------------------------------------------------


def _fault(code: str, message: str, name: str, **params: Any) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name, **params})


def _not_a(fmt: _Format, name: str) -> ValidationError:
    return _fault(
        "content_mismatch",
        _("%(name)s: the content is not a %(kind)s file."),
        name,
        kind=fmt.label,
    )


def _damaged(name: str) -> ValidationError:
    return _fault(
        "damaged", _("%(name)s: the file is damaged and cannot be read."), name
    )


def _locked(fmt: _Format, name: str) -> ValidationError:
    # An encrypted DOCX/XLSX is an OLE file like the old .doc/.xls.
    return _fault(
        "encrypted",
        _(
            "%(name)s: the file is password-protected or saved in an old "
            "Office format. Save it as %(kind)s without a password."
        ),
        name,
        kind=fmt.label,
    )


def _check(name: str, file: IO[bytes], declared_size: int | None) -> CheckedUpload:
    display = _clean_name(name)
    kind = _BY_EXTENSION.get(os.path.splitext(display)[1].lower())
    if kind is None:
        raise _fault(
            "type_not_allowed",
            _(
                "%(name)s: only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF "
                "and WebP files are accepted."
            ),
            display,
        )
    fmt = _FORMATS[kind]
    limit = _max_bytes()
    too_large = _fault(
        "too_large",
        _("%(name)s: the file is larger than %(limit)s."),
        display,
        limit=size_text(limit),
    )
    if declared_size is not None and declared_size > limit:
        raise too_large
    digest = hashlib.sha256()
    size = 0
    head = b""
    file.seek(0)
    while chunk := file.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large
        if len(head) < 16:
            head += chunk[: 16 - len(head)]
        digest.update(chunk)
    if size == 0:
        raise _fault("empty", _("%(name)s: the file is empty."), display)
    if fmt.main_part and head.startswith(_OLE_MAGIC):
        raise _locked(fmt, display)
    if not _has_magic(kind, head):
        raise _not_a(fmt, display)
    if fmt.main_part:
        _check_package(file, fmt, display)
    return CheckedUpload(
        display_name=display,
        kind=kind.value,
        extension=fmt.extension,
        content_type=fmt.content_type,
        size=size,
        sha256=digest.hexdigest(),
    )


def check_upload(upload: UploadedFile[bytes]) -> CheckedUpload:
    """Check one uploaded file (name, type by extension and content, size, and
    for DOCX/XLSX the package); raise a ValidationError naming the file."""
    if upload.file is None:
        raise ValueError("The upload has no file.")
    return _check(upload.name or "", upload.file, upload.size)


# -- OOXML packages (zip) ------------------------------------------------------

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_MACRO_PARTS = ("vbaproject", "vbadata.xml")
_MACRO_FOLDERS = ("activex/", "macrosheets/")
_MACRO_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet")
_CONTENT_TYPES = "[Content_Types].xml"


def _check_package(file: IO[bytes], fmt: _Format, name: str) -> None:
    """A DOCX or XLSX: a zip with the parts its kind needs, no macros, within
    the limits, every entry inflating to exactly what its header says."""
    damaged = _damaged(name)
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:  # closing it leaves `file` open
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise damaged from None
    max_entries = _max_entries()
    if len(infos) > max_entries:
        raise _fault(
            "too_many_entries",
            _("%(name)s: the file contains more than %(limit)s parts."),
            name,
            limit=max_entries,
        )
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise damaged
    if any(info.flag_bits & 0x1 for info in infos):
        raise _locked(fmt, name)
    if any(
        info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        for info in infos
    ):
        raise damaged
    if _CONTENT_TYPES not in names or fmt.main_part not in names:
        raise _not_a(fmt, name)
    macros = _fault(
        "macros",
        _(
            "%(name)s: the file contains macros, which are not accepted. Save "
            "it as an ordinary %(kind)s file without macros."
        ),
        name,
        kind=fmt.label,
    )
    for entry in names:
        lowered = entry.lower()
        if lowered.rsplit("/", 1)[-1].startswith(_MACRO_PARTS) or any(
            f"/{folder}" in f"/{lowered}" for folder in _MACRO_FOLDERS
        ):
            raise macros
    budget = _max_unpacked()
    content_types = b""
    for info in infos:
        keep = info.filename == _CONTENT_TYPES
        if keep and info.file_size > MiB:
            raise damaged
        try:
            for data in _inflate(file, info):
                budget -= len(data)
                if budget < 0:
                    raise _fault(
                        "unpacks_too_large",
                        _("%(name)s: the file unpacks to more than %(limit)s."),
                        name,
                        limit=size_text(_max_unpacked()),
                    )
                if keep:
                    content_types += data
        except (_Damaged, zlib.error, OSError, UnicodeDecodeError):
            raise damaged from None
    if any(marker in content_types.lower() for marker in _MACRO_TYPES):
        raise macros


class _Damaged(Exception):
    pass


def _inflate(file: IO[bytes], info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's bytes, at most ``CHUNK`` at a time, from its raw stream. The
    header's size and CRC are checked against what the stream really holds:
    an entry that inflates to more is refused as soon as it passes the size,
    so a lying header costs no more than an honest one."""
    file.seek(info.header_offset)
    header = file.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise _Damaged
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _ZIP_MAGIC or fields[4] != info.compress_type:
        raise _Damaged
    local_name = file.read(fields[10])
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    if local_name.decode(encoding) != info.orig_filename:
        raise _Damaged
    file.seek(fields[11], os.SEEK_CUR)  # the extra field
    left = info.compress_size
    out = 0
    crc = 0
    inflater = (
        zlib.decompressobj(-zlib.MAX_WBITS)
        if info.compress_type == zipfile.ZIP_DEFLATED
        else None
    )
    while left > 0:
        raw = file.read(min(CHUNK, left))
        if not raw:
            raise _Damaged  # the stream is shorter than the header says
        left -= len(raw)
        while raw:
            if inflater is None:
                data, raw = raw, b""
            else:
                if inflater.eof:
                    raise _Damaged  # bytes after the end of the stream
                data = inflater.decompress(raw, CHUNK)
                raw = inflater.unconsumed_tail
            out += len(data)
            if out > info.file_size:
                raise _Damaged
            crc = zlib.crc32(data, crc)
            yield data
    if inflater is not None and (not inflater.eof or inflater.unused_data):
        raise _Damaged
    if out != info.file_size or crc != info.CRC:
        raise _Damaged
