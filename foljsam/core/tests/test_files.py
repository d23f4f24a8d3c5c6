"""Evidence files (core/files.py): what is accepted, the corpus of what is not,
all or nothing, cleaning up after a rollback, the sweep and the download.

Every file is made here, for real: PDF and PNG by hand, DOCX with python-docx,
XLSX with openpyxl, the zip bombs with zipfile. Messages are asserted in
English, the msgid (the Swedish catalogue is compiled elsewhere)."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation

from foljsam.core import files
from foljsam.core.models import StoredFile

MiB = 1024 * 1024

# -- real files, made here ------------------------------------------------------


def make_pdf(*, padding: int = 0) -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if padding:
        out += b"%" + b"x" * padding + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_png() -> bytes:
    """A 1 x 1 green pixel."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(tag + data))
        return struct.pack(">I", len(data)) + tag + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00\xff\x00"))
        + chunk(b"IEND", b"")
    )


# SOI, a JFIF APP0 segment, EOI: what the check looks at.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
    b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Rutin för avvikelser och Lex Sarah")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Fråga", "Svar"])
    sheet.append(["Finns rutin för hot och våld?", "Ja"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def repack(
    data: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> bytes:
    """The package with some parts replaced and some added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = (replace or {}).get(info.filename)
            target.writestr(info.filename, content or source.read(info.filename))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def lie_about(data: bytes, entry: str, *, size: int, crc: int) -> bytes:
    """The zip with the entry's size and CRC rewritten in both its headers
    (local and central directory); the compressed stream stays as it was."""
    buf = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(entry)
    struct.pack_into("<L", buf, info.header_offset + 14, crc)
    struct.pack_into("<L", buf, info.header_offset + 22, size)
    end = buf.rfind(b"PK\x05\x06")
    (count,) = struct.unpack_from("<H", buf, end + 10)
    (pos,) = struct.unpack_from("<L", buf, end + 16)
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<3H", buf, pos + 28)
        if buf[pos + 46 : pos + 46 + name_len] == entry.encode():
            struct.pack_into("<L", buf, pos + 16, crc)
            struct.pack_into("<L", buf, pos + 24, size)
        pos += 46 + name_len + extra_len + comment_len
    return bytes(buf)


def set_encrypted_flag(data: bytes, entry: str) -> bytes:
    buf = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(entry)
    buf[info.header_offset + 6] |= 0x1
    end = buf.rfind(b"PK\x05\x06")
    (count,) = struct.unpack_from("<H", buf, end + 10)
    (pos,) = struct.unpack_from("<L", buf, end + 16)
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<3H", buf, pos + 28)
        if buf[pos + 46 : pos + 46 + name_len] == entry.encode():
            buf[pos + 8] |= 0x1
        pos += 46 + name_len + extra_len + comment_len
    return bytes(buf)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A DOCX whose document part is 300 MB of zeros, about 300 kB packed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        with z.open("word/document.xml", "w") as part:
            zeros = bytes(MiB)
            for _ in range(300):
                part.write(zeros)
    return out.getvalue()


# -- fixtures and helpers ---------------------------------------------------------


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def private(settings: Any, tmp_path: Path) -> Path:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"
    return tmp_path / "private"


@pytest.fixture
def actor(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="handlaggare")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_nothing_stored(private: Path) -> None:
    assert not StoredFile.objects.exists()
    assert files_under(private) == []


def refusal(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str | None, str]:
    """The one fault's code and message."""
    [error] = exc.value.error_list
    return error.code, error.messages[0]


# -- what is accepted -------------------------------------------------------------

VALID = [
    ("Tillsynsrapport.pdf", make_pdf(), "pdf", "application/pdf", "pdf"),
    (
        "Rutin hot och våld.docx",
        make_docx(),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    (
        "Bemanning 2026.XLSX",
        make_xlsx(),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("schema.png", make_png(), "png", "image/png", "png"),
    ("foto.JPEG", JPEG, "jpeg", "image/jpeg", "jpg"),
    ("foto.jpg", JPEG, "jpeg", "image/jpeg", "jpg"),
    ("karta.gif", GIF, "gif", "image/gif", "gif"),
    ("karta.webp", WEBP, "webp", "image/webp", "webp"),
]


@pytest.mark.parametrize(("name", "data", "kind", "content_type", "ext"), VALID)
def test_a_valid_file_is_stored_under_the_private_dir(
    db: None,
    private: Path,
    actor: Any,
    name: str,
    data: bytes,
    kind: str,
    content_type: str,
    ext: str,
) -> None:
    stored = files.store_upload(upload(name, data), actor=actor)

    row = StoredFile.objects.get()
    assert row == stored
    assert (row.original_name, row.kind, row.content_type) == (name, kind, content_type)
    assert row.size == len(data)
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    assert row.uploaded_by == actor
    today = timezone.localdate()
    folder, stem = row.stored_name.rsplit("/", 1)
    assert folder == f"files/{today:%Y}/{today:%m}"
    assert len(stem) == 32 + 1 + len(ext)
    assert stem.endswith(f".{ext}")
    path = files.stored_path(row)
    assert path == private / row.stored_name
    assert path.read_bytes() == data
    assert path.stat().st_mode & 0o777 == 0o600
    assert files_under(private) == [path]


def test_the_stored_name_is_random_never_the_uploaders(db: None, private: Path) -> None:
    first = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    second = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    assert first.stored_name != second.stored_name
    assert "rapport" not in first.stored_name + second.stored_name
    assert first.uploaded_by is None


def test_store_bytes_checks_and_stores_a_generated_document(
    db: None, private: Path, actor: Any
) -> None:
    data = make_docx()
    stored = files.store_bytes(data, name="Beslut 2026.docx", actor=actor)
    assert (stored.kind, stored.original_name) == ("docx", "Beslut 2026.docx")
    assert files.stored_path(stored).read_bytes() == data
    with pytest.raises(ValidationError) as exc:
        files.store_bytes(b"MZ\x90\x00", name="Beslut.pdf", actor=actor)
    assert refusal(exc) == (
        "content_mismatch",
        "Beslut.pdf: the content is not a PDF file.",
    )


def test_check_upload_describes_the_file_and_stores_nothing(private: Path) -> None:
    data = make_pdf()
    checked = files.check_upload(upload("  A\u030arsrapport   2026.pdf ", data))
    assert checked == files.CheckedUpload(
        display_name="Årsrapport 2026.pdf",
        kind="pdf",
        extension="pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    assert files_under(private) == []


def test_a_long_name_is_shortened_and_keeps_its_extension() -> None:
    checked = files.check_upload(upload("å" * 240 + ".pdf", make_pdf()))
    assert len(checked.display_name) == 200
    assert checked.display_name.endswith("å.pdf")


def test_the_claimed_content_type_is_ignored() -> None:
    fake = SimpleUploadedFile("bild.png", make_png(), content_type="text/html")
    assert files.check_upload(fake).content_type == "image/png"


# -- the corpus: what is refused, and nothing stored --------------------------------


def _mz() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)


def _elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + bytes(200)


NOT_A = "{}: the content is not a {} file."
ONLY = (
    "{}: only PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF and WebP files are "
    "accepted."
)
MACROS = (
    "{}: the file contains macros, which are not accepted. Save it as an ordinary "
    "{} file without macros."
)
LOCKED = (
    "{}: the file is password-protected or saved in an old Office format. Save it "
    "as {} without a password."
)
DAMAGED = "{}: the file is damaged and cannot be read."
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CORPUS = [
    # A renamed executable, a web page.
    ("report.pdf", _mz, "content_mismatch", NOT_A.format("report.pdf", "PDF")),
    ("report.pdf", _elf, "content_mismatch", NOT_A.format("report.pdf", "PDF")),
    (
        "program.pdf",
        lambda: b"<html><script>x()</script></html>",
        "content_mismatch",
        NOT_A.format("program.pdf", "PDF"),
    ),
    # Extension and content must agree.
    (
        "rapport.docx",
        make_pdf,
        "content_mismatch",
        NOT_A.format("rapport.docx", "DOCX"),
    ),
    (
        "rapport.xlsx",
        make_docx,
        "content_mismatch",
        NOT_A.format("rapport.xlsx", "XLSX"),
    ),
    (
        "rapport.docx",
        make_xlsx,
        "content_mismatch",
        NOT_A.format("rapport.docx", "DOCX"),
    ),
    ("bild.jpg", make_png, "content_mismatch", NOT_A.format("bild.jpg", "JPEG")),
    (
        "bild.png",
        lambda: b"<svg/>",
        "content_mismatch",
        NOT_A.format("bild.png", "PNG"),
    ),
    (
        "arkiv.docx",
        lambda: _plain_zip(),
        "content_mismatch",
        NOT_A.format("arkiv.docx", "DOCX"),
    ),
    # Types that are not accepted at all.
    ("program.exe", _mz, "type_not_allowed", ONLY.format("program.exe")),
    ("bild.svg", lambda: b"<svg/>", "type_not_allowed", ONLY.format("bild.svg")),
    ("README", make_pdf, "type_not_allowed", ONLY.format("README")),
    ("tom.pdf", lambda: b"", "empty", "tom.pdf: the file is empty."),
    # Macros: a VBA project, an Excel 4 macro sheet, a macro-enabled main part.
    (
        "makro.docx",
        lambda: repack(make_docx(), add={"word/vbaProject.bin": OLE}),
        "macros",
        MACROS.format("makro.docx", "DOCX"),
    ),
    (
        "makro.xlsx",
        lambda: repack(make_xlsx(), add={"xl/macrosheets/sheet1.xml": b"<x/>"}),
        "macros",
        MACROS.format("makro.xlsx", "XLSX"),
    ),
    (
        "makro.docx",
        lambda: _macro_content_type(),
        "macros",
        MACROS.format("makro.docx", "DOCX"),
    ),
    # Old or encrypted Office files, broken packages.
    (
        "gammal.docx",
        lambda: OLE + bytes(600),
        "encrypted",
        LOCKED.format("gammal.docx", "DOCX"),
    ),
    (
        "låst.xlsx",
        lambda: set_encrypted_flag(make_xlsx(), "xl/workbook.xml"),
        "encrypted",
        LOCKED.format("låst.xlsx", "XLSX"),
    ),
    (
        "trasig.docx",
        lambda: make_docx()[:-200],
        "damaged",
        DAMAGED.format("trasig.docx"),
    ),
]


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hej")
    return out.getvalue()


def _macro_content_type() -> bytes:
    """A DOCX whose main part is declared macro-enabled (a .docm renamed)."""
    data = make_docx()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document."
        b"main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert b"macroEnabled" in types
    return repack(data, replace={"[Content_Types].xml": types})


@pytest.mark.parametrize(("name", "make", "code", "message"), CORPUS)
def test_the_corpus_is_refused_and_nothing_is_stored(
    db: None, private: Path, actor: Any, name: str, make: Any, code: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        files.store_upload(upload(name, make()), actor=actor)
    assert refusal(exc) == (code, message)
    assert_nothing_stored(private)


def test_a_zip_bomb_is_refused_without_unpacking_it_all(
    db: None, private: Path, bomb: bytes
) -> None:
    assert len(bomb) < 2 * MiB
    started = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        files.store_upload(upload("rapport.docx", bomb), actor=None)
    assert refusal(exc) == (
        "unpacks_too_large",
        "rapport.docx: the file unpacks to more than 200 MB.",
    )
    assert time.monotonic() - started < 20
    assert_nothing_stored(private)


def test_a_zip_bomb_whose_header_lies_about_its_size_is_refused(
    db: None, private: Path, bomb: bytes
) -> None:
    liar = lie_about(bomb, "word/document.xml", size=1000, crc=zlib.crc32(bytes(1000)))
    # The lie fools a reader that trusts the header: it stops at 1000 bytes, and
    # their CRC matches.
    with zipfile.ZipFile(io.BytesIO(liar)).open("word/document.xml") as part:
        assert part.read(4096) == bytes(1000)
    with pytest.raises(ValidationError) as exc:
        files.store_upload(upload("rapport.docx", liar), actor=None)
    assert refusal(exc) == (
        "damaged",
        "rapport.docx: the file is damaged and cannot be read.",
    )
    assert_nothing_stored(private)


def test_a_header_that_claims_more_than_the_stream_holds_is_refused(
    db: None, private: Path
) -> None:
    data = make_docx()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    liar = lie_about(data, "word/document.xml", size=50 * MiB, crc=info.CRC)
    with pytest.raises(ValidationError) as exc:
        files.store_upload(upload("rapport.docx", liar), actor=None)
    assert refusal(exc)[0] == "damaged"
    assert_nothing_stored(private)


def test_the_unpacked_limit_counts_every_part(
    db: None, private: Path, settings: Any
) -> None:
    settings.FOLJSAM_UPLOAD_MAX_UNPACKED_BYTES = MiB
    parts = {f"word/media/image{i}.png": bytes(300 * 1024) for i in range(4)}
    with pytest.raises(ValidationError) as exc:
        files.store_upload(
            upload("bilder.docx", repack(make_docx(), add=parts)), actor=None
        )
    assert refusal(exc) == (
        "unpacks_too_large",
        "bilder.docx: the file unpacks to more than 1 MB.",
    )
    assert_nothing_stored(private)


def test_a_docx_with_too_many_entries_is_refused(db: None, private: Path) -> None:
    parts = {f"word/extra/part{i}.xml": b"<i/>" for i in range(2000)}
    with pytest.raises(ValidationError) as exc:
        files.store_upload(
            upload("delar.docx", repack(make_docx(), add=parts)), actor=None
        )
    assert refusal(exc) == (
        "too_many_entries",
        "delar.docx: the file contains more than 2000 parts.",
    )
    assert_nothing_stored(private)


def test_an_oversized_file_is_refused(db: None, private: Path, settings: Any) -> None:
    settings.FOLJSAM_UPLOAD_MAX_BYTES = 1024
    big = make_pdf(padding=2000)
    with pytest.raises(ValidationError) as exc:
        files.store_upload(upload("big.pdf", big), actor=None)
    assert refusal(exc) == ("too_large", "big.pdf: the file is larger than 1 kB.")
    # The size the upload claims is not trusted: the bytes are counted.
    liar = upload("big.pdf", big)
    liar.size = 10
    with pytest.raises(ValidationError) as exc:
        files.store_upload(liar, actor=None)
    assert refusal(exc)[0] == "too_large"
    assert files.check_upload(upload("small.pdf", make_pdf())).size < 1024
    assert_nothing_stored(private)


PATH = "{}: the file name must not contain a path."
ODD = "{}: the file name contains characters that are not allowed."

NAMES = [
    ("../../etc/passwd.pdf", "name_path", PATH.format("../../etc/passwd.pdf")),
    ("/etc/passwd.pdf", "name_path", PATH.format("/etc/passwd.pdf")),
    ("..\\..\\win.ini.pdf", "name_path", PATH.format("..\\..\\win.ini.pdf")),
    ("rapport..pdf", "name_path", PATH.format("rapport..pdf")),
    (
        ".htaccess.pdf",
        "name_dot",
        ".htaccess.pdf: the file name must not start with a dot.",
    ),
    ("rapport\x00.pdf", "name_control", ODD.format("rapport?.pdf")),
    ("rapport\n.pdf", "name_control", ODD.format("rapport?.pdf")),
    # The right-to-left override that makes "rapport\u202efdp.exe" look like a PDF.
    ("rapport\u202efdp.pdf", "name_control", ODD.format("rapport?fdp.pdf")),
    ("   ", "name_empty", "A file has no name."),
]


@pytest.mark.parametrize(("name", "code", "message"), NAMES)
def test_a_name_that_is_a_path_or_odd_is_refused(
    db: None, private: Path, name: str, code: str, message: str
) -> None:
    # store_bytes takes the name as given; an upload's name has already lost
    # any "/" path (Django keeps the base name), but not a "\" one.
    with pytest.raises(ValidationError) as exc:
        files.store_bytes(make_pdf(), name=name, actor=None)
    assert refusal(exc) == (code, message)
    if "/" not in name and name.strip():
        with pytest.raises(ValidationError) as exc:
            files.store_upload(upload(name, make_pdf()), actor=None)
        assert refusal(exc) == (code, message)
    assert_nothing_stored(private)


# -- all or nothing ---------------------------------------------------------------


def test_a_batch_with_bad_files_stores_none_of_the_good_ones(
    db: None, private: Path, actor: Any
) -> None:
    batch = [
        upload("rapport.pdf", make_pdf()),
        upload("rutin.docx", make_docx()),
        upload("virus.pdf", _mz()),
        upload("bild.png", b"<html/>"),
        upload("bemanning.xlsx", make_xlsx()),
    ]
    with pytest.raises(ValidationError) as exc:
        files.store_uploads(batch, actor=actor)
    # Every bad file is named, not only the first.
    assert [(e.code, e.messages[0]) for e in exc.value.error_list] == [
        ("content_mismatch", "virus.pdf: the content is not a PDF file."),
        ("content_mismatch", "bild.png: the content is not a PNG file."),
    ]
    assert_nothing_stored(private)

    stored = files.store_uploads(
        [b for b in batch if b.name not in ("virus.pdf", "bild.png")], actor=actor
    )
    assert [s.original_name for s in stored] == [
        "rapport.pdf",
        "rutin.docx",
        "bemanning.xlsx",
    ]
    assert len(files_under(private)) == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_storing_outside_a_transaction_is_refused(private: Path) -> None:
    with pytest.raises(RuntimeError, match="inside a transaction"):
        files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    assert_nothing_stored(private)


class ChangesAfterCheck(io.BytesIO):
    """A file whose bytes change after they were checked (written to by someone
    else between the check and the write)."""

    rewinds = 0

    def seek(self, offset: int, whence: int = 0) -> int:
        if (offset, whence) == (0, 0):
            self.rewinds += 1
            if self.rewinds == 2:
                super().seek(0, 2)
                super().write(b"% appended")
        return super().seek(offset, whence)


def test_a_write_that_fails_midway_leaves_no_file_and_no_row(
    db: None, private: Path
) -> None:
    data = make_pdf()
    changing = InMemoryUploadedFile(
        ChangesAfterCheck(data), "file", "andra.pdf", "application/pdf", len(data), None
    )
    with pytest.raises(RuntimeError, match="changed"):
        files.store_uploads([upload("forsta.pdf", data), changing], actor=None)
    assert_nothing_stored(private)


# -- after a rollback, and the sweep ----------------------------------------------


class Boom(Exception):
    pass


def test_atomic_with_files_removes_the_files_when_the_block_fails(
    db: None, private: Path
) -> None:
    with pytest.raises(Boom), files.atomic_with_files():
        files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
        assert len(files_under(private)) == 1
        raise Boom
    assert_nothing_stored(private)


def test_atomic_with_files_removes_the_files_when_rollback_is_set(
    db: None, private: Path
) -> None:
    with files.atomic_with_files():
        files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
        transaction.set_rollback(True)
    assert_nothing_stored(private)


def test_a_savepoint_rolled_back_inside_loses_only_its_files(
    db: None, private: Path
) -> None:
    with files.atomic_with_files():
        kept = files.store_upload(upload("kvar.pdf", make_pdf()), actor=None)
        try:
            with transaction.atomic():
                files.store_upload(upload("borta.png", make_png()), actor=None)
                raise Boom
        except Boom:
            pass
        assert len(files_under(private)) == 2
    assert list(StoredFile.objects.all()) == [kept]
    assert files_under(private) == [files.stored_path(kept)]


def test_an_outer_block_that_fails_removes_what_an_inner_one_kept(
    db: None, private: Path
) -> None:
    with pytest.raises(Boom), files.atomic_with_files():
        with files.atomic_with_files():
            files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
        assert len(files_under(private)) == 1
        raise Boom
    assert_nothing_stored(private)


def test_a_block_that_succeeds_keeps_its_files(db: None, private: Path) -> None:
    with files.atomic_with_files():
        stored = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    assert files.stored_path(stored).read_bytes() == make_pdf()


def _age(path: Path, seconds: int) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_sweep_removes_old_orphans_only(db: None, private: Path) -> None:
    stored = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    _age(files.stored_path(stored), 3 * 86400)
    month = private / "files" / "2025" / "01"
    month.mkdir(parents=True)
    old_orphan = month / ("a" * 32 + ".pdf")
    old_orphan.write_bytes(make_pdf())
    _age(old_orphan, 2 * 86400)
    # Written by a transaction that may still commit.
    new_orphan = month / ("b" * 32 + ".pdf")
    new_orphan.write_bytes(make_pdf())
    # Not ours: an import waiting for its confirmation.
    other = private / "registry-import" / "token" / "0.xlsx"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"x")
    _age(other, 5 * 86400)

    assert files.sweep_orphans(dry_run=True) == [old_orphan]
    assert old_orphan.exists()
    assert files.sweep_orphans() == [old_orphan]
    assert not old_orphan.exists()
    assert new_orphan.exists() and other.exists()
    assert files.stored_path(stored).exists()
    assert files.sweep_orphans() == []


def test_the_sweep_without_files_does_nothing(db: None, private: Path) -> None:
    assert files.sweep_orphans() == []


def test_delete_stored_removes_the_file_once_committed(
    db: None, private: Path, django_capture_on_commit_callbacks: Any
) -> None:
    stored = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    path = files.stored_path(stored)
    with django_capture_on_commit_callbacks(execute=False):
        files.delete_stored(stored)
    # Not committed (it could still roll back): the file stays.
    assert path.exists()
    assert not StoredFile.objects.exists()

    stored = files.store_upload(upload("rapport.pdf", make_pdf()), actor=None)
    path = files.stored_path(stored)
    with django_capture_on_commit_callbacks(execute=True):
        files.delete_stored(stored)
    assert not path.exists()


def test_a_stored_name_that_is_not_ours_never_becomes_a_path(private: Path) -> None:
    for name in ["../../etc/passwd", "files/2026/01/x.pdf", "/etc/passwd"]:
        with pytest.raises(SuspiciousFileOperation):
            files.stored_path(StoredFile(stored_name=name))


# -- the download -----------------------------------------------------------------


def _body(response: Any) -> bytes:
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def test_file_response_sends_an_attachment_with_safe_headers(
    db: None, private: Path
) -> None:
    data = make_docx()
    stored = files.store_upload(upload("Åtgärdsplan 2026.docx", data), actor=None)
    for inline in (False, True):  # a DOCX is never shown inline
        response = files.file_response(stored, inline=inline)
        assert response["Content-Type"] == stored.content_type
        assert response["Content-Disposition"] == (
            "attachment; filename*=utf-8''%C3%85tg%C3%A4rdsplan%202026.docx"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == files.FILE_CSP
        assert response["Content-Length"] == str(len(data))
        assert _body(response) == data


def test_file_response_shows_a_pdf_inline_when_asked(db: None, private: Path) -> None:
    stored = files.store_upload(upload('rapport "slut".pdf', make_pdf()), actor=None)
    response = files.file_response(stored, inline=True)
    assert (
        response["Content-Disposition"] == 'inline; filename="rapport \\"slut\\".pdf"'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == files.FILE_CSP
    assert _body(response) == make_pdf()
    response = files.file_response(stored)
    assert response["Content-Disposition"].startswith("attachment;")
    response.close()


# -- help text ---------------------------------------------------------------------


def test_accept_and_limits_text(settings: Any) -> None:
    assert files.ACCEPT == ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp"
    assert files.limits_text() == (
        "Accepted: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG, GIF and WebP, at most "
        "20 MB per file. Word and Excel files must not contain macros."
    )
    settings.FOLJSAM_UPLOAD_MAX_BYTES = 3 * MiB // 2
    assert "at most 1.5 MB per file" in files.limits_text()
    assert files.size_text(512) == "512 bytes"
    assert files.size_text(1) == "1 byte"
    assert files.size_text(2048) == "2 kB"
