"""Reading one row of an import sheet into a record.

Every cell of a row is parsed, so that every mistake in it is listed at once; a
column the sheet does not have keeps the stored value (or the default, for a new
row). Cross-row and cross-sheet checks belong to ``validate``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from foljsam.core.tabular import Row, Table
from foljsam.registry.importing import fields as parse
from foljsam.registry.importing.schema import (
    AGREEMENT_KINDS,
    LAWS,
    ORGANISATION_KINDS,
    PROVIDER_KINDS,
)
from foljsam.registry.importing.state import (
    AgreementRecord,
    ContractAreaRecord,
    OrganisationRecord,
    ProviderRecord,
    Record,
    UnitRecord,
)

# Stands for a cell that did not parse; its row is not imported.
INVALID: Any = object()
IssueSink = Callable[[str, int | None, str | None, str], None]


class RowReader:
    """Parses the cells of one row, collecting every problem instead of stopping."""

    def __init__(self, report: IssueSink, table: Table, row: Row) -> None:
        self.report = report
        self.table = table
        self.row = row
        self.failed = False
        self.invalid: set[str] = set()  # columns whose cell did not parse

    def has(self, column: str) -> bool:
        return column in self.table.columns

    def get(
        self, column: str, parser: Callable[..., Any], *args: Any, **kw: Any
    ) -> Any:
        try:
            return parser(self.row.get(column), *args, **kw)
        except parse.FieldError as exc:
            self.failed = True
            self.invalid.add(column)
            self.report(self.table.name, self.row.number, column, exc.message)
            return INVALID

    def optional(
        self, given: dict[str, Any], column: str, parser: Callable[..., Any], **kw: Any
    ) -> None:
        """Parse a column only if the sheet has it; absent columns keep old values."""
        if self.has(column):
            given[column] = self.get(column, parser, **kw)


def _complete[R: Record](
    cls: type[R], existing: R | None, key: dict[str, Any], given: dict[str, Any]
) -> R | None:
    """The row as a record. A cell that did not parse becomes None, so that the
    rest of the row can still be checked; such a record is never imported (the
    reader has failed)."""
    if any(value is INVALID for value in key.values()):
        return None
    values: dict[str, Any] = {
        name: None if v is INVALID else v for name, v in given.items()
    }
    if existing is not None:
        return dataclasses.replace(existing, **values)
    return cls(**key, **values)


def read_organisation(
    r: RowReader, code: str, old: OrganisationRecord | None
) -> OrganisationRecord | None:
    given = {
        "name": r.get("name", parse.text, max_length=200, required=True),
        "kind": r.get("kind", parse.choice, ORGANISATION_KINDS),
    }
    return _complete(OrganisationRecord, old, {"code": code}, given)


def read_contract_area(
    r: RowReader, code: str, old: ContractAreaRecord | None
) -> ContractAreaRecord | None:
    given = {
        "name": r.get("name", parse.text, max_length=200, required=True),
        "law": r.get("law", parse.choice, LAWS),
    }
    r.optional(given, "legal_reference", parse.text, max_length=100)
    r.optional(
        given, "cycle_years", parse.whole_number, minimum=1, maximum=10, default=3
    )
    r.optional(given, "operating_area", parse.code, required=False)
    r.optional(given, "address_protected", parse.yes_no)
    return _complete(ContractAreaRecord, old, {"code": code}, given)


def read_provider(
    r: RowReader, number: str, old: ProviderRecord | None
) -> ProviderRecord | None:
    given = {
        "name": r.get("name", parse.text, max_length=200, required=True),
        "kind": r.get("kind", parse.choice, PROVIDER_KINDS),
    }
    r.optional(given, "contact_email", parse.email)
    return _complete(ProviderRecord, old, {"org_number": number}, given)


def read_unit(
    r: RowReader, external_id: str, old: UnitRecord | None
) -> UnitRecord | None:
    given = {
        "provider": r.get("provider_org_number", parse.org_number),
        "name": r.get("name", parse.text, max_length=200, required=True),
    }
    r.optional(given, "address", parse.text, max_length=200)
    r.optional(given, "postal_code", parse.postal_code)
    r.optional(given, "city", parse.text, max_length=100)
    r.optional(given, "district", parse.code, required=False)
    r.optional(given, "operated_by", parse.code, required=False)
    r.optional(
        given,
        "placements",
        parse.whole_number,
        minimum=0,
        maximum=100_000,
        default=0,
    )
    r.optional(given, "opened_on", parse.date)
    r.optional(given, "closed_on", parse.date)
    return _complete(UnitRecord, old, {"external_id": external_id}, given)


def read_agreement(
    r: RowReader, reference: str, old: AgreementRecord | None
) -> AgreementRecord | None:
    given = {
        "provider": r.get("provider_org_number", parse.org_number),
        "contract_area": r.get("contract_area", parse.code),
        "kind": r.get("kind", parse.choice, AGREEMENT_KINDS),
        "valid_from": r.get("valid_from", parse.date, required=True),
    }
    r.optional(given, "signed_by", parse.code, required=False)
    r.optional(given, "valid_to", parse.date)
    r.optional(given, "terminated_on", parse.date)
    r.optional(given, "termination_reason", parse.text, max_length=2000)
    r.optional(given, "unit_ids", parse.id_list, max_length=50)
    return _complete(AgreementRecord, old, {"reference": reference}, given)


def unit_id(value: str) -> str:
    return parse.text(value, max_length=50, required=True)


def reference(value: str) -> str:
    return parse.text(value, max_length=60, required=True)
