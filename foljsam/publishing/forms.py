from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import FilterForm
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.publishing.choices import SUMMARY_MAX_LENGTH


class PublicationFilterForm(FilterForm):
    """The list's search (unit or provider), within the chosen tab."""

    status = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["q"].label = _("Unit or provider")


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Public summary (Swedish)"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain Swedish for citizens choosing a provider: how the unit was "
            "followed up and how it went. Anyone can read it. Never names of staff "
            "or care users, never personal data."
        ),
    )
    summary_en = forms.CharField(
        label=_("Public summary (English, optional)"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the English pages; the Swedish one is shown if empty."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, data: Any = None, *, prefix: str, label: str) -> None:
        super().__init__(data, prefix=prefix)
        self.fields["reason"].label = label
