"""The office's screening pages (issue 9): the campaigns, one campaign with its
progress and its providers, preparing a draft, sending it, reminding, closing,
and the triage list that turns answers into site visits.

Every read goes through a selector scoped to the user (another organisation's
campaign does not exist: 404); every change needs ``MANAGE_SCREENING`` (the
read-only roles get 403) and is one service call, whose refusals are shown on
the form or the page, never as an error page. The provider's pages behind the
personal link are ``answer_views``; a respondent's page is
``respondent_views``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from foljsam.accounts.access import Capability, can, requires
from foljsam.accounts.models import Organisation
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.screening import selectors, services, visits
from foljsam.screening.choices import CampaignStatus, Population, RespondentState
from foljsam.screening.forms import (
    CampaignFilterForm,
    CampaignForm,
    RespondentFilterForm,
    TriageForm,
)
from foljsam.screening.models import Campaign

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)
MANAGE = Capability.MANAGE_SCREENING


def base_url(request: HttpRequest) -> str:
    """Where the links in the e-mails point (as a selection's publishing does)."""
    return request.build_absolute_uri("/")


def refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@requires(*READ, any_of=True)
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    form = CampaignFilterForm(request.GET or None)
    campaigns = selectors.campaign_list(user=request.user, q=form.text("q"))
    context = {
        "title": _("Screening campaigns"),
        "form": form,
        **paginate(request, campaigns),
    }
    return render(request, "screening/list.html", context)


def _form_page(
    request: HttpRequest,
    form: CampaignForm | None,
    campaign: Campaign | None,
    status: int = 200,
) -> HttpResponse:
    title = (
        _("Change the campaign %(name)s") % {"name": campaign.name}
        if campaign is not None
        else _("New screening campaign")
    )
    context = {"title": title, "form": form, "campaign": campaign}
    return render(request, "screening/form.html", context, status=status)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, CampaignForm(), None)
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user,  # type: ignore[arg-type]
                given=form.given(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The draft is saved. Check whom it asks, then send it."),
            )
            return redirect("screening:detail", pk=campaign.pk)
    return _form_page(request, form, None, status=400)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    if not campaign.is_draft:
        # Said on the page: a sent campaign's questions and population stay.
        if request.method == "POST":
            messages.error(request, _("Only a draft campaign can be changed."))
            return redirect("screening:detail", pk=campaign.pk)
        return _form_page(request, None, campaign)
    if request.method != "POST":
        return _form_page(request, CampaignForm.for_campaign(campaign), campaign)
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,  # type: ignore[arg-type]
                campaign=campaign,
                given=form.given(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("screening:detail", pk=campaign.pk)
    return _form_page(request, form, campaign, status=400)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def campaign_delete(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.campaign_delete(actor=request.user, campaign=campaign)  # type: ignore[arg-type]
        except ValidationError as error:
            refused(request, error)
            return redirect("screening:detail", pk=campaign.pk)
        messages.success(
            request, _("The draft %(name)s is deleted.") % {"name": campaign.name}
        )
        return redirect("screening:list")
    counts = selectors.progress(campaign)
    return render(
        request,
        "screening/confirm_delete.html",
        {"campaign": campaign, "counts": counts},
    )


def send_text(done: int, total: int) -> str:
    return ngettext(
        "%(done)d of %(total)d link sent.",
        "%(done)d of %(total)d links sent.",
        total,
    ) % {"done": done, "total": total}


def _counts(progress: selectors.Progress) -> dict[str, int]:
    return {
        "total": progress.total,
        "sent": progress.sent,
        "opened": progress.opened,
        "answered": progress.answered,
        "overdue": progress.overdue,
        "no_address": progress.no_address,
        "revoked": progress.revoked,
        "flagged": progress.flagged,
        "visits": progress.visits,
    }


@requires(*READ, any_of=True)
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    today = timezone.localdate()
    form = RespondentFilterForm(request.GET or None)
    rows = selectors.respondents(
        campaign, state=form.text("state"), q=form.text("q"), today=today
    )
    progress = selectors.progress(campaign, today)
    picked_count = (
        campaign.picked_agreements.count()
        if campaign.population == Population.PICKED
        else 0
    )
    no_address = (
        list(selectors.respondents(campaign, state=RespondentState.NO_ADDRESS))
        if campaign.is_draft and progress.no_address
        else []
    )
    context = {
        "campaign": campaign,
        "title": campaign.name,
        "progress": progress,
        "counts": _counts(progress),
        "send_text": send_text(campaign.send_done, campaign.send_total),
        "will_send": progress.total - progress.no_address - progress.revoked,
        "overdue": campaign.is_overdue_on(today),
        "picked_count": picked_count,
        "no_address": no_address,
        "form": form,
        "may_manage": can(request.user, MANAGE),
        **paginate(request, rows),
    }
    return render(request, "screening/detail.html", context)


@requires(*READ, any_of=True)
@require_GET
def campaign_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """What the campaign page's script polls while the links go out."""
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    progress = selectors.progress(campaign)
    response = JsonResponse(
        {
            "status": campaign.status,
            "status_label": campaign.get_status_display(),
            "send_done": campaign.send_done,
            "send_total": campaign.send_total,
            "message": send_text(campaign.send_done, campaign.send_total),
            "done_message": _(
                "All links are sent; reload the page for what comes next."
            ),
            "counts": _counts(progress),
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@requires(MANAGE)
@require_POST
def campaign_send(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    try:
        count = services.campaign_send(
            actor=request.user,  # type: ignore[arg-type]
            campaign=campaign,
            base_url=base_url(request),
        )
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d personal link is being sent. This page shows how far "
                "the sending has come.",
                "%(count)d personal links are being sent. This page shows how far "
                "the sending has come.",
                count,
            )
            % {"count": count},
        )
    return redirect("screening:detail", pk=campaign.pk)


@requires(MANAGE)
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    try:
        count = services.campaign_remind(
            actor=request.user,  # type: ignore[arg-type]
            campaign=campaign,
            base_url=base_url(request),
        )
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "A reminder is being sent to %(count)d provider who has not answered.",
                "Reminders are being sent to %(count)d providers who have not "
                "answered.",
                count,
            )
            % {"count": count},
        )
    return redirect("screening:detail", pk=campaign.pk)


@requires(MANAGE)
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    try:
        services.campaign_close(actor=request.user, campaign=campaign)  # type: ignore[arg-type]
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("The campaign is closed: its links take no more answers."),
        )
    return redirect("screening:detail", pk=campaign.pk)


def _made_text(made: visits.VisitsMade) -> str:
    text = ngettext(
        "%(created)d site visit created",
        "%(created)d site visits created",
        made.created,
    ) % {"created": made.created}
    text += ", " + ngettext(
        "%(linked)d follow-up that already existed linked.",
        "%(linked)d follow-ups that already existed linked.",
        made.linked,
    ) % {"linked": made.linked}
    if made.per_organisation:
        names = dict(
            Organisation.objects.filter(pk__in=list(made.per_organisation)).values_list(
                "pk", "name"
            )
        )
        per = sorted(
            (names.get(org, "?"), count) for org, count in made.per_organisation.items()
        )
        text += " " + _("Per organisation: %(list)s.") % {
            "list": ", ".join(f"{name} {count}" for name, count in per)
        }
    return text


@requires(*READ, any_of=True)
@require_http_methods(["GET", "POST"])
def campaign_triage(request: HttpRequest, pk: int) -> HttpResponse:
    """The answered providers sorted by their flags; the office ticks those that
    get a site visit (POST: ``MANAGE_SCREENING`` only)."""
    if request.method == "POST" and not can(request.user, MANAGE):
        raise PermissionDenied
    campaign = selectors.campaign_detail(user=request.user, pk=pk)
    rows = selectors.triage(campaign)
    choices = [(row.respondent.pk, row.respondent.provider.name) for row in rows]
    status = 200
    if request.method == "POST":
        form = TriageForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                made = visits.visits_create(
                    actor=request.user,  # type: ignore[arg-type]
                    campaign=campaign,
                    respondent_ids=form.cleaned_data["respondents"],
                    fallback_organisation=form.cleaned_data["fallback_organisation"],
                    base_url=base_url(request),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _made_text(made))
                return redirect("screening:triage", pk=campaign.pk)
        status = 400
    else:
        form = TriageForm(choices=choices)
    chosen = set(form.cleaned_data.get("respondents", [])) if form.is_bound else set()
    context: dict[str, Any] = {
        "campaign": campaign,
        "rows": rows,
        "form": form,
        "chosen": chosen,
        "may_choose": can(request.user, MANAGE)
        and campaign.status != CampaignStatus.DRAFT,
        "flagged": sum(1 for row in rows if row.total),
    }
    return render(request, "screening/triage.html", context, status=status)
