"""The filter forms of the city's dashboards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import FilterForm
from foljsam.registry.forms import contract_area_filter, organisation_filter


class YearForm(FilterForm):
    """The dashboard's year, for the follow-ups by status (this year unless
    another is chosen)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, data: Any = None, *, years: list[int], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        del self.fields["q"]
        self.fields["year"].choices = [(y, y) for y in years]  # type: ignore[attr-defined]


class OverdueUnitsForm(FilterForm):
    contract_area = contract_area_filter()
    organisation = organisation_filter(_("Responsible"))


class OverdueDeficienciesForm(FilterForm):
    contract_area = contract_area_filter()
    organisation = organisation_filter(_("Performed by"))

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        del self.fields["q"]
