"""The templates' pages: list, detail with versions, create, import, compare,
history, and the version actions (publish, retire, copy, delete, export).

The editor of a draft's sections and questions is in ``editor_views``.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, can, requires
from foljsam.core.exports import CONTENT_TYPES
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.core.timeline import Related, timeline
from foljsam.requirements import selectors
from foljsam.requirements.checks import Severity, check_version
from foljsam.requirements.diff import diff_versions
from foljsam.requirements.documents import template_docx, template_xlsx
from foljsam.requirements.editor_views import refuse_frozen
from foljsam.requirements.exchange import template_to_json
from foljsam.requirements.forms import (
    CompareForm,
    TemplateFilterForm,
    TemplateForm,
    TemplateImportForm,
    VersionNoteForm,
)
from foljsam.requirements.importing import parse_template_file, template_import
from foljsam.requirements.models import TemplateVersion
from foljsam.requirements.services import (
    template_create,
    template_update,
    version_copy,
    version_delete_draft,
    version_publish,
    version_retire,
    version_update_note,
)

READ = Capability.READ_TEMPLATES
BUILD = Capability.MANAGE_TEMPLATES

EXPORT_TYPES = {
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": CONTENT_TYPES["xlsx"],
}


@requires(READ)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    form = TemplateFilterForm(request.GET)
    rows = selectors.template_list(
        user=request.user,
        filters=selectors.TemplateFilters(
            q=form.text("q"),
            purpose=form.text("purpose"),
            contract_area=form.pk("contract_area"),
        ),
    )
    context = {"title": _("Templates"), "form": form, **paginate(request, rows)}
    return render(request, "requirements/template_list.html", context)


@requires(READ)
@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_detail(user=request.user, pk=pk)
    versions = list(template.versions.all())
    context = {
        "template": template,
        "versions": versions,
        "has_draft": any(v.is_draft for v in versions),
        "compare_form": CompareForm(
            versions=template.versions.all(),
            initial={
                "old": versions[1].pk if len(versions) > 1 else None,
                "new": versions[0].pk if versions else None,
            },
        ),
    }
    return render(request, "requirements/template_detail.html", context)


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def template_create_view(request: HttpRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = template_create(
                actor=request.user,  # type: ignore[arg-type]
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                purpose=form.cleaned_data["purpose"],
                description=form.cleaned_data["description"],
                contract_areas=form.cleaned_data["contract_areas"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The template is created. Add its first section.")
            )
            return redirect("requirements:version_detail", pk=version.pk)
    return render(
        request,
        "requirements/simple_form.html",
        {
            "form": form,
            "title": _("New template"),
            "submit": _("Create the template"),
            "cancel_url": reverse("requirements:template_list"),
        },
    )


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_detail(user=request.user, pk=pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            template_update(
                actor=request.user,  # type: ignore[arg-type]
                template=form.save(commit=False),
                contract_areas=form.cleaned_data["contract_areas"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("requirements:template_detail", pk=pk)
    return render(
        request,
        "requirements/simple_form.html",
        {
            "form": form,
            "title": _("Change template %(name)s") % {"name": template.name},
            "submit": _("Save"),
            "cancel_url": reverse("requirements:template_detail", args=[pk]),
        },
    )


@requires(Capability.VIEW_HISTORY)
@require_GET
def template_history(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_detail(user=request.user, pk=pk)
    versions = Related(
        TemplateVersion.history.filter(template_id=pk),
        lambda row: (
            _("Version %(n)d: %(status)s")
            % {"n": row.number, "status": row.get_status_display()}
        ),
    )
    context = {
        "object": template,
        "title": str(template),
        "detail_url": reverse("requirements:template_detail", args=[pk]),
        **paginate(request, timeline(template, [versions])),
    }
    return render(request, "core/history.html", context)


@requires(READ)
@require_GET
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_detail(user=request.user, pk=pk)
    form = CompareForm(request.GET or None, versions=template.versions.all())
    differences = None
    old = new = None
    if form.is_bound and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        differences = diff_versions(
            selectors.version_content(old), selectors.version_content(new)
        )
    context = {
        "template": template,
        "form": form,
        "old": old,
        "new": new,
        "differences": differences,
    }
    return render(request, "requirements/version_compare.html", context)


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def template_import_view(request: HttpRequest) -> HttpResponse:
    form = TemplateImportForm(request.POST or None, request.FILES or None)
    result = None
    issues: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        doc, issues = parse_template_file(upload.read())
        if doc is not None:
            result = template_import(
                actor=request.user,  # type: ignore[arg-type]
                doc=doc,
                source=upload.name or "",
            )
            issues = result.issues
            if result.applied and result.version is not None:
                for notice in result.notices:
                    messages.info(request, notice)
                messages.success(
                    request,
                    _("The template is imported as a draft, version %(n)d.")
                    % {"n": result.version.number},
                )
                return redirect("requirements:version_detail", pk=result.version.pk)
    return render(
        request,
        "requirements/template_import.html",
        {"form": form, "issues": issues, "result": result},
    )


# Versions ---------------------------------------------------------------------


@requires(READ)
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A version as it reads; for a draft, the editor."""
    version = selectors.version_detail(user=request.user, pk=pk)
    problems = (
        check_version(selectors.version_content(version)) if version.is_draft else []
    )
    by_uid: dict[str, list[Any]] = {}
    for problem in problems:
        by_uid.setdefault(problem.uid, []).append(problem)
    sections = list(version.sections.all())
    for section in sections:
        setattr(section, "problems", by_uid.get(str(section.uid), []))  # noqa: B010
        for question in section.questions.all():
            setattr(question, "problems", by_uid.get(str(question.uid), []))  # noqa: B010
    context = {
        "version": version,
        "template": version.template,
        "sections": sections,
        "problems": problems,
        "errors": sum(p.severity is Severity.ERROR for p in problems),
        "warnings": sum(p.severity is Severity.WARNING for p in problems),
        "editing": version.is_draft and can(request.user, BUILD),
    }
    return render(request, "requirements/version_detail.html", context)


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def version_note(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_detail(user=request.user, pk=pk)
    refused = refuse_frozen(request, version)
    if refused is not None:
        return refused
    form = VersionNoteForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        version_update_note(
            actor=request.user,  # type: ignore[arg-type]
            version=version,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The note is saved."))
        return redirect("requirements:version_detail", pk=pk)
    return render(
        request,
        "requirements/simple_form.html",
        {
            "form": form,
            "title": _("What changed in version %(n)d") % {"n": version.number},
            "submit": _("Save"),
            "cancel_url": reverse("requirements:version_detail", args=[pk]),
        },
    )


def _act(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    version = selectors.version_detail(user=request.user, pk=pk)
    try:
        result = action(actor=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("requirements:version_detail", pk=pk)
    messages.success(request, done)
    if isinstance(result, TemplateVersion):
        return redirect("requirements:version_detail", pk=result.pk)
    if result is None:
        return redirect("requirements:template_list")
    return redirect("requirements:template_detail", pk=result.pk)


@requires(BUILD)
@require_POST
def version_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, version_publish, _("The version is published."))


@requires(BUILD)
@require_POST
def version_retire_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        version_retire,
        _("The version is retired: new follow-ups can no longer use it."),
    )


@requires(BUILD)
@require_POST
def version_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, version_copy, _("A new draft is made from the version."))


@requires(BUILD)
@require_POST
def version_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, version_delete_draft, _("The draft is deleted."))


@requires(READ)
@require_GET
def version_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    version = selectors.version_detail(user=request.user, pk=pk)
    doc = selectors.version_content(version)
    if fmt == "json":
        body: bytes = json.dumps(
            template_to_json(doc), ensure_ascii=False, indent=2
        ).encode("utf-8")
    elif fmt == "docx":
        body = template_docx(doc)
    else:
        body = template_xlsx(doc)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = f"{doc.code}-v{doc.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
