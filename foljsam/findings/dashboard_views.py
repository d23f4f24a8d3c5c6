"""The dashboard page: a district's open follow-ups, overdue complements and
upcoming visits; the whole city's for the central office and the committee."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, can, requires
from foljsam.core.forms import FilterForm
from foljsam.findings.dashboard import UPCOMING_DAYS, dashboard
from foljsam.registry.forms import organisation_filter

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)


class DashboardFilterForm(FilterForm):
    """City-wide readers narrow the dashboard to one performing organisation."""

    organisation = organisation_filter(_("Performed by"))

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        del self.fields["q"]


@requires(*READ, any_of=True)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    city_wide = can(request.user, Capability.READ_ALL_FOLLOWUPS)
    form = DashboardFilterForm(request.GET or None) if city_wide else None
    today = timezone.localdate()
    board = dashboard(
        user=request.user,
        today=today,
        organisation=form.pk("organisation") if form is not None else None,
    )
    context = {
        "board": board,
        "form": form,
        "city_wide": city_wide,
        "today": today,
        "upcoming_days": UPCOMING_DAYS,
    }
    return render(request, "findings/dashboard.html", context)
