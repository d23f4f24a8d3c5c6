"""Forms of the office's screening pages. They parse what the user wrote; the
services decide what is allowed (the population, the template, the dates) and
say what is wrong, keyed by these forms' field names."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation
from foljsam.core.forms import FilterForm
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.registry.models import ContractArea
from foljsam.requirements.models import TemplateVersion
from foljsam.screening import services
from foljsam.screening.choices import (
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Population,
    RespondentState,
)
from foljsam.screening.models import Campaign
from foljsam.screening.selectors import OVERDUE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class CampaignFilterForm(FilterForm):
    """The list's search, on the campaign's name."""

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["q"].label = _("Campaign name")


def state_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("All")),
        *RespondentState.choices,
        (OVERDUE, _("Overdue: not answered by the date")),
    ]


class RespondentFilterForm(FilterForm):
    """The campaign page's list of providers: where each stands, and a search on
    name, organisation number or address."""

    state = forms.ChoiceField(label=_("State"), required=False, choices=state_choices)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["q"].label = _("Provider, organisation number or e-mail")


def version_label(version: TemplateVersion) -> str:
    return str(_("%(template)s, version %(number)d")) % {
        "template": version.template.name,
        "number": version.number,
    }


class AreaChoiceField(forms.ModelMultipleChoiceField[ContractArea]):
    def label_from_instance(self, obj: ContractArea) -> str:
        return f"{obj.name} ({obj.code})"


class CampaignForm(forms.Form):
    """A draft campaign: what it asks, whom, by when, and the message."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            "Shown to the providers, e.g. “Screening of substance abuse 2026”."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The year whose annual report counts the campaign."),
    )
    template_version = forms.TypedChoiceField(
        label=_("Screening template"),
        coerce=int,
        empty_value=None,
        help_text=_("A published template whose purpose is screening."),
    )
    population = forms.ChoiceField(
        label=_("Whom the campaign asks"),
        choices=Population.choices,
        widget=forms.RadioSelect,
        initial=Population.AREAS,
    )
    contract_areas = AreaChoiceField(
        label=_("Contract areas"),
        queryset=ContractArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every agreement in force in these areas, when the campaign asks by "
            "contract area."
        ),
    )
    picked = forms.CharField(
        label=_("Hand-picked agreements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "The agreements' references, one per line, when the campaign asks a "
            "hand-picked list."
        ),
    )
    deadline = forms.DateField(label=_("Answer by"), widget=DateInput())
    message = forms.CharField(
        label=_("Message to the providers"),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        published = services.screening_versions()
        versions = cast(forms.TypedChoiceField, self.fields["template_version"])
        versions.choices = [
            ("", _("Choose a template")),
            *((v.pk, version_label(v)) for v in published),
        ]
        if len(published) == 1:
            self.fields["template_version"].initial = published[0].pk
        areas = cast(AreaChoiceField, self.fields["contract_areas"])
        areas.queryset = ContractArea.objects.order_by("name")
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = timezone.localdate().year

    @classmethod
    def for_campaign(cls, campaign: Campaign) -> CampaignForm:
        picked = campaign.picked_agreements.order_by("reference").values_list(
            "reference", flat=True
        )
        return cls(
            initial={
                "name": campaign.name,
                "year": campaign.year,
                "template_version": campaign.template_version_id,
                "population": campaign.population,
                "contract_areas": [a.pk for a in campaign.contract_areas.all()],
                "picked": "\n".join(picked),
                "deadline": campaign.deadline,
                "message": campaign.message,
            }
        )

    def given(self) -> services.CampaignInput:
        data = self.cleaned_data
        return services.CampaignInput(
            name=data["name"],
            year=data["year"],
            template_version_id=data["template_version"],
            population=data["population"],
            contract_area_ids=[a.pk for a in data["contract_areas"]],
            picked=data["picked"],
            deadline=data["deadline"],
            message=data["message"],
        )


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class TriageForm(forms.Form):
    """The providers chosen for site visits (checkboxes in the triage table) and
    the organisation for units that the rules cannot place."""

    respondents = forms.TypedMultipleChoiceField(
        label=_("Providers chosen for a site visit"), coerce=int, required=False
    )
    fallback_organisation = OrganisationChoiceField(
        label=_("Organisation for units the rules cannot place"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None: tell me instead"),
        help_text=_(
            "Used only for a unit whose responsibility rules name no performer, "
            "or whose performer has no room left this year."
        ),
    )

    def __init__(
        self, data: Any = None, *, choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        cast(
            forms.TypedMultipleChoiceField, self.fields["respondents"]
        ).choices = choices
        cast(
            OrganisationChoiceField, self.fields["fallback_organisation"]
        ).queryset = Organisation.objects.order_by("name")
