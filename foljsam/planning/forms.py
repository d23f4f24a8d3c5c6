"""Forms of planning: the plan and its entries, the calendar, capacities, a new
selection run, the coordinator's changes, and the candidate list's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation, User
from foljsam.core.forms import FilterForm
from foljsam.planning.allocation import Options
from foljsam.planning.choices import Picked, Placement
from foljsam.planning.models import Plan, PlanEntry
from foljsam.planning.risk import Weights
from foljsam.registry.forms import contract_area_filter, organisation_filter
from foljsam.registry.models import ContractArea

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PERSONAL_DATA = _(
    "About organisations only: never names, personal identity numbers or other "
    "personal data about care users."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanForm(forms.ModelForm[Plan]):
    class Meta:
        model = Plan
        fields = [
            "name",
            "first_year",
            "last_year",
            "reference",
            "decided_on",
            "summary",
        ]
        widgets = {
            "decided_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"summary": PERSONAL_DATA}

    def clean(self) -> dict[str, Any]:
        """The years on the last year's field, where the user corrects them (the
        model's constraint alone would name no field)."""
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first is not None and last is not None and not first <= last <= first + 4:
            self.add_error(
                "last_year",
                _(
                    "A plan runs from its first year to a last year at most four "
                    "years later."
                ),
            )
        return cleaned


class PlanEntryForm(forms.ModelForm[PlanEntry]):
    class Meta:
        model = PlanEntry
        fields = [
            "year",
            "contract_area",
            "method",
            "scope",
            "target_count",
            "lead",
            "rationale",
        ]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "rationale": _(
                "Why the area is prioritised this year: how long since it was "
                "followed up, new agreements, signals. About organisations only: "
                "never personal data about care users."
            )
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            coerce=int,
            choices=[(y, y) for y in plan.years],
        )
        self.fields["contract_area"].queryset = ContractArea.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["contract_area"].empty_label = _("Choose a contract area")  # type: ignore[attr-defined]


class CalendarForm(forms.Form):
    send_out_by = forms.DateField(
        label=_("Templates sent out to the districts by"), widget=DateInput()
    )
    done_by = forms.DateField(
        label=_("Follow-ups done and protocols sent in by"), widget=DateInput()
    )
    report_by = forms.DateField(
        label=_("Annual report to the committee by"), widget=DateInput()
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        send, done, report = (
            cleaned.get("send_out_by"),
            cleaned.get("done_by"),
            cleaned.get("report_by"),
        )
        if send and done and done < send:
            self.add_error("done_by", _("The follow-ups are done after sending out."))
        if done and report and report < done:
            self.add_error("report_by", _("The report comes after the follow-ups."))
        return cleaned


class CapacityForm(forms.Form):
    min_per_year = forms.IntegerField(
        label=_("At least per year"), min_value=0, max_value=1000
    )
    max_per_year = forms.IntegerField(
        label=_("At most per year"),
        min_value=0,
        max_value=1000,
        required=False,
        help_text=_("Empty: no limit."),
    )
    contact_persons = forms.ModelMultipleChoiceField(
        label=_("Contact persons"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Told by e-mail when the year's follow-ups are published. Without any, "
            "the organisation's follow-up officers are told."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_persons"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation, is_active=True
        ).order_by("first_name", "last_name", "username")
        self.fields["contact_persons"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: (
                f"{u.get_full_name() or u.username} <{u.email}>"
                if u.email
                else u.get_full_name() or u.username
            )
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_per_year"), cleaned.get("max_per_year")
        if low is not None and high is not None and high < low:
            self.add_error("max_per_year", _("The most cannot be below the least."))
        return cleaned


# The weights the coordinator may change, with their labels, in the form's order.
WEIGHT_LABELS: dict[str, StrOrPromise] = {
    "overdue_year": _("Per year overdue"),
    "due_this_year": _("Due within its cycle this year"),
    "never_followed_up": _("Never followed up"),
    "signal_recent": _("Per signal in the last 12 months"),
    "signal_older": _("Per signal 12 to 24 months ago"),
    "placement": _("Per placement"),
    "placement_cap": _("Placements counted, at most"),
    "outcome_after_complement": _("Last result: complied after complement"),
    "outcome_minor_remain": _("Last result: minor deficiencies remained"),
    "outcome_not_comply": _("Last result: did not comply"),
    "open_deficiency": _("Per open deficiency"),
    "new_agreement": _("New agreement"),
    "financial_flag": _("Per financial-check flag"),
    "plan_priority": _("The plan prioritises the area"),
    "threshold": _("Selected on risk from this score"),
}


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    as_of = forms.DateField(
        label=_("The registry and signals as of"),
        widget=DateInput(),
        help_text=_("Usually today. An earlier day lets a past year be run again."),
    )
    avoid_own = forms.BooleanField(
        label=_("No district follows up a unit it runs itself"), required=False
    )
    central_keeps_lou = forms.BooleanField(
        label=_("The central office keeps the LOU agreements"),
        required=False,
        initial=True,
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_(
            "Orders equal risks. Empty: a new one. The same seed and inputs give the "
            "same selection."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PERSONAL_DATA,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        defaults = Weights()
        for field in fields(Weights):
            self.fields[f"w_{field.name}"] = (
                forms.IntegerField(min_value=0, max_value=1000)
                if field.name == "placement_cap"
                else forms.FloatField(min_value=0, max_value=1000)
            )
            self.fields[f"w_{field.name}"].label = WEIGHT_LABELS[field.name]
            self.fields[f"w_{field.name}"].initial = getattr(defaults, field.name)

    @staticmethod
    def initial_from(
        parameters: dict[str, Any] | None, year: int, as_of: dt.date
    ) -> dict[str, Any]:
        """Start from the last run's weights and options, so that a change the
        coordinator made once stays made."""
        initial: dict[str, Any] = {
            "year": year,
            "as_of": as_of,
            "central_keeps_lou": True,
        }
        if parameters:
            weights = Weights.from_dict(parameters.get("weights", {}))
            initial.update(
                {f"w_{f.name}": getattr(weights, f.name) for f in fields(Weights)}
            )
            initial.update(parameters.get("options", {}))
        return initial

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"w_{f.name}"] for f in fields(Weights)]

    def weights(self) -> Weights:
        return Weights.from_dict(
            {f.name: self.cleaned_data[f"w_{f.name}"] for f in fields(Weights)}
        )

    def options(self) -> Options:
        return Options(
            avoid_own=self.cleaned_data["avoid_own"],
            central_keeps_lou=self.cleaned_data["central_keeps_lou"],
        )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=PERSONAL_DATA,
    )

    def clean_note(self) -> str:
        note = str(self.cleaned_data["note"]).strip()
        if not note:
            raise ValidationError(_("Say why, in a few words."))
        return note


class ReassignForm(NoteForm):
    organisation = forms.ModelChoiceField(
        label=_("Performed by"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=None,
    )

    field_order = ["organisation", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The candidate page shows this form beside a NoteForm: ids of their own,
        # so that each label names its own field.
        kwargs.setdefault("auto_id", "id_reassign_%s")
        super().__init__(*args, **kwargs)


class CandidateFilterForm(FilterForm):
    selected = forms.ChoiceField(
        label=_("In the selection"),
        required=False,
        choices=[("", _("All")), ("yes", _("Selected")), ("no", _("Not selected"))],
    )
    picked = forms.ChoiceField(
        label=_("Why"), required=False, choices=[("", _("All")), *Picked.choices]
    )
    contract_area = contract_area_filter()
    organisation = organisation_filter(_("Performed by"))
    placement = forms.ChoiceField(
        label=_("Allocation"),
        required=False,
        choices=[("", _("All")), *Placement.choices],
    )
