"""The selection runs: make one, read it, change it, publish it, export it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from foljsam.accounts.access import Capability, can, requires
from foljsam.core.exports import CONTENT_TYPES, FORMATS, csv_text, xlsx_bytes
from foljsam.core.pagination import paginate
from foljsam.planning import runs, selectors
from foljsam.planning.exports import CANDIDATE_COLUMNS
from foljsam.planning.forms import (
    CandidateFilterForm,
    NoteForm,
    ReassignForm,
    RunForm,
)
from foljsam.planning.models import Candidate, SelectionRun
from foljsam.planning.plan_views import apply_errors
from foljsam.planning.publishing import publish_preview, selection_publish
from foljsam.planning.reasons import factor_label, ordered, reason_text

READ = Capability.READ_SELECTIONS
MANAGE = Capability.MANAGE_PLANS


@requires(READ)
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Selections"),
        **paginate(request, selectors.run_list(user=request.user)),
    }
    return render(request, "planning/run_list.html", context)


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def run_create(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    last = SelectionRun.objects.order_by("-pk").first()
    form = RunForm(
        request.POST or None,
        initial=RunForm.initial_from(
            last.parameters if last else None, today.year + 1, today
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run, result = runs.selection_run_create(
                actor=request.user,  # type: ignore[arg-type]
                year=data["year"],
                as_of=data["as_of"],
                weights=form.weights(),
                options=form.options(),
                seed=data["seed"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            assert run is not None  # noqa: S101 - not a dry run
            messages.success(
                request,
                ngettext(
                    "The selection is made: %(selected)d of %(total)d candidate.",
                    "The selection is made: %(selected)d of %(total)d candidates.",
                    len(result.decisions),
                )
                % {"selected": len(result.selected), "total": len(result.decisions)},
            )
            return redirect("planning:run_detail", pk=run.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/run_form.html", {"form": form}, status=status)


@requires(READ)
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_detail(user=request.user, pk=pk)
    summary = selectors.run_summary(run)
    context = {
        "run": run,
        "summary": summary,
        "forecast": selectors.run_forecast(run),
        "forecast_years": [run.year, run.year + 1, run.year + 2],
        "weights": [
            (label, run.parameters["weights"].get(name))
            for name, label in _weight_labels()
        ],
        "options": run.parameters.get("options", {}),
    }
    return render(request, "planning/run_detail.html", context)


def _weight_labels() -> list[tuple[str, Any]]:
    from foljsam.planning.forms import WEIGHT_LABELS

    return list(WEIGHT_LABELS.items())


def _candidate_filters(form: CandidateFilterForm) -> selectors.CandidateFilters:
    return selectors.CandidateFilters(
        q=form.text("q"),
        selected=form.text("selected"),
        picked=form.text("picked"),
        contract_area=form.pk("contract_area"),
        organisation=form.pk("organisation"),
        placement=form.text("placement"),
    )


@requires(READ)
@require_GET
def run_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_detail(user=request.user, pk=pk)
    form = CandidateFilterForm(request.GET or None)
    rows = selectors.candidate_list(run=run, filters=_candidate_filters(form))
    page = paginate(request, rows)
    for candidate in page["page_obj"]:
        candidate.reasons = reason_text(candidate.inputs, candidate.factors)
    context = {
        "title": _("Candidates of the selection for %(year)d") % {"year": run.year},
        "run": run,
        "form": form,
        **page,
    }
    return render(request, "planning/run_candidates.html", context)


@requires(READ)
@require_GET
def run_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    run = selectors.run_detail(user=request.user, pk=pk)
    form = CandidateFilterForm(request.GET or None)
    rows = list(selectors.candidate_list(run=run, filters=_candidate_filters(form)))
    name = f"urval-{run.year}-{run.pk}"
    body: str | bytes = (
        csv_text(CANDIDATE_COLUMNS, rows)
        if fmt == "csv"
        else xlsx_bytes([(name, CANDIDATE_COLUMNS, rows)])
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@requires(READ, Capability.READ_OWN_FOLLOWUPS, any_of=True)
@require_GET
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_detail(user=request.user, pk=pk)
    return _candidate_page(request, candidate)


def _candidate_page(
    request: HttpRequest,
    candidate: Candidate,
    *,
    note_form: NoteForm | None = None,
    reassign_form: ReassignForm | None = None,
    status: int = 200,
) -> HttpResponse:
    moved_from = candidate.placement_detail.get("moved_from")
    context = {
        "candidate": candidate,
        "run": candidate.run,
        "reasons": reason_text(candidate.inputs, candidate.factors),
        "points": [
            (factor_label(factor), candidate.factors[factor]["points"])
            for factor in ordered(candidate.factors)
        ],
        "moved_from": (
            selectors.organisation_names({moved_from}).get(moved_from)
            if moved_from
            else None
        ),
        "can_change": can(request.user, MANAGE),
        "note_form": note_form or NoteForm(),
        "reassign_form": reassign_form
        or ReassignForm(initial={"organisation": candidate.organisation_id}),
    }
    return render(request, "planning/candidate_detail.html", context, status=status)


@requires(READ, Capability.READ_OWN_FOLLOWUPS, any_of=True)
@require_GET
def followup_reason(request: HttpRequest, pk: int) -> HttpResponse:
    """From a follow-up to the selection that made it."""
    candidate = selectors.candidate_for_followup(user=request.user, followup_id=pk)
    return redirect("planning:candidate_detail", pk=candidate.pk)


def _change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    candidate = selectors.candidate_detail(user=request.user, pk=pk)
    form: NoteForm = (
        ReassignForm(request.POST) if action == "reassign" else NoteForm(request.POST)
    )
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if action == "add":
                runs.candidate_add(actor=request.user, candidate=candidate, note=note)  # type: ignore[arg-type]
                messages.success(request, _("The unit is added to the selection."))
            elif action == "remove":
                runs.candidate_remove(
                    actor=request.user,  # type: ignore[arg-type]
                    candidate=candidate,
                    note=note,
                    today=timezone.localdate(),
                )
                messages.success(request, _("The unit is taken out of the selection."))
            else:
                runs.candidate_reassign(
                    actor=request.user,  # type: ignore[arg-type]
                    candidate=candidate,
                    organisation=form.cleaned_data["organisation"],
                    note=note,
                )
                messages.success(
                    request,
                    _("The follow-up is given to %(name)s.")
                    % {"name": form.cleaned_data["organisation"].name},
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                apply_errors(form, exc)
            else:
                # A refusal about the candidate's state ("not in the selection")
                # belongs to no form, and the form posted may not even be on the
                # page (a reassignment of a unit taken out meanwhile): say it at
                # the top of the page.
                for message in exc.messages:
                    messages.error(request, message)
        else:
            return redirect("planning:candidate_detail", pk=candidate.pk)
    kwargs: dict[str, Any] = (
        {"reassign_form": form} if action == "reassign" else {"note_form": form}
    )
    return _candidate_page(request, candidate, status=400, **kwargs)


@requires(MANAGE)
@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, "add")


@requires(MANAGE)
@require_POST
def candidate_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, "remove")


@requires(MANAGE)
@require_POST
def candidate_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    return _change(request, pk, "reassign")


@requires(MANAGE)
@require_POST
def run_reallocate(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_detail(user=request.user, pk=pk)
    changed = runs.selection_reallocate(actor=request.user, run=run)  # type: ignore[arg-type]
    messages.success(
        request,
        ngettext(
            "Allocated again with today's capacities: %(count)d follow-up moved.",
            "Allocated again with today's capacities: %(count)d follow-ups moved.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("planning:run_detail", pk=run.pk)


@requires(MANAGE)
@require_POST
def run_delete(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_detail(user=request.user, pk=pk)
    try:
        runs.selection_run_delete(actor=request.user, run=run)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:run_detail", pk=run.pk)
    messages.success(request, _("The draft selection is deleted."))
    return redirect("planning:run_list")


@requires(MANAGE)
@require_http_methods(["GET", "POST"])
def run_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows what publishing would do and what stops it; POST publishes."""
    run = selectors.run_detail(user=request.user, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            published = selection_publish(
                actor=request.user,  # type: ignore[arg-type]
                run=run,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Published: %(count)d new follow-up; the organisations are "
                    "told by e-mail.",
                    "Published: %(count)d new follow-ups; the organisations are "
                    "told by e-mail.",
                    published.created,
                )
                % {"count": published.created},
            )
            return redirect("planning:run_detail", pk=run.pk)
    preview = publish_preview(run)
    context = {
        "run": run,
        "preview": preview,
        "errors": errors or preview.problems,
        "organisations": sorted(
            (
                (preview.organisations[org], count, preview.recipients.get(org, []))
                for org, count in preview.per_organisation.items()
            ),
            key=lambda row: row[0].name,
        ),
        "candidates_url": reverse("planning:run_candidates", args=[run.pk]),
    }
    status = 400 if errors else 200
    return render(request, "planning/run_publish.html", context, status=status)
