"""The forms of the deficiencies tab (issue 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from foljsam.core.forms import MultipleFileField
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.findings.choices import ActionKind, Severity
from foljsam.findings.measures import default_due_on
from foljsam.findings.models import Deficiency
from foljsam.followups.choices import Outcome, outcome_label
from foljsam.followups.step_forms import DateInput
from foljsam.requirements.models import Requirement, RequirementCategory

CHOOSE = ("", _("- Choose -"))


def _text(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=NO_PERSONAL_DATA,
    )


class DeficiencyForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=RequirementCategory.objects.order_by("position", "name"),
        empty_label=_("- Choose -"),
    )
    requirement = forms.ModelChoiceField(
        label=_("Requirement"),
        queryset=Requirement.objects.filter(is_active=True).order_by("code"),
        required=False,
        empty_label=_("- None -"),
        help_text=_("The requirement that is not met, if it is in the catalogue."),
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description = _text(_("What is missing or wrong"))


class ConfirmForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    description = _text(_("What is missing or wrong"), required=False, rows=2)


class ComplementRequestForm(forms.Form):
    deficiencies = forms.ModelMultipleChoiceField(
        label=_("Deficiencies to complement"),
        queryset=Deficiency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(
        label=_("Deadline"),
        widget=DateInput(),
        help_text=_("30 days from today unless you choose otherwise."),
    )
    note = _text(_("Message to the provider"), required=False)

    def __init__(self, *args: Any, open_deficiencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deficiencies"]
        field.queryset = open_deficiencies  # type: ignore[attr-defined]
        field.label_from_instance = lambda d: f"{d.category.name}: {d.description[:80]}"  # type: ignore[attr-defined]
        self.fields["due_on"].initial = default_due_on()


class ComplementReceiveForm(forms.Form):
    note = _text(_("What the provider sent or did"), required=False)
    attachments = MultipleFileField(label=_("Files"))


DECISIONS = [
    ("approve", _("Approve: the deficiency is resolved")),
    ("reject", _("Reject: not enough")),
]


class ComplementDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect
    )
    note = _text(_("Why"), required=False, rows=2)
    new_due_on = forms.DateField(
        label=_("New deadline, if the provider may try again"),
        widget=DateInput(),
        required=False,
    )


class RevisitPlanForm(forms.Form):
    on = forms.DateField(label=_("Revisit on"), widget=DateInput())
    note = _text(_("Note"), required=False, rows=2)


class RevisitDoneForm(forms.Form):
    on = forms.DateField(label=_("Revisited on"), widget=DateInput())
    resolved = forms.BooleanField(
        label=_("The deficiency is put right"), required=False
    )
    note = _text(_("Note"), required=False, rows=2)


class EscalateForm(forms.Form):
    note = _text(_("Why it may be a breach of contract"))


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    reason = _text(
        _("Reason, if you choose another outcome than the proposed one"),
        required=False,
    )

    def __init__(self, *args: Any, regime: str, proposal: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [  # type: ignore[attr-defined]
            (
                value,
                gettext("%(outcome)s (proposed)")
                % {"outcome": outcome_label(value, regime)}
                if value == proposal
                else outcome_label(value, regime),
            )
            for value in Outcome.values
        ]
        self.fields["outcome"].initial = proposal


class ContractActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=[CHOOSE, *ActionKind.choices])
    reasons = _text(_("Grounds"))
    deficiencies = forms.ModelMultipleChoiceField(
        label=_("Deficiencies concerned"),
        queryset=Deficiency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_on = forms.DateField(
        label=_("To be put right by (correction request)"),
        widget=DateInput(),
        required=False,
    )
    amount = forms.DecimalField(
        label=_("Amount in SEK (penalty)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    effective_on = forms.DateField(
        label=_("The agreement ends on (termination or notice)"),
        widget=DateInput(),
        required=False,
    )

    def __init__(self, *args: Any, deficiencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["deficiencies"]
        field.queryset = deficiencies  # type: ignore[attr-defined]
        field.label_from_instance = lambda d: f"{d.category.name}: {d.description[:80]}"  # type: ignore[attr-defined]
