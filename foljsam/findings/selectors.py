"""Reads of deficiencies, measures and decisions, for the deficiencies tab and
the lists. Every read starts from a ``visible_to(user)`` queryset; the number of
queries does not grow with the number of deficiencies or measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from foljsam.accounts.access import Viewer
from foljsam.findings.choices import DeficiencyStatus, MeasureKind
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.findings.outcome import DeficiencyState, propose_outcome
from foljsam.followups.choices import Outcome
from foljsam.followups.models import Answer, FollowUp
from foljsam.followups.protocol import answer_in_words, is_not_met


@dataclass(slots=True)
class DeficiencyRow:
    deficiency: Deficiency
    measures: list[Measure]
    today: dt.date
    forms: dict[str, object] = field(default_factory=dict)

    def _last(self, *kinds: str) -> Measure | None:
        found = [m for m in self.measures if m.kind in kinds]
        return max(found, key=lambda m: (m.on, m.pk)) if found else None

    @property
    def is_open(self) -> bool:
        return self.deficiency.status == DeficiencyStatus.OPEN

    @property
    def requested(self) -> Measure | None:
        return self._last(MeasureKind.COMPLEMENT_REQUESTED)

    @property
    def received(self) -> Measure | None:
        return self._last(MeasureKind.COMPLEMENT_RECEIVED)

    @property
    def awaiting_decision(self) -> bool:
        received = self.received
        decided = self._last(
            MeasureKind.COMPLEMENT_APPROVED, MeasureKind.COMPLEMENT_REJECTED
        )
        if received is None:
            return False
        return decided is None or (decided.on, decided.pk) < (received.on, received.pk)

    @property
    def awaiting_complement(self) -> bool:
        """A complement is asked for and none has come since."""
        requested = self.requested
        received = self.received
        return (
            self.is_open
            and requested is not None
            and (
                received is None
                or (received.on, received.pk) < (requested.on, requested.pk)
            )
        )

    @property
    def overdue(self) -> bool:
        due = self.deficiency.due_on
        return self.awaiting_complement and due is not None and due < self.today


@dataclass(frozen=True, slots=True)
class Proposal:
    """A "not met" answer that has no deficiency yet."""

    answer: Answer
    answer_text: str


@dataclass(slots=True)
class FindingsPage:
    followup: FollowUp
    rows: list[DeficiencyRow]
    proposals: list[Proposal]
    actions: list[ContractAction]
    proposal: Outcome


def deficiencies_of(
    *, user: Viewer, followup: FollowUp, today: dt.date
) -> list[DeficiencyRow]:
    deficiencies = (
        Deficiency.objects.visible_to(user)
        .filter(followup=followup)
        .select_related("category", "requirement", "question")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.select_related("recorded_by")
                .prefetch_related("files")
                .order_by("on", "pk"),
            )
        )
        .order_by("pk")
    )
    return [DeficiencyRow(d, list(d.measures.all()), today) for d in deficiencies]


def findings_page(*, user: Viewer, followup: FollowUp, today: dt.date) -> FindingsPage:
    rows = deficiencies_of(user=user, followup=followup, today=today)
    confirmed = {r.deficiency.question_id for r in rows if r.deficiency.question_id}
    answers = (
        Answer.objects.visible_to(user)
        .filter(followup=followup)
        .exclude(question_id__in=confirmed)
        .select_related("question__requirement__category", "question__section")
        .order_by("question__section__position", "question__position")
    )
    proposals = [
        Proposal(a, answer_in_words(a.question, a.value))
        for a in answers
        if is_not_met(a.question, a.value)
    ]
    actions = list(
        ContractAction.objects.visible_to(user)
        .filter(followup=followup)
        .select_related("decided_by")
        .prefetch_related("deficiencies__category")
    )
    proposal = propose_outcome(
        DeficiencyState(r.deficiency.severity, r.deficiency.status) for r in rows
    )
    return FindingsPage(followup, rows, proposals, actions, proposal)
