"""The public search's form (issue 8): a GET form whose choices are only what
has a published result (``public.search_choices``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import FilterForm
from foljsam.publishing.public import SearchChoices, SearchFilters


def _choice(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, required=False, empty_value=None
    )


class PublicSearchForm(FilterForm):
    contract_area = _choice(_("Contract area"))
    district = _choice(_("District"))
    # No list (a city buys from thousands): set by the link on a unit's page.
    provider = forms.IntegerField(
        label=_("Provider"), required=False, min_value=1, widget=forms.HiddenInput
    )

    def __init__(self, data: Any = None, *, choices: SearchChoices) -> None:
        super().__init__(data)
        self.fields["q"].label = _("Unit or provider name")
        every = [("", _("All"))]
        for name, found in (
            ("contract_area", choices.contract_areas),
            ("district", choices.districts),
        ):
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField):
                field.choices = [*every, *found]

    def filters(self) -> SearchFilters:
        """The search's filters: what is invalid is left out (and shown on its
        field)."""
        return SearchFilters(
            q=self.text("q").strip(),
            contract_area=self.value("contract_area"),
            district=self.value("district"),
            provider=self.value("provider"),
        )
