"""``foljsam files sweep`` removes orphans older than a day, and lists them first
with --dry-run."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import call_command
from django.utils import translation

from foljsam.core import files
from foljsam.core.models import StoredFile

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_sweep_removes_only_old_orphans(settings) -> None:
    kept = files.store_bytes(PDF, name="kvar.pdf", actor=None)
    orphan = files.store_bytes(PDF, name="borta.pdf", actor=None)
    orphan_path = files.stored_path(orphan)
    StoredFile.objects.filter(pk=orphan.pk).delete()  # the row is gone, the file not
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(orphan_path, (day_ago, day_ago))
    out = io.StringIO()
    with translation.override("en"):
        call_command("files_sweep", dry_run=True, stdout=out)
    assert str(orphan_path) in out.getvalue()
    assert "1 orphan file would be removed." in out.getvalue()
    assert orphan_path.exists()
    with translation.override("en"):
        call_command("files_sweep", stdout=io.StringIO())
    assert not orphan_path.exists()
    assert files.stored_path(kept).exists()
