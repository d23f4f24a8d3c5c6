"""Every change to the registry goes through a function here."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.tabular import Issue, RawTable, Table, build_tables
from foljsam.registry import events
from foljsam.registry.importing.apply import apply_plan
from foljsam.registry.importing.report import ImportReport, SheetSummary
from foljsam.registry.importing.schema import SHEETS
from foljsam.registry.importing.state import load_state
from foljsam.registry.importing.validate import plan_import
from foljsam.registry.models import ContractArea, ResponsibilityRule

logger = logging.getLogger(__name__)


def registry_import(
    *,
    actor: User | None,
    raw: Mapping[str, RawTable] | None = None,
    tables: dict[str, Table] | None = None,
    dry_run: bool = False,
    source: str = "",
) -> ImportReport:
    """Upsert a city's organisations, contract areas, providers, units and
    agreements on their natural keys, all or nothing.

    Every row is validated against the file and the registry together before
    anything is written; one wrong row anywhere means nothing is written. Rows
    that the file does not mention are left as they are. Every row written gets
    its history (who, when, ``source``) and the import itself an event, in the
    same transaction.
    """
    ignored_sheets: tuple[str, ...] = ()
    header_issues: list[Issue] = []
    if tables is None:
        tables, header_issues, ignored = build_tables(raw or {}, SHEETS)
        ignored_sheets = tuple(ignored)
        if not tables and not header_issues:
            return ImportReport(
                issues=(
                    Issue(
                        "",
                        None,
                        None,
                        _("The file has none of the sheets %(sheets)s.")
                        % {"sheets": ", ".join(spec.name for spec in SHEETS)},
                    ),
                ),
                ignored_sheets=ignored_sheets,
            )
    # A sheet whose header is wrong cannot be read, but the other sheets still are,
    # so that one upload lists every error in the file.
    broken = frozenset(issue.sheet for issue in header_issues if issue.sheet)
    ignored_columns = tuple(
        (table.name, column)
        for table in tables.values()
        for column in table.ignored_columns
    )
    with transaction.atomic():
        plan = plan_import(load_state(), tables, broken)
        issues = [*header_issues, *plan.issues]
        report = ImportReport(
            issues=tuple(issues),
            sheets=tuple(SheetSummary.from_plan(p) for p in plan.sheet_plans()),
            ignored_sheets=ignored_sheets,
            ignored_columns=ignored_columns,
        )
        if issues or dry_run or not report.has_changes:
            return dataclasses.replace(report, applied=not (issues or dry_run))
        reason = _("Import of %(source)s") % {"source": source or _("the registry")}
        apply_plan(plan, now=timezone.now(), actor=actor, reason=reason)
        event_record(
            actor=actor,
            action=events.IMPORTED,
            data={
                "source": source,
                "created": report.created,
                "updated": report.updated,
                "sheets": {
                    s.sheet: [len(s.created), len(s.updated)] for s in report.sheets
                },
            },
        )
    logger.info(
        "registry import by %s: %d created, %d updated",
        actor.get_username() if actor else "system",
        report.created,
        report.updated,
    )
    return dataclasses.replace(report, applied=True)


@transaction.atomic
def responsibility_rule_ensure(
    *,
    actor: User | None,
    agreement_kind: str = "",
    regime: str = "",
    operator_kind: str = "",
    contract_area: ContractArea | None = None,
    responsible: str,
    performer: str,
    note: str = "",
) -> tuple[ResponsibilityRule, bool]:
    """Make sure an active rule with these criteria exists; an existing one is left
    as it is, since an administrator may have changed it on purpose."""
    rule = ResponsibilityRule.objects.filter(
        agreement_kind=agreement_kind,
        regime=regime,
        operator_kind=operator_kind,
        contract_area=contract_area,
        is_active=True,
    ).first()
    if rule is not None:
        return rule, False
    rule = ResponsibilityRule(
        agreement_kind=agreement_kind,
        regime=regime,
        operator_kind=operator_kind,
        contract_area=contract_area,
        responsible=responsible,
        performer=performer,
        note=note,
    )
    rule.full_clean()
    rule.save()
    return rule, True
