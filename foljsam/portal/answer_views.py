"""The answer page behind a single-use link, for providers without an account
(issue 6). No login: the token in the address is the only credential, so these
views read the follow-up the link opens (and nothing else) directly rather than
through ``visible_to``.

The page shows the questions meant for the unit's manager with the current
answers, saves as the provider goes (the protocol's own script posts each
change, with the revision it started from), takes documents, and sends the
answers in once. After that the link is used up: the browser that sent them in
sees them read-only for the rest of its session; anyone else who opens the link
is told it is used. A token that opens nothing gets a page that says why (404
unknown, 410 expired, withdrawn or used) and never which follow-up it was for.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from foljsam.core import files
from foljsam.core.forms import errors_by_field
from foljsam.followups import protocol as proto
from foljsam.followups.protocol_form import form_rows
from foljsam.followups.protocol_views import AUTOSAVE_HEADER
from foljsam.portal import selectors, services
from foljsam.portal.models import AnswerLink

# The links whose answers this browser sent in: it may read them back.
SESSION_KEY = "portal_answered_links"


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the token: never cached, never sent on as a referrer.
    response["Cache-Control"] = "private, no-store"
    # "strict-origin", not "no-referrer": a browser posts a form from a
    # no-referrer page with "Origin: null", which the CSRF check refuses. Other
    # sites still get the origin at most, never the path with the token.
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid(request: HttpRequest, error: services.AnswerLinkError) -> HttpResponse:
    response = render(
        request,
        "portal/link_invalid.html",
        {"reason": error.reason},
        status=error.status,
    )
    return _private(response)


def _answered_here(request: HttpRequest, link: AnswerLink) -> bool:
    return link.pk in request.session.get(SESSION_KEY, [])


def _conflict_rows(
    conflict: proto.ProtocolConflict, asked: set[int]
) -> list[dict[str, Any]]:
    """What was saved in the meantime, of the questions the provider answers;
    without who saved it (the officers' names stay inside the city)."""
    return [
        {
            "number": change.number,
            "question": change.text,
            "answer": ", ".join(change.value)
            if isinstance(change.value, list)
            else change.value,
            "comment": change.comment,
            "by": _("someone else"),
            "at": formats.date_format(
                timezone.localtime(change.at), "SHORT_DATETIME_FORMAT"
            ),
        }
        for change in conflict.changes
        if change.question_id in asked
    ]


def _render(
    request: HttpRequest,
    link: AnswerLink,
    token: str,
    *,
    read_only: bool = False,
    posted: dict[int, proto.AnswerInput] | None = None,
    errors: dict[str, list[str]] | None = None,
    conflict: proto.ProtocolConflict | None = None,
    status: int = 200,
) -> HttpResponse:
    followup = link.followup
    content = selectors.answer_sections(followup)
    errors = errors or {}
    rows = form_rows(content.sections, posted, errors)
    questions = [r for _s, section_rows in rows for r in section_rows]
    asked = {r.question.pk for r in questions}
    context = {
        "link": link,
        "token": token,
        "followup": followup,
        "sections": rows,
        "general_evidence": content.general,
        "general_errors": errors.get("files", []) + errors.get("__all__", []),
        "error_rows": [r for r in questions if r.errors],
        "answered": sum(1 for r in questions if r.row.answer and r.row.value),
        "total": len(questions),
        "editable": not read_only,
        "revision": conflict.revision if conflict else followup.protocol_revision,
        "conflict": _conflict_rows(conflict, asked) if conflict else None,
        "accept": files.ACCEPT,
        "limits": files.limits_text(),
        "expires": timezone.localtime(link.expires_at),
    }
    return _private(render(request, "portal/answer.html", context, status=status))


def _posted(
    request: HttpRequest, rows: list[proto.QuestionRow], *, with_files: bool
) -> tuple[int, dict[int, proto.AnswerInput], dict[int | None, list[Any]]]:
    answers = proto.answers_from_post([row.question for row in rows], request.POST)
    uploads: dict[int | None, list[Any]] = {}
    if with_files:
        for row in rows:
            batch = request.FILES.getlist(f"q-{row.question.pk}-files")
            if batch:
                uploads[row.question.pk] = batch
        if request.FILES.getlist("files"):
            uploads[None] = request.FILES.getlist("files")
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    return revision, answers, uploads


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.answer_link_resolve(token)
    except services.LinkUsed as used:
        done = used.link
        if (
            done is not None
            and request.method != "POST"
            and _answered_here(request, done)
        ):
            return _render(request, done, token, read_only=True)
        return _invalid(request, used)
    except services.AnswerLinkError as error:
        return _invalid(request, error)
    if request.method != "POST":
        services.answer_link_open(link=link)
        return _render(request, link, token)
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    rows = selectors.answer_sections(link.followup).rows
    revision, posted, uploads = _posted(request, rows, with_files=not autosave)
    try:
        with files.atomic_with_files():
            result = services.answer_link_save(
                link=link, revision=revision, answers=posted, uploads=uploads
            )
    except services.AnswerLinkError as error:
        return _invalid(request, error)
    except proto.ProtocolConflict as conflict:
        message = _(
            "Someone else saved these answers after you opened the page. Your "
            "changes are not saved."
        )
        if autosave:
            asked = {row.question.pk for row in rows}
            return JsonResponse(
                {"conflict": _conflict_rows(conflict, asked), "message": message},
                status=409,
            )
        return _render(
            request, link, token, posted=posted, conflict=conflict, status=409
        )
    except ValidationError as error:
        if autosave:
            return JsonResponse({"errors": errors_by_field(error)}, status=400)
        return _render(
            request,
            link,
            token,
            posted=posted,
            errors=errors_by_field(error),
            status=400,
        )
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
                "Your answers are saved, with %(count)d new document.",
                "Your answers are saved, with %(count)d new documents.",
                result.files,
            )
            % {"count": result.files},
        )
    else:
        messages.success(request, _("Your answers are saved."))
    return redirect("portal:answer", token=token)


@login_not_required
@require_POST
def answer_submit(request: HttpRequest, token: str) -> HttpResponse:
    """Send the answers in: what the form carries is saved first; then the link
    is used up."""
    try:
        link = services.answer_link_resolve(token)
    except services.AnswerLinkError as error:
        return _invalid(request, error)
    rows = selectors.answer_sections(link.followup).rows
    revision, posted, uploads = _posted(request, rows, with_files=True)
    try:
        with files.atomic_with_files():
            submitted = services.answer_link_submit(
                link=link, revision=revision, answers=posted, uploads=uploads
            )
    except services.AnswerLinkError as error:
        return _invalid(request, error)
    except proto.ProtocolConflict as conflict:
        return _render(
            request, link, token, posted=posted, conflict=conflict, status=409
        )
    except ValidationError as error:
        return _render(
            request,
            link,
            token,
            posted=posted,
            errors=errors_by_field(error),
            status=400,
        )
    request.session[SESSION_KEY] = [
        *request.session.get(SESSION_KEY, []),
        submitted.pk,
    ]
    messages.success(
        request,
        _("Thank you. Your answers are sent in, and the link is now used up."),
    )
    return redirect("portal:answer", token=token)
