"""Validate an import against the file and the database together, and plan it.

Every row is parsed; every reference is checked against the registry as it would
be after the import (the database with the file laid over it); nothing is written
here. A change in one row that breaks a row already in the database (a provider
that stops being the city, a district that stops being a district) is reported on
the row that makes the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.utils.translation import gettext as _

from foljsam.core.tabular import Issue, Table
from foljsam.registry.importing import fields as parse
from foljsam.registry.importing import rows
from foljsam.registry.importing.schema import (
    AGREEMENTS,
    CONTRACT_AREAS,
    ORGANISATIONS,
    PROVIDERS,
    SHEET_ORDER,
    UNITS,
)
from foljsam.registry.importing.state import (
    AgreementRecord,
    ContractAreaRecord,
    Record,
    RegistryState,
    UnitRecord,
    changed_fields,
)

DISTRICT_OFFICE = "district_office"
CENTRAL_OFFICE = "central_office"
MUNICIPAL = "municipal"
MISSION = "mission"


@dataclass(frozen=True, slots=True)
class Incoming:
    record: Record
    row: int


@dataclass(frozen=True, slots=True)
class Partial:
    """A row with cells that did not parse: never imported, but its other cells are
    still checked against the registry, so one upload lists every error."""

    record: Record
    row: int
    invalid: frozenset[str]


# Which columns a check on a column reads: a check is skipped on a partial row when
# any of them did not parse (it would only repeat that error, or guess).
DEPENDS: dict[tuple[str, str], frozenset[str]] = {
    (UNITS, "operated_by"): frozenset({"operated_by", "provider_org_number"}),
    (UNITS, "closed_on"): frozenset({"opened_on", "closed_on"}),
    (AGREEMENTS, "signed_by"): frozenset({"signed_by", "kind"}),
    (AGREEMENTS, "kind"): frozenset({"kind", "provider_org_number"}),
    (AGREEMENTS, "valid_to"): frozenset({"valid_from", "valid_to"}),
    (AGREEMENTS, "terminated_on"): frozenset({"valid_from", "terminated_on"}),
    (AGREEMENTS, "termination_reason"): frozenset(
        {"termination_reason", "terminated_on"}
    ),
    (AGREEMENTS, "unit_ids"): frozenset({"unit_ids", "provider_org_number"}),
}


@dataclass(frozen=True, slots=True)
class SheetPlan:
    sheet: str
    create: tuple[Record, ...]
    update: tuple[tuple[Record, tuple[str, ...]], ...]
    unchanged: int


@dataclass(slots=True)
class Plan:
    current: RegistryState
    final: RegistryState
    incoming: dict[str, dict[str, Incoming]]
    issues: list[Issue] = field(default_factory=list)

    def sheet_plans(self) -> list[SheetPlan]:
        plans = []
        for sheet in SHEET_ORDER:
            existing: dict[str, Any] = getattr(self.current, _STATE_ATTR[sheet])
            create: list[Record] = []
            update: list[tuple[Record, tuple[str, ...]]] = []
            unchanged = 0
            for key, item in self.incoming[sheet].items():
                old = existing.get(key)
                if old is None:
                    create.append(item.record)
                elif changes := changed_fields(old, item.record):
                    update.append((item.record, tuple(changes)))
                else:
                    unchanged += 1
            plans.append(SheetPlan(sheet, tuple(create), tuple(update), unchanged))
        return plans


_STATE_ATTR = {
    ORGANISATIONS: "organisations",
    CONTRACT_AREAS: "contract_areas",
    PROVIDERS: "providers",
    UNITS: "units",
    AGREEMENTS: "agreements",
}


class Validator:
    def __init__(
        self,
        current: RegistryState,
        tables: dict[str, Table],
        broken: frozenset[str] = frozenset(),
    ) -> None:
        self.current = current
        self.tables = tables
        # Sheets in the file whose header could not be read: what they hold is
        # unknown, so references to them are neither found nor missing.
        self.broken = broken
        self.issues: list[Issue] = []
        self.incoming: dict[str, dict[str, Incoming]] = {s: {} for s in SHEET_ORDER}
        self.failed: dict[str, dict[str, int]] = {s: {} for s in SHEET_ORDER}
        self.partial: dict[str, list[Partial]] = {s: [] for s in SHEET_ORDER}
        self.final = RegistryState()

    def issue(self, sheet: str, row: int | None, column: str | None, msg: str) -> None:
        self.issues.append(Issue(sheet, row, column, msg))

    def run(self) -> Plan:
        self._read(ORGANISATIONS, "code", parse.code, rows.read_organisation)
        self._read(CONTRACT_AREAS, "code", parse.code, rows.read_contract_area)
        self._read(PROVIDERS, "org_number", parse.org_number, rows.read_provider)
        self._read(UNITS, "unit_id", rows.unit_id, rows.read_unit)
        self._read(AGREEMENTS, "reference", rows.reference, rows.read_agreement)
        self._merge()
        self._check_organisations()
        self._check_contract_areas()
        self._check_units()
        self._check_agreements()
        self.issues.sort(key=lambda i: (SHEET_ORDER.index(i.sheet), i.row or 0))
        return Plan(self.current, self.final, self.incoming, self.issues)

    # Reading rows -----------------------------------------------------------

    def _read(
        self,
        sheet: str,
        key_column: str,
        key_parser: Callable[[str], Any],
        build: Callable[[rows.RowReader, Any, Any], Record | None],
    ) -> None:
        table = self.tables.get(sheet)
        if table is None:
            return
        existing: dict[str, Any] = getattr(self.current, _STATE_ATTR[sheet])
        for row in table.rows:
            reader = rows.RowReader(self.issue, table, row)
            key = reader.get(key_column, key_parser)
            if key is rows.INVALID:
                # Still read the other cells, so that every mistake in the row is
                # listed at once; the row itself is not imported.
                build(reader, rows.INVALID, None)
                continue
            if key in self.incoming[sheet] or key in self.failed[sheet]:
                first = self.incoming[sheet].get(key) or self.failed[sheet][key]
                row_number = first if isinstance(first, int) else first.row
                self.issue(
                    sheet,
                    row.number,
                    key_column,
                    _("'%(key)s' appears twice; it is already on row %(row)d.")
                    % {"key": key, "row": row_number},
                )
                continue
            record = build(reader, key, existing.get(key))
            if record is None or reader.failed:
                # Remember the key, so that rows referring to it are not blamed
                # for this row's mistake.
                self.failed[sheet][key] = row.number
                if record is not None:
                    self.partial[sheet].append(
                        Partial(record, row.number, frozenset(reader.invalid))
                    )
                continue
            self.incoming[sheet][key] = Incoming(record, row.number)

    # Checking the registry as it would be ----------------------------------

    def _merge(self) -> None:
        for sheet in SHEET_ORDER:
            attr = _STATE_ATTR[sheet]
            merged = dict(getattr(self.current, attr))
            merged.update({k: v.record for k, v in self.incoming[sheet].items()})
            setattr(self.final, attr, merged)
        self.final.operating_areas = self.current.operating_areas

    def _after(self, sheet: str, key: str | None) -> Any:
        """The record for ``key`` as the registry would be after the import, or
        None. A key whose row failed is None too, even if the database has it: the
        row meant to change it, so its old values would only mislead."""
        if key is None or key in self.failed[sheet] or sheet in self.broken:
            return None
        return getattr(self.final, _STATE_ATTR[sheet]).get(key)

    def _unknown(self, sheet: str, key: str | None) -> bool:
        """True if nothing anywhere is called ``key``; a row that failed is not
        unknown, so that rows referring to it are not blamed for its mistake."""
        return (
            key is not None
            and sheet not in self.broken
            and key not in self.failed[sheet]
            and key not in getattr(self.final, _STATE_ATTR[sheet])
        )

    def _changed(self, sheet: str, attribute: str) -> dict[str, int]:
        """Keys of incoming rows whose ``attribute`` differs from the database's,
        with the row that changes it."""
        existing: dict[str, Any] = getattr(self.current, _STATE_ATTR[sheet])
        result = {}
        for key, item in self.incoming[sheet].items():
            old = existing.get(key)
            if old is not None and getattr(old, attribute) != getattr(
                item.record, attribute
            ):
                result[key] = item.row
        return result

    def _check_organisations(self) -> None:
        central = [
            code
            for code, org in self.final.organisations.items()
            if org.kind == CENTRAL_OFFICE
        ]
        if len(central) > 1:
            for code in central:
                item = self.incoming[ORGANISATIONS].get(code)
                if item is not None:
                    others = ", ".join(c for c in sorted(central) if c != code)
                    self.issue(
                        ORGANISATIONS,
                        item.row,
                        "kind",
                        _(
                            "Only one organisation can be the central office; "
                            "%(others)s already is."
                        )
                        % {"others": others},
                    )

    def _checked_rows(self, sheet: str) -> list[tuple[Record, int, frozenset[str]]]:
        """The file's rows to check: complete ones, and partial ones with the
        columns that did not parse."""
        return [
            *(
                (item.record, item.row, frozenset())
                for item in self.incoming[sheet].values()
            ),
            *((part.record, part.row, part.invalid) for part in self.partial[sheet]),
        ]

    def _report(
        self,
        sheet: str,
        row: int,
        invalid: frozenset[str],
        problems: list[tuple[str, str]],
    ) -> None:
        for column, message in problems:
            if not DEPENDS.get((sheet, column), frozenset({column})) & invalid:
                self.issue(sheet, row, column, message)

    def _check_contract_areas(self) -> None:
        for record, row, invalid in self._checked_rows(CONTRACT_AREAS):
            area = cast(ContractAreaRecord, record)
            if "operating_area" in invalid:
                continue
            if (
                area.operating_area is not None
                and area.operating_area not in self.final.operating_areas
            ):
                self.issue(
                    CONTRACT_AREAS,
                    row,
                    "operating_area",
                    _("Unknown operating area '%(code)s'. Known: %(known)s.")
                    % {
                        "code": area.operating_area,
                        "known": ", ".join(sorted(self.final.operating_areas)),
                    },
                )

    def _unit_problems(self, unit: UnitRecord) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        provider = self._after(PROVIDERS, unit.provider)
        if self._unknown(PROVIDERS, unit.provider):
            problems.append(
                (
                    "provider_org_number",
                    _(
                        "Unknown provider %(number)s: it is neither in the providers "
                        "sheet nor in the registry."
                    )
                    % {"number": unit.provider},
                )
            )
        if unit.district is not None:
            district = self._after(ORGANISATIONS, unit.district)
            if self._unknown(ORGANISATIONS, unit.district):
                problems.append(("district", self._unknown_organisation(unit.district)))
            elif district is not None and district.kind != DISTRICT_OFFICE:
                problems.append(
                    (
                        "district",
                        _("'%(code)s' is not a district office.")
                        % {"code": unit.district},
                    )
                )
        if unit.operated_by is not None and self._unknown(
            ORGANISATIONS, unit.operated_by
        ):
            problems.append(
                ("operated_by", self._unknown_organisation(unit.operated_by))
            )
        if provider is not None:
            if provider.kind == MUNICIPAL and unit.operated_by is None:
                problems.append(
                    (
                        "operated_by",
                        _(
                            "The city's own units must say which organisation runs "
                            "them."
                        ),
                    )
                )
            if provider.kind != MUNICIPAL and unit.operated_by is not None:
                problems.append(
                    (
                        "operated_by",
                        _(
                            "Only the city's own units are run by a city "
                            "organisation; leave it empty for %(provider)s."
                        )
                        % {"provider": provider.name},
                    )
                )
        problems.extend(_date_order(unit.opened_on, unit.closed_on, "closed_on"))
        return problems

    def _agreement_problems(self, agreement: AgreementRecord) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        provider = self._after(PROVIDERS, agreement.provider)
        if self._unknown(PROVIDERS, agreement.provider):
            problems.append(
                (
                    "provider_org_number",
                    _(
                        "Unknown provider %(number)s: it is neither in the providers "
                        "sheet nor in the registry."
                    )
                    % {"number": agreement.provider},
                )
            )
        if self._unknown(CONTRACT_AREAS, agreement.contract_area):
            problems.append(
                (
                    "contract_area",
                    _(
                        "Unknown contract area '%(code)s': it is neither in the "
                        "contract_areas sheet nor in the registry."
                    )
                    % {"code": agreement.contract_area},
                )
            )
        mission = agreement.kind == MISSION
        if agreement.signed_by is not None:
            if mission:
                problems.append(
                    (
                        "signed_by",
                        _("Nobody signs a mission description: leave it empty."),
                    )
                )
            elif self._unknown(ORGANISATIONS, agreement.signed_by):
                problems.append(
                    ("signed_by", self._unknown_organisation(agreement.signed_by))
                )
        elif not mission:
            problems.append(
                ("signed_by", _("Name the organisation that signed the agreement."))
            )
        if provider is not None:
            if provider.kind == MUNICIPAL and not mission:
                problems.append(
                    (
                        "kind",
                        _(
                            "The city cannot sign a contract with itself: its own "
                            "units have a mission description (mission)."
                        ),
                    )
                )
            if provider.kind != MUNICIPAL and mission:
                problems.append(
                    (
                        "kind",
                        _(
                            "Only the city's own units have a mission description; "
                            "%(provider)s is not the city."
                        )
                        % {"provider": provider.name},
                    )
                )
        problems.extend(
            _date_order(agreement.valid_from, agreement.valid_to, "valid_to")
        )
        problems.extend(
            _date_order(agreement.valid_from, agreement.terminated_on, "terminated_on")
        )
        if agreement.termination_reason and agreement.terminated_on is None:
            problems.append(
                (
                    "termination_reason",
                    _("A reason for termination needs a date in terminated_on."),
                )
            )
        for unit_id in sorted(agreement.unit_ids):
            unit = self._after(UNITS, unit_id)
            if self._unknown(UNITS, unit_id):
                problems.append(
                    (
                        "unit_ids",
                        _(
                            "Unknown unit '%(id)s': it is neither in the units sheet "
                            "nor in the registry."
                        )
                        % {"id": unit_id},
                    )
                )
            elif unit is not None and unit.provider != agreement.provider:
                problems.append(
                    (
                        "unit_ids",
                        _("Unit '%(id)s' belongs to another provider (%(number)s).")
                        % {"id": unit_id, "number": unit.provider},
                    )
                )
        return problems

    def _unknown_organisation(self, code: str) -> str:
        return _(
            "Unknown organisation '%(code)s': it is neither in the organisations "
            "sheet nor in the registry."
        ) % {"code": code}

    def _check_units(self) -> None:
        for record, row, invalid in self._checked_rows(UNITS):
            problems = self._unit_problems(cast(UnitRecord, record))
            self._report(UNITS, row, invalid, problems)
        # Units already in the database that a changed provider or district breaks.
        kind_changed = self._changed(PROVIDERS, "kind")
        district_changed = self._changed(ORGANISATIONS, "kind")
        for unit_id, unit in self.final.units.items():
            if unit_id in self.incoming[UNITS] or unit_id in self.failed[UNITS]:
                continue
            if unit.provider in kind_changed:
                blame = (PROVIDERS, kind_changed[unit.provider])
            elif unit.district in district_changed:
                blame = (ORGANISATIONS, district_changed[unit.district])
            else:
                continue
            for _column, message in self._unit_problems(unit):
                self.issue(
                    blame[0],
                    blame[1],
                    "kind",
                    _("Unit %(id)s would no longer be valid: %(problem)s")
                    % {"id": unit_id, "problem": message},
                )

    def _check_agreements(self) -> None:
        for record, row, invalid in self._checked_rows(AGREEMENTS):
            problems = self._agreement_problems(cast(AgreementRecord, record))
            self._report(AGREEMENTS, row, invalid, problems)
        kind_changed = self._changed(PROVIDERS, "kind")
        moved = self._changed(UNITS, "provider")
        for reference, agreement in self.final.agreements.items():
            if (
                reference in self.incoming[AGREEMENTS]
                or reference in self.failed[AGREEMENTS]
            ):
                continue
            moved_here = sorted(agreement.unit_ids & moved.keys())
            if agreement.provider in kind_changed:
                blame = (PROVIDERS, kind_changed[agreement.provider], "kind")
            elif moved_here:
                blame = (UNITS, moved[moved_here[0]], "provider_org_number")
            else:
                continue
            for _column, message in self._agreement_problems(agreement):
                self.issue(
                    blame[0],
                    blame[1],
                    blame[2],
                    _("Agreement %(reference)s would no longer be valid: %(problem)s")
                    % {"reference": reference, "problem": message},
                )


def _date_order(
    start: dt.date | None, end: dt.date | None, column: str
) -> list[tuple[str, str]]:
    if start is not None and end is not None and end < start:
        return [
            (
                column,
                _("%(end)s is before %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()},
            )
        ]
    return []


def _unit_id(value: str) -> str:
    return parse.text(value, max_length=50, required=True)


def _reference(value: str) -> str:
    return parse.text(value, max_length=60, required=True)


def plan_import(
    current: RegistryState,
    tables: dict[str, Table],
    broken: frozenset[str] = frozenset(),
) -> Plan:
    return Validator(current, tables, broken).run()
