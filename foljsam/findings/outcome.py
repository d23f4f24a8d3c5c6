"""The outcome a follow-up's deficiencies suggest (issue 6). Pure: plain data in,
one of the four outcomes out; no database.

Seed 004's charts have four outcomes: "följer avtalet", "följer avtalet efter
komplettering av brister", "följer avtalet med mindre brister / vissa brister
kvarstår" and "följer inte avtalet". The rule:

* no deficiency: complies;
* every deficiency resolved: complies after complement;
* only minor ones remain open: minor deficiencies remain;
* a serious one (or a possible breach of contract) remains open: does not comply.

The officer confirms the proposal or chooses another with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from foljsam.findings.choices import DeficiencyStatus, Severity
from foljsam.followups.choices import Outcome


@dataclass(frozen=True, slots=True)
class DeficiencyState:
    severity: str
    status: str


def propose_outcome(deficiencies: Iterable[DeficiencyState]) -> Outcome:
    states = list(deficiencies)
    if not states:
        return Outcome.COMPLIES
    open_ = [d for d in states if d.status == DeficiencyStatus.OPEN]
    if not open_:
        return Outcome.COMPLIES_AFTER_COMPLEMENT
    if all(d.severity == Severity.MINOR for d in open_):
        return Outcome.MINOR_DEFICIENCIES_REMAIN
    return Outcome.DOES_NOT_COMPLY
