"""The follow-up report (page, DOCX, PDF) and the correction-request letter
(DOCX, PDF). Each view fetches through a selector scoped to the user and renders
one frozen structure; the documents are made in report_render.py and letters.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, requires
from foljsam.findings import letters, report_render
from foljsam.findings.report import city_and_office, followup_report

# The report: the city's readers, and a provider its own once shared with it.
REPORT_READERS = (
    Capability.READ_ALL_FOLLOWUPS,
    Capability.READ_OWN_FOLLOWUPS,
    Capability.READ_PROVIDER_FOLLOWUPS,
)
INTERNAL_READERS = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)
CONTENT_TYPES = {
    "docx": report_render.DOCX_CONTENT_TYPE,
    "pdf": report_render.PDF_CONTENT_TYPE,
}


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    # Reports name providers' deficiencies: not for shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


@requires(*REPORT_READERS, any_of=True)
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "findings/report.html",
        {"report": followup_report(user=request.user, pk=pk)},
    )


@requires(*REPORT_READERS, any_of=True)
@require_GET
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    doc = followup_report(user=request.user, pk=pk)
    body = (
        report_render.report_docx(doc)
        if fmt == "docx"
        else report_render.report_pdf(doc)
    )
    name = slugify(f"{doc.unit_name} {doc.year}") or f"report-{pk}"
    return _download(body, fmt, name)


@requires(*INTERNAL_READERS, any_of=True)
@require_GET
def action_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    action = letters.correction_action(user=request.user, pk=pk)
    city, office = city_and_office()
    try:
        letter = letters.build_letter(action, city=city, central_office=office)
    except ValidationError as refused:
        # Only reachable for an action recorded before the services refused it.
        messages.error(request, " ".join(refused.messages))
        return redirect("findings:report", action.followup_id)
    body = letters.letter_docx(letter) if fmt == "docx" else letters.letter_pdf(letter)
    name = slugify(f"{letter.title} {letter.provider_name} {letter.date}")
    return _download(body, fmt, name)
