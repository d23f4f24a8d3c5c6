"""The deficiencies tab of a follow-up: proposals from "not met" answers,
deficiencies and their measures, complements, the outcome, and the central
office's decisions under the agreement (issue 6).

Every form posts to its own URL; a refused one shows the whole tab again with
the form's errors in place (status 400), so the officer sees what to correct.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from foljsam.accounts.access import Capability, can, requires
from foljsam.core import files
from foljsam.core.access import visible_or_404
from foljsam.core.forms import add_errors
from foljsam.findings import actions, measures, selectors, services
from foljsam.findings.choices import DeficiencyStatus
from foljsam.findings.forms import (
    ComplementDecideForm,
    ComplementReceiveForm,
    ComplementRequestForm,
    CompleteForm,
    ConfirmForm,
    ContractActionForm,
    DeficiencyForm,
    EscalateForm,
    RevisitDoneForm,
    RevisitPlanForm,
)
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups import selectors as followup_selectors
from foljsam.followups.choices import Status, outcome_label
from foljsam.followups.models import FollowUp
from foljsam.requirements.models import Question

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)

# The per-deficiency forms, by the measure they record.
MEASURE_FORMS: dict[str, type[forms.Form]] = {
    "receive": ComplementReceiveForm,
    "decide": ComplementDecideForm,
    "revisit_plan": RevisitPlanForm,
    "revisit_done": RevisitDoneForm,
    "escalate": EscalateForm,
}


def _row_forms(row: selectors.DeficiencyRow) -> list[str]:
    """The measures that make sense for a deficiency as it stands."""
    if not row.is_open:
        return []
    kinds = []
    if row.awaiting_complement:
        kinds.append("receive")
    if row.awaiting_decision:
        kinds.append("decide")
    if row.deficiency.revisit_on:
        kinds.append("revisit_done")
    else:
        kinds.append("revisit_plan")
    if row.deficiency.escalated_on is None:
        kinds.append("escalate")
    return kinds


def _page(
    request: HttpRequest,
    followup: FollowUp,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    today = timezone.localdate()
    page = selectors.findings_page(user=request.user, followup=followup, today=today)
    working = can(request.user, Capability.PERFORM_FOLLOWUPS) and (
        followup.status in services.RECORDING_STATUSES
    )
    open_ids = [r.deficiency.pk for r in page.rows if r.is_open]
    if working:
        for row in page.rows:
            for kind in _row_forms(row):
                key = f"{kind}-{row.deficiency.pk}"
                row.forms[kind] = bound.get(key) or MEASURE_FORMS[kind](prefix=key)
    regime = followup.provider.regime
    deciding = can(request.user, Capability.DECIDE_CONTRACT_ACTIONS)
    refusal = actions.refusal_for(followup, "correction_request") if deciding else ""
    context: dict[str, Any] = {
        "followup": followup,
        "page": page,
        "tab": "deficiencies",
        "today": today,
        "working": working,
        "deciding": deciding and followup.status != Status.CANCELLED,
        "sanction_refusal": refusal,
        "proposal_label": outcome_label(page.proposal, regime),
        "confirm_forms": [None] * len(page.proposals),
    }
    if working:
        context["add_form"] = bound.get("add") or DeficiencyForm(prefix="add")
        context["confirm_forms"] = [
            bound.get(f"confirm-{p.answer.question_id}")
            or ConfirmForm(
                prefix=f"confirm-{p.answer.question_id}",
                initial={"description": p.answer.comment},
            )
            for p in page.proposals
        ]
        context["request_form"] = bound.get("request") or ComplementRequestForm(
            prefix="request",
            open_deficiencies=Deficiency.objects.filter(pk__in=open_ids)
            .select_related("category")
            .order_by("pk"),
            initial={"deficiencies": open_ids},
        )
        context["complete_form"] = bound.get("complete") or CompleteForm(
            prefix="complete", regime=regime, proposal=page.proposal
        )
    if deciding and (not refusal or "action" in bound):
        context["action_form"] = bound.get("action") or ContractActionForm(
            prefix="action",
            deficiencies=Deficiency.objects.filter(followup=followup)
            .select_related("category")
            .order_by("pk"),
        )
    context["proposal_rows"] = list(
        zip(page.proposals, context["confirm_forms"], strict=True)
    )
    return render(
        request, "findings/followup_deficiencies.html", context, status=status
    )


def _followup(request: HttpRequest, pk: int) -> FollowUp:
    return followup_selectors.followup_detail(user=request.user, pk=pk)


def _back(followup: FollowUp, anchor: str = "") -> HttpResponse:
    url = reverse("findings:followup_deficiencies", args=[followup.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _handle(
    request: HttpRequest,
    followup: FollowUp,
    key: str,
    form: forms.Form,
    act: Callable[[dict[str, Any]], object],
    done: str,
    anchor: str = "",
) -> HttpResponse:
    """Validate the form, act, and go back to the tab; or show the tab again
    with the form's errors (the service's refusal too) in place."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return _back(followup, anchor)
    return _page(request, followup, bound={key: form}, status=400)


@requires(*READ, any_of=True)
@require_GET
def followup_deficiencies(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _followup(request, pk))


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def deficiency_add(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = DeficiencyForm(request.POST, prefix="add")
    return _handle(
        request,
        followup,
        "add",
        form,
        lambda data: services.deficiency_add(
            actor=request.user,  # type: ignore[arg-type]
            followup=followup,
            category=data["category"],
            severity=data["severity"],
            description=data["description"],
            requirement=data["requirement"],
        ),
        _("The deficiency is recorded."),
        "deficiencies",
    )


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def deficiency_confirm(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    question = visible_or_404(
        Question.objects.select_related("requirement__category"),
        pk=question_pk,
        version_id=followup.template_version_id,
    )
    key = f"confirm-{question_pk}"
    form = ConfirmForm(request.POST, prefix=key)
    return _handle(
        request,
        followup,
        key,
        form,
        lambda data: services.deficiency_confirm(
            actor=request.user,  # type: ignore[arg-type]
            followup=followup,
            question=question,
            severity=data["severity"],
            description=data["description"],
        ),
        _("The deficiency is confirmed."),
        "deficiencies",
    )


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def complements_request(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = ComplementRequestForm(
        request.POST,
        prefix="request",
        open_deficiencies=Deficiency.objects.visible_to(request.user).filter(
            followup=followup, status=DeficiencyStatus.OPEN
        ),
    )
    return _handle(
        request,
        followup,
        "request",
        form,
        lambda data: measures.complements_request(
            actor=request.user,  # type: ignore[arg-type]
            followup=followup,
            deficiencies=list(data["deficiencies"]),
            due_on=data["due_on"],
            note=data["note"],
        ),
        _("The complements are requested; the provider sees them in the portal."),
        "deficiencies",
    )


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def deficiency_measure(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One measure on one deficiency: ``kind`` is a key of MEASURE_FORMS."""
    if kind not in MEASURE_FORMS:
        raise Http404
    deficiency = visible_or_404(
        Deficiency.objects.visible_to(request.user).select_related("followup"),
        pk=pk,
    )
    followup = _followup(request, deficiency.followup_id)
    key = f"{kind}-{deficiency.pk}"
    form = MEASURE_FORMS[kind](request.POST, request.FILES, prefix=key)
    actor = request.user

    def act(data: dict[str, Any]) -> object:
        if kind == "receive":
            return measures.complement_receive(
                actor=actor,  # type: ignore[arg-type]
                deficiency=deficiency,
                note=data["note"],
                uploads=data["attachments"],
            )
        if kind == "decide":
            return measures.complement_decide(
                actor=actor,  # type: ignore[arg-type]
                deficiency=deficiency,
                approve=data["decision"] == "approve",
                note=data["note"],
                new_due_on=data["new_due_on"],
            )
        if kind == "revisit_plan":
            return measures.revisit_plan(
                actor=actor,  # type: ignore[arg-type]
                deficiency=deficiency,
                on=data["on"],
                note=data["note"],
            )
        if kind == "revisit_done":
            return measures.revisit_record(
                actor=actor,  # type: ignore[arg-type]
                deficiency=deficiency,
                on=data["on"],
                resolved=data["resolved"],
                note=data["note"],
            )
        return measures.deficiency_escalate(
            actor=actor,  # type: ignore[arg-type]
            deficiency=deficiency,
            note=data["note"],
        )

    return _handle(
        request,
        followup,
        key,
        form,
        act,
        _("The measure is recorded."),
        f"deficiency-{deficiency.pk}",
    )


@requires(Capability.PERFORM_FOLLOWUPS)
@require_POST
def followup_complete(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = CompleteForm(
        request.POST,
        prefix="complete",
        regime=followup.provider.regime,
        proposal=services.proposal_for(followup),
    )
    if form.is_valid():
        try:
            services.followup_complete(
                actor=request.user,  # type: ignore[arg-type]
                followup=followup,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The follow-up is completed. Share the result with the provider."),
            )
            return redirect("followups:detail", pk=pk)
    return _page(request, followup, bound={"complete": form}, status=400)


@requires(Capability.DECIDE_CONTRACT_ACTIONS)
@require_POST
def contract_action_create(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup(request, pk)
    form = ContractActionForm(
        request.POST,
        prefix="action",
        deficiencies=Deficiency.objects.visible_to(request.user).filter(
            followup=followup
        ),
    )
    if form.is_valid():
        try:
            action = actions.contract_action_decide(
                actor=request.user,  # type: ignore[arg-type]
                followup=followup,
                kind=form.cleaned_data["kind"],
                reasons=form.cleaned_data["reasons"],
                deficiencies=list(form.cleaned_data["deficiencies"]),
                due_on=form.cleaned_data["due_on"],
                amount=form.cleaned_data["amount"],
                effective_on=form.cleaned_data["effective_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision is recorded: %(kind)s.")
                % {"kind": action.get_kind_display().lower()},
            )
            return _back(followup, "actions")
    return _page(request, followup, bound={"action": form}, status=400)


@requires(*READ, any_of=True)
@require_GET
def measure_file(request: HttpRequest, pk: int, file_pk: int) -> Any:
    measure = visible_or_404(
        Measure.objects.visible_to(request.user).prefetch_related("files"), pk=pk
    )
    stored = next((f for f in measure.files.all() if f.pk == file_pk), None)
    if stored is None:
        raise Http404
    return files.file_response(stored)
