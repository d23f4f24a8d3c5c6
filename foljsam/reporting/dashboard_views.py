"""The city's dashboards (issue 7): the overview, the units overdue for follow-up
and the deficiencies past their deadline. For the central office and the
committee (``READ_CITY_REPORTS``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, requires
from foljsam.core.pagination import paginate
from foljsam.reporting import dashboard, dashboard_coverage
from foljsam.reporting.dashboard_forms import (
    OverdueDeficienciesForm,
    OverdueUnitsForm,
    YearForm,
)


@requires(Capability.READ_CITY_REPORTS)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = YearForm(
        request.GET or None,
        years=dashboard.followup_years(user=request.user, today=today),
    )
    year = form.value("year") or today.year
    coverage = dashboard_coverage.area_coverage(user=request.user, today=today)
    context = {
        "title": _("City overview"),
        "today": today,
        "form": form,
        "coverage": coverage[:-1],
        "city": coverage[-1],
        "statuses": dashboard.status_table(user=request.user, year=year),
        "deficiencies": dashboard.overdue_deficiency_counts(
            user=request.user, today=today
        ),
    }
    return render(request, "reporting/dashboard.html", context)


@requires(Capability.READ_CITY_REPORTS)
@require_GET
def overdue_units(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = OverdueUnitsForm(request.GET)
    rows = dashboard_coverage.overdue_units(
        user=request.user,
        today=today,
        filters=dashboard_coverage.OverdueFilters(
            q=form.text("q"),
            contract_area=form.pk("contract_area"),
            organisation=form.pk("organisation"),
        ),
    )
    context = {
        "title": _("Units overdue for follow-up"),
        "today": today,
        "form": form,
        **paginate(request, rows),
    }
    return render(request, "reporting/overdue_units.html", context)


@requires(Capability.READ_CITY_REPORTS)
@require_GET
def overdue_deficiencies(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = OverdueDeficienciesForm(request.GET)
    rows = dashboard.overdue_deficiencies(
        user=request.user,
        today=today,
        filters=dashboard.DeficiencyFilters(
            contract_area=form.pk("contract_area"),
            organisation=form.pk("organisation"),
        ),
    ).select_related(
        "category",
        "followup__unit",
        "followup__provider",
        "followup__contract_area",
        "followup__organisation",
    )
    pages = paginate(request, rows)
    context = {
        "title": _("Deficiencies past their deadline"),
        "today": today,
        "form": form,
        "rows": [
            (deficiency, (today - deficiency.due_on).days)
            for deficiency in pages["page_obj"]
        ],
        **pages,
    }
    return render(request, "reporting/overdue_deficiencies.html", context)
