"""Planning's start page, the multi-year plans, the calendar and the capacities."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.accounts.models import Organisation
from foljsam.planning import selectors, services
from foljsam.planning.forms import CalendarForm, CapacityForm, PlanEntryForm, PlanForm
from foljsam.planning.inputs import offices
from foljsam.planning.models import OrganisationSettings, Plan, PlanEntry
from foljsam.planning.publishing import calendar_for

READ = Capability.READ_PLANS
MANAGE = Capability.MANAGE_PLANS


@requires(READ)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The coming years: their deadlines and selections, and the plans."""
    this_year = timezone.localdate().year
    years = [this_year + 1, this_year, this_year - 1]
    context = {
        "years": selectors.years_overview(user=request.user, years=years),
        "plans": selectors.plan_list(user=request.user),
        "next_year": this_year + 1,
    }
    return render(request, "planning/overview.html", context)


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's refusal on the form, by field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@requires(READ)
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_detail(user=request.user, pk=pk)
    context = {"plan": plan, "by_year": selectors.plan_entries(plan)}
    return render(request, "planning/plan_detail.html", context)


def _plan_form(request: HttpRequest, plan: Plan | None) -> HttpResponse:
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.plan_save(actor=request.user, plan=form.instance)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("planning:plan_detail", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "plan": plan}
    return render(request, "planning/plan_form.html", context, status=status)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    return _plan_form(request, None)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(request, selectors.plan_detail(user=request.user, pk=pk))


@requires(MANAGE)
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_detail(user=request.user, pk=pk)
    services.plan_delete(actor=request.user, plan=plan)  # type: ignore[arg-type]
    messages.success(request, _("The plan is deleted."))
    return redirect("planning:overview")


def _entry_form(
    request: HttpRequest, plan: Plan, entry: PlanEntry | None
) -> HttpResponse:
    form = PlanEntryForm(request.POST or None, instance=entry, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_entry_save(actor=request.user, entry=form.instance)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("planning:plan_detail", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "plan": plan, "entry": entry}
    return render(request, "planning/entry_form.html", context, status=status)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_form(request, selectors.plan_detail(user=request.user, pk=pk), None)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.plan_entry_detail(user=request.user, pk=pk)
    return _entry_form(request, entry.plan, entry)


@requires(MANAGE)
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.plan_entry_detail(user=request.user, pk=pk)
    services.plan_entry_delete(actor=request.user, entry=entry)  # type: ignore[arg-type]
    messages.success(request, _("The entry is removed from the plan."))
    return redirect("planning:plan_detail", pk=entry.plan_id)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def calendar_edit(request: HttpRequest, year: int) -> HttpResponse:
    if not 2000 <= year <= 2100:
        raise Http404
    current = calendar_for(year)
    form = CalendarForm(
        request.POST or None,
        initial={
            "send_out_by": current.send_out_by,
            "done_by": current.due_by,
            "report_by": current.report_by,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_save(actor=request.user, year=year, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The deadlines for %(year)d are saved. Follow-ups already "
                    "published keep theirs."
                )
                % {"year": year},
            )
            return redirect("planning:overview")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "planning/calendar_form.html",
        {"form": form, "year": year},
        status=status,
    )


@requires(MANAGE)
@require_GET
def capacity_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "planning/capacity_list.html", {"rows": selectors.capacity_rows()}
    )


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    office = next(o for o in offices() if o.id == organisation.pk)
    own = OrganisationSettings.objects.filter(organisation=organisation).first()
    form = CapacityForm(
        request.POST or None,
        organisation=organisation,
        initial={
            "min_per_year": office.minimum,
            "max_per_year": office.maximum,
            "contact_persons": list(own.contact_persons.all()) if own else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_settings_save(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s is saved.") % {"name": organisation.name}
            )
            return redirect("planning:capacity_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "planning/capacity_form.html", context, status=status)
