"""What the annual report reads, in a fixed number of queries whatever the size of
the city: every read starts from the model's ``visible_to`` (the single scoping
mechanism), and ``annual.build_report`` does the counting without the database.
The screening campaigns of the year are read by their own app
(``screening.selectors.year_summary``) and handed on as plain rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, IntegerField, Max, Q
from django.db.models.functions import Coalesce, ExtractYear

from foljsam.accounts.access import Viewer
from foljsam.financial.choices import Result
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.choices import PERFORMED_STATUSES
from foljsam.followups.models import FollowUp
from foljsam.planning.models import PlanEntry
from foljsam.registry.choices import ProviderKind, Regime
from foljsam.registry.models import ContractArea, Coverage
from foljsam.reporting.annual import (
    AnnualReport,
    AreaInfo,
    FinancialSummary,
    FollowUpRow,
    Inputs,
    PlanLine,
    build_report,
)
from foljsam.reporting.annual_screening import CampaignRow, RespondentRow
from foljsam.requirements.models import RequirementCategory
from foljsam.screening.selectors import year_summary

# The years a report can be asked for: the first follow-ups the city recorded
# afterwards are far older than the system, but not older than this.
FIRST_YEAR = 2000


def report_years(*, user: Viewer, today: dt.date) -> list[int]:
    """The years with follow-ups, newest first, and always the current year."""
    years = set(
        FollowUp.objects.visible_to(user)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    years.add(today.year)
    return sorted(years, reverse=True)


def _areas(user: Viewer) -> list[AreaInfo]:
    return [
        AreaInfo(
            id=a.pk,
            code=a.code,
            name=a.name,
            law=a.law,
            legal_reference=a.legal_reference,
            cycle_years=a.cycle_years,
        )
        for a in ContractArea.objects.visible_to(user)
        .select_related("operating_area")
        .order_by("operating_area__position", "operating_area__name", "name", "pk")
    ]


def _followups(user: Viewer, year: int) -> list[FollowUpRow]:
    rows = (
        FollowUp.objects.visible_to(user)
        .filter(year=year)
        .order_by()
        .values_list(
            "contract_area_id",
            "provider__kind",
            "status",
            "outcome",
            "cancel_reason",
            "methods",
        )
    )
    return [
        FollowUpRow(
            contract_area_id=area,
            regime=Regime.OWN if kind == ProviderKind.MUNICIPAL else Regime.PRIVATE,
            status=status,
            outcome=outcome,
            cancel_reason=reason,
            methods=tuple(methods or ()),
        )
        for area, kind, status, outcome, reason, methods in rows
    ]


def _units(year: int) -> dict[int, frozenset[int]]:
    """Units active at some time of ``year`` under an agreement in force at some
    time of it, by contract area. The registry is the city's common reference:
    every reader of the report sees all of it."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    during = (
        Q(agreement__valid_from__lte=last)
        & (Q(agreement__valid_to__isnull=True) | Q(agreement__valid_to__gte=first))
        & (
            Q(agreement__terminated_on__isnull=True)
            | Q(agreement__terminated_on__gt=first)
        )
        & (Q(unit__opened_on__isnull=True) | Q(unit__opened_on__lte=last))
        & (Q(unit__closed_on__isnull=True) | Q(unit__closed_on__gt=first))
    )
    pairs: dict[int, set[int]] = defaultdict(set)
    for area, unit in (
        Coverage.objects.filter(during)
        .order_by()
        .values_list("agreement__contract_area_id", "unit_id")
        .distinct()
    ):
        pairs[area].add(unit)
    return {area: frozenset(units) for area, units in pairs.items()}


def _last_performed(user: Viewer, year: int) -> dict[tuple[int, int], int]:
    """The last year up to ``year`` in which each unit was followed up in each
    area. As everywhere "last followed up" is read (followups.selectors.
    last_follow_ups), a follow-up counts for the year it was performed, or
    planned when the date is not known."""
    rows = (
        FollowUp.objects.visible_to(user)
        .filter(status__in=sorted(PERFORMED_STATUSES))
        .exclude(outcome="")
        .annotate(
            counts_for=Coalesce(
                ExtractYear("performed_on"), F("year"), output_field=IntegerField()
            )
        )
        .filter(counts_for__lte=year)
        .order_by()
        .values("unit_id", "contract_area_id")
        .annotate(last=Max("counts_for"))
        .values_list("unit_id", "contract_area_id", "last")
    )
    return {(unit, area): last for unit, area, last in rows}


def _deficiencies(
    user: Viewer, year: int
) -> tuple[dict[int, dict[str, int]], dict[str, str]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for area, code, n in (
        Deficiency.objects.visible_to(user)
        .filter(followup__year=year)
        .order_by()
        .values("followup__contract_area_id", "category__code")
        .annotate(n=Count("followup_id", distinct=True))
        .values_list("followup__contract_area_id", "category__code", "n")
    ):
        counts[area][code] = n
    names = dict(RequirementCategory.objects.values_list("code", "name"))
    return dict(counts), names


def _actions(user: Viewer, year: int) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for area, kind, n in (
        ContractAction.objects.visible_to(user)
        .filter(followup__year=year)
        .order_by()
        .values("followup__contract_area_id", "kind")
        .annotate(n=Count("pk"))
        .values_list("followup__contract_area_id", "kind", "n")
    ):
        counts[area][kind] = n
    return dict(counts)


def _financial(user: Viewer, year: int) -> dict[int, FinancialSummary]:
    """The checks made in the year's follow-ups, and what they flagged."""
    checks: dict[int, int] = {}
    flagged_checks: dict[int, int] = {}
    for area, n, flagged in (
        FinancialCheck.objects.visible_to(user)
        .filter(followup__year=year)
        .order_by()
        .values("followup__contract_area_id")
        .annotate(
            n=Count("pk", distinct=True),
            flagged=Count("pk", distinct=True, filter=Q(items__result=Result.FLAGGED)),
        )
        .values_list("followup__contract_area_id", "n", "flagged")
    ):
        checks[area] = n
        flagged_checks[area] = flagged
    items: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for area, item, n in (
        CheckItem.objects.visible_to(user)
        .filter(financial_check__followup__year=year, result=Result.FLAGGED)
        .order_by()
        .values("financial_check__followup__contract_area_id", "item")
        .annotate(n=Count("financial_check_id", distinct=True))
        .values_list("financial_check__followup__contract_area_id", "item", "n")
    ):
        items[area].append((item, n))
    return {
        area: FinancialSummary(
            checks=n,
            flagged_checks=flagged_checks[area],
            items=tuple(sorted(items.get(area, []), key=lambda kv: (-kv[1], kv[0]))),
        )
        for area, n in checks.items()
    }


def _plan(user: Viewer, year: int) -> list[PlanLine]:
    """The coming three years' prioritised areas. Where plans overlap, the one
    decided last speaks for a year and area."""
    lines: dict[tuple[int, int], PlanLine] = {}
    for entry in (
        PlanEntry.objects.visible_to(user)
        .filter(year__in=range(year + 1, year + 4))
        .select_related("plan", "contract_area")
        .order_by("year", "contract_area__name", "plan__decided_on", "plan_id")
    ):
        lines[(entry.year, entry.contract_area_id)] = PlanLine(
            year=entry.year,
            contract_area=entry.contract_area.code,
            contract_area_name=entry.contract_area.name,
            method=entry.method,
            scope=entry.scope,
            target_count=entry.target_count,
            lead=entry.lead,
            rationale=entry.rationale,
            plan=entry.plan.name,
        )
    return list(lines.values())


def _campaigns(user: Viewer, year: int) -> list[CampaignRow]:
    """The year's sent screening campaigns: one query in a year without any,
    else at most seven."""
    return [
        CampaignRow(
            name=c.name,
            template=c.template,
            template_version=c.template_version,
            status=c.status,
            deadline=c.deadline,
            sent_on=c.sent_on,
            respondents=tuple(
                RespondentRow(
                    provider_id=r.provider_id,
                    contract_area_ids=r.contract_area_ids,
                    asked=r.asked,
                    answered=r.answered,
                    withdrawn=r.withdrawn,
                    flags=r.flags,
                    visits=r.visits,
                )
                for r in c.respondents
            ),
        )
        for c in year_summary(user=user, year=year)
    ]


def annual_report(*, user: Viewer, year: int, today: dt.date) -> AnnualReport:
    """The report of ``year`` as ``user`` may see it: eleven queries in a year
    without screening campaigns, at most seventeen with them (ten for the
    follow-ups, the registry and the plan; ``_campaigns`` for the screening).
    The number never grows with the rows."""
    deficiencies, names = _deficiencies(user, year)
    return build_report(
        Inputs(
            year=year,
            made_on=today,
            areas=_areas(user),
            followups=_followups(user, year),
            units=_units(year),
            last_performed=_last_performed(user, year),
            deficiencies=deficiencies,
            category_names=names,
            actions=_actions(user, year),
            financial=_financial(user, year),
            plan=_plan(user, year),
            campaigns=_campaigns(user, year),
        )
    )
