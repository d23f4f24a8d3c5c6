"""Write a checked plan in bulk: the follow-ups, their deficiencies and their
correction requests, each with its history row. Called inside one transaction.

The follow-ups are what ``followups.services.followup_record_history`` records for
one earlier year (source "recorded afterwards", completed with its outcome or
cancelled with its reason on 31 December), written in bulk so that 10,000 rows
take seconds (``bulk``); the deficiencies and decisions keep the rules of
``findings.services.deficiency_register`` and ``findings.actions``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.lookups import chunks
from foljsam.findings.choices import ActionKind, DeficiencyStatus, Resolution, Severity
from foljsam.findings.measures import DEFAULT_COMPLEMENT_DAYS
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.choices import Outcome, Source, Status
from foljsam.followups.models import FollowUp
from foljsam.reporting.importing import bulk
from foljsam.reporting.importing.records import FollowupRecord, Plan

BATCH = 500
HISTORY_REASON_MAX = 100  # django-simple-history's history_change_reason


@dataclass(frozen=True, slots=True)
class Written:
    followups: int
    deficiencies: int
    correction_requests: int


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def followup_of(record: FollowupRecord, actor: User | None) -> FollowUp:
    """The follow-up ``followup_record_history`` would record for the row."""
    performed = record.performed
    return FollowUp(
        year=record.year,
        unit_id=record.unit_id,
        provider_id=record.provider_id,
        contract_area_id=record.contract_area_id,
        agreement_id=record.agreement_id,
        organisation_id=record.organisation_id,
        responsible_organisation_id=record.responsible_organisation_id,
        source=Source.HISTORY,
        status=Status.COMPLETED if performed else Status.CANCELLED,
        outcome=record.outcome,
        performed_on=record.performed_on if performed else None,
        cancel_reason=record.not_performed_reason,
        cancelled_on=None if performed else year_end(record.year),
        methods=list(record.methods),
        note="",
        created_by=actor,
    )


def deficiencies_of(record: FollowupRecord, followup_id: int) -> list[Deficiency]:
    """One deficiency per category: put right by complement (by the end of the
    year) when the unit complied after complement; otherwise still open, minor
    when minor deficiencies remain and serious when it did not comply, so that
    ``findings.outcome.propose_outcome`` gives the row's own outcome."""
    resolved = record.outcome == Outcome.COMPLIES_AFTER_COMPLEMENT
    severity = (
        Severity.SERIOUS
        if record.outcome == Outcome.DOES_NOT_COMPLY
        else Severity.MINOR
    )
    return [
        Deficiency(
            followup_id=followup_id,
            category_id=category_id,
            severity=severity,
            description="",
            status=DeficiencyStatus.RESOLVED if resolved else DeficiencyStatus.OPEN,
            resolved_on=year_end(record.year) if resolved else None,
            resolution=Resolution.COMPLEMENT if resolved else "",
        )
        for category_id in record.category_ids
    ]


def correction_request_of(
    record: FollowupRecord, followup_id: int, actor: User | None
) -> ContractAction:
    """The central office's correction request, dated the day of the follow-up
    (or the end of the year), with the default complement deadline: its real
    date, deadline and letter are in the city's own files."""
    decided_on = record.performed_on or year_end(record.year)
    return ContractAction(
        followup_id=followup_id,
        agreement_id=record.agreement_id,
        kind=ActionKind.CORRECTION_REQUEST,
        decided_on=decided_on,
        due_on=decided_on + dt.timedelta(days=DEFAULT_COMPLEMENT_DAYS),
        reasons=_(
            "Recorded afterwards from the records of %(year)d: a correction "
            "request was made after the follow-up. The decision, its grounds and "
            "its deadline are in the city's own files."
        )
        % {"year": record.year},
        decided_by=actor,
    )


def apply_plan(plan: Plan, *, actor: User | None, reason: str) -> Written:
    """Write what the plan says; every row gets its history row naming the
    importer and the file."""
    now = timezone.now()
    reason = reason[:HISTORY_REASON_MAX]

    def history(model: type[Model], objects: Sequence[Model]) -> None:
        bulk.insert_history(model, objects, now=now, actor=actor, reason=reason)

    records = plan.create
    followups = [followup_of(record, actor) for record in records]
    bulk.insert(FollowUp, followups, now=now)
    keys = _followup_ids(records)
    for record, followup in zip(records, followups, strict=True):
        followup.pk = keys[(record.year, record.unit_id, record.contract_area_id)]
    history(FollowUp, followups)

    deficiencies = [
        deficiency
        for record, followup in zip(records, followups, strict=True)
        for deficiency in deficiencies_of(record, followup.pk)
    ]
    bulk.insert(Deficiency, deficiencies, now=now)
    found = _ids_by(
        Deficiency.objects.all(),
        {d.followup_id for d in deficiencies},
        ("followup_id", "category_id"),
    )
    for deficiency in deficiencies:
        deficiency.pk = found[(deficiency.followup_id, deficiency.category_id)]
    history(Deficiency, deficiencies)

    actions = [
        correction_request_of(record, followup.pk, actor)
        for record, followup in zip(records, followups, strict=True)
        if record.correction_request
    ]
    bulk.insert(ContractAction, actions, now=now)
    found = _ids_by(
        ContractAction.objects.filter(kind=ActionKind.CORRECTION_REQUEST),
        {a.followup_id for a in actions},
        ("followup_id",),
    )
    for action in actions:
        action.pk = found[(action.followup_id,)]
    history(ContractAction, actions)
    _link_deficiencies(actions, deficiencies)
    return Written(len(followups), len(deficiencies), len(actions))


def _followup_ids(records: list[FollowupRecord]) -> dict[tuple[int, int, int], int]:
    """The keys the database gave the new follow-ups, by year, unit and contract
    area (one follow-up each, a unique constraint)."""
    years = sorted({record.year for record in records})
    found: dict[tuple[int, int, int], int] = {}
    for chunk in chunks(record.unit_id for record in records):
        for pk, year, unit_id, area_id in FollowUp.objects.filter(
            source=Source.HISTORY, unit_id__in=chunk, year__in=years
        ).values_list("id", "year", "unit_id", "contract_area_id"):
            found[(year, unit_id, area_id)] = pk
    return found


def _ids_by(
    queryset: QuerySet[Any], followup_ids: set[int], key: tuple[str, ...]
) -> dict[tuple[int, ...], int]:
    """The keys of the rows the import wrote for these follow-ups (new, so
    every row of theirs is the import's), by ``key``."""
    found: dict[tuple[int, ...], int] = {}
    for chunk in chunks(followup_ids):
        for pk, *values in queryset.filter(followup_id__in=chunk).values_list(
            "id", *key
        ):
            found[tuple(values)] = pk
    return found


def _link_deficiencies(
    actions: list[ContractAction], deficiencies: list[Deficiency]
) -> None:
    """A correction request concerns the deficiencies its follow-up found."""
    if not actions:
        return
    by_followup: dict[int, list[int]] = defaultdict(list)
    for deficiency in deficiencies:
        by_followup[deficiency.followup_id].append(deficiency.pk)
    field = ContractAction._meta.get_field("deficiencies")
    through = ContractAction.deficiencies.through
    action_key = f"{field.m2m_field_name()}_id"
    deficiency_key = f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [
            through(**{action_key: action.pk, deficiency_key: deficiency_id})
            for action in actions
            for deficiency_id in by_followup.get(action.followup_id, [])
        ],
        batch_size=BATCH,
    )
