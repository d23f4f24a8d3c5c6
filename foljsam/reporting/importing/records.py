"""What a follow-up history import reads a row into, and the helpers that read
its cells: the checked record, the plan of what to write, the messages for a
missing or unwanted outcome or reason, list and coded cells."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy

from foljsam.core.tabular import Issue, normalise_name
from foljsam.registry.importing import fields as parse
from foljsam.reporting.importing.lookups import squeeze

# The earliest year the import takes: before it, a year is a typing error.
FIRST_YEAR = 2000
INVALID: Any = object()  # a cell that did not parse
# Messages made only when needed: most rows have none of these problems.
NO_OUTCOME = gettext_lazy("Give the outcome of a performed follow-up.")
NO_OUTCOME_WANTED = gettext_lazy(
    "Leave the outcome empty: the follow-up was not performed."
)
NO_REASON = gettext_lazy("Give the reason the follow-up was not performed.")
NO_REASON_WANTED = gettext_lazy("Leave the reason empty: the follow-up was performed.")
_LIST_SEPARATORS = re.compile(r"[;,\n]")


@dataclass(frozen=True, slots=True)
class FollowupRecord:
    """One row, checked: what the follow-up, its deficiencies and its correction
    request will be."""

    row: int
    year: int
    unit_id: int
    unit_external_id: str
    provider_id: int
    contract_area_id: int
    contract_area_code: str
    agreement_id: int | None
    organisation_id: int | None
    responsible_organisation_id: int | None
    outcome: str  # empty when not performed
    not_performed_reason: str  # empty when performed
    performed_on: dt.date | None
    methods: tuple[str, ...]
    category_ids: tuple[int, ...]
    correction_request: bool

    @property
    def performed(self) -> bool:
        return bool(self.outcome)


@dataclass(slots=True)
class Plan:
    issues: list[Issue] = field(default_factory=list)  # errors: nothing is written
    notices: list[Issue] = field(default_factory=list)  # worth knowing, not errors
    create: list[FollowupRecord] = field(default_factory=list)


def list_items(value: str) -> list[str]:
    """A list cell: items separated by ';' (',' and line breaks work too)."""
    return [squeeze(item) for item in _LIST_SEPARATORS.split(value) if item.strip()]


_INDEXES: dict[int, dict[str, str]] = {}


def choose(value: str, options: dict[str, tuple[str, ...]]) -> str:
    """``fields.choice`` with the aliases indexed once: a coded value, or
    ``FieldError`` with the allowed values."""
    index = _INDEXES.get(id(options))
    if index is None:
        index = {normalise_name(canonical): canonical for canonical in options}
        for canonical, aliases in options.items():
            index.update(dict.fromkeys(aliases, canonical))
        _INDEXES[id(options)] = index
    found = index.get(value.strip()) or index.get(normalise_name(value))
    return found if found is not None else parse.choice(value, options)


def valid(*values: Any) -> bool:
    return all(value is not INVALID for value in values)
