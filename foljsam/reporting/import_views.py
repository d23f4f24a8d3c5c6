"""The import of earlier years' follow-ups as a web page, for the central
coordinator: upload, preview with every error listed, confirm.

As the signal import's: the uploaded file waits in an upload area
(``core.uploads``) between preview and confirmation; the confirmation checks
every row again, since the data may have changed in between.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.complaints.forms import SignalImportForm
from foljsam.core.exports import CONTENT_TYPES, Column, xlsx_bytes
from foljsam.core.tabular import RawTable
from foljsam.core.uploads import ImportFlow, UploadArea
from foljsam.followups.choices import CancelReason, Method, Outcome
from foljsam.reporting.importing.records import FIRST_YEAR
from foljsam.reporting.importing.report import FollowupImportReport
from foljsam.reporting.importing.schema import FOLLOWUPS, SHEET
from foljsam.reporting.services import followups_import
from foljsam.requirements.models import RequirementCategory

UPLOADS = UploadArea("followup-imports", "followup_import")
IMPORT = Capability.IMPORT_FOLLOWUPS


class FollowupImportForm(SignalImportForm):
    """The signal import's upload field (CSV or XLSX, size limit), named for
    follow-ups."""

    upload = forms.FileField(
        label=gettext_lazy("CSV file or workbook"),
        help_text=gettext_lazy(
            "One CSV file, or an XLSX workbook with a sheet named followups "
            "(or uppföljningar)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _page(request: HttpRequest, form: FollowupImportForm, status: int) -> HttpResponse:
    context = {
        "form": form,
        "outcomes": Outcome.choices,
        "reasons": CancelReason.choices,
        "methods": Method.choices,
        "categories": RequirementCategory.objects.order_by("position", "name"),
        "first_year": FIRST_YEAR,
    }
    return render(request, "reporting/followup_import.html", context, status=status)


def _run(
    request: HttpRequest, raw: dict[str, RawTable], source: str, dry_run: bool
) -> FollowupImportReport:
    return followups_import(
        actor=request.user,  # type: ignore[arg-type]
        raw=raw,
        dry_run=dry_run,
        source=source,
    )


def _done(report: FollowupImportReport) -> str:
    return _(
        "The import is done: %(created)d follow-ups of earlier years recorded, "
        "with %(deficiencies)d deficiencies and %(corrections)d correction requests."
    ) % {
        "created": len(report.created),
        "deficiencies": report.deficiencies,
        "corrections": report.correction_requests,
    }


FLOW = ImportFlow(
    area=UPLOADS,
    run=_run,
    page=_page,
    preview_template="reporting/followup_import_preview.html",
    upload_url="reporting:followup_import",
    done_url="followups:list",
    done=_done,
)


@requires(IMPORT)
@require_http_methods(["GET", "POST"])
def followup_import(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, FollowupImportForm(), 200)
    form = FollowupImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, 400)
    return FLOW.preview(request, form, [form.cleaned_data["upload"]])


@requires(IMPORT)
@require_POST
def followup_import_confirm(request: HttpRequest) -> HttpResponse:
    return FLOW.confirm(request)


def _empty(_row: object) -> None:
    return None


@requires(IMPORT)
@require_GET
def followup_import_template(request: HttpRequest) -> HttpResponse:
    """An empty workbook with the sheet and every column, to fill in."""
    columns: list[Column[object]] = [Column(c.name, _empty) for c in SHEET.columns]
    body = xlsx_bytes([(FOLLOWUPS, columns, [])])
    response = HttpResponse(body, content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="foljsam-followups.xlsx"'
    return response
