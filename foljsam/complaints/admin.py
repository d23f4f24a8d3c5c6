"""The admin: the managed list of signal categories, and the signals for a system
administrator's corrections (they are recorded and changed on the register's own
pages, which check the register's rules; the model's checks apply here too)."""

from __future__ import annotations

from django.contrib import admin

from foljsam.complaints.models import Signal, SignalCategory


@admin.register(SignalCategory)
class SignalCategoryAdmin(admin.ModelAdmin[SignalCategory]):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin[Signal]):
    list_display = [
        "reference",
        "received_on",
        "provider",
        "source",
        "category",
        "status",
        "organisation",
    ]
    list_filter = ["source", "status", "category", "organisation"]
    list_select_related = ["provider", "category", "organisation"]
    search_fields = ["reference", "provider__name", "unit__external_id"]
    date_hierarchy = "received_on"
    raw_id_fields = ["provider", "unit"]
    readonly_fields = ["recorded_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["reference", "received_on", "source", "category"]}),
        (None, {"fields": ["provider", "unit", "contract_area"]}),
        (None, {"fields": ["summary", "status", "closed_on", "handling_note"]}),
        (
            None,
            {"fields": ["organisation", "recorded_by", "created_at", "updated_at"]},
        ),
    ]
