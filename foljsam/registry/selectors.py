"""Reads of the registry for its pages: filtered, annotated, and with everything a
page shows fetched up front, so that a page's query count does not grow with its
rows. The responsibility map has its own module (``responsibility_map``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from foljsam.accounts.access import Viewer
from foljsam.accounts.models import Organisation
from foljsam.core.access import visible_or_404
from foljsam.registry.choices import ProviderKind, Regime
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    Provider,
    ResponsibilityRule,
    Unit,
)
from foljsam.registry.querysets import (
    active_on_q,
    valid_on_q,
)
from foljsam.registry.responsibility_map import active_units


def _count(queryset: QuerySet[Any], outer: str = "pk") -> Coalesce:
    """A correlated COUNT(*) subquery: several counts per row without the row
    multiplication that joins and ``Count`` would cause."""
    counted = queryset.order_by().values(outer).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass(frozen=True, slots=True)
class UnitFilters:
    q: str = ""
    district: int | None = None
    contract_area: int | None = None
    provider: int | None = None
    regime: str = ""
    status: str = "active"  # active | closed | all


def unit_list(
    *, user: Viewer, today: dt.date, filters: UnitFilters | None = None
) -> QuerySet[Unit]:
    filters = filters or UnitFilters()
    units = Unit.objects.visible_to(user).select_related(
        "provider", "district", "operated_by"
    )
    if filters.q:
        units = units.filter(
            Q(name__icontains=filters.q)
            | Q(external_id__icontains=filters.q)
            | Q(address__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
        )
    if filters.district:
        units = units.filter(district_id=filters.district)
    if filters.provider:
        units = units.filter(provider_id=filters.provider)
    if filters.regime == Regime.OWN:
        units = units.filter(provider__kind=ProviderKind.MUNICIPAL)
    elif filters.regime == Regime.PRIVATE:
        units = units.exclude(provider__kind=ProviderKind.MUNICIPAL)
    if filters.status == "active":
        units = units.filter(active_units(today))
    elif filters.status == "closed":
        units = units.exclude(active_units(today))
    valid = Agreement.objects.valid_on(today)
    if filters.contract_area:
        units = units.filter(
            Exists(
                valid.filter(
                    units=OuterRef("pk"), contract_area_id=filters.contract_area
                )
            )
        )
    return units.prefetch_related(
        Prefetch(
            "agreements",
            queryset=valid.select_related("contract_area").order_by("reference"),
            to_attr="valid_agreements",
        )
    ).order_by("name", "external_id")


def unit_detail(*, user: Viewer, pk: int) -> Unit:
    return visible_or_404(
        Unit.objects.visible_to(user).select_related(
            "provider", "district", "operated_by"
        ),
        pk=pk,
    )


def unit_agreements(*, user: Viewer, unit: Unit) -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible_to(user)
        .filter(units=unit)
        .select_related("contract_area", "signed_by", "provider")
        .order_by("-valid_from", "reference")
    )


@dataclass(frozen=True, slots=True)
class ProviderFilters:
    q: str = ""
    kind: str = ""
    contract_area: int | None = None


def provider_list(
    *, user: Viewer, today: dt.date, filters: ProviderFilters | None = None
) -> QuerySet[Provider]:
    filters = filters or ProviderFilters()
    providers = Provider.objects.visible_to(user)
    if filters.q:
        compact = filters.q.replace("-", "").replace(" ", "")
        providers = providers.filter(
            Q(name__icontains=filters.q) | Q(org_number__startswith=compact)
        )
    if filters.kind:
        providers = providers.filter(kind=filters.kind)
    valid = Agreement.objects.valid_on(today)
    if filters.contract_area:
        providers = providers.filter(
            Exists(
                valid.filter(
                    provider=OuterRef("pk"), contract_area_id=filters.contract_area
                )
            )
        )
    return providers.annotate(
        active_unit_count=_count(
            Unit.objects.filter(active_units(today), provider=OuterRef("pk")),
            "provider",
        ),
        valid_agreement_count=_count(valid.filter(provider=OuterRef("pk")), "provider"),
    ).order_by("name")


def provider_detail(*, user: Viewer, pk: int) -> Provider:
    return visible_or_404(Provider.objects.visible_to(user), pk=pk)


def provider_units(
    *, user: Viewer, provider: Provider, today: dt.date
) -> QuerySet[Unit]:
    return unit_list(
        user=user,
        today=today,
        filters=UnitFilters(provider=provider.pk, status="all"),
    )


def provider_agreements(*, user: Viewer, provider: Provider) -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible_to(user)
        .filter(provider=provider)
        .select_related("contract_area", "signed_by")
        .annotate(unit_count=Count("units"))
        .order_by("-valid_from", "reference")
    )


@dataclass(frozen=True, slots=True)
class AgreementFilters:
    q: str = ""
    kind: str = ""
    contract_area: int | None = None
    signed_by: int | None = None
    status: str = "valid"  # valid | ended | upcoming | all


def agreement_list(
    *, user: Viewer, today: dt.date, filters: AgreementFilters | None = None
) -> QuerySet[Agreement]:
    filters = filters or AgreementFilters()
    agreements = Agreement.objects.visible_to(user).select_related(
        "provider", "contract_area", "signed_by"
    )
    if filters.q:
        agreements = agreements.filter(
            Q(reference__icontains=filters.q) | Q(provider__name__icontains=filters.q)
        )
    if filters.kind:
        agreements = agreements.filter(kind=filters.kind)
    if filters.contract_area:
        agreements = agreements.filter(contract_area_id=filters.contract_area)
    if filters.signed_by:
        agreements = agreements.filter(signed_by_id=filters.signed_by)
    if filters.status == "valid":
        agreements = agreements.filter(valid_on_q(today))
    elif filters.status == "upcoming":
        agreements = agreements.filter(valid_from__gt=today)
    elif filters.status == "ended":
        agreements = agreements.filter(
            Q(valid_to__lt=today) | Q(terminated_on__lte=today)
        )
    return agreements.annotate(unit_count=Count("units")).order_by("reference")


def agreement_detail(*, user: Viewer, pk: int) -> Agreement:
    return visible_or_404(
        Agreement.objects.visible_to(user).select_related(
            "provider", "contract_area", "signed_by"
        ),
        pk=pk,
    )


def agreement_units(*, user: Viewer, agreement: Agreement) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .filter(agreements=agreement)
        .select_related("district", "operated_by")
        .order_by("name", "external_id")
    )


def contract_area_list(
    *, user: Viewer, today: dt.date, q: str = "", law: str = ""
) -> QuerySet[ContractArea]:
    areas = ContractArea.objects.visible_to(user).select_related("operating_area")
    if q:
        areas = areas.filter(
            Q(name__icontains=q)
            | Q(code__icontains=q)
            | Q(legal_reference__icontains=q)
        )
    if law:
        areas = areas.filter(law=law)
    valid = Agreement.objects.valid_on(today)
    # Active units covered in the area: one join through the coverage table per
    # area, not a subquery per unit.
    covered = Coverage.objects.filter(
        valid_on_q(today, "agreement__"),
        active_on_q(today, "unit__"),
        agreement__contract_area=OuterRef("pk"),
    )
    return areas.annotate(
        valid_agreement_count=_count(
            valid.filter(contract_area=OuterRef("pk")), "contract_area"
        ),
        active_unit_count=Coalesce(
            Subquery(
                covered.order_by()
                .values("agreement__contract_area")
                .annotate(n=Count("unit", distinct=True))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    ).order_by("name")


def contract_area_detail(*, user: Viewer, pk: int) -> ContractArea:
    return visible_or_404(
        ContractArea.objects.visible_to(user).select_related("operating_area"), pk=pk
    )


def contract_area_rules(
    *, user: Viewer, area: ContractArea
) -> QuerySet[ResponsibilityRule]:
    return (
        ResponsibilityRule.objects.visible_to(user)
        .filter(Q(contract_area=area) | Q(contract_area__isnull=True), is_active=True)
        .select_related(
            "contract_area", "responsible_organisation", "performer_organisation"
        )
    )


def organisation_list(
    *, user: Viewer, today: dt.date, q: str = "", kind: str = ""
) -> QuerySet[Organisation]:
    organisations = Organisation.objects.visible_to(user)
    if q:
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(code__icontains=q)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.annotate(
        district_unit_count=_count(
            Unit.objects.filter(active_units(today), district=OuterRef("pk")),
            "district",
        ),
        operated_unit_count=_count(
            Unit.objects.filter(active_units(today), operated_by=OuterRef("pk")),
            "operated_by",
        ),
        signed_agreement_count=_count(
            Agreement.objects.valid_on(today).filter(signed_by=OuterRef("pk")),
            "signed_by",
        ),
    ).order_by("kind", "name")


def organisation_detail(*, user: Viewer, pk: int) -> Organisation:
    return visible_or_404(Organisation.objects.visible_to(user), pk=pk)


def rule_list(*, user: Viewer) -> QuerySet[ResponsibilityRule]:
    return (
        ResponsibilityRule.objects.visible_to(user)
        .select_related(
            "contract_area", "responsible_organisation", "performer_organisation"
        )
        .order_by(
            "-is_active",
            "agreement_kind",
            "regime",
            "operator_kind",
            "contract_area__name",
        )
    )
