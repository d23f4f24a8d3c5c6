"""What an import found and did, for the preview page and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from foljsam.core.tabular import Issue
from foljsam.registry.importing.state import (
    AgreementRecord,
    ContractAreaRecord,
    OrganisationRecord,
    ProviderRecord,
    Record,
    UnitRecord,
)
from foljsam.registry.importing.validate import SheetPlan


def natural_key(record: Record) -> str:
    match record:
        case OrganisationRecord() | ContractAreaRecord():
            return record.code
        case ProviderRecord():
            return record.org_number
        case UnitRecord():
            return record.external_id
        case AgreementRecord():
            return record.reference
    raise TypeError(record)


@dataclass(frozen=True, slots=True)
class SheetSummary:
    sheet: str
    created: tuple[str, ...]
    updated: tuple[tuple[str, tuple[str, ...]], ...]
    unchanged: int

    @classmethod
    def from_plan(cls, plan: SheetPlan) -> SheetSummary:
        return cls(
            plan.sheet,
            tuple(natural_key(r) for r in plan.create),
            tuple((natural_key(r), changes) for r, changes in plan.update),
            plan.unchanged,
        )

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged


@dataclass(frozen=True, slots=True)
class ImportReport:
    issues: tuple[Issue, ...] = ()
    sheets: tuple[SheetSummary, ...] = ()
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: tuple[tuple[str, str], ...] = ()
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def created(self) -> int:
        return sum(len(s.created) for s in self.sheets)

    @property
    def updated(self) -> int:
        return sum(len(s.updated) for s in self.sheets)

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)
