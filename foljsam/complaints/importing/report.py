"""What a signal import found and did, for the preview page and the command."""

from __future__ import annotations

from dataclasses import dataclass

from foljsam.complaints.importing.plan import Plan
from foljsam.core.tabular import Issue


@dataclass(frozen=True, slots=True)
class SignalImportReport:
    issues: tuple[Issue, ...] = ()
    created: tuple[str, ...] = ()  # references
    updated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # reference, columns
    unchanged: int = 0
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    applied: bool = False

    @classmethod
    def from_plan(cls, plan: Plan, **kwargs: object) -> SignalImportReport:
        return cls(
            issues=tuple(plan.issues),
            created=tuple(p.record.reference for p in plan.create),
            updated=tuple((p.record.reference, p.changes) for p in plan.update),
            unchanged=plan.unchanged,
            **kwargs,  # type: ignore[arg-type]
        )

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged
