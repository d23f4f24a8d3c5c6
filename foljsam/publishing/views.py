"""The publishing workflow inside the app (issue 8): the list of proposals and
publications, and one result's page, where the officer proposes it with a draft
summary and the central office publishes it, sends it back, or withdraws it."""

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

from foljsam.accounts.access import Capability, can, requires
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.followups.choices import Method, outcome_label
from foljsam.followups.models import FollowUp
from foljsam.publishing import selectors, services
from foljsam.publishing.choices import PublicationStatus
from foljsam.publishing.forms import PublicationFilterForm, ReasonForm, SummaryForm
from foljsam.publishing.http import public_url
from foljsam.publishing.models import Publication
from foljsam.registry.choices import regime_for_provider_kind

EITHER = (Capability.PROPOSE_PUBLICATION, Capability.PUBLISH_RESULTS)


@requires(*EITHER, any_of=True)
def publication_list(request: HttpRequest) -> HttpResponse:
    tallies = selectors.tallies(user=request.user)
    known = {t.status for t in tallies}
    default = (
        PublicationStatus.PROPOSED
        if can(request.user, Capability.PUBLISH_RESULTS)
        else selectors.NOT_PROPOSED
    )
    form = PublicationFilterForm(request.GET or None)
    status = form.text("status") or default
    if status not in known:
        status = default
    q = form.text("q")
    rows: Any
    if status == selectors.NOT_PROPOSED:
        rows = selectors.not_proposed(user=request.user, q=q)
    else:
        rows = selectors.publications(user=request.user, status=status, q=q)
    return render(
        request,
        "publishing/publication_list.html",
        {
            "title": _("Publishing"),
            "form": form,
            "tallies": tallies,
            "status": status,
            "not_proposed": status == selectors.NOT_PROPOSED,
            **paginate(request, rows),
        },
    )


def _reason_forms(data: Any = None, which: str = "") -> dict[str, ReasonForm]:
    return {
        "decline_form": ReasonForm(
            data if which == "decline" else None,
            prefix="decline",
            label=_("Why is it sent back?"),
        ),
        "withdraw_form": ReasonForm(
            data if which == "withdraw" else None,
            prefix="withdraw",
            label=_("Why is it withdrawn?"),
        ),
    }


def _page(
    request: HttpRequest,
    followup: FollowUp,
    *,
    summary_form: SummaryForm | None = None,
    reason_forms: dict[str, ReasonForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    publication = selectors.publication_of(followup)
    if summary_form is None:
        initial = (
            {"summary": publication.summary, "summary_en": publication.summary_en}
            if publication is not None and publication.summary
            else {"summary": services.draft_summary(followup)}
        )
        summary_form = SummaryForm(initial=initial)
    regime = regime_for_provider_kind(followup.provider.kind)
    published = publication is not None and publication.status == "published"
    context = {
        "followup": followup,
        "publication": publication,
        "blockers": services.publication_blockers(followup),
        "outcome_label": outcome_label(followup.outcome, regime),
        "method_labels": [
            str(Method(m).label) for m in followup.methods or [] if m in Method.values
        ],
        "summary_form": summary_form,
        **(reason_forms or _reason_forms()),
        "may_propose": can(request.user, Capability.PROPOSE_PUBLICATION),
        "may_publish": can(request.user, Capability.PUBLISH_RESULTS),
        "public_page": public_url("unit", followup.unit_id) if published else "",
    }
    return render(request, "publishing/publication_detail.html", context, status=status)


@requires(*EITHER, any_of=True)
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_for_publishing(user=request.user, pk=pk)
    return _page(request, followup)


def _step(
    request: HttpRequest,
    pk: int,
    *,
    form: forms.Form,
    step: Callable[..., Publication],
    done: str,
    page: dict[str, Any],
) -> HttpResponse:
    """Take a step with the posted form's values; a refusal tied to a field is
    shown on the form (400), one of the result's standing on the page."""
    followup = selectors.followup_for_publishing(user=request.user, pk=pk)
    if form.is_valid():
        try:
            step(actor=request.user, followup=followup, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, pk, error)
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("publishing:detail", pk=pk)
    return _page(request, followup, **page, status=400)


def _refused(request: HttpRequest, pk: int, error: ValidationError) -> HttpResponse:
    """A step the result's standing does not allow (already published, not
    answered, nothing to withdraw): said on the page, which shows where it
    stands."""
    for message in error.messages:
        messages.error(request, message)
    return redirect("publishing:detail", pk=pk)


def _summary_step(
    request: HttpRequest, pk: int, step: Callable[..., Publication], done: str
) -> HttpResponse:
    form = SummaryForm(request.POST)
    return _step(
        request, pk, form=form, step=step, done=done, page={"summary_form": form}
    )


def _reason_step(
    request: HttpRequest,
    pk: int,
    which: str,
    step: Callable[..., Publication],
    done: str,
) -> HttpResponse:
    reason_forms = _reason_forms(request.POST, which)
    return _step(
        request,
        pk,
        form=reason_forms[f"{which}_form"],
        step=step,
        done=done,
        page={"reason_forms": reason_forms},
    )


@requires(Capability.PROPOSE_PUBLICATION)
@require_POST
def publication_propose(request: HttpRequest, pk: int) -> HttpResponse:
    return _summary_step(
        request,
        pk,
        services.publication_propose,
        _("The result is proposed for publication. The central office decides."),
    )


@requires(Capability.PUBLISH_RESULTS)
@require_POST
def publication_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _summary_step(
        request,
        pk,
        services.publication_publish,
        _("The result is published on the public pages and in the open data."),
    )


@requires(Capability.PUBLISH_RESULTS)
@require_POST
def publication_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_step(
        request,
        pk,
        "decline",
        services.publication_decline,
        _("The proposal is sent back to the officer with your reason."),
    )


@requires(Capability.PUBLISH_RESULTS)
@require_POST
def publication_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_step(
        request,
        pk,
        "withdraw",
        services.publication_withdraw,
        _("The result is withdrawn from the public pages and the open data."),
    )
