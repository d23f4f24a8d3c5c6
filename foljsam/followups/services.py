"""Every change to a follow-up goes through a function here, which records who
did it (history) and what happened (an event) in the same transaction.

Issue 5 creates follow-ups when a year's selection is published, gives them to
another organisation, cancels them, and records results reached outside Följsam
(earlier years, protocols kept in Word). Issue 6 adds the steps of the protocol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation, User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups import events
from foljsam.followups.choices import (
    OPEN_STATUSES,
    CancelReason,
    Method,
    Outcome,
    Source,
    Status,
)
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Agreement, ContractArea, Unit


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Seed 002: templates to the districts "senast den 31 januari", the
    follow-up done "senast den 31 december det år uppföljningen avser", and the
    report to the committee "senast den 30 april"."""

    send_out_by: dt.date
    due_by: dt.date
    report_by: dt.date


@dataclass(frozen=True, slots=True)
class NewFollowUp:
    year: int
    unit_id: int
    provider_id: int
    contract_area_id: int
    agreement_id: int | None
    organisation_id: int
    responsible_organisation_id: int | None
    template_version_id: int | None
    methods: tuple[str, ...] = ()
    source: str = Source.PLANNED


def clean_methods(methods: Iterable[str]) -> list[str]:
    """Known methods, each once, in the list's own order."""
    chosen = set(methods)
    unknown = chosen - set(Method.values)
    if unknown:
        raise ValidationError(
            {
                "methods": _("Unknown method: %(methods)s.")
                % {"methods": ", ".join(sorted(unknown))}
            }
        )
    return [m for m in Method.values if m in chosen]


def followups_assign(
    *,
    actor: User | None,
    specs: Sequence[NewFollowUp],
    deadlines: Deadlines,
) -> list[FollowUp]:
    """Create the year's follow-ups in status "assigned", each with its template
    version, its organisation and the year's deadlines. Runs inside the caller's
    transaction (publishing a selection), which has checked that none exists."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("followups_assign() belongs inside a transaction.")
    names = dict(
        Organisation.objects.filter(
            pk__in={spec.organisation_id for spec in specs}
        ).values_list("pk", "name")
    )
    created = []
    for spec in specs:
        followup = FollowUp(
            year=spec.year,
            unit_id=spec.unit_id,
            provider_id=spec.provider_id,
            contract_area_id=spec.contract_area_id,
            agreement_id=spec.agreement_id,
            organisation_id=spec.organisation_id,
            responsible_organisation_id=spec.responsible_organisation_id,
            template_version_id=spec.template_version_id,
            source=spec.source,
            status=Status.ASSIGNED,
            methods=clean_methods(spec.methods),
            send_out_by=deadlines.send_out_by,
            due_by=deadlines.due_by,
            report_by=deadlines.report_by,
            created_by=actor,
        )
        stamp_history(followup, actor)
        followup.save()
        event_record(
            actor=actor,
            action=events.ASSIGNED,
            target=followup,
            data={
                "year": spec.year,
                "organisation": spec.organisation_id,
                "organisation_name": names.get(spec.organisation_id, ""),
            },
        )
        created.append(followup)
    return created


def _locked_open(followup: FollowUp) -> FollowUp:
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(
            _("The follow-up is %(status)s and can no longer change.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def followup_reassign(
    *, actor: User | None, followup: FollowUp, organisation: Organisation, note: str
) -> FollowUp:
    """Give an open follow-up to another organisation (the coordinator changes an
    assignment, issue 5)."""
    locked = _locked_open(followup)
    previous = locked.organisation_id
    if previous == organisation.pk:
        return locked
    previous_name = locked.organisation.name if locked.organisation else ""
    locked.organisation = organisation
    stamp_history(locked, actor, note)
    locked.save(update_fields=["organisation", "updated_at"])
    event_record(
        actor=actor,
        action=events.REASSIGNED,
        target=locked,
        data={
            "from": previous,
            "to": organisation.pk,
            "from_name": previous_name,
            "to_name": organisation.name,
            "note": note,
        },
    )
    return locked


@transaction.atomic
def followup_cancel(
    *,
    actor: User | None,
    followup: FollowUp,
    reason: str,
    on: dt.date,
    note: str = "",
) -> FollowUp:
    """Cancel a follow-up not yet completed, keeping why (seed 004: "Skälen till
    att vissa uppföljningar inte genomförts har i flertalet fall varit att avtal
    sagts upp innan eller i samband med avtalsuppföljningen")."""
    if reason not in CancelReason.values:
        raise ValidationError({"reason": _("Choose why it is cancelled.")})
    locked = _locked_open(followup)
    locked.status = Status.CANCELLED
    locked.cancel_reason = reason
    locked.cancelled_on = on
    if note:
        locked.note = f"{locked.note}\n{note}".strip()
    stamp_history(locked, actor, note)
    locked.save(
        update_fields=["status", "cancel_reason", "cancelled_on", "note", "updated_at"]
    )
    event_record(
        actor=actor,
        action=events.CANCELLED,
        target=locked,
        data={"reason": reason, "on": on.isoformat(), "note": note},
    )
    return locked


@transaction.atomic
def followup_record_result(
    *,
    actor: User | None,
    followup: FollowUp,
    outcome: str,
    performed_on: dt.date | None,
    methods: Iterable[str],
) -> FollowUp:
    """Record the outcome of a follow-up performed outside Följsam (a protocol
    kept in Word, as before the system): it is completed with one of the four
    outcomes of seed 004."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the four outcomes.")})
    locked = _locked_open(followup)
    locked.status = Status.COMPLETED
    locked.outcome = outcome
    locked.performed_on = performed_on
    locked.methods = clean_methods(methods)
    stamp_history(locked, actor)
    locked.save(
        update_fields=["status", "outcome", "performed_on", "methods", "updated_at"]
    )
    event_record(
        actor=actor,
        action=events.RESULT_RECORDED,
        target=locked,
        data={
            "outcome": outcome,
            "performed_on": performed_on.isoformat() if performed_on else "",
        },
    )
    return locked


@transaction.atomic
def followup_record_history(
    *,
    actor: User | None,
    year: int,
    unit: Unit,
    contract_area: ContractArea,
    agreement: Agreement | None = None,
    organisation: Organisation | None = None,
    responsible_organisation: Organisation | None = None,
    outcome: str = "",
    not_performed_reason: str = "",
    performed_on: dt.date | None = None,
    cancelled_on: dt.date | None = None,
    methods: Iterable[str] = (),
    note: str = "",
) -> FollowUp:
    """Record a follow-up of an earlier year: performed with an outcome, or planned
    and not performed with the reason. The demo city's history is written with it,
    and so will the import of earlier years be (issue 7)."""
    if bool(outcome) == bool(not_performed_reason):
        raise ValidationError(
            _(
                "A follow-up of an earlier year was either performed, with an "
                "outcome, or not performed, with the reason."
            )
        )
    if outcome and outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the four outcomes.")})
    if not_performed_reason and not_performed_reason not in CancelReason.values:
        raise ValidationError(
            {"not_performed_reason": _("Choose why it is cancelled.")}
        )
    if FollowUp.objects.filter(
        year=year,
        unit=unit,
        contract_area=contract_area,
        source__in=[Source.PLANNED, Source.HISTORY],
    ).exists():
        raise ValidationError(
            _("The unit already has a follow-up in this contract area this year.")
        )
    followup = FollowUp(
        year=year,
        unit=unit,
        provider_id=unit.provider_id,
        contract_area=contract_area,
        agreement=agreement,
        organisation=organisation,
        responsible_organisation=responsible_organisation,
        source=Source.HISTORY,
        status=Status.COMPLETED if outcome else Status.CANCELLED,
        outcome=outcome,
        performed_on=performed_on if outcome else None,
        cancel_reason=not_performed_reason,
        cancelled_on=(cancelled_on or dt.date(year, 12, 31))
        if not_performed_reason
        else None,
        methods=clean_methods(methods),
        note=note,
        created_by=actor,
    )
    stamp_history(followup, actor)
    followup.save()
    return followup
