"""The requirement catalogue's pages: list, detail, add, change, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from foljsam.accounts.access import Capability, requires
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.core.timeline import timeline
from foljsam.requirements import selectors
from foljsam.requirements.forms import (
    RequirementFilterForm,
    RequirementForm,
)
from foljsam.requirements.services import requirement_save

READ = Capability.READ_TEMPLATES
BUILD = Capability.MANAGE_TEMPLATES


@requires(READ)
@require_GET
def requirement_list(request: HttpRequest) -> HttpResponse:
    form = RequirementFilterForm(request.GET)
    rows = selectors.requirement_list(
        user=request.user,
        filters=selectors.RequirementFilters(
            q=form.text("q"),
            category=form.pk("category"),
            contract_area=form.pk("contract_area"),
            source_kind=form.text("source_kind"),
            active=form.text("active"),
        ),
    )
    context = {"title": _("Requirements"), "form": form, **paginate(request, rows)}
    return render(request, "requirements/requirement_list.html", context)


@requires(READ)
@require_GET
def requirement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = selectors.requirement_detail(user=request.user, pk=pk)
    context = {
        "requirement": requirement,
        "usage": selectors.requirement_usage(
            user=request.user, requirement=requirement
        ),
        "frozen": requirement.questions.exclude(version__status="draft").exists(),
    }
    return render(request, "requirements/requirement_detail.html", context)


def _requirement_form(
    request: HttpRequest, form: RequirementForm, title: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            requirement = requirement_save(
                actor=request.user,  # type: ignore[arg-type]
                requirement=form.save(commit=False),
                contract_areas=form.cleaned_data["contract_areas"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The requirement is saved."))
            return redirect("requirements:requirement_detail", pk=requirement.pk)
    return render(
        request, "requirements/requirement_form.html", {"form": form, "title": title}
    )


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def requirement_create(request: HttpRequest) -> HttpResponse:
    form = RequirementForm(request.POST or None)
    return _requirement_form(request, form, _("New requirement"))


@requires(BUILD)
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = selectors.requirement_detail(user=request.user, pk=pk)
    form = RequirementForm(request.POST or None, instance=requirement)
    return _requirement_form(
        request, form, _("Change requirement %(code)s") % {"code": requirement.code}
    )


@requires(Capability.VIEW_HISTORY)
@require_GET
def requirement_history(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = selectors.requirement_detail(user=request.user, pk=pk)
    context = {
        "object": requirement,
        "title": str(requirement),
        "detail_url": reverse("requirements:requirement_detail", args=[pk]),
        **paginate(request, timeline(requirement)),
    }
    return render(request, "core/history.html", context)
