"""Forms of the register: the list's filters, a signal, and the import upload.
They parse what the user wrote; the services decide and write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.accounts.models import Organisation, User
from foljsam.complaints.choices import SignalSource, SignalStatus
from foljsam.complaints.models import SUMMARY_MAX_LENGTH, Signal, SignalCategory
from foljsam.complaints.selectors import signal_providers
from foljsam.core.forms import FilterForm
from foljsam.registry.forms import contract_area_filter
from foljsam.registry.models import ContractArea, Provider, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANY: list[tuple[str, StrOrPromise]] = [("", _("All"))]
HANDLING_NOTE_MAX_LENGTH = 10_000
# Where a service's refusal on a model field is shown in the form.
FORM_FIELD = {"unit": "unit_id"}


class SignalFilterForm(FilterForm):
    source = forms.ChoiceField(
        label=_("Source"), choices=[*ANY, *SignalSource.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Handling status"),
        choices=[*ANY, *SignalStatus.choices],
        required=False,
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=SignalCategory.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    contract_area = contract_area_filter()
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    year = forms.IntegerField(
        label=_("Year received"), min_value=1990, max_value=2100, required=False
    )

    def __init__(self, data: Any = None, *, user: Viewer, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        providers = cast(forms.ModelChoiceField[Provider], self.fields["provider"])
        providers.queryset = signal_providers(user=user)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SignalForm(forms.Form):
    """A signal as the user writes it. The unit is given by its id rather than
    chosen from a list: a city has thousands of units, and a list that long is of
    no use to anyone, with a keyboard or without."""

    reference = forms.CharField(
        label=_("Reference"),
        max_length=60,
        required=False,
        help_text=_(
            "The case number (diarienummer). Leave it empty and the register gives "
            "the signal a number of its own, such as SIG-2026-0001."
        ),
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    source = forms.ChoiceField(label=_("Source"), choices=SignalSource.choices)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=SignalCategory.objects.all()
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Provider.objects.none()
    )
    unit_id = forms.CharField(
        label=_("Unit id"),
        max_length=50,
        required=False,
        help_text=_(
            "If the signal is about one of the provider's units: the unit's id as "
            "in the registry (shown on the unit's page). Leave it empty when it "
            "concerns the provider as a whole."
        ),
    )
    contract_area = forms.ModelChoiceField(
        label=_("Contract area"),
        queryset=ContractArea.objects.order_by("name"),
        required=False,
        empty_label=_("Every contract area"),
        help_text=_("Empty when it concerns every contract area of the provider."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What the signal is about, in a few sentences about the organisation. "
            "Never names, personal identity numbers or other personal data about "
            "care users."
        ),
    )
    status = forms.ChoiceField(
        label=_("Handling status"),
        choices=SignalStatus.choices,
        initial=SignalStatus.RECEIVED,
    )
    closed_on = forms.DateField(
        label=_("Closed on"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the status is closed or dismissed."),
    )
    handling_note = forms.CharField(
        label=_("Handling"),
        max_length=HANDLING_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done about it. Never personal data about care users."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Recorded by organisation"),
        queryset=Organisation.objects.order_by("name"),
        help_text=_(
            "The organisation whose signal this is: it and the central office see it."
        ),
    )

    def __init__(
        self, data: Any = None, *, user: User, instance: Signal | None = None
    ) -> None:
        initial: dict[str, Any] = {}
        if instance is not None:
            initial = {
                "reference": instance.reference,
                "received_on": instance.received_on,
                "source": instance.source,
                "category": instance.category_id,
                "provider": instance.provider_id,
                "unit_id": instance.unit.external_id if instance.unit else "",
                "contract_area": instance.contract_area_id,
                "summary": instance.summary,
                "status": instance.status,
                "closed_on": instance.closed_on,
                "handling_note": instance.handling_note,
                "organisation": instance.organisation_id,
            }
        else:
            initial = {"organisation": user.organisation_id}
        super().__init__(data, initial=initial)
        self.user = user
        self.instance = instance
        providers = cast(forms.ModelChoiceField[Provider], self.fields["provider"])
        providers.queryset = Provider.objects.visible_to(user).order_by("name")
        if instance is not None:
            self.fields["reference"].required = True
            self.fields["reference"].help_text = _("The case number (diarienummer).")
        if not can(user, Capability.READ_ALL_SIGNALS):
            # A district office records its own signals only.
            del self.fields["organisation"]

    def clean_unit_id(self) -> Unit | None:
        given = " ".join(str(self.cleaned_data.get("unit_id") or "").split())
        if not given:
            return None
        unit = (
            Unit.objects.visible_to(self.user)
            .select_related("provider")
            .filter(external_id=given)
            .first()
        )
        if unit is None:
            raise ValidationError(
                _("No unit in the registry has the id '%(value)s'."),
                params={"value": given},
            )
        return unit

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        unit = self.cleaned_data.get("unit_id")
        provider = self.cleaned_data.get("provider")
        if (
            unit is not None
            and provider is not None
            and unit.provider_id != provider.pk
        ):
            self.add_error(
                "unit_id",
                ValidationError(
                    _("The unit %(unit)s belongs to another provider, %(provider)s."),
                    params={"unit": unit.external_id, "provider": unit.provider.name},
                ),
            )
        return cleaned

    def values(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data["unit"] = data.pop("unit_id")
        return data


class SignalImportForm(forms.Form):
    upload = forms.FileField(
        label=_("CSV file or workbook"),
        help_text=_(
            "One CSV file, or an XLSX workbook with a sheet named signals "
            "(or signaler)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_upload(self) -> UploadedFile[Any]:
        upload: UploadedFile[Any] = self.cleaned_data["upload"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise ValidationError(
                _("%(name)s is neither an XLSX workbook nor a CSV file."),
                params={"name": upload.name},
            )
        if (upload.size or 0) > settings.FOLJSAM_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB."),
                params={"mb": settings.FOLJSAM_IMPORT_MAX_BYTES // (1024 * 1024)},
            )
        return upload
