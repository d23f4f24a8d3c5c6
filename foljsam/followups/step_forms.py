"""The forms of the follow-up's steps (issue 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.followups.choices import CancelReason, Method, Participant


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PrepareForm(forms.Form):
    documents_requested_on = forms.DateField(
        label=_("Documents requested on"),
        widget=DateInput(),
        help_text=_("Routines, staff lists and permits asked for in advance."),
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods"),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    visit_planned_on = forms.DateField(
        label=_("Visit planned for"), widget=DateInput(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents_requested_on"].initial = timezone.localdate()


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visit date"), widget=DateInput())
    participants = forms.MultipleChoiceField(
        label=_("Who took part"),
        help_text=_("Roles only: never names of care users."),
        choices=Participant.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    methods = forms.MultipleChoiceField(
        label=_("Methods"),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class CancelForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("- Choose -")), *CancelReason.choices]
    )
    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
