"""The financial check's pages: the list, a check with its eight items, starting a
check, recording an item, its evidence file, and the history tab.

Every read goes through a selector scoped to the user: another organisation's
check does not exist for a district officer (404), and neither does its evidence.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from foljsam.accounts.access import Capability, can, requires
from foljsam.accounts.models import User
from foljsam.core import files
from foljsam.core.access import visible_or_404
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.core.timeline import timeline
from foljsam.financial import selectors
from foljsam.financial.forms import CheckFilterForm, CheckItemForm, CheckStartForm
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.financial.services import check_item_record, financial_check_start
from foljsam.followups.models import FollowUp

READ = (Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS)
PERFORM = Capability.PERFORM_FOLLOWUPS


@requires(*READ, any_of=True)
@require_GET
def check_list(request: HttpRequest) -> HttpResponse:
    form = CheckFilterForm(request.GET, user=request.user)
    checks = selectors.check_list(
        user=request.user, provider=form.pk("provider"), q=form.text("q")
    )
    context = {
        "title": _("Financial checks"),
        "form": form,
        **paginate(request, checks),
    }
    return render(request, "financial/check_list.html", context)


def _item(check: FinancialCheck, code: str) -> CheckItem:
    """The check's item ``code`` from the prefetched items, or 404."""
    for item in check.items.all():
        if item.item == code:
            return item
    raise Http404


def _detail_page(
    request: HttpRequest,
    check: FinancialCheck,
    bound: CheckItemForm | None = None,
    status: int = 200,
) -> HttpResponse:
    writes = can(request.user, PERFORM)
    rows: list[tuple[CheckItem, CheckItemForm | None]] = []
    for item in check.items.all():
        if bound is not None and bound.item.pk == item.pk:
            rows.append((item, bound))
        elif writes:
            rows.append((item, CheckItemForm(item=item, default_date=check.checked_on)))
        else:
            rows.append((item, None))
    context = {
        "check": check,
        "rows": rows,
        "writes": writes,
        "open_item": bound.item.item if bound is not None else "",
        "detail_url": reverse("financial:detail", args=[check.pk]),
        "history_url": (
            reverse("financial:history", args=[check.pk])
            if can(request.user, Capability.VIEW_HISTORY)
            else ""
        ),
    }
    return render(request, "financial/check_detail.html", context, status=status)


@requires(*READ, any_of=True)
@require_GET
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.check_detail(user=request.user, pk=pk))


@requires(PERFORM)
@require_POST
def item_record(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    check = selectors.check_detail(user=user, pk=pk)
    row = _item(check, item)
    form = CheckItemForm(request.POST, request.FILES, item=row)
    if form.is_valid():
        try:
            check_item_record(actor=user, item=row, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded: %(item)s.") % {"item": row.get_item_display()},
            )
            return redirect(f"{reverse('financial:detail', args=[pk])}#item-{item}")
    return _detail_page(request, check, bound=form, status=400)


@requires(PERFORM)
@require_http_methods(["GET", "POST"])
def check_start(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    followup = _preselected(user, request.GET.get("followup"))
    form = CheckStartForm(request.POST or None, user=user, followup=followup)
    if request.method == "POST" and form.is_valid():
        values: dict[str, Any] = form.cleaned_data
        try:
            check = financial_check_start(
                actor=user,
                provider=values["provider"],
                on=values["checked_on"],
                followup=values.get("followup"),
                organisation=user.organisation,  # type: ignore[arg-type]
                note=values.get("note") or "",
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The financial check is started."))
            return redirect("financial:detail", pk=check.pk)
    context = {
        "title": _("Start a financial check"),
        "form": form,
        "followup": followup,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "financial/check_form.html", context, status=status)


def _preselected(user: User, given: str | None) -> FollowUp | None:
    """The follow-up named by ``?followup=``: one the user sees, else none (a
    stray or foreign id is ignored, not an error)."""
    if not given or not given.isdigit():
        return None
    return (
        FollowUp.objects.visible_to(user)
        .select_related("unit", "contract_area", "provider")
        .filter(pk=int(given))
        .first()
    )


@requires(*READ, any_of=True)
@require_GET
def item_evidence(request: HttpRequest, pk: int, item: str) -> HttpResponseBase:
    """The item's evidence file, for those who see the check (else 404)."""
    check = selectors.check_detail(user=request.user, pk=pk)
    row = _item(check, item)
    if row.evidence is None:
        raise Http404
    return files.file_response(row.evidence, inline=request.GET.get("inline") == "1")


@requires(Capability.VIEW_HISTORY)
@require_GET
def check_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who started the check and recorded its items, and when; for those who see
    the Historik tabs and may see this check (otherwise 404)."""
    check = visible_or_404(FinancialCheck.objects.visible_to(request.user), pk=pk)
    context = {
        "object": check,
        "title": _("Financial check of %(provider)s, %(date)s")
        % {"provider": check.provider.name, "date": check.checked_on.isoformat()},
        "detail_url": reverse("financial:detail", args=[pk]),
        **paginate(request, timeline(check)),
    }
    return render(request, "core/history.html", context)
