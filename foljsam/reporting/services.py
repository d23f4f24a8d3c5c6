"""Every change the reporting app makes goes through a function here.

Issue 7: the import of earlier years' follow-ups (``followups_import``), so that
"last followed up", the previous outcome, the open deficiencies and the annual
reports of earlier years mean something from the first day.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.tabular import Issue, RawTable, Table, build_tables
from foljsam.reporting.importing import events
from foljsam.reporting.importing.apply import apply_plan
from foljsam.reporting.importing.plan import plan_import
from foljsam.reporting.importing.report import FollowupImportReport
from foljsam.reporting.importing.schema import FOLLOWUPS, SHEET

logger = logging.getLogger(__name__)


def _followups_table(
    raw: Mapping[str, RawTable],
) -> tuple[Table | None, list[Issue], tuple[str, ...], tuple[str, ...]]:
    """The table to import: the sheet called followups (or an alias); or, in a
    file with one table only (a CSV file, whatever its name), that table."""
    tables, issues, ignored = build_tables(raw, [SHEET])
    if not tables and not issues and len(raw) == 1:
        (only,) = raw.values()
        tables, issues, _ignored = build_tables({FOLLOWUPS: only}, [SHEET])
        ignored = []
    table = tables.get(FOLLOWUPS)
    columns = table.ignored_columns if table is not None else ()
    return table, issues, tuple(ignored), columns


def followups_import(
    *,
    actor: User | None,
    raw: Mapping[str, RawTable] | None = None,
    tables: Mapping[str, Table] | None = None,
    dry_run: bool = False,
    source: str = "",
) -> FollowupImportReport:
    """Record follow-ups of earlier years, all or nothing (issue 7).

    Every row is read and checked against the file and the database before
    anything is written; one wrong row means nothing is written, and every
    problem is reported with its row and column. A follow-up already recorded
    for the same year, unit and contract area is an error: the import never
    changes one. Deficiency categories become deficiencies and
    ``correction_request=yes`` the central office's correction request.
    """
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    header_issues: list[Issue] = []
    if tables is None:
        table, header_issues, ignored_sheets, ignored_columns = _followups_table(
            raw or {}
        )
    else:
        table = tables.get(FOLLOWUPS)
    if table is None:
        if not header_issues:
            header_issues = [
                Issue(
                    "",
                    None,
                    None,
                    _("The file has none of the sheets %(sheets)s.")
                    % {"sheets": FOLLOWUPS},
                )
            ]
        return FollowupImportReport(
            issues=tuple(header_issues), ignored_sheets=ignored_sheets
        )
    with transaction.atomic():
        plan = plan_import(table, today=timezone.localdate())
        report = FollowupImportReport.from_plan(
            plan, ignored_sheets=ignored_sheets, ignored_columns=ignored_columns
        )
        if not report.ok or dry_run or not report.has_changes:
            return dataclasses.replace(report, applied=report.ok and not dry_run)
        # What is stored is written in the city's language, whoever imports.
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Import of %(source)s") % {
                "source": source or _("earlier years' follow-ups")
            }
            try:
                with transaction.atomic():
                    written = apply_plan(plan, actor=actor, reason=reason)
            except IntegrityError:
                # Someone recorded one of these follow-ups since the check.
                logger.warning("follow-up import refused: written meanwhile")
                return dataclasses.replace(
                    report,
                    issues=(
                        Issue(
                            FOLLOWUPS,
                            None,
                            None,
                            _(
                                "Some of these follow-ups were recorded by someone "
                                "else while the file was being imported. Nothing "
                                "was written: check the file again."
                            ),
                        ),
                    ),
                )
        event_record(
            actor=actor,
            action=events.IMPORTED,
            data={
                "source": source,
                "created": written.followups,
                "deficiencies": written.deficiencies,
                "correction_requests": written.correction_requests,
            },
        )
    logger.info(
        "follow-up history import by %s: %d follow-ups, %d deficiencies, "
        "%d correction requests",
        actor.get_username() if actor else "system",
        written.followups,
        written.deficiencies,
        written.correction_requests,
    )
    return dataclasses.replace(report, applied=True)
