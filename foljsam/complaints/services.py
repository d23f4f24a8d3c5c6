"""Every change to the register of signals goes through a function here.

The register holds what the selection of the year looks at besides the registry
(seed 004: units were chosen "för att socialförvaltningen har fått in notiser,
frågor eller avvikelser kopplade till en utförare"). A signal is about a provider,
optionally one of its units and one contract area; never about a care user.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import Organisation, User
from foljsam.complaints import events
from foljsam.complaints.choices import CLOSED_STATUSES, SignalStatus
from foljsam.complaints.importing.apply import apply_plan
from foljsam.complaints.importing.plan import plan_import
from foljsam.complaints.importing.report import SignalImportReport
from foljsam.complaints.importing.schema import SHEET, SIGNALS
from foljsam.complaints.models import SUMMARY_MAX_LENGTH, Signal, SignalCategory
from foljsam.complaints.rules import (
    dates_and_text_problems,
    next_reference,
    reference_prefix,
)
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.core.tabular import Issue, RawTable, Table, build_tables
from foljsam.registry.models import ContractArea, Provider, Unit

# The fields a user may change on a signal; the rest is who recorded it and when.
EDITABLE = frozenset(
    {
        "reference",
        "provider",
        "unit",
        "contract_area",
        "received_on",
        "source",
        "category",
        "summary",
        "status",
        "closed_on",
        "handling_note",
        "organisation",
    }
)
FREE_TEXT = ("summary", "handling_note")
REFERENCE_ATTEMPTS = 5

logger = logging.getLogger(__name__)


def signal_problems(signal: Signal, *, today: dt.date) -> dict[str, list[str]]:
    """Everything wrong with ``signal`` as it would be saved, by field: the
    model's own checks (lengths, choices, the unit belongs to the provider) and the
    register's rules, in words that say what to do."""
    problems: dict[str, list[str]] = {}
    try:
        # Uniqueness and the table constraints are checked here and in
        # ``dates_and_text_problems``, with messages that say more than the
        # database's.
        signal.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(name, []).extend(messages)
    if (
        signal.reference
        and Signal.objects.filter(reference=signal.reference)
        .exclude(pk=signal.pk)
        .exists()
    ):
        problems.setdefault("reference", []).append(reference_taken(signal.reference))
    summary = signal.summary or ""
    if len(summary) > SUMMARY_MAX_LENGTH:  # a TextField's length is the form's
        problems.setdefault("summary", []).append(
            _("At most %(max)d characters are allowed; this has %(length)d.")
            % {"max": SUMMARY_MAX_LENGTH, "length": len(summary)}
        )
    received = signal.received_on if isinstance(signal.received_on, dt.date) else None
    closed = signal.closed_on if isinstance(signal.closed_on, dt.date) else None
    rules = dates_and_text_problems(
        status=signal.status,
        received_on=received,
        closed_on=closed,
        texts={name: str(getattr(signal, name) or "") for name in FREE_TEXT},
        today=today,
    )
    for name, messages in rules.items():
        problems.setdefault(name, []).extend(messages)
    return problems


def reference_taken(reference: str) -> str:
    return _("Another signal already has the reference %(reference)s.") % {
        "reference": reference
    }


def _check(signal: Signal) -> None:
    problems = signal_problems(signal, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)


def _check_organisation(actor: User | None, organisation: Organisation) -> None:
    """A district office records its own signals; whoever sees every signal (the
    central office) may record one for any organisation."""
    if actor is None or can(actor, Capability.READ_ALL_SIGNALS):
        return
    if organisation.pk != actor.organisation_id:
        raise ValidationError(
            {
                "organisation": _(
                    "You can only record signals for your own organisation."
                )
            }
        )


def _status_event(actor: User | None, signal: Signal, before: str | None) -> None:
    """Closing, dismissing and reopening are acts of their own on the timeline."""
    if signal.status == before:
        return
    if signal.status == SignalStatus.CLOSED:
        action = events.CLOSED
    elif signal.status == SignalStatus.DISMISSED:
        action = events.DISMISSED
    elif before in CLOSED_STATUSES:
        action = events.REOPENED
    else:
        return
    data = {"closed_on": signal.closed_on.isoformat()} if signal.closed_on else {}
    event_record(actor=actor, action=action, target=signal, data=data)


def _save_new(signal: Signal, *, generate: bool) -> None:
    """Insert, with the next free register number when none was given. Two people
    saving at once may draw the same number: the loser tries the next one."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        if generate:
            year = timezone.localdate().year
            signal.reference = next_reference(
                year,
                Signal.objects.filter(
                    reference__startswith=reference_prefix(year)
                ).values_list("reference", flat=True),
            )
        try:
            with transaction.atomic():
                signal.save()
        except IntegrityError:
            if not generate:
                break
            continue
        return
    raise ValidationError({"reference": reference_taken(signal.reference)})


@transaction.atomic
def signal_register(
    *,
    actor: User | None,
    organisation: Organisation | None = None,
    provider: Provider,
    received_on: dt.date,
    source: str,
    category: SignalCategory,
    summary: str,
    reference: str = "",
    unit: Unit | None = None,
    contract_area: ContractArea | None = None,
    status: str = SignalStatus.RECEIVED,
    closed_on: dt.date | None = None,
    handling_note: str = "",
) -> Signal:
    """Record a signal about a provider (and optionally one unit and one contract
    area). ``organisation`` is who recorded it, by default the actor's own; only
    the central office records for others. Without a reference the signal gets the
    register's next number for the year, ``SIG-2026-0001``.

    Refused with the reason per field: a date in the future, a closed signal
    without its closing date or closed before it was received, a unit of another
    provider, a reference already taken, a personal identity number in the text.
    """
    if organisation is None:
        organisation = actor.organisation if actor is not None else None
    if organisation is None:
        raise ValidationError(
            {"organisation": _("Choose the organisation that records the signal.")}
        )
    _check_organisation(actor, organisation)
    reference = " ".join(reference.split())
    signal = Signal(
        reference=reference,
        provider=provider,
        unit=unit,
        contract_area=contract_area,
        received_on=received_on,
        source=source,
        category=category,
        summary=summary.strip(),
        status=status,
        closed_on=closed_on,
        handling_note=handling_note.strip(),
        organisation=organisation,
        recorded_by=actor,
    )
    problems = signal_problems(signal, today=timezone.localdate())
    if not reference:
        problems.pop("reference", None)  # the register numbers it when saved
    if problems:
        raise ValidationError(problems)
    stamp_history(signal, actor)
    _save_new(signal, generate=not reference)
    event_record(
        actor=actor,
        action=events.RECORDED,
        target=signal,
        data={"reference": signal.reference},
    )
    _status_event(actor, signal, SignalStatus.RECEIVED)
    return signal


@transaction.atomic
def signal_update(*, actor: User | None, signal: Signal, **changes: Any) -> Signal:
    """Change a signal's fields (``EDITABLE``); the same rules as when recording.
    Closing, dismissing and reopening are recorded as events of their own."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"signal_update() cannot change {sorted(unknown)}")
    locked = Signal.objects.select_for_update().get(pk=signal.pk)
    before = locked.status
    recorded_for = locked.organisation_id
    for name, value in changes.items():
        if name in FREE_TEXT:
            value = (value or "").strip()
        elif name == "reference":
            value = " ".join(str(value).split())
        setattr(locked, name, value)
    if locked.organisation_id != recorded_for:
        _check_organisation(actor, locked.organisation)
    _check(locked)
    stamp_history(locked, actor)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise ValidationError(
            {"reference": reference_taken(locked.reference)}
        ) from None
    _status_event(actor, locked, before)
    return locked


def signal_close(
    *,
    actor: User | None,
    signal: Signal,
    closed_on: dt.date,
    dismissed: bool = False,
    handling_note: str | None = None,
) -> Signal:
    """Close a signal (or dismiss it as unfounded, which takes it out of the risk
    counts) on ``closed_on``: a signal is closed on a date, never just closed."""
    changes: dict[str, Any] = {
        "status": SignalStatus.DISMISSED if dismissed else SignalStatus.CLOSED,
        "closed_on": closed_on,
    }
    if handling_note is not None:
        changes["handling_note"] = handling_note
    return signal_update(actor=actor, signal=signal, **changes)


# Import ---------------------------------------------------------------------------


def _import_organisation(actor: User | None) -> Organisation | None:
    """Whom imported signals are recorded for when a row does not say: the
    importer's organisation; from the command line, the central office."""
    if actor is not None and actor.organisation_id is not None:
        return actor.organisation
    return Organisation.objects.filter(kind=Organisation.Kind.CENTRAL_OFFICE).first()


def _signals_table(
    raw: Mapping[str, RawTable],
) -> tuple[Table | None, list[Issue], tuple[str, ...], tuple[str, ...]]:
    """The table to import: the sheet called signals (or an alias); or, in a file
    with one table only (a CSV file, whatever its name), that table."""
    tables, issues, ignored = build_tables(raw, [SHEET])
    if not tables and not issues and len(raw) == 1:
        (only,) = raw.values()
        tables, issues, _ignored = build_tables({SIGNALS: only}, [SHEET])
        ignored = []
    table = tables.get(SIGNALS)
    columns = table.ignored_columns if table is not None else ()
    return table, issues, tuple(ignored), columns


def signals_import(
    *,
    actor: User | None,
    raw: Mapping[str, RawTable] | None = None,
    tables: Mapping[str, Table] | None = None,
    dry_run: bool = False,
    source: str = "",
    organisation: Organisation | None = None,
) -> SignalImportReport:
    """Upsert signals on their reference, all or nothing (issue 5).

    Every row is read and checked (the same rules as a signal recorded on the
    page, plus the references to the registry) before anything is written; one
    wrong row means nothing is written, and every problem is reported with its
    row and column. A reference already in the register updates that signal.
    Rows without an organisation are recorded for ``organisation``, by default
    the importer's own (the central office from the command line).
    """
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    header_issues: list[Issue] = []
    if tables is None:
        table, header_issues, ignored_sheets, ignored_columns = _signals_table(
            raw or {}
        )
    else:
        table = tables.get(SIGNALS)
    if table is None:
        if not header_issues:
            header_issues = [
                Issue(
                    "",
                    None,
                    None,
                    _("The file has none of the sheets %(sheets)s.")
                    % {"sheets": SIGNALS},
                )
            ]
        return SignalImportReport(
            issues=tuple(header_issues), ignored_sheets=ignored_sheets
        )
    default = organisation or _import_organisation(actor)
    with transaction.atomic():
        plan = plan_import(
            table, default_organisation=default, today=timezone.localdate()
        )
        report = SignalImportReport.from_plan(
            plan, ignored_sheets=ignored_sheets, ignored_columns=ignored_columns
        )
        if not report.ok or dry_run or not report.has_changes:
            return dataclasses.replace(report, applied=report.ok and not dry_run)
        reason = _("Import of %(source)s") % {"source": source or _("signals")}
        apply_plan(plan, actor=actor, reason=reason)
        event_record(
            actor=actor,
            action=events.IMPORTED,
            data={
                "source": source,
                "created": len(report.created),
                "updated": len(report.updated),
            },
        )
    logger.info(
        "signal import by %s: %d created, %d updated",
        actor.get_username() if actor else "system",
        len(report.created),
        len(report.updated),
    )
    return dataclasses.replace(report, applied=True)
