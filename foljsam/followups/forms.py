"""The follow-up list's filter form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import FilterForm
from foljsam.followups.choices import Status
from foljsam.followups.selectors import OPEN, FollowUpFilters
from foljsam.registry.forms import contract_area_filter, organisation_filter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class FollowUpFilterForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    contract_area = contract_area_filter()
    organisation = organisation_filter(_("Performed by"))

    def __init__(
        self, data: Any = None, *, years: list[int], city_wide: bool, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        all_label: StrOrPromise = _("All")
        self.fields["year"].choices = [("", all_label), *((y, y) for y in years)]  # type: ignore[attr-defined]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", all_label),
            (OPEN, _("Not yet done")),
            *Status.choices,
        ]
        if not city_wide:
            # A district sees its own follow-ups: choosing a performer means nothing.
            del self.fields["organisation"]

    def filters(self) -> FollowUpFilters:
        return FollowUpFilters(
            q=self.text("q"),
            year=self.value("year") or None,
            status=self.text("status"),
            contract_area=self.pk("contract_area"),
            organisation=self.pk("organisation")
            if "organisation" in self.fields
            else None,
        )
