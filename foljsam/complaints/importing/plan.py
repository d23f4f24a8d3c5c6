"""Read and check every row of a signal import; plan what to create and update.

Nothing is written here. What the rows refer to (providers, units, contract areas,
categories, organisations, signals already in the register) is loaded in a fixed
number of queries for the keys the file names, so the cost does not grow by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation
from foljsam.complaints.choices import SignalStatus
from foljsam.complaints.importing.schema import SIGNALS, SOURCES, STATUSES
from foljsam.complaints.models import SUMMARY_MAX_LENGTH, Signal, SignalCategory
from foljsam.complaints.rules import dates_and_text_problems
from foljsam.core.lookups import by_key
from foljsam.core.tabular import Issue, Row, Table, normalise_name
from foljsam.registry.importing import fields as parse
from foljsam.registry.models import ContractArea, Provider, Unit

HANDLING_NOTE_MAX_LENGTH = 10_000
INVALID: Any = object()  # a cell that did not parse
# A new signal's value for an optional column the file does not have.
NEW_SIGNAL_DEFAULTS: dict[str, Any] = {
    "contract_area_id": None,
    "status": SignalStatus.RECEIVED,
    "closed_on": None,
    "handling_note": "",
}

# What a signal is, as the import compares it: model field -> import column.
COMPARED = {
    "received_on": "received_on",
    "source": "source",
    "category_id": "category",
    "summary": "summary",
    "provider_id": "provider_org_number",
    "unit_id": "unit_id",
    "contract_area_id": "contract_area",
    "status": "status",
    "closed_on": "closed_on",
    "handling_note": "handling_note",
    "organisation_id": "organisation",
}


@dataclass(frozen=True, slots=True)
class SignalRecord:
    reference: str
    received_on: dt.date
    source: str
    category_id: int
    summary: str
    provider_id: int
    unit_id: int | None
    contract_area_id: int | None
    status: str
    closed_on: dt.date | None
    handling_note: str
    organisation_id: int


@dataclass(frozen=True, slots=True)
class Planned:
    record: SignalRecord
    row: int
    existing: Signal | None  # the signal this row updates
    changes: tuple[str, ...] = ()  # the columns that change


@dataclass(slots=True)
class Plan:
    issues: list[Issue] = field(default_factory=list)
    create: list[Planned] = field(default_factory=list)
    update: list[Planned] = field(default_factory=list)
    unchanged: int = 0


def _provider_key(value: str) -> str:
    try:
        return parse.org_number(value)
    except parse.FieldError:
        return ""


@dataclass(slots=True)
class Lookups:
    """What the file's rows refer to, loaded once for every row."""

    providers: dict[str, Provider]
    units: dict[str, Unit]
    areas: dict[str, ContractArea]
    categories: dict[str, SignalCategory]  # by code and by normalised name
    organisations: dict[str, Organisation]
    signals: dict[str, Signal]

    @classmethod
    def load(cls, table: Table) -> Lookups:
        def cells(column: str, clean: Callable[[str], str]) -> set[str]:
            return {clean(row.get(column)) for row in table.rows} - {""}

        categories: dict[str, SignalCategory] = {}
        for category in SignalCategory.objects.all():
            categories[category.code] = category
            categories.setdefault(normalise_name(category.name), category)
        return cls(
            providers=by_key(
                Provider.objects.all(),
                "org_number",
                cells("provider_org_number", _provider_key),
            ),
            units=by_key(
                Unit.objects.select_related("provider"),
                "external_id",
                cells("unit_id", lambda v: " ".join(v.split())),
            ),
            areas=by_key(
                ContractArea.objects.all(),
                "code",
                cells("contract_area", lambda v: v.strip().lower()),
            ),
            categories=categories,
            organisations={o.code: o for o in Organisation.objects.all()},
            signals=by_key(
                Signal.objects.select_related("unit__provider"),
                "reference",
                cells("reference", lambda v: " ".join(v.split())),
            ),
        )


class RowChecker:
    """Reads one row into a record, collecting every problem of the row."""

    def __init__(
        self,
        table: Table,
        row: Row,
        lookups: Lookups,
        default_organisation: Organisation | None,
        today: dt.date,
    ) -> None:
        self.table = table
        self.row = row
        self.lookups = lookups
        self.default_organisation = default_organisation
        self.today = today
        self.issues: list[Issue] = []

    def problem(self, column: str, message: str) -> None:
        self.issues.append(Issue(SIGNALS, self.row.number, column, message))

    def cell(
        self, column: str, parser: Callable[..., Any], *args: Any, **kw: Any
    ) -> Any:
        try:
            return parser(self.row.get(column), *args, **kw)
        except parse.FieldError as error:
            self.problem(column, error.message)
            return INVALID

    def has(self, column: str) -> bool:
        return column in self.table.columns

    def _lookup(
        self, column: str, found: dict[str, Any], key: str, message: str
    ) -> Any:
        """The object ``key`` names, or INVALID with ``message`` on the column."""
        obj = found.get(key)
        if obj is None:
            self.problem(column, message % {"value": self.row.get(column).strip()})
            return INVALID
        return obj

    def _lookup_pk(
        self, column: str, found: dict[str, Any], key: str, message: str
    ) -> Any:
        obj = self._lookup(column, found, key, message)
        return INVALID if obj is INVALID else obj.pk

    def read(self, reference: str, existing: Signal | None) -> SignalRecord | None:
        values: dict[str, Any] = {"reference": reference}
        values["received_on"] = self.cell("received_on", parse.date, required=True)
        values["source"] = self.cell("source", parse.choice, SOURCES)
        values["category_id"] = self._category()
        values["summary"] = self.cell(
            "summary", parse.text, max_length=SUMMARY_MAX_LENGTH, required=True
        )
        provider, unit = self._provider_and_unit(existing)
        values["provider_id"] = provider
        values["unit_id"] = unit
        values["contract_area_id"] = self._optional(
            existing, "contract_area", "contract_area_id", self._contract_area
        )
        values["status"] = self._optional(existing, "status", "status", self._status)
        values["closed_on"] = self._optional(
            existing,
            "closed_on",
            "closed_on",
            lambda: self.cell("closed_on", parse.date),
        )
        values["handling_note"] = self._optional(
            existing,
            "handling_note",
            "handling_note",
            lambda: self.cell(
                "handling_note", parse.text, max_length=HANDLING_NOTE_MAX_LENGTH
            ),
        )
        values["organisation_id"] = self._organisation(existing)
        if any(value is INVALID for value in values.values()):
            return None
        record = SignalRecord(**values)
        problems = dates_and_text_problems(
            status=record.status,
            received_on=record.received_on,
            closed_on=record.closed_on,
            texts={"summary": record.summary, "handling_note": record.handling_note},
            today=self.today,
        )
        for column, messages in problems.items():
            for message in messages:
                self.problem(column, message)
        return None if problems else record

    def _optional(
        self,
        existing: Signal | None,
        column: str,
        attname: str,
        read: Callable[[], Any],
    ) -> Any:
        """A column the file lacks keeps the stored value (or the default, for a
        new signal); a column it has is read, empty meaning empty."""
        if self.has(column):
            return read()
        if existing is not None:
            return getattr(existing, attname)
        return NEW_SIGNAL_DEFAULTS[attname]

    def _category(self) -> Any:
        given = self.row.get("category").strip()
        if not given:
            self.problem("category", _("A value is required."))
            return INVALID
        categories = self.lookups.categories
        category = categories.get(given.lower()) or categories.get(
            normalise_name(given)
        )
        if category is None:
            self.problem(
                "category",
                _("Unknown value '%(value)s'. Allowed values: %(allowed)s.")
                % {
                    "value": given,
                    "allowed": ", ".join(sorted({c.code for c in categories.values()})),
                },
            )
            return INVALID
        return category.pk

    def _contract_area(self) -> Any:
        code = self.cell("contract_area", parse.code, required=False)
        if code is INVALID or code is None:
            return code
        return self._lookup_pk(
            "contract_area",
            self.lookups.areas,
            code,
            _("No contract area has the code '%(value)s'."),
        )

    def _status(self) -> Any:
        if not self.row.get("status").strip():
            return SignalStatus.RECEIVED
        return self.cell("status", parse.choice, STATUSES)

    def _provider_and_unit(self, existing: Signal | None) -> tuple[Any, Any]:
        has_provider = self.has("provider_org_number") and bool(
            self.row.get("provider_org_number").strip()
        )
        has_unit = self.has("unit_id") and bool(self.row.get("unit_id").strip())
        provider: Any = None
        if has_provider:
            number = self.cell("provider_org_number", parse.org_number)
            if number is not INVALID:
                provider = self._lookup(
                    "provider_org_number",
                    self.lookups.providers,
                    number,
                    _(
                        "No provider in the registry has the organisation number "
                        "%(value)s."
                    ),
                )
            else:
                provider = INVALID
        unit: Any = None
        if has_unit:
            unit = self._lookup(
                "unit_id",
                self.lookups.units,
                " ".join(self.row.get("unit_id").split()),
                _("No unit in the registry has the id '%(value)s'."),
            )
        elif not self.has("unit_id") and existing is not None:
            unit = existing.unit
        if provider is INVALID or unit is INVALID:
            return INVALID, INVALID
        if provider is None and unit is None:
            if not self.has("provider_org_number") and existing is not None:
                return existing.provider_id, None
            self.problem(
                "provider_org_number",
                _("Give the provider's organisation number, or the unit's id."),
            )
            return INVALID, INVALID
        if provider is None:
            return unit.provider_id, unit.pk
        if unit is not None and unit.provider_id != provider.pk:
            self.problem(
                "unit_id",
                _("The unit %(unit)s belongs to another provider, %(provider)s.")
                % {"unit": unit.external_id, "provider": unit.provider.name},
            )
            return INVALID, INVALID
        return provider.pk, unit.pk if unit is not None else None

    def _organisation(self, existing: Signal | None) -> Any:
        code = self.cell("organisation", parse.code, required=False)
        if code is INVALID:
            return INVALID
        if code is not None:
            return self._lookup_pk(
                "organisation",
                self.lookups.organisations,
                code,
                _("No organisation has the code '%(value)s'."),
            )
        if existing is not None:
            return existing.organisation_id  # never moved by an empty cell
        if self.default_organisation is None:
            self.problem(
                "organisation",
                _(
                    "Give the code of the organisation that recorded the signal: "
                    "the import has no organisation of its own to use."
                ),
            )
            return INVALID
        return self.default_organisation.pk


def changed_columns(existing: Signal, record: SignalRecord) -> tuple[str, ...]:
    return tuple(
        column
        for attname, column in COMPARED.items()
        if getattr(existing, attname) != getattr(record, attname)
    )


def plan_import(
    table: Table,
    *,
    default_organisation: Organisation | None,
    today: dt.date,
) -> Plan:
    """Every row checked, with every problem of every row; the plan is only to be
    carried out when there are none."""
    lookups = Lookups.load(table)
    plan = Plan()
    seen: dict[str, int] = {}
    for row in table.rows:
        checker = RowChecker(table, row, lookups, default_organisation, today)
        reference = checker.cell("reference", parse.text, max_length=60, required=True)
        if reference is not INVALID and reference in seen:
            checker.problem(
                "reference",
                _("'%(key)s' appears twice; it is already on row %(row)d.")
                % {"key": reference, "row": seen[reference]},
            )
            plan.issues.extend(checker.issues)
            continue
        existing = None
        if reference is not INVALID:
            seen[reference] = row.number
            existing = lookups.signals.get(reference)
        record = checker.read(reference if reference is not INVALID else "", existing)
        plan.issues.extend(checker.issues)
        if record is None or checker.issues:
            continue
        if existing is None:
            plan.create.append(Planned(record, row.number, None))
        elif changes := changed_columns(existing, record):
            plan.update.append(Planned(record, row.number, existing, changes))
        else:
            plan.unchanged += 1
    return plan
