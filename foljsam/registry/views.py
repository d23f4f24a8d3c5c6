"""The registry's pages: lists, details, the responsibility map and the gap list.

Every read goes through a selector; views only parse filters, paginate and render.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, can, provider_reach, requires
from foljsam.core.exports import CONTENT_TYPES, FORMATS, csv_text, xlsx_bytes
from foljsam.core.pagination import paginate
from foljsam.registry import selectors
from foljsam.registry.exports import GAP_COLUMNS, MAP_COLUMNS
from foljsam.registry.forms import (
    AgreementFilterForm,
    ContractAreaFilterForm,
    GapFilterForm,
    MapFilterForm,
    OrganisationFilterForm,
    ProviderFilterForm,
    UnitFilterForm,
)
from foljsam.registry.responsibility_map import (
    GapKind,
    MapFilters,
    MapRow,
    Status,
    gap_list,
    responsibility_map,
)


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The start page: who follows up whom. A provider user starts at their own
    provider's page instead."""
    if not can(request.user, Capability.READ_REGISTRY):
        return redirect("registry:provider_detail", pk=provider_reach(request.user))
    today = timezone.localdate()
    rows = responsibility_map(user=request.user, today=today)
    gaps = gap_list(user=request.user, today=today, rows=rows)
    by_org: dict[int, dict[str, Any]] = {}
    for row in rows:
        for role, org in (
            ("responsible", row.responsible),
            ("performs", row.performer),
        ):
            if org is None:
                continue
            entry = by_org.setdefault(
                org.id, {"org": org, "responsible": 0, "performs": 0, "overdue": 0}
            )
            entry[role] += 1
            if role == "responsible" and row.status is Status.OVERDUE:
                entry["overdue"] += 1
    context = {
        "today": today,
        "unit_count": len({row.unit.id for row in rows}),
        "row_count": len(rows),
        "gap_counts": [
            (kind, count)
            for kind in GapKind
            if (count := Counter(g.kind for g in gaps)[kind])
        ],
        "status_counts": Counter(row.status for row in rows),
        "organisations": sorted(
            by_org.values(), key=lambda e: (-e["responsible"], e["org"].name)
        ),
    }
    return render(request, "registry/overview.html", context)


def _list_page(
    request: HttpRequest,
    template: str,
    title: str,
    form: Any,
    items: Any,
    **extra: Any,
) -> HttpResponse:
    """Render a page built on ``core/list_page.html``."""
    context = {"title": title, "form": form, **paginate(request, items), **extra}
    return render(request, template, context)


def _map_filters(form: MapFilterForm) -> MapFilters:
    return MapFilters(
        q=form.text("q"),
        contract_area=form.pk("contract_area"),
        district=form.pk("district"),
        regime=form.text("regime"),
        responsible=form.pk("responsible"),
        performer=form.pk("performer"),
        status=form.text("status"),
    )


@requires(Capability.READ_REGISTRY)
@require_GET
def responsibility_map_page(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET)
    rows = responsibility_map(
        user=request.user, today=timezone.localdate(), filters=_map_filters(form)
    )
    return _list_page(request, "registry/map.html", _("Responsibility map"), form, rows)


def _export(name: str, fmt: str, columns: Any, rows: list[Any]) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        body: str | bytes = csv_text(columns, rows)
    else:
        body = xlsx_bytes([(name, columns, rows)])
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


@requires(Capability.READ_REGISTRY)
@require_GET
def responsibility_map_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = MapFilterForm(request.GET)
    rows: list[MapRow] = responsibility_map(
        user=request.user, today=timezone.localdate(), filters=_map_filters(form)
    )
    return _export("ansvarskarta", fmt, MAP_COLUMNS, rows)


@requires(Capability.READ_REGISTRY)
@require_GET
def gaps_page(request: HttpRequest) -> HttpResponse:
    form = GapFilterForm(request.GET)
    gaps = gap_list(user=request.user, today=timezone.localdate())
    counts = Counter(g.kind for g in gaps)
    kind = form.value()
    shown = [g for g in gaps if not kind or g.kind == kind]
    return _list_page(
        request,
        "registry/gaps.html",
        _("Gaps"),
        form,
        shown,
        counts=[(k, counts[k]) for k in GapKind],
    )


@requires(Capability.READ_REGISTRY)
@require_GET
def gaps_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = GapFilterForm(request.GET)
    rows = gap_list(user=request.user, today=timezone.localdate(), kind=form.value())
    return _export("luckor", fmt, GAP_COLUMNS, rows)


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET)
    units = selectors.unit_list(
        user=request.user,
        today=timezone.localdate(),
        filters=selectors.UnitFilters(
            q=form.text("q"),
            district=form.pk("district"),
            contract_area=form.pk("contract_area"),
            regime=form.text("regime"),
            status=form.text("status") or "active",
        ),
    )
    return _list_page(request, "registry/unit_list.html", _("Units"), form, units)


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_detail(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "today": today,
        "agreements": selectors.unit_agreements(user=request.user, unit=unit),
        "responsibility": responsibility_map(
            user=request.user, today=today, filters=MapFilters(unit=pk)
        ),
    }
    return render(request, "registry/unit_detail.html", context)


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def provider_list(request: HttpRequest) -> HttpResponse:
    form = ProviderFilterForm(request.GET)
    providers = selectors.provider_list(
        user=request.user,
        today=timezone.localdate(),
        filters=selectors.ProviderFilters(
            q=form.text("q"),
            kind=form.text("kind"),
            contract_area=form.pk("contract_area"),
        ),
    )
    return _list_page(
        request, "registry/provider_list.html", _("Providers"), form, providers
    )


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = selectors.provider_detail(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "provider": provider,
        "today": today,
        "units": selectors.provider_units(
            user=request.user, provider=provider, today=today
        ),
        "agreements": selectors.provider_agreements(
            user=request.user, provider=provider
        ),
    }
    return render(request, "registry/provider_detail.html", context)


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET)
    agreements = selectors.agreement_list(
        user=request.user,
        today=timezone.localdate(),
        filters=selectors.AgreementFilters(
            q=form.text("q"),
            kind=form.text("kind"),
            contract_area=form.pk("contract_area"),
            signed_by=form.pk("signed_by"),
            status=form.text("status") or "valid",
        ),
    )
    return _list_page(
        request,
        "registry/agreement_list.html",
        _("Agreements"),
        form,
        agreements,
        today=timezone.localdate(),
    )


@requires(Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER, any_of=True)
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_detail(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "agreement": agreement,
        "today": today,
        "units": selectors.agreement_units(user=request.user, agreement=agreement),
        "responsibility": responsibility_map(
            user=request.user, today=today, filters=MapFilters(agreement=pk)
        ),
    }
    return render(request, "registry/agreement_detail.html", context)


@requires(Capability.READ_REGISTRY)
@require_GET
def contract_area_list(request: HttpRequest) -> HttpResponse:
    form = ContractAreaFilterForm(request.GET)
    areas = selectors.contract_area_list(
        user=request.user,
        today=timezone.localdate(),
        q=form.text("q"),
        law=form.text("law"),
    )
    return _list_page(
        request, "registry/contract_area_list.html", _("Contract areas"), form, areas
    )


@requires(Capability.READ_REGISTRY)
@require_GET
def contract_area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = selectors.contract_area_detail(user=request.user, pk=pk)
    today = timezone.localdate()
    rows = responsibility_map(
        user=request.user, today=today, filters=MapFilters(contract_area=pk)
    )
    context = {
        "area": area,
        "rules": selectors.contract_area_rules(user=request.user, area=area),
        "unit_count": len({row.unit.id for row in rows}),
        "status_counts": Counter(row.status for row in rows),
        "pairs": Counter(
            (row.responsible, row.performer) for row in rows
        ).most_common(),
    }
    return render(request, "registry/contract_area_detail.html", context)


@requires(Capability.READ_REGISTRY)
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    organisations = selectors.organisation_list(
        user=request.user,
        today=timezone.localdate(),
        q=form.text("q"),
        kind=form.text("kind"),
    )
    return _list_page(
        request,
        "registry/organisation_list.html",
        _("Organisations"),
        form,
        organisations,
    )


@requires(Capability.READ_REGISTRY)
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_detail(user=request.user, pk=pk)
    rows = responsibility_map(user=request.user, today=timezone.localdate())
    responsible = [r for r in rows if r.responsible and r.responsible.id == pk]
    performs = [r for r in rows if r.performer and r.performer.id == pk]
    context = {
        "organisation": organisation,
        "responsible_count": len(responsible),
        "performs_count": len(performs),
        "overdue_count": sum(r.status is Status.OVERDUE for r in responsible),
        "by_area": _count_by_area(responsible, performs),
        "performs_for_others": Counter(
            r.responsible for r in performs if r.responsible and r.responsible.id != pk
        ).most_common(),
    }
    return render(request, "registry/organisation_detail.html", context)


def _count_by_area(
    responsible: list[MapRow], performs: list[MapRow]
) -> list[tuple[str, int, int]]:
    counts: dict[str, list[int]] = {}
    for index, rows in enumerate((responsible, performs)):
        for row in rows:
            name = row.contract_area.name if row.contract_area else ""
            counts.setdefault(name, [0, 0])[index] += 1
    return [(name, r, p) for name, (r, p) in sorted(counts.items())]


@requires(Capability.READ_REGISTRY)
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rules": selectors.rule_list(user=request.user),
        "title": _("Responsibility rules"),
    }
    return render(request, "registry/rule_list.html", context)
