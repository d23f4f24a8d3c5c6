"""Filter forms for the registry's lists (GET), and the import upload form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.core.forms import FilterForm
from foljsam.registry.choices import AgreementKind, Law, ProviderKind, Regime
from foljsam.registry.models import ContractArea
from foljsam.registry.responsibility_map import STATUS_LABELS, GapKind

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANY: list[tuple[str, StrOrPromise]] = [("", _("All"))]


def contract_area_filter() -> forms.ModelChoiceField[ContractArea]:
    """A filter's "contract area" choice, every list's the same."""
    return forms.ModelChoiceField(
        label=_("Contract area"),
        queryset=ContractArea.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )


def organisation_filter(
    label: StrOrPromise, kind: str | None = None
) -> forms.ModelChoiceField[Organisation]:
    queryset = Organisation.objects.order_by("name")
    if kind:
        queryset = queryset.filter(kind=kind)
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=_("All")
    )


class MapFilterForm(FilterForm):
    contract_area = contract_area_filter()
    responsible = organisation_filter(_("Responsible"))
    performer = organisation_filter(_("Performs"))
    district = organisation_filter(_("District"), OrganisationKind.DISTRICT_OFFICE)
    regime = forms.ChoiceField(
        label=_("Regime"), choices=[*ANY, *Regime.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[*ANY, *((k.value, v) for k, v in STATUS_LABELS.items())],
        required=False,
    )


class GapFilterForm(forms.Form):
    gap = forms.ChoiceField(
        label=_("Kind of gap"),
        choices=[*ANY, *((kind.value, kind.label) for kind in GapKind)],
        required=False,
    )

    def value(self) -> str:
        if self.is_bound and self.is_valid():
            return str(self.cleaned_data["gap"])
        return ""


class UnitFilterForm(FilterForm):
    district = organisation_filter(_("District"), OrganisationKind.DISTRICT_OFFICE)
    contract_area = contract_area_filter()
    regime = forms.ChoiceField(
        label=_("Regime"), choices=[*ANY, *Regime.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("active", _("Active")),
            ("closed", _("Closed or not yet open")),
            ("all", _("All")),
        ],
        required=False,
    )


class ProviderFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[*ANY, *ProviderKind.choices], required=False
    )
    contract_area = contract_area_filter()


class AgreementFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[*ANY, *AgreementKind.choices], required=False
    )
    contract_area = contract_area_filter()
    signed_by = organisation_filter(_("Signed by"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("valid", _("In force")),
            ("upcoming", _("Not yet in force")),
            ("ended", _("Ended")),
            ("all", _("All")),
        ],
        required=False,
    )


class ContractAreaFilterForm(FilterForm):
    law = forms.ChoiceField(
        label=_("Law"), choices=[*ANY, *Law.choices], required=False
    )


class OrganisationFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[*ANY, *OrganisationKind.choices], required=False
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    upload = MultipleFileField(
        label=_("Workbook or CSV files"),
        help_text=_(
            "One XLSX workbook with the sheets organisations, contract_areas, "
            "providers, units and agreements, or one or more CSV files named after "
            "them (units.csv and so on)."
        ),
        widget=MultipleFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_upload(self) -> list[UploadedFile[Any]]:
        files: list[UploadedFile[Any]] = self.cleaned_data["upload"]
        if not files:
            raise ValidationError(_("Choose a file to import."))
        for upload in files:
            name = (upload.name or "").lower()
            if not name.endswith((".xlsx", ".csv")):
                raise ValidationError(
                    _("%(name)s is neither an XLSX workbook nor a CSV file."),
                    params={"name": upload.name},
                )
        total = sum(upload.size or 0 for upload in files)
        if total > settings.FOLJSAM_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The files are larger than %(mb)d MB together."),
                params={"mb": settings.FOLJSAM_IMPORT_MAX_BYTES // (1024 * 1024)},
            )
        return files
