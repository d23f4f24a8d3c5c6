"""Administration of reference data: the responsibility rules above all, and the
registry rows for one-off corrections (bulk changes go through the import)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    OperatingArea,
    Provider,
    ResponsibilityRule,
    Unit,
)


@admin.register(ResponsibilityRule)
class ResponsibilityRuleAdmin(admin.ModelAdmin[ResponsibilityRule]):
    list_display = [
        "__str__",
        "responsible",
        "responsible_organisation",
        "performer",
        "performer_organisation",
        "is_active",
    ]
    list_filter = ["is_active", "agreement_kind", "regime", "operator_kind"]
    list_select_related = [
        "contract_area",
        "responsible_organisation",
        "performer_organisation",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["agreement_kind", "regime", "operator_kind", "contract_area"]},
        ),
        (
            None,
            {
                "fields": [
                    "responsible",
                    "responsible_organisation",
                    "performer",
                    "performer_organisation",
                ]
            },
        ),
        (None, {"fields": ["is_active", "note"]}),
    ]


@admin.register(OperatingArea)
class OperatingAreaAdmin(admin.ModelAdmin[OperatingArea]):
    list_display = ["name", "code", "position"]


@admin.register(ContractArea)
class ContractAreaAdmin(admin.ModelAdmin[ContractArea]):
    list_display = [
        "name",
        "code",
        "law",
        "legal_reference",
        "cycle_years",
        "address_protected",
    ]
    list_filter = ["law", "operating_area", "address_protected"]
    search_fields = ["name", "code"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin[Provider]):
    list_display = ["name", "org_number", "kind", "contact_email"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number", "contact_email"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "external_id", "provider", "district", "closed_on"]
    list_filter = ["district"]
    list_select_related = ["provider", "district"]
    search_fields = ["name", "external_id", "provider__name"]
    raw_id_fields = ["provider"]


class CoverageInline(admin.StackedInline[Coverage, Agreement]):
    """The agreement's units, one row each, so that every change has history.
    Stacked, not tabular: a tabular inline's fields have no labels (axe-core).
    Bulk changes to coverage go through the import."""

    model = Coverage
    extra = 0
    raw_id_fields = ["unit"]
    verbose_name = _("unit covered")
    verbose_name_plural = _("units covered")


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin[Agreement]):
    list_display = ["reference", "provider", "contract_area", "kind", "valid_from"]
    list_filter = ["kind", "contract_area"]
    list_select_related = ["provider", "contract_area"]
    search_fields = ["reference", "provider__name"]
    raw_id_fields = ["provider"]
    inlines = [CoverageInline]
