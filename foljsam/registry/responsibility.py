"""Who answers for a unit's follow-up, and who performs it: a pure rule function.

The rules come from the city's own decisions (seeds 000, 001, 002, 004):

* LOV: "Socialförvaltningen ansvarar för urval av verksamheter som ska följas upp
  samt fördelningen av verksamheter till stadsdelsförvaltningarna" and
  "Stadsdelsförvaltningarna gör platsbesök" (seed 002).
* LOU: "Ramavtal enligt LOU, och familjerådgivning inom LOV följs upp av
  socialförvaltningen" (seed 004).
* Entreprenad: "verksamheter som drivs med entreprenadavtal, där är det den
  avtalstecknande stadsdelsförvaltningen som ansvarar för att följa upp
  verksamheten" (seed 000).
* Individual agreements: "I de fall stadsdelsnämnden har tecknat ett individuellt
  avtal med en utförare är det stadsdelsnämnden som ansvarar för att följa upp
  utförarens verksamhet" (seed 000).
* Own operation in a district: "Stadsdelsnämnderna följer upp de verksamheter som
  bedrivs i egen regi inom den egna stadsdelen" (seed 000).
* The city's own short-term supervision in schools: "Socialförvaltningen har det
  övergripande ansvaret för att genomföra verksamhetsuppföljning av KTT som bedrivs
  i stadens kommunala skolor" (seed 001), and "Det konkreta arbetet med att följa
  upp verksamheterna bör läggas ut på de nämnder i respektive stadsdelsområde där de
  kommunala skolorna som bedriver korttidstillsyn är geografiskt placerade"
  (seed 003).

A rule's empty criterion matches anything. Of the rules that match, a rule naming
the unit's contract area beats every rule that does not: the contract area is where
the city takes its specific decisions (family counselling under LOV is followed up
centrally, seed 004). Then the rule with more criteria wins; between equally many,
agreement kind outranks operator kind, which outranks regime. The database allows
only one active rule per combination of criteria, so the choice is always unique.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from foljsam.registry.choices import Target


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    agreement_kind: str = ""
    regime: str = ""
    operator_kind: str = ""
    contract_area_id: int | None = None
    responsible: str = Target.CENTRAL_OFFICE
    responsible_organisation_id: int | None = None
    performer: str = Target.CENTRAL_OFFICE
    performer_organisation_id: int | None = None

    @property
    def specificity(self) -> tuple[bool, int, bool, bool, bool]:
        flags = (
            self.contract_area_id is not None,
            bool(self.agreement_kind),
            bool(self.operator_kind),
            bool(self.regime),
        )
        return (flags[0], sum(flags), *flags[1:])

    def matches(self, case: Case) -> bool:
        return (
            (not self.agreement_kind or self.agreement_kind == case.agreement_kind)
            and (not self.regime or self.regime == case.regime)
            and (not self.operator_kind or self.operator_kind == case.operator_kind)
            and (
                self.contract_area_id is None
                or self.contract_area_id == case.contract_area_id
            )
        )


@dataclass(frozen=True, slots=True)
class Case:
    """One unit under one agreement, reduced to what the rules look at."""

    agreement_kind: str
    regime: str
    contract_area_id: int | None
    operator_kind: str = ""
    unit_district_id: int | None = None
    signing_organisation_id: int | None = None
    operating_organisation_id: int | None = None


class Problem(enum.StrEnum):
    NO_RULE = "no_rule"
    UNRESOLVED = "unresolved_organisation"


@dataclass(frozen=True, slots=True)
class Resolution:
    rule_id: int | None
    responsible_id: int | None
    performer_id: int | None
    problem: Problem | None = None
    # Which target could not be resolved, for the gap list's explanation.
    unresolved_target: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def best_rule(rules: Iterable[Rule], case: Case) -> Rule | None:
    """The most specific rule that matches ``case``, or None."""
    matching = [rule for rule in rules if rule.matches(case)]
    if not matching:
        return None
    return max(matching, key=lambda rule: (rule.specificity, -rule.id))


def _target_organisation(
    target: str, named_id: int | None, case: Case, central_office_id: int | None
) -> int | None:
    match target:
        case Target.CENTRAL_OFFICE:
            return central_office_id
        case Target.UNIT_DISTRICT:
            return case.unit_district_id
        case Target.SIGNING_ORGANISATION:
            return case.signing_organisation_id
        case Target.OPERATING_ORGANISATION:
            return case.operating_organisation_id
        case Target.NAMED:
            return named_id
    raise ValueError(f"unknown target {target!r}")


def resolve(
    rules: Iterable[Rule], case: Case, *, central_office_id: int | None
) -> Resolution:
    """Apply the best rule to ``case``: the responsible and performing organisations."""
    rule = best_rule(rules, case)
    if rule is None:
        return Resolution(None, None, None, Problem.NO_RULE)
    responsible = _target_organisation(
        rule.responsible, rule.responsible_organisation_id, case, central_office_id
    )
    performer = _target_organisation(
        rule.performer, rule.performer_organisation_id, case, central_office_id
    )
    if responsible is None:
        return Resolution(
            rule.id, None, performer, Problem.UNRESOLVED, rule.responsible
        )
    if performer is None:
        return Resolution(
            rule.id, responsible, None, Problem.UNRESOLVED, rule.performer
        )
    return Resolution(rule.id, responsible, performer)
