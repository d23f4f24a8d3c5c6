"""The provider's answer pages behind a screening campaign's personal link
(issue 9: "The provider opens the link and answers in an accessible form,
saving and resuming as they go. They upload the documents asked for, then
submit. After submitting they can read their answers but not change them.").

No login: the token in the address is the only credential, so these views read
the respondent it opens (``answering.resolve``) and, from it, that respondent's
questions, answers and documents, nothing else. The page saves as the provider
goes (the protocol's own script posts each change with the revision it started
from and reads the same JSON replies as on the protocol page), takes the
documents asked for, and sends the answers in once. After that, and once the
campaign is closed, the same link shows the answers read-only until it
expires. A token that opens nothing gets a page that says why (404 unknown,
410 withdrawn or expired) and never whose link it was.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.defaults import page_not_found

from foljsam.core import files
from foljsam.core.forms import errors_by_field
from foljsam.followups import protocol as proto
from foljsam.followups.protocol_form import FormRow, form_rows
from foljsam.followups.protocol_views import AUTOSAVE_HEADER
from foljsam.requirements.choices import AnswerType
from foljsam.screening import answering
from foljsam.screening.models import Respondent

# The names a posted form carries per question: q-<id>-present, q-<id>-files.
_PRESENT = re.compile(r"q-(\d{1,18})-present")
_FILES = re.compile(r"q-(\d{1,18})-files")

type Uploads = dict[int | None, list[Any]]


def _private[R: HttpResponseBase](response: R) -> R:
    # The address holds the token: never cached, never sent on as a referrer.
    # "strict-origin" rather than "no-referrer": a browser posts a form from a
    # no-referrer page with "Origin: null", which the CSRF check refuses; this
    # one still sends the origin only, never the path with the token.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _private_view(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Every answer of these views is private, the JSON, the redirects and a
    document not found as much as the page."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response: HttpResponseBase = view(request, *args, **kwargs)
        except Http404 as missing:
            response = page_not_found(request, missing)
        return _private(response)

    return wrapped


def _invalid(request: HttpRequest, error: answering.LinkError) -> HttpResponse:
    return render(
        request,
        "screening/link_invalid.html",
        {"reason": error.reason},
        status=error.status,
    )


def _general_errors(
    errors: dict[str, list[str]], rows: list[FormRow]
) -> list[tuple[str, str]]:
    """The errors no question on the page shows, each with where it points:
    the general upload, or nothing (a question the page does not ask)."""
    shown = set()
    for row in rows:
        key = f"q-{row.key}"
        shown.update({key, f"{key}-comment", f"{key}-files"})
    general: list[tuple[str, str]] = []
    for key, found in errors.items():
        if key in shown:
            continue
        anchor = "#files-input" if key == "files" else ""
        general.extend((anchor, message) for message in found)
    return list(dict.fromkeys(general))


def _render(
    request: HttpRequest,
    respondent: Respondent,
    token: str,
    *,
    posted: dict[int, proto.AnswerInput] | None = None,
    errors: dict[str, list[str]] | None = None,
    conflict: answering.AnswerConflict | None = None,
    files_lost: bool = False,
    status: int = 200,
) -> HttpResponse:
    campaign = respondent.campaign
    found = answering.content(respondent)
    errors = errors or {}
    sections = form_rows(found.sections, posted, errors)
    rows = [row for _section, section_rows in sections for row in section_rows]
    documents = [r for r in rows if r.question.answer_type == AnswerType.DOCUMENT]
    questions = [r for r in rows if r.question.answer_type != AnswerType.DOCUMENT]
    context = {
        "respondent": respondent,
        "campaign": campaign,
        "provider": respondent.provider,
        "agreements": answering.agreements(respondent),
        "token": token,
        "sections": sections,
        "general_documents": found.general,
        "general_errors": _general_errors(errors, rows),
        "error_rows": [r for r in rows if r.errors],
        "files_lost": files_lost,
        "answered": sum(1 for r in questions if r.row.values),
        "total": len(questions),
        "attached": sum(1 for r in documents if r.row.evidence),
        "requested": len(documents),
        "editable": answering.is_writable(respondent),
        "revision": conflict.revision if conflict else respondent.revision,
        "conflict": conflict,
        "accept": files.ACCEPT,
        "limits": files.limits_text(),
        "expires": timezone.localtime(respondent.expires_at),
    }
    return render(request, "screening/answer.html", context, status=status)


def _posted(
    request: HttpRequest, respondent: Respondent, *, with_files: bool
) -> tuple[int, dict[int, proto.AnswerInput], Uploads]:
    """What the form carries. Questions the page does not ask are passed on as
    posted, for the service to refuse: nothing is then written."""
    questions = [row.question for row in answering.content(respondent).rows]
    asked = {question.pk for question in questions}
    answers = proto.answers_from_post(questions, request.POST)
    for name in request.POST:
        match = _PRESENT.fullmatch(name)
        if match and int(match[1]) not in asked:
            key = f"q-{match[1]}"
            answers[int(match[1])] = proto.AnswerInput(
                value=request.POST.get(key, ""),
                comment=request.POST.get(f"{key}-comment", ""),
            )
    uploads: Uploads = {}
    if with_files:
        for name in request.FILES:
            match = _FILES.fullmatch(name)
            if match:
                uploads[int(match[1])] = request.FILES.getlist(name)
        if request.FILES.getlist("files"):
            uploads[None] = request.FILES.getlist("files")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    return revision, answers, uploads


def _conflict_message() -> str:
    return _(
        "Someone else saved these answers after you opened the page. Your "
        "changes are not saved."
    )


@login_not_required
@_private_view
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the questions (or, once sent in or closed, the answers);
    POST saves, as JSON when the autosave script posts."""
    try:
        respondent = answering.resolve(token)
    except answering.LinkError as error:
        return _invalid(request, error)
    if request.method != "POST":
        answering.respondent_open(respondent=respondent)
        return _render(request, respondent, token)
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    revision, posted, uploads = _posted(request, respondent, with_files=not autosave)
    try:
        saved = answering.answers_save(
            respondent=respondent, revision=revision, answers=posted, uploads=uploads
        )
    except answering.LinkError as error:
        return _invalid(request, error)
    except answering.AnswerConflict as conflict:
        if autosave:
            # No history of who saved what: the provider's answers are theirs.
            return JsonResponse(
                {"conflict": [], "message": _conflict_message()}, status=409
            )
        return _render(
            request,
            respondent,
            token,
            posted=posted,
            conflict=conflict,
            files_lost=bool(uploads),
            status=409,
        )
    except ValidationError as error:
        if autosave:
            return JsonResponse({"errors": errors_by_field(error)}, status=400)
        return _render(
            request,
            respondent,
            token,
            posted=posted,
            errors=errors_by_field(error),
            files_lost=bool(uploads),
            status=400,
        )
    if autosave:
        return JsonResponse(
            {
                "revision": saved,
                "message": _("Saved %(time)s.")
                % {"time": formats.time_format(timezone.localtime(), "H:i")},
            }
        )
    count = sum(len(batch) for batch in uploads.values())
    if count:
        messages.success(
            request,
            ngettext(
                "Your answers are saved, with %(count)d new document.",
                "Your answers are saved, with %(count)d new documents.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.success(request, _("Your answers are saved."))
    return redirect("screening:answer", token=token)


@login_not_required
@_private_view
@require_POST
def answer_submit(request: HttpRequest, token: str) -> HttpResponse:
    """Send the answers in: what the form carries is saved first, in the same
    transaction; a required question unanswered sends nothing in."""
    try:
        respondent = answering.resolve(token)
    except answering.LinkError as error:
        return _invalid(request, error)
    revision, posted, uploads = _posted(request, respondent, with_files=True)
    try:
        answering.answers_submit(
            respondent=respondent, revision=revision, answers=posted, uploads=uploads
        )
    except answering.LinkError as error:
        return _invalid(request, error)
    except answering.AnswerConflict as conflict:
        return _render(
            request,
            respondent,
            token,
            posted=posted,
            conflict=conflict,
            files_lost=bool(uploads),
            status=409,
        )
    except ValidationError as error:
        return _render(
            request,
            respondent,
            token,
            posted=posted,
            errors=errors_by_field(error),
            files_lost=bool(uploads),
            status=400,
        )
    messages.success(
        request,
        _(
            "Thank you. Your answers are sent in. You can read them through this "
            "link until it expires, but no longer change them."
        ),
    )
    return redirect("screening:answer", token=token)


@login_not_required
@_private_view
@require_http_methods(["GET", "HEAD"])
def answer_document(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    """One of this respondent's documents; any other is not found."""
    try:
        respondent = answering.resolve(token)
    except answering.LinkError as error:
        return _invalid(request, error)
    document = answering.document_of(respondent, pk)
    if document is None:
        raise Http404
    return files.file_response(document.file)


@login_not_required
@_private_view
@require_POST
def answer_document_remove(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """Take off a document attached by mistake, before sending in."""
    try:
        respondent = answering.resolve(token)
    except answering.LinkError as error:
        return _invalid(request, error)
    document = answering.document_of(respondent, pk)
    if document is None:
        raise Http404
    anchor = f"#q-{document.question_id}" if document.question_id else "#files"
    try:
        answering.document_remove(respondent=respondent, document_id=document.pk)
    except answering.LinkError as error:
        return _invalid(request, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is removed.") % {"name": document.file.original_name},
        )
    return redirect(reverse("screening:answer", kwargs={"token": token}) + anchor)
