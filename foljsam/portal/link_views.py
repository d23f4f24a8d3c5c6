"""The officer's side of answer links: send one, or withdraw it. The forms sit
on the follow-up's page (``portal/_followup_links.html``), which these views
return to with a message saying what happened or which field is wrong."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.followups import selectors as followup_selectors
from foljsam.followups.models import FollowUp
from foljsam.portal import services
from foljsam.portal.forms import AnswerLinkForm
from foljsam.portal.models import AnswerLink


def _back(followup: FollowUp) -> HttpResponse:
    return redirect(reverse("followups:detail", args=[followup.pk]) + "#answer-links")


def _refused(
    request: HttpRequest, error: ValidationError, form: AnswerLinkForm
) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else problem)
    else:
        for problem in error.messages:
            messages.error(request, problem)


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    followup = followup_selectors.followup_detail(user=request.user, pk=pk)
    form = AnswerLinkForm(request.POST)
    if not form.is_valid():
        _refused(request, ValidationError(form.errors.as_data()), form)
        return _back(followup)
    try:
        link, _token = services.answer_link_create(
            actor=request.user,  # type: ignore[arg-type]
            followup=followup,
            email=form.cleaned_data["email"],
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        _refused(request, error, form)
    else:
        messages.success(
            request,
            _("The answer link is being sent to %(email)s.") % {"email": link.email},
        )
    return _back(followup)


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    followup = followup_selectors.followup_detail(user=request.user, pk=pk)
    link = (
        AnswerLink.objects.visible_to(request.user)
        .filter(followup=followup)
        .unfinished()
        .first()
    )
    if link is None:
        messages.error(request, _("The follow-up has no answer link to withdraw."))
        return _back(followup)
    try:
        services.answer_link_revoke(actor=request.user, link=link)  # type: ignore[arg-type]
    except ValidationError as error:
        _refused(request, error, AnswerLinkForm())
    else:
        messages.success(request, _("The answer link is withdrawn."))
    return _back(followup)
