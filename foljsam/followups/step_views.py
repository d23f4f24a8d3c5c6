"""The steps of a follow-up, as pages: start (documents requested), visit,
assessment, sharing with the provider, cancelling (issue 6). Completing lives
with the deficiencies (``findings``), since the proposal comes from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core.forms import add_errors
from foljsam.followups import lifecycle, selectors, services
from foljsam.followups.models import FollowUp
from foljsam.followups.step_forms import CancelForm, PrepareForm, VisitForm


def _step_page(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    title: str,
    intro: str,
    act: Callable[[FollowUp, dict[str, Any]], FollowUp],
    done: str,
    initial: Callable[[FollowUp], dict[str, Any]] | None = None,
) -> HttpResponse:
    followup = selectors.followup_detail(user=request.user, pk=pk)
    form = form_class(
        request.POST or None, initial=initial(followup) if initial else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            act(followup, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("followups:detail", pk=pk)
    context = {"followup": followup, "form": form, "title": title, "intro": intro}
    return render(request, "followups/step_form.html", context)


@requires(Capability.PERFORM_FOLLOWUPS)
def followup_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        form_class=PrepareForm,
        title=_("Start the follow-up"),
        intro=_(
            "Ask the unit in advance for its routines, staff lists and permits, "
            "choose how it is followed up, and plan the visit."
        ),
        initial=lambda f: {"methods": f.methods},
        act=lambda f, data: lifecycle.followup_prepare(
            actor=request.user,  # type: ignore[arg-type]
            followup=f,
            documents_requested_on=data["documents_requested_on"],
            methods=data["methods"],
            visit_planned_on=data["visit_planned_on"],
        ),
        done=_("The follow-up is started: documents requested."),
    )


@requires(Capability.PERFORM_FOLLOWUPS)
def followup_visit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        form_class=VisitForm,
        title=_("Record the visit"),
        intro=_(
            "The day of the visit (on site or digital) and who took part, by role. "
            "Never write the names of care users."
        ),
        initial=lambda f: {
            "methods": f.methods,
            "visited_on": f.visit_planned_on,
            "participants": f.participants,
        },
        act=lambda f, data: lifecycle.followup_record_visit(
            actor=request.user,  # type: ignore[arg-type]
            followup=f,
            visited_on=data["visited_on"],
            participants=data["participants"],
            methods=data["methods"],
        ),
        done=_("The visit is recorded."),
    )


@requires(Capability.PERFORM_FOLLOWUPS)
def followup_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        form_class=CancelForm,
        title=_("Cancel the follow-up"),
        intro=_(
            "A follow-up not yet completed can be cancelled. The reason is kept "
            "and counted in the annual report."
        ),
        act=lambda f, data: services.followup_cancel(
            actor=request.user,  # type: ignore[arg-type]
            followup=f,
            reason=data["reason"],
            on=data["on"],
            note=data["note"],
        ),
        done=_("The follow-up is cancelled."),
    )


def _simple_step(
    request: HttpRequest, pk: int, act: Callable[[FollowUp], FollowUp], done: str
) -> HttpResponse:
    followup = selectors.followup_detail(user=request.user, pk=pk)
    try:
        act(followup)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("followups:detail", pk=pk)


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def followup_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_step(
        request,
        pk,
        lambda f: lifecycle.followup_start_assessment(
            actor=request.user,  # type: ignore[arg-type]
            followup=f,
        ),
        _("The assessment has started: record the deficiencies."),
    )


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def followup_share(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_step(
        request,
        pk,
        lambda f: lifecycle.followup_share(
            actor=request.user,  # type: ignore[arg-type]
            followup=f,
        ),
        _("The result is shared with the provider, who is told by e-mail."),
    )
