"""The follow-up pages: "Våra uppföljningar" (a district's own; the central
office and the committee see every one) and each follow-up."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, can, requires
from foljsam.core.pagination import paginate
from foljsam.core.timeline import timeline
from foljsam.followups import selectors
from foljsam.followups.choices import TRANSITIONS
from foljsam.followups.forms import FollowUpFilterForm

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)


@requires(*READ, any_of=True)
@require_GET
def followup_list(request: HttpRequest) -> HttpResponse:
    city_wide = can(request.user, Capability.READ_ALL_FOLLOWUPS)
    form = FollowUpFilterForm(
        request.GET or None,
        years=selectors.followup_years(user=request.user),
        city_wide=city_wide,
    )
    rows = selectors.followup_list(user=request.user, filters=form.filters())
    context = {
        "title": _("Follow-ups") if city_wide else _("Our follow-ups"),
        "form": form,
        "city_wide": city_wide,
        "today": timezone.localdate(),
        **paginate(request, rows),
    }
    return render(request, "followups/followup_list.html", context)


@requires(*READ, any_of=True)
@require_GET
def followup_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(user=request.user, pk=pk)
    context = {
        "followup": followup,
        "today": timezone.localdate(),
        "next_steps": sorted(TRANSITIONS.get(followup.status, ())),
        "detail_url": reverse("followups:detail", args=[pk]),
        "history_url": (
            reverse("followups:history", args=[pk])
            if can(request.user, Capability.VIEW_HISTORY)
            else ""
        ),
    }
    return render(request, "followups/followup_detail.html", context)


@requires(Capability.VIEW_HISTORY)
@require_GET
def followup_history(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.followup_detail(user=request.user, pk=pk)
    context = {
        "object": followup,
        "followup": followup,
        "title": str(followup),
        "detail_url": reverse("followups:detail", args=[pk]),
        **paginate(request, timeline(followup, [])),
    }
    return render(request, "followups/history.html", context)
