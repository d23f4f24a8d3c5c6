"""Reminders of complement deadlines (issue 6): "E-mails before complement
deadlines and when they are passed."

Seed 004: "De verksamheter som vid avtalsuppföljning uppvisar brister ges
möjlighet att inom en förutbestämd tidsram åtgärda bristerna." The provider is
told ``FOLJSAM_REMINDER_DAYS_BEFORE`` days before the deadline, and once when it
has passed without a complement; the performing organisation is told then too.

``foljsam remind`` runs ``reminders_send`` once a day. Each reminder is recorded
(``Reminder``: deficiency, kind, deadline) in the transaction that queues its
e-mail, so running it again the same day, or every day, sends nothing twice; a
new deadline after a rejected complement gets reminders of its own. A day the
command did not run is caught up the next: a deadline already inside the window
is reminded of late rather than never.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from foljsam.findings.choices import DeficiencyStatus, MeasureKind
from foljsam.findings.measures import MEASURE_STATUSES
from foljsam.findings.models import Deficiency, Measure, Reminder, ReminderKind
from foljsam.findings.selectors import DeficiencyRow
from foljsam.findings.tasks import notify_deadlines_passed, notify_provider_deadlines
from foljsam.followups.models import FollowUp


def awaiting_complements(
    deficiencies: QuerySet[Deficiency], today: dt.date
) -> list[DeficiencyRow]:
    """Those of ``deficiencies`` that await the provider's complement: open, with
    a deadline, on a follow-up still being assessed (only then can a complement
    be sent and decided on), and nothing received since the latest request (the
    rule of ``DeficiencyRow.awaiting_complement``, applied here too). Earliest
    deadline first. Two queries, whatever the number of rows."""
    # Only the requests and receipts decide whether a complement is awaited.
    complements = Measure.objects.filter(
        kind__in=[MeasureKind.COMPLEMENT_REQUESTED, MeasureKind.COMPLEMENT_RECEIVED]
    ).order_by("on", "pk")
    found = (
        deficiencies.filter(
            status=DeficiencyStatus.OPEN,
            due_on__isnull=False,
            followup__status__in=sorted(MEASURE_STATUSES),
        )
        .select_related(
            "category",
            "followup__unit",
            "followup__provider",
            "followup__contract_area",
            "followup__organisation",
        )
        .prefetch_related(Prefetch("measures", queryset=complements))
        .order_by("due_on", "followup__unit__name", "pk")
    )
    rows = (DeficiencyRow(d, list(d.measures.all()), today) for d in found)
    return [row for row in rows if row.awaiting_complement]


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A reminder to send: about this deficiency's deadline, of this kind."""

    deficiency: Deficiency
    kind: ReminderKind
    due_on: dt.date
    today: dt.date

    @property
    def followup(self) -> FollowUp:
        return self.deficiency.followup

    @property
    def days(self) -> int:
        """Days left before the deadline (0: today), or days past it."""
        return abs((self.due_on - self.today).days)


def _not_yet(kind: ReminderKind) -> Q:
    return ~Q(
        Exists(
            Reminder.objects.filter(
                deficiency=OuterRef("pk"), due_on=OuterRef("due_on"), kind=kind
            )
        )
    )


def reminders_due(
    today: dt.date, *, days_before: int | None = None
) -> list[DueReminder]:
    """What to send today: a reminder for every deadline from today to
    ``days_before`` days ahead, and a notice for every deadline before today,
    unless that deadline already had its reminder of the kind. Only deficiencies
    that await a complement. Two queries."""
    days = settings.FOLJSAM_REMINDER_DAYS_BEFORE if days_before is None else days_before
    horizon = today + dt.timedelta(days=days)
    candidates = Deficiency.objects.filter(
        (Q(due_on__lt=today) & _not_yet(ReminderKind.DEADLINE_PASSED))
        | (
            Q(due_on__gte=today, due_on__lte=horizon)
            & _not_yet(ReminderKind.BEFORE_DEADLINE)
        )
    )
    due: list[DueReminder] = []
    for row in awaiting_complements(candidates, today):
        due_on = row.deficiency.due_on
        if due_on is None:  # left out by the query; this tells the type checker
            continue
        kind = (
            ReminderKind.DEADLINE_PASSED
            if due_on < today
            else ReminderKind.BEFORE_DEADLINE
        )
        due.append(DueReminder(row.deficiency, kind, due_on, today))
    return due


@transaction.atomic
def reminders_send(
    today: dt.date, *, days_before: int | None = None
) -> list[DueReminder]:
    """Record today's reminders and queue their e-mail, in one transaction: one
    message per provider listing its deficiencies and deadlines, and one per
    performing organisation listing the deadlines passed. The task rows are
    written in the same transaction as the reminders (the outbox of
    docs/operations.md): either both exist or neither, so a reminder is never
    recorded without its e-mail. Two runs at once cannot both send: the second
    fails on the unique (deficiency, kind, deadline) and writes nothing."""
    due = reminders_due(today, days_before=days_before)
    if not due:
        return due
    created = Reminder.objects.bulk_create(
        [Reminder(deficiency=r.deficiency, kind=r.kind, due_on=r.due_on) for r in due]
    )
    to_providers: dict[int, list[int]] = defaultdict(list)
    to_organisations: dict[int, list[int]] = defaultdict(list)
    for item, reminder in zip(due, created, strict=True):
        to_providers[item.followup.provider_id].append(reminder.pk)
        organisation = item.followup.organisation_id
        if item.kind == ReminderKind.DEADLINE_PASSED and organisation is not None:
            to_organisations[organisation].append(reminder.pk)
    for provider_id, ids in sorted(to_providers.items()):
        notify_provider_deadlines.enqueue(provider_id=provider_id, reminder_ids=ids)
    for organisation_id, ids in sorted(to_organisations.items()):
        notify_deadlines_passed.enqueue(
            organisation_id=organisation_id, reminder_ids=ids
        )
    return due
