"""The protocol page: answer the questions, comment, attach evidence; saved as
you go (issue 6). A save made from an older revision is refused (409) with what
changed, and the officer's own input is kept on the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from foljsam.accounts.access import Capability, can, requires
from foljsam.core import files
from foljsam.core.access import visible_or_404
from foljsam.core.forms import errors_by_field
from foljsam.followups import protocol as proto
from foljsam.followups import selectors
from foljsam.followups.choices import PROTOCOL_STATUSES
from foljsam.followups.models import Evidence, FollowUp
from foljsam.followups.protocol_form import form_rows

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)
AUTOSAVE_HEADER = "X-Foljsam-Autosave"


def _editable(request: HttpRequest, followup: FollowUp) -> bool:
    return (
        can(request.user, Capability.PERFORM_FOLLOWUPS)
        and followup.status in PROTOCOL_STATUSES
    )


def _render(
    request: HttpRequest,
    followup: FollowUp,
    *,
    posted: dict[int, proto.AnswerInput] | None = None,
    errors: dict[str, list[str]] | None = None,
    conflict: proto.ProtocolConflict | None = None,
    status: int = 200,
) -> HttpResponse:
    sections = proto.protocol_rows(followup)
    errors = errors or {}
    rows = form_rows(sections, posted, errors)
    questions = [r for _s, section_rows in rows for r in section_rows]
    context = {
        "followup": followup,
        "sections": rows,
        "general_evidence": proto.general_evidence(followup),
        "general_errors": errors.get("files", []) + errors.get("__all__", []),
        "error_rows": [r for r in questions if r.errors],
        "answered": sum(1 for r in questions if r.row.answer and r.row.value),
        "total": len(questions),
        "not_met": sum(1 for r in questions if r.row.not_met),
        "editable": _editable(request, followup),
        "revision": conflict.revision if conflict else followup.protocol_revision,
        "conflict": conflict,
        "accept": files.ACCEPT,
        "limits": files.limits_text(),
        "tab": "protocol",
    }
    return render(request, "followups/protocol.html", context, status=status)


def _change_json(change: proto.Change) -> dict[str, Any]:
    value = change.value
    return {
        "number": change.number,
        "question": change.text,
        "answer": ", ".join(value) if isinstance(value, list) else value,
        "comment": change.comment,
        "by": change.by,
        "at": formats.date_format(
            timezone.localtime(change.at), "SHORT_DATETIME_FORMAT"
        ),
    }


@requires(*READ, any_of=True)
def protocol(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(user=request.user, pk=pk)
    if request.method != "POST":
        return _render(request, followup)
    if not _editable(request, followup):
        raise PermissionDenied
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    questions = proto.questions_of(followup)
    posted = proto.answers_from_post(questions, request.POST)
    uploads: dict[int | None, list[Any]] = {}
    if not autosave:
        for question in questions:
            batch = request.FILES.getlist(f"q-{question.pk}-files")
            if batch:
                uploads[question.pk] = batch
        if request.FILES.getlist("files"):
            uploads[None] = request.FILES.getlist("files")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        result = proto.protocol_save(
            actor=request.user,  # type: ignore[arg-type]
            followup=followup,
            revision=revision,
            answers=posted,
            uploads=uploads,
        )
    except proto.ProtocolConflict as conflict:
        if autosave:
            return JsonResponse(
                {
                    "conflict": [_change_json(c) for c in conflict.changes],
                    "message": _(
                        "Someone else saved this protocol after you opened it. "
                        "Your changes are not saved."
                    ),
                },
                status=409,
            )
        return _render(request, followup, posted=posted, conflict=conflict, status=409)
    except ValidationError as error:
        errors = errors_by_field(error)
        if autosave:
            return JsonResponse({"errors": errors}, status=400)
        return _render(request, followup, posted=posted, errors=errors, status=400)
    if autosave:
        return JsonResponse(
            {
                "revision": result.revision,
                "message": _("Saved %(time)s.")
                % {"time": formats.time_format(timezone.localtime(), "H:i")},
            }
        )
    if result.files:
        messages.success(
            request,
            ngettext(
                "The protocol is saved, with %(count)d new file.",
                "The protocol is saved, with %(count)d new files.",
                result.files,
            )
            % {"count": result.files},
        )
    else:
        messages.success(request, _("The protocol is saved."))
    return redirect("followups:protocol", pk=pk)


def _evidence(request: HttpRequest, pk: int, evidence_pk: int) -> Evidence:
    selectors.followup_detail(user=request.user, pk=pk)
    return visible_or_404(
        Evidence.objects.visible_to(request.user).select_related("file"),
        pk=evidence_pk,
        followup_id=pk,
    )


@requires(*READ, any_of=True)
@require_GET
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> Any:
    return files.file_response(_evidence(request, pk, evidence_pk).file)


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evidence = _evidence(request, pk, evidence_pk)
    try:
        proto.evidence_remove(actor=request.user, evidence=evidence)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("followups:protocol", pk=pk)
