"""The outcome the deficiencies propose, by hand-computed cases (no database)."""

from __future__ import annotations

import pytest

from foljsam.findings.outcome import DeficiencyState, propose_outcome

OPEN, RES = "open", "resolved"
MINOR, SERIOUS, BREACH = "minor", "serious", "possible_breach"


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], "complies"),
        ([(MINOR, RES)], "complies_after_complement"),
        ([(SERIOUS, RES), (BREACH, RES), (MINOR, RES)], "complies_after_complement"),
        ([(MINOR, OPEN)], "minor_deficiencies_remain"),
        ([(MINOR, OPEN), (SERIOUS, RES)], "minor_deficiencies_remain"),
        ([(MINOR, OPEN), (MINOR, OPEN), (MINOR, RES)], "minor_deficiencies_remain"),
        ([(SERIOUS, OPEN)], "does_not_comply"),
        ([(MINOR, OPEN), (BREACH, OPEN)], "does_not_comply"),
        ([(MINOR, RES), (SERIOUS, OPEN)], "does_not_comply"),
    ],
)
def test_proposal(states, expected) -> None:
    assert propose_outcome(DeficiencyState(s, st) for s, st in states) == expected
