"""The admin: the managed list of categories, and a guarded view of the rest.

Templates are built in the editor; the admin is for system administrators'
corrections. A version that is no longer a draft is read-only here too (issue 4:
"editing a published version is refused, in the UI, in services and in the
admin"), and so are the frozen fields of a requirement a published version uses.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from foljsam.requirements.choices import VersionStatus
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)


@admin.register(RequirementCategory)
class RequirementCategoryAdmin(admin.ModelAdmin[RequirementCategory]):
    list_display = ["name", "code", "position"]


class RequirementAdminForm(forms.ModelForm[Requirement]):
    class Meta:
        model = Requirement
        fields = [
            "code",
            "title",
            "category",
            "source_kind",
            "source_reference",
            "text",
            "guidance",
            "contract_areas",
            "is_active",
        ]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for name in self.instance.frozen_changes():
            self.add_error(
                name,
                _(
                    "A published template version uses this requirement; this "
                    "field cannot change."
                ),
            )
        return cleaned


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin[Requirement]):
    form = RequirementAdminForm
    list_display = ["code", "title", "category", "source_kind", "is_active"]
    list_filter = ["category", "source_kind", "is_active"]
    search_fields = ["code", "title", "text"]


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin[Template]):
    list_display = ["name", "code", "purpose"]
    list_filter = ["purpose"]
    search_fields = ["code", "name"]


def _is_draft(version: TemplateVersion | None) -> bool:
    return version is None or version.status == VersionStatus.DRAFT


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin[TemplateVersion]):
    list_display = ["template", "number", "status", "published_at"]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "retired_at",
        "checksum",
        "copied_from",
    ]
    actions: list[Any] = []  # no bulk delete past the guard

    def has_change_permission(
        self, request: HttpRequest, obj: TemplateVersion | None = None
    ) -> bool:
        return super().has_change_permission(request, obj) and _is_draft(obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: TemplateVersion | None = None
    ) -> bool:
        return super().has_delete_permission(request, obj) and _is_draft(obj)


class _ContentAdmin[M: Section | Question](admin.ModelAdmin[M]):
    actions: list[Any] = []

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or _is_draft(obj.version))

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or _is_draft(obj.version))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Content is added in the editor, where a section or question lands in a
        # draft at its place; the admin only corrects.
        return False


@admin.register(Section)
class SectionAdmin(_ContentAdmin[Section]):
    list_display = ["title", "version", "position"]
    list_select_related = ["version__template"]
    readonly_fields = ["version", "uid"]


@admin.register(Question)
class QuestionAdmin(_ContentAdmin[Question]):
    list_display = ["text", "version", "answer_type", "requirement"]
    list_select_related = ["version__template", "requirement"]
    list_filter = ["answer_type", "respondent"]
    readonly_fields = ["version", "section", "uid"]
