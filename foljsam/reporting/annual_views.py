"""The annual report's page and its downloads (issue 7), for the central office
and the committee."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, requires
from foljsam.core.forms import FilterForm
from foljsam.reporting.annual_render import CONTENT_TYPES, FORMATS, report_view
from foljsam.reporting.annual_render import render as render_report
from foljsam.reporting.annual_selectors import (
    FIRST_YEAR,
    annual_report,
    report_years,
)

DOWNLOADS = (
    ("pdf", _("PDF")),
    ("docx", _("Word (DOCX), to edit")),
    ("xlsx", _("Excel (XLSX), the tables")),
    ("json", _("JSON, open data")),
)


class YearForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, data: Any = None, *, years: list[int], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        del self.fields["q"]
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101
        field.choices = [(y, str(y)) for y in years]


def default_year(years: list[int], this_year: int) -> int:
    """The year the next report is about: last year, once it has follow-ups."""
    return this_year - 1 if this_year - 1 in years else this_year


@requires(Capability.READ_CITY_REPORTS)
@require_GET
def annual(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    years = report_years(user=request.user, today=today)
    form = YearForm(request.GET or None, years=years)
    year = default_year(years, today.year)
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    report = annual_report(user=request.user, year=year, today=today)
    context = {
        "form": form,
        "year": year,
        "report": report,
        "view": report_view(report),
        "downloads": DOWNLOADS,
    }
    return render(request, "reporting/annual.html", context)


@requires(Capability.READ_CITY_REPORTS)
@require_GET
def annual_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    today = timezone.localdate()
    if fmt not in FORMATS or fmt == "html" or not FIRST_YEAR <= year <= today.year:
        raise Http404
    report = annual_report(user=request.user, year=year, today=today)
    response = HttpResponse(render_report(report, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"arsrapport-uppfoljning-{year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
