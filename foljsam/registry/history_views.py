"""The Historik tab of every registry detail page (issue 3: "Every change to domain
data is kept: who, when, and the value before and after")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, requires
from foljsam.core.pagination import paginate
from foljsam.core.timeline import Related, timeline
from foljsam.registry import selectors
from foljsam.registry.models import Agreement, Coverage, Unit

HISTORY = Capability.VIEW_HISTORY


def _render(
    request: HttpRequest,
    obj: models.Model,
    detail_name: str,
    related: list[Related] | None = None,
) -> HttpResponse:
    context = {
        "object": obj,
        "title": str(obj),
        "detail_url": reverse(detail_name, args=[obj.pk]),
        **paginate(request, timeline(obj, related or [])),
    }
    return render(request, "core/history.html", context)


def _coverage(
    rows: models.QuerySet[Any], other: type[models.Model], attname: str, text: str
) -> Related:
    """Units added to or removed from an agreement, seen from either side."""
    names = {
        pk: str(obj)
        for pk, obj in other._default_manager.in_bulk(
            list(rows.values_list(attname, flat=True).distinct())
        ).items()
    }

    def describe(row: Any) -> str:
        name = names.get(getattr(row, attname), "?")
        added = row.history_type == "+"
        return text.format(name=name, change=_("added") if added else _("removed"))

    return Related(rows, describe)


def _view(
    fetch: Callable[..., models.Model], detail_name: str, related: Any = None
) -> Callable[[HttpRequest, int], HttpResponse]:
    @requires(HISTORY)
    @require_GET
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = fetch(user=request.user, pk=pk)
        return _render(request, obj, detail_name, related(pk) if related else None)

    return view


unit_history = _view(
    selectors.unit_detail,
    "registry:unit_detail",
    lambda pk: [
        _coverage(
            Coverage.history.filter(unit_id=pk),
            Agreement,
            "agreement_id",
            _("Agreement {name}: the unit was {change}"),
        )
    ],
)
agreement_history = _view(
    selectors.agreement_detail,
    "registry:agreement_detail",
    lambda pk: [
        _coverage(
            Coverage.history.filter(agreement_id=pk),
            Unit,
            "unit_id",
            _("Unit {name} was {change}"),
        )
    ],
)
provider_history = _view(selectors.provider_detail, "registry:provider_detail")
contract_area_history = _view(
    selectors.contract_area_detail, "registry:contract_area_detail"
)
organisation_history = _view(
    selectors.organisation_detail, "registry:organisation_detail"
)
