"""Read and check every row of a follow-up history import; plan what to record.

Nothing is written here. Every row is read whole, so that every problem of every
row is reported (row and column, in the user's language); the plan is carried out
only when there are none. The rules are in docs/decisions.md ("Issue 7: the import
of earlier years").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from foljsam.core.tabular import Issue, Row, Table, normalise_name
from foljsam.findings.actions import refusal_for
from foljsam.findings.choices import ActionKind
from foljsam.followups.choices import Method, Source
from foljsam.followups.models import FollowUp
from foljsam.registry.importing import fields as parse
from foljsam.registry.models import Agreement, Unit
from foljsam.reporting.importing.lookups import (
    Lookups,
    clean_code,
    in_force_during,
)
from foljsam.reporting.importing.records import (
    FIRST_YEAR,
    INVALID,
    NO_OUTCOME,
    NO_OUTCOME_WANTED,
    NO_REASON,
    NO_REASON_WANTED,
    FollowupRecord,
    Plan,
    choose,
    list_items,
    valid,
)
from foljsam.reporting.importing.schema import (
    FOLLOWUPS,
    METHODS,
    OUTCOMES,
    PERFORMED,
    REASONS,
    STATUSES,
    YES_NO,
)


class RowChecker:
    """Reads one row into a record, collecting every problem of the row."""

    def __init__(
        self,
        row: Row,
        lookups: Lookups,
        today: dt.date,
        seen: dict[tuple[int, int, int], int],
    ) -> None:
        self.row = row
        self.lookups = lookups
        self.today = today
        self.seen = seen
        self.issues: list[Issue] = []
        self.notices: list[Issue] = []

    # Reporting ----------------------------------------------------------------

    def problem(self, column: str, message: str) -> None:
        self.issues.append(Issue(FOLLOWUPS, self.row.number, column, message))

    def notice(self, column: str, message: str) -> None:
        self.notices.append(Issue(FOLLOWUPS, self.row.number, column, message))

    def given(self, column: str) -> str:
        return self.row.get(column).strip()

    def cell(
        self, column: str, parser: Callable[..., Any], *args: Any, **kw: Any
    ) -> Any:
        try:
            return parser(self.row.get(column), *args, **kw)
        except parse.FieldError as error:
            self.problem(column, error.message)
            return INVALID

    # The row ------------------------------------------------------------------

    def read(self) -> FollowupRecord | None:
        year = self._year()
        unit = self._unit()
        area = self._area()
        self._once(year, unit, area)
        status = self.cell("status", choose, STATUSES)
        performed = None if status is INVALID else status == PERFORMED
        outcome = self._only_when(
            performed,
            True,
            "outcome",
            OUTCOMES,
            missing=NO_OUTCOME,
            extra=NO_OUTCOME_WANTED,
        )
        reason = self._only_when(
            performed,
            False,
            "not_performed_reason",
            REASONS,
            missing=NO_REASON,
            extra=NO_REASON_WANTED,
        )
        methods = self._methods()
        performed_on = self._performed_on(performed, year, unit)
        performed_by = self._performed_by()
        categories = self._categories(performed, outcome)
        correction = self._correction(performed, outcome)
        if valid(unit, year):
            self._unit_in_year(unit, year)
        agreement = self._agreement(unit, area, year, performed_on)
        if correction is True and valid(unit, agreement):
            self._correction_allowed(unit, agreement)
        values = (
            year,
            unit,
            area,
            status,
            outcome,
            reason,
            methods,
            performed_on,
            performed_by,
            categories,
            correction,
            agreement,
        )
        if not valid(*values) or self.issues:
            return None
        responsible, performer = self.lookups.responsibility(unit, area, agreement)
        organisation_id = performed_by.pk if performed_by is not None else performer
        if organisation_id is None:
            self.notice(
                "performed_by",
                _(
                    "Nobody is known to have performed the follow-up: the "
                    "responsibility rules name no organisation and performed_by "
                    "is empty."
                ),
            )
        return FollowupRecord(
            row=self.row.number,
            year=year,
            unit_id=unit.pk,
            unit_external_id=unit.external_id,
            provider_id=unit.provider_id,
            contract_area_id=area.pk,
            contract_area_code=area.code,
            agreement_id=agreement.pk if agreement is not None else None,
            organisation_id=organisation_id,
            responsible_organisation_id=responsible,
            outcome=outcome,
            not_performed_reason=reason,
            performed_on=performed_on,
            methods=methods,
            category_ids=tuple(category.pk for category in categories),
            correction_request=correction,
        )

    # The key: year, unit, contract area ------------------------------------------

    def _year(self) -> Any:
        year = self.cell("year", parse.whole_number, minimum=0, maximum=9999)
        if year is INVALID:
            return INVALID
        if year < FIRST_YEAR:
            self.problem(
                "year",
                _("The year must be %(first)d or later.") % {"first": FIRST_YEAR},
            )
            return INVALID
        if year == self.today.year:
            self.problem(
                "year",
                _(
                    "Follow-ups of %(year)d, the current year, go through the "
                    "year's selection in Följsam: the import takes earlier years "
                    "only."
                )
                % {"year": year},
            )
            return INVALID
        if year > self.today.year:
            self.problem(
                "year",
                _("%(year)d is in the future: the import takes earlier years only.")
                % {"year": year},
            )
            return INVALID
        return year

    def _unit(self) -> Any:
        given = self.cell("unit_id", parse.text, max_length=50, required=True)
        if given is INVALID:
            return INVALID
        unit = self.lookups.units.get(given)
        if unit is None:
            self.problem(
                "unit_id",
                _("No unit in the registry has the id '%(value)s'.") % {"value": given},
            )
            return INVALID
        return unit

    def _area(self) -> Any:
        code = self.cell("contract_area", parse.code, required=True)
        if code is INVALID:
            return INVALID
        area = self.lookups.areas.get(code)
        if area is None:
            self.problem(
                "contract_area",
                _("No contract area has the code '%(value)s'.") % {"value": code},
            )
            return INVALID
        return area

    def _once(self, year: Any, unit: Any, area: Any) -> None:
        """One follow-up per unit, contract area and year: once in the file, and
        not one already recorded (an import never changes a recorded one)."""
        if not valid(year, unit, area):
            return
        key = (year, unit.pk, area.pk)
        names = {"unit": unit.external_id, "area": area.code, "year": year}
        if key in self.seen:
            self.problem(
                "unit_id",
                _(
                    "The same follow-up (%(unit)s, %(area)s, %(year)d) is already "
                    "on row %(row)d."
                )
                % {**names, "row": self.seen[key]},
            )
            return
        self.seen[key] = self.row.number
        source = self.lookups.existing.get(key)
        if source is not None:
            self.problem(
                "unit_id",
                _(
                    "A follow-up of %(unit)s in %(area)s for %(year)d is already "
                    "recorded (%(source)s). The import never changes a recorded "
                    "follow-up: remove the row."
                )
                % {**names, "source": str(Source(source).label).lower()},
            )

    def _unit_in_year(self, unit: Unit, year: int) -> None:
        if unit.opened_on is not None and unit.opened_on.year > year:
            self.problem(
                "unit_id",
                _("The unit opened on %(opened)s, after %(year)d.")
                % {"opened": unit.opened_on.isoformat(), "year": year},
            )
        if unit.closed_on is not None and unit.closed_on <= dt.date(year, 1, 1):
            self.problem(
                "unit_id",
                _("The unit closed on %(closed)s, before %(year)d.")
                % {"closed": unit.closed_on.isoformat(), "year": year},
            )

    # What happened --------------------------------------------------------------

    def _only_when(
        self,
        performed: bool | None,
        wanted: bool,
        column: str,
        options: dict[str, tuple[str, ...]],
        *,
        missing: Promise,
        extra: Promise,
    ) -> Any:
        """A coded value the row must have when ``performed`` is ``wanted`` and
        must not have otherwise ("" then)."""
        if not self.given(column):
            if performed is wanted:
                self.problem(column, str(missing))
                return INVALID
            return ""
        value = self.cell(column, choose, options)
        if performed is not None and performed is not wanted:
            self.problem(column, str(extra))
            return INVALID
        return value

    def _methods(self) -> Any:
        chosen: set[str] = set()
        for item in list_items(self.row.get("methods")):
            try:
                chosen.add(choose(item, METHODS))
            except parse.FieldError as error:
                self.problem("methods", error.message)
                return INVALID
        return tuple(method for method in Method.values if method in chosen)

    def _performed_on(self, performed: bool | None, year: Any, unit: Any) -> Any:
        day = self.cell("performed_on", parse.date)
        if day is INVALID or day is None:
            return day
        if performed is False:
            self.problem(
                "performed_on",
                _("Leave the date empty: the follow-up was not performed."),
            )
            return INVALID
        shown = {"date": day.isoformat()}
        if day > self.today:
            self.problem(
                "performed_on", _("The date %(date)s is in the future.") % shown
            )
            return INVALID
        if year is not INVALID and day.year != year:
            self.problem(
                "performed_on",
                _("The date %(date)s is not in %(year)d.") % {**shown, "year": year},
            )
            return INVALID
        if unit is not INVALID and not unit.is_active(day):
            if unit.opened_on is not None and day < unit.opened_on:
                message = _("The unit opened on %(opened)s, after this date.") % {
                    "opened": unit.opened_on.isoformat()
                }
            else:
                message = _(
                    "The unit closed on %(closed)s, on or before this date."
                ) % {"closed": unit.closed_on.isoformat() if unit.closed_on else ""}
            self.problem("performed_on", message)
            return INVALID
        return day

    def _performed_by(self) -> Any:
        code = self.cell("performed_by", parse.code, required=False)
        if code is INVALID or code is None:
            return code
        organisation = self.lookups.organisations.get(code)
        if organisation is None:
            self.problem(
                "performed_by",
                _("No organisation has the code '%(value)s'.") % {"value": code},
            )
            return INVALID
        return organisation

    def _categories(self, performed: bool | None, outcome: Any) -> Any:
        items = list_items(self.row.get("deficiency_categories"))
        if not items:
            return ()
        if performed is False:
            self.problem(
                "deficiency_categories",
                _(
                    "Leave empty: a follow-up that was not performed found no "
                    "deficiencies."
                ),
            )
            return INVALID
        if outcome == "complies":
            self.problem(
                "deficiency_categories",
                _(
                    "A follow-up that complies found no deficiencies. If deficiencies "
                    "were found and put right, the outcome is "
                    "complies_after_complement."
                ),
            )
            return INVALID
        categories = self.lookups.categories
        found = []
        unknown = []
        for item in items:
            category = categories.get(clean_code(item)) or categories.get(
                normalise_name(item)
            )
            if category is None:
                unknown.append(item)
            elif category not in found:
                found.append(category)
        if unknown:
            self.problem(
                "deficiency_categories",
                _(
                    "Unknown deficiency category %(values)s. Allowed values: "
                    "%(allowed)s."
                )
                % {
                    "values": ", ".join(f"'{item}'" for item in unknown),
                    "allowed": ", ".join(sorted({c.code for c in categories.values()})),
                },
            )
            return INVALID
        return tuple(found)

    def _correction(self, performed: bool | None, outcome: Any) -> Any:
        if not self.given("correction_request"):
            return False
        answer = self.cell("correction_request", choose, YES_NO)
        if answer is INVALID:
            return INVALID
        if answer != "yes":
            return False
        if performed is False:
            self.problem(
                "correction_request",
                _("Only a performed follow-up can have led to a correction request."),
            )
            return INVALID
        if outcome == "complies":
            self.problem(
                "correction_request",
                _(
                    "A follow-up that complies found nothing to correct: a "
                    "correction request follows deficiencies "
                    "(complies_after_complement or a later outcome)."
                ),
            )
            return INVALID
        return True

    # The agreement and who answered for it ---------------------------------------

    def _agreement(
        self, unit: Any, area: Any, year: Any, performed_on: Any
    ) -> Agreement | Any | None:
        reference = self.cell("agreement_reference", parse.text, max_length=60)
        if reference is INVALID:
            return INVALID
        if reference:
            return self._named_agreement(reference, unit, area, year)
        if not valid(unit, area, year):
            return None
        day = performed_on if isinstance(performed_on, dt.date) else None
        candidates = self.lookups.agreements_during(unit, area, year, day)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self.problem(
                "agreement_reference",
                _(
                    "The unit had several agreements in this contract area during "
                    "%(year)d (%(references)s): say which in agreement_reference."
                )
                % {
                    "year": year,
                    "references": ", ".join(sorted(a.reference for a in candidates)),
                },
            )
            return INVALID
        self.notice(
            "agreement_reference",
            _(
                "No agreement covering the unit in this contract area was in force "
                "during %(year)d: the follow-up is recorded without an agreement, "
                "and the responsibility rules cannot say who answered for it."
            )
            % {"year": year},
        )
        return None

    def _named_agreement(self, reference: str, unit: Any, area: Any, year: Any) -> Any:
        agreement = self.lookups.agreements.get(reference)
        if agreement is None:
            self.problem(
                "agreement_reference",
                _("No agreement in the registry has the reference '%(value)s'.")
                % {"value": reference},
            )
            return INVALID
        wrong = False
        if unit is not INVALID and agreement.provider_id != unit.provider_id:
            self.problem(
                "agreement_reference",
                _(
                    "The agreement %(reference)s is with %(provider)s, not with the "
                    "unit's provider %(unit_provider)s."
                )
                % {
                    "reference": reference,
                    "provider": agreement.provider.name,
                    "unit_provider": unit.provider.name,
                },
            )
            wrong = True
        if area is not INVALID and agreement.contract_area_id != area.pk:
            self.problem(
                "agreement_reference",
                _(
                    "The agreement %(reference)s is in the contract area %(area)s, "
                    "not %(given)s."
                )
                % {
                    "reference": reference,
                    "area": agreement.contract_area.code,
                    "given": area.code,
                },
            )
            wrong = True
        if year is not INVALID and not in_force_during(agreement, year):
            self.problem(
                "agreement_reference",
                _("The agreement %(reference)s was not in force during %(year)d.")
                % {"reference": reference, "year": year},
            )
            wrong = True
        return INVALID if wrong else agreement

    def _correction_allowed(self, unit: Unit, agreement: Agreement | None) -> None:
        """The rule the central office's decisions follow (``findings.actions``):
        never against the city's own units, and only under an agreement."""
        sketch = FollowUp(unit=unit, provider=unit.provider, agreement=agreement)
        refusal = refusal_for(sketch, ActionKind.CORRECTION_REQUEST)
        if refusal:
            self.problem("correction_request", refusal)


def plan_import(table: Table, *, today: dt.date) -> Plan:
    """Every row checked, with every problem of every row; the plan is only to be
    carried out when there are none."""
    lookups = Lookups.load(table)
    plan = Plan()
    seen: dict[tuple[int, int, int], int] = {}
    for row in table.rows:
        checker = RowChecker(row, lookups, today, seen)
        record = checker.read()
        plan.issues.extend(checker.issues)
        plan.notices.extend(checker.notices)
        if record is not None and not checker.issues:
            plan.create.append(record)
    return plan
