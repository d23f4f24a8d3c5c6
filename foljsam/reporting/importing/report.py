"""What a follow-up history import found and did, for the preview page and the
command."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from foljsam.core.tabular import Issue
from foljsam.followups.choices import CancelReason, Outcome
from foljsam.reporting.importing.records import Plan


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """One follow-up to record, as the preview lists it."""

    row: int
    year: int
    unit_id: str
    contract_area: str
    outcome: str  # empty when not performed
    reason: str  # why not, when not performed
    deficiencies: int
    correction_request: bool

    @property
    def performed(self) -> bool:
        return bool(self.outcome)

    @property
    def result_label(self) -> str:
        """The outcome in words, or why it was not performed."""
        if self.outcome:
            return str(Outcome(self.outcome).label)
        return str(CancelReason(self.reason).label)


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    performed: int
    not_performed: int

    @property
    def total(self) -> int:
        return self.performed + self.not_performed


@dataclass(frozen=True, slots=True)
class FollowupImportReport:
    issues: tuple[Issue, ...] = ()
    notices: tuple[Issue, ...] = ()
    created: tuple[PlannedRow, ...] = ()
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    applied: bool = False

    @classmethod
    def from_plan(cls, plan: Plan, **kwargs: object) -> FollowupImportReport:
        return cls(
            issues=tuple(plan.issues),
            notices=tuple(plan.notices),
            created=tuple(
                PlannedRow(
                    row=record.row,
                    year=record.year,
                    unit_id=record.unit_external_id,
                    contract_area=record.contract_area_code,
                    outcome=record.outcome,
                    reason=record.not_performed_reason,
                    deficiencies=len(record.category_ids),
                    correction_request=record.correction_request,
                )
                for record in plan.create
            ),
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def has_changes(self) -> bool:
        return bool(self.created)

    @property
    def performed(self) -> int:
        return sum(1 for row in self.created if row.performed)

    @property
    def not_performed(self) -> int:
        return len(self.created) - self.performed

    @property
    def deficiencies(self) -> int:
        return sum(row.deficiencies for row in self.created)

    @property
    def correction_requests(self) -> int:
        return sum(1 for row in self.created if row.correction_request)

    @property
    def by_year(self) -> tuple[YearCount, ...]:
        performed: Counter[int] = Counter()
        not_performed: Counter[int] = Counter()
        for row in self.created:
            if row.performed:
                performed[row.year] += 1
            else:
                not_performed[row.year] += 1
        return tuple(
            YearCount(year, performed[year], not_performed[year])
            for year in sorted(performed.keys() | not_performed.keys())
        )
