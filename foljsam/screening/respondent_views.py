"""One provider in a campaign, as the office sees it: where its link stands,
its flags, its answers read-only, its documents and visits; and what the office
may do about its link (correct the address, withdraw the link, send a new one).

Reads need the campaign visible to the user (404 otherwise); the changes need
``MANAGE_SCREENING`` (403 otherwise) and are one service call each.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from foljsam.accounts.access import Capability, can, requires
from foljsam.core import files
from foljsam.core.forms import add_errors
from foljsam.screening import answering, selectors, services
from foljsam.screening.choices import CampaignStatus
from foljsam.screening.forms import EmailForm
from foljsam.screening.models import Respondent

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)
MANAGE = Capability.MANAGE_SCREENING


def _live(respondent: Respondent) -> bool:
    """A link the provider can still answer through."""
    return (
        respondent.sent_at is not None
        and respondent.revoked_at is None
        and respondent.submitted_at is None
        and not respondent.is_expired
    )


def _page(
    request: HttpRequest,
    respondent: Respondent,
    email_form: EmailForm | None = None,
    status: int = 200,
) -> HttpResponse:
    campaign = respondent.campaign
    manage = can(request.user, MANAGE)
    flags: list[selectors.FlagView] = []
    financial = None
    if respondent.submitted_at is not None:
        financial = selectors.financial_for(campaign, [respondent.provider_id]).get(
            respondent.provider_id
        )
        flags = selectors.flag_views(respondent.flags.all(), financial)
    link = ""
    if manage and _live(respondent):
        token = services.token_for(respondent)
        if token is not None:
            link = request.build_absolute_uri(reverse("screening:answer", args=[token]))
    open_for_changes = (
        respondent.submitted_at is None and campaign.status != CampaignStatus.CLOSED
    )
    context = {
        "respondent": respondent,
        "campaign": campaign,
        "state": respondent.state(),
        "flags": flags,
        "financial": financial,
        "content": answering.content(respondent),
        "agreements": list(respondent.agreements.all()),
        "visits": list(respondent.visits.all()),
        "may_manage": manage,
        "link": link,
        "overdue": respondent.is_overdue_on(timezone.localdate()),
        "email_form": email_form
        or (EmailForm(initial={"email": respondent.email}) if manage else None),
        "may_change_email": manage and open_for_changes,
        "may_revoke": manage
        and respondent.sent_at is not None
        and respondent.revoked_at is None
        and respondent.submitted_at is None,
        "may_reissue": manage
        and campaign.is_open
        and respondent.submitted_at is None
        and bool(respondent.email),
    }
    return render(request, "screening/respondent.html", context, status=status)


@requires(*READ, any_of=True)
@require_GET
def respondent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.respondent_detail(user=request.user, pk=pk))


@requires(MANAGE)
@require_POST
def respondent_email(request: HttpRequest, pk: int) -> HttpResponse:
    respondent = selectors.respondent_detail(user=request.user, pk=pk)
    form = EmailForm(request.POST)
    if form.is_valid():
        was_open = respondent.campaign.is_open
        try:
            services.respondent_set_email(
                actor=request.user,  # type: ignore[arg-type]
                respondent=respondent,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The address is changed. A new link is on its way to it; the "
                    "link sent before no longer works."
                )
                if was_open
                else _("The address is changed."),
            )
            return redirect("screening:respondent", pk=respondent.pk)
    return _page(request, respondent, email_form=form, status=400)


def _link_step(request: HttpRequest, pk: int, *, revoke: bool) -> HttpResponse:
    respondent = selectors.respondent_detail(user=request.user, pk=pk)
    try:
        if revoke:
            services.respondent_revoke(actor=request.user, respondent=respondent)  # type: ignore[arg-type]
        else:
            services.respondent_reissue(
                actor=request.user,  # type: ignore[arg-type]
                respondent=respondent,
                base_url=request.build_absolute_uri("/"),
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The link is withdrawn: it opens nothing any more.")
            if revoke
            else _(
                "A new link is on its way to %(email)s; the one sent before no "
                "longer works."
            )
            % {"email": respondent.email},
        )
    return redirect("screening:respondent", pk=respondent.pk)


@requires(MANAGE)
@require_POST
def respondent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _link_step(request, pk, revoke=True)


@requires(MANAGE)
@require_POST
def respondent_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    return _link_step(request, pk, revoke=False)


@requires(*READ, any_of=True)
@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    """A document a provider attached, for the staff who see its campaign."""
    found = selectors.document_detail(user=request.user, pk=pk)
    return files.file_response(found.file)
