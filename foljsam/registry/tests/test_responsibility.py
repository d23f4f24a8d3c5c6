"""The responsibility rule function, without a database.

The default rules are read from the data migration that installs them, so these
tests prove the rules the city actually ships with (DOMAIN.md's responsibility
table, seeds 000-004), not a copy of them.
"""

from __future__ import annotations

import importlib

import pytest

from foljsam.registry.choices import Target
from foljsam.registry.responsibility import (
    Case,
    Problem,
    Resolution,
    Rule,
    best_rule,
    resolve,
)

_migration = importlib.import_module(
    "foljsam.registry.migrations.0002_default_rules_and_operating_areas"
)

# Organisation ids, as the map would pass them.
CENTRAL = 1
SODERMALM = 10
BROMMA = 11
EDUCATION = 20
AREA = 100
OTHER_AREA = 101


def _default_rules() -> list[Rule]:
    return [
        Rule(
            id=number,
            agreement_kind=kind,
            regime=regime,
            operator_kind=operator,
            responsible=responsible,
            performer=performer,
        )
        for number, (kind, regime, operator, responsible, performer, _note) in (
            enumerate(_migration.DEFAULT_RULES, start=1)
        )
    ]


DEFAULTS = _default_rules()


def _rule_id(kind: str, regime: str, operator: str) -> int:
    """The id the default rule with these criteria gets in ``DEFAULTS``."""
    for rule in DEFAULTS:
        if (rule.agreement_kind, rule.regime, rule.operator_kind) == (
            kind,
            regime,
            operator,
        ):
            return rule.id
    raise AssertionError(f"no default rule {kind}/{regime}/{operator}")


def _resolve(case: Case, rules: list[Rule] | None = None) -> Resolution:
    return resolve(
        DEFAULTS if rules is None else rules, case, central_office_id=CENTRAL
    )


# One test per row of the responsibility table -----------------------------------


def test_lov_private_central_office_answers_and_the_units_district_visits() -> None:
    case = Case(
        agreement_kind="lov",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
        signing_organisation_id=CENTRAL,
    )

    result = _resolve(case)

    assert result == Resolution(_rule_id("lov", "private", ""), CENTRAL, SODERMALM)
    assert result.ok


def test_lou_private_central_office_answers_and_performs() -> None:
    case = Case(
        agreement_kind="lou",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
        signing_organisation_id=CENTRAL,
    )

    result = _resolve(case)

    assert result == Resolution(_rule_id("lou", "private", ""), CENTRAL, CENTRAL)


def test_lou_unit_outside_the_city_is_still_followed_up_centrally() -> None:
    case = Case(
        agreement_kind="lou",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=None,
        signing_organisation_id=CENTRAL,
    )

    assert _resolve(case) == Resolution(
        _rule_id("lou", "private", ""), CENTRAL, CENTRAL
    )


def test_entreprenad_the_signing_district_answers_and_performs() -> None:
    # The unit lies in Södermalm, but Bromma signed: Bromma follows it up.
    case = Case(
        agreement_kind="entreprenad",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
        signing_organisation_id=BROMMA,
    )

    assert _resolve(case) == Resolution(_rule_id("entreprenad", "", ""), BROMMA, BROMMA)


def test_individual_agreement_the_signing_district_answers_and_performs() -> None:
    case = Case(
        agreement_kind="individual",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
        signing_organisation_id=BROMMA,
    )

    assert _resolve(case) == Resolution(_rule_id("individual", "", ""), BROMMA, BROMMA)


def test_own_operation_in_a_district_that_district_answers_and_performs() -> None:
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="district_office",
        unit_district_id=SODERMALM,
        operating_organisation_id=SODERMALM,
    )

    assert _resolve(case) == Resolution(
        _rule_id("mission", "own", "district_office"), SODERMALM, SODERMALM
    )


def test_own_operation_follows_the_running_district_not_the_location() -> None:
    # A unit Bromma runs that lies in Södermalm: the organisation that runs it
    # answers ("verksamheter som bedrivs i egen regi", seed 000).
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="district_office",
        unit_district_id=SODERMALM,
        operating_organisation_id=BROMMA,
    )

    result = _resolve(case)

    assert (result.responsible_id, result.performer_id) == (BROMMA, BROMMA)


def test_ktt_in_schools_central_answers_the_schools_district_performs() -> None:
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="education_office",
        unit_district_id=SODERMALM,
        operating_organisation_id=EDUCATION,
    )

    assert _resolve(case) == Resolution(
        _rule_id("mission", "own", "education_office"), CENTRAL, SODERMALM
    )


def test_the_shipped_defaults_are_exactly_the_six_rows_of_the_table() -> None:
    criteria = {
        (r.agreement_kind, r.regime, r.operator_kind): (r.responsible, r.performer)
        for r in DEFAULTS
    }

    assert criteria == {
        ("lov", "private", ""): (Target.CENTRAL_OFFICE, Target.UNIT_DISTRICT),
        ("lou", "private", ""): (Target.CENTRAL_OFFICE, Target.CENTRAL_OFFICE),
        ("entreprenad", "", ""): (
            Target.SIGNING_ORGANISATION,
            Target.SIGNING_ORGANISATION,
        ),
        ("individual", "", ""): (
            Target.SIGNING_ORGANISATION,
            Target.SIGNING_ORGANISATION,
        ),
        ("mission", "own", "district_office"): (
            Target.OPERATING_ORGANISATION,
            Target.OPERATING_ORGANISATION,
        ),
        ("mission", "own", "education_office"): (
            Target.CENTRAL_OFFICE,
            Target.UNIT_DISTRICT,
        ),
    }


# Gaps ------------------------------------------------------------------------


def test_own_unit_run_by_another_kind_of_organisation_has_no_rule() -> None:
    # No default rule covers a city unit run by, say, the city executive office.
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="other",
        unit_district_id=SODERMALM,
        operating_organisation_id=99,
    )

    result = _resolve(case)

    assert result == Resolution(None, None, None, Problem.NO_RULE)
    assert not result.ok


def test_no_rules_at_all_is_no_rule() -> None:
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    assert _resolve(case, rules=[]).problem is Problem.NO_RULE
    assert best_rule([], case) is None


def test_lov_unit_without_a_district_is_unresolved_naming_the_target() -> None:
    case = Case(
        agreement_kind="lov",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=None,
        signing_organisation_id=CENTRAL,
    )

    result = _resolve(case)

    assert result.problem is Problem.UNRESOLVED
    assert result.unresolved_target == Target.UNIT_DISTRICT
    assert result.rule_id == _rule_id("lov", "private", "")
    # The part that could be resolved is still reported.
    assert result.responsible_id == CENTRAL
    assert result.performer_id is None


def test_entreprenad_without_a_signer_is_unresolved_on_the_responsible_side() -> None:
    case = Case(
        agreement_kind="entreprenad",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
        signing_organisation_id=None,
    )

    result = _resolve(case)

    assert result.problem is Problem.UNRESOLVED
    assert result.unresolved_target == Target.SIGNING_ORGANISATION
    assert (result.responsible_id, result.performer_id) == (None, None)


def test_a_city_without_a_central_office_cannot_resolve_lou() -> None:
    case = Case(agreement_kind="lou", regime="private", contract_area_id=AREA)

    result = resolve(DEFAULTS, case, central_office_id=None)

    assert result.problem is Problem.UNRESOLVED
    assert result.unresolved_target == Target.CENTRAL_OFFICE


# Named organisations -------------------------------------------------------------


def test_named_targets_resolve_to_the_named_organisations() -> None:
    # 2023: the central office answered for KTT and Södermalm did all the visits.
    rule = Rule(
        id=50,
        agreement_kind="mission",
        regime="own",
        operator_kind="education_office",
        contract_area_id=AREA,
        responsible=Target.NAMED,
        responsible_organisation_id=CENTRAL,
        performer=Target.NAMED,
        performer_organisation_id=SODERMALM,
    )
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="education_office",
        unit_district_id=BROMMA,
        operating_organisation_id=EDUCATION,
    )

    assert _resolve(case, [*DEFAULTS, rule]) == Resolution(50, CENTRAL, SODERMALM)


def test_named_target_without_an_organisation_is_unresolved() -> None:
    rule = Rule(id=1, responsible=Target.CENTRAL_OFFICE, performer=Target.NAMED)
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    result = _resolve(case, [rule])

    assert result.problem is Problem.UNRESOLVED
    assert result.unresolved_target == Target.NAMED


def test_an_unknown_target_is_a_programming_error() -> None:
    rule = Rule(id=1, responsible="nobody")
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    with pytest.raises(ValueError, match="nobody"):
        _resolve(case, [rule])


# Specificity -------------------------------------------------------------------


def test_a_contract_area_rule_beats_the_generic_rule() -> None:
    # Seed 004: family counselling under LOV is followed up centrally.
    counselling = Rule(
        id=7,
        agreement_kind="lov",
        contract_area_id=AREA,
        responsible=Target.CENTRAL_OFFICE,
        performer=Target.CENTRAL_OFFICE,
    )
    rules = [*DEFAULTS, counselling]
    in_area = Case(
        agreement_kind="lov",
        regime="private",
        contract_area_id=AREA,
        unit_district_id=SODERMALM,
    )
    elsewhere = Case(
        agreement_kind="lov",
        regime="private",
        contract_area_id=OTHER_AREA,
        unit_district_id=SODERMALM,
    )

    assert _resolve(in_area, rules) == Resolution(7, CENTRAL, CENTRAL)
    assert _resolve(elsewhere, rules) == Resolution(
        _rule_id("lov", "private", ""), CENTRAL, SODERMALM
    )


def test_more_criteria_beat_fewer() -> None:
    generic = Rule(id=1, agreement_kind="lov")
    narrower = Rule(id=2, agreement_kind="lov", regime="private")
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    assert best_rule([generic, narrower], case) is narrower
    assert best_rule([narrower, generic], case) is narrower


def test_a_contract_area_rule_beats_rules_with_more_criteria() -> None:
    # A rule naming only the KTT contract area overrides the three-criteria
    # default KTT rule: the contract area is where the city decides specifically.
    area_only = Rule(id=50, contract_area_id=AREA, performer=Target.CENTRAL_OFFICE)
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="education_office",
        unit_district_id=SODERMALM,
    )

    assert best_rule([*DEFAULTS, area_only], case) is area_only


def test_a_more_specific_rule_that_does_not_match_is_ignored() -> None:
    generic = Rule(id=1, agreement_kind="lov")
    other_regime = Rule(id=2, agreement_kind="lov", regime="own")
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    assert best_rule([generic, other_regime], case) is generic


def test_empty_criteria_match_anything() -> None:
    catch_all = Rule(id=1)

    assert catch_all.matches(
        Case(agreement_kind="lou", regime="private", contract_area_id=None)
    )
    assert catch_all.specificity == (False, 0, False, False, False)


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [
        # Area first; then between equally many criteria: kind > operator > regime.
        (Rule(id=9, contract_area_id=AREA), Rule(id=1, agreement_kind="mission")),
        (
            Rule(id=9, agreement_kind="mission"),
            Rule(id=1, operator_kind="education_office"),
        ),
        (Rule(id=9, operator_kind="education_office"), Rule(id=1, regime="own")),
        (
            Rule(id=9, contract_area_id=AREA, regime="own"),
            Rule(id=1, agreement_kind="mission", operator_kind="education_office"),
        ),
    ],
)
def test_tie_break_order_between_equally_many_criteria(
    stronger: Rule, weaker: Rule
) -> None:
    case = Case(
        agreement_kind="mission",
        regime="own",
        contract_area_id=AREA,
        operator_kind="education_office",
    )

    assert best_rule([weaker, stronger], case) is stronger
    assert best_rule([stronger, weaker], case) is stronger


def test_identical_specificity_falls_back_to_the_oldest_rule() -> None:
    first = Rule(id=3, agreement_kind="lov", responsible=Target.UNIT_DISTRICT)
    second = Rule(id=8, agreement_kind="lov")
    case = Case(agreement_kind="lov", regime="private", contract_area_id=AREA)

    assert best_rule([second, first], case) is first
    assert best_rule([first, second], case) is first
