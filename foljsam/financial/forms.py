"""Forms of the financial check: the list's filter, starting a check, and
recording one item. They parse what the user wrote; the services decide and
write."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.core import files
from foljsam.core.forms import FilterForm
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.financial.choices import SOURCE_MAX_LENGTH, SUGGESTED_SOURCE, Result
from foljsam.financial.models import CheckItem
from foljsam.financial.selectors import check_providers
from foljsam.financial.services import NOTE_MAX_LENGTH
from foljsam.followups.choices import OPEN_STATUSES
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class CheckFilterForm(FilterForm):
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, data: Any = None, *, user: Viewer, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        providers = cast(forms.ModelChoiceField[Provider], self.fields["provider"])
        providers.queryset = check_providers(user=user)


class FollowUpChoiceField(forms.ModelChoiceField[FollowUp]):
    def label_from_instance(self, obj: FollowUp) -> str:
        return f"{obj.unit.name}, {obj.contract_area.name} {obj.year} ({obj.provider})"


class CheckStartForm(forms.Form):
    """A new check: the provider and the day, and the follow-up it is made for.
    The central office may check any provider (a screening); a district office
    checks for one of its own follow-ups, chosen from a list of those still open."""

    followup = FollowUpChoiceField(
        label=_("Follow-up"),
        queryset=FollowUp.objects.none(),
        required=False,
        empty_label=_("Choose a follow-up"),
        help_text=_("The follow-up the check is made for."),
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("The follow-up's provider"),
        help_text=_("Leave it as it is to check the follow-up's provider."),
    )
    checked_on = forms.DateField(label=_("Date of the check"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )

    def __init__(
        self, data: Any = None, *, user: Viewer, followup: FollowUp | None = None
    ) -> None:
        initial: dict[str, Any] = {"checked_on": timezone.localdate()}
        if followup is not None:
            initial |= {"followup": followup.pk, "provider": followup.provider_id}
        super().__init__(data, initial=initial)
        self.city_wide = can(user, Capability.READ_ALL_FOLLOWUPS)
        self.preselected = followup
        providers = cast(forms.ModelChoiceField[Provider], self.fields["provider"])
        providers.queryset = Provider.objects.visible_to(user).order_by("name")
        field = cast(FollowUpChoiceField, self.fields["followup"])
        visible = FollowUp.objects.visible_to(user).select_related(
            "unit", "contract_area", "provider"
        )
        if self.city_wide:
            # Every follow-up of the city is too long a list: the central office
            # comes from the follow-up's page, or checks a provider directly.
            field.queryset = visible
            field.widget = forms.HiddenInput()
            providers.required = True
            providers.empty_label = _("Choose a provider")
            providers.help_text = ""
        else:
            condition = Q(status__in=sorted(OPEN_STATUSES))
            if followup is not None:
                condition |= Q(pk=followup.pk)
            shown = visible.filter(condition)
            field.queryset = shown.order_by("-year", "unit__name", "pk")
            field.required = True

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        followup = self.cleaned_data.get("followup")
        if self.cleaned_data.get("provider") is None and followup is not None:
            self.cleaned_data["provider"] = followup.provider
        elif self.cleaned_data.get("provider") is None and "provider" not in (
            self.errors
        ):
            self.add_error("provider", _("Choose a provider."))
        return cleaned


class CheckItemForm(forms.Form):
    """One item as the officer records it; ``prefix`` is the item, so that the
    eight forms of a check's page have ids of their own."""

    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    source = forms.CharField(
        label=_("Source"),
        max_length=SOURCE_MAX_LENGTH,
        required=False,
        help_text=_(
            "Where it was looked up, for example UC, Skatteverket, Bolagsverket "
            "or Kapitel 13."
        ),
    )
    checked_on = forms.DateField(
        label=_("Date checked"), required=False, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": files.ACCEPT}),
    )

    def __init__(
        self,
        data: Any = None,
        files_: Any = None,
        *,
        item: CheckItem,
        default_date: dt.date | None = None,
    ) -> None:
        initial = {
            "result": item.result,
            "source": item.source or SUGGESTED_SOURCE.get(item.item, ""),
            "checked_on": item.checked_on or default_date or timezone.localdate(),
            "note": item.note,
        }
        super().__init__(data, files_, initial=initial, prefix=item.item)
        self.item = item
        self.fields["evidence"].help_text = files.limits_text()
        if item.evidence_id is not None:
            replaces = _("A new file replaces the one kept now.")
            self.fields["evidence"].help_text = f"{replaces} {files.limits_text()}"

    def clean_evidence(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence")
        if upload:
            try:
                files.check_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return upload or None

    def values(self) -> dict[str, Any]:
        """The cleaned data as ``check_item_record`` takes it."""
        data = dict(self.cleaned_data)
        return {
            "result": data["result"],
            "source": data.get("source") or "",
            "checked_on": data.get("checked_on"),
            "note": data.get("note") or "",
            "evidence_upload": data.get("evidence"),
        }
