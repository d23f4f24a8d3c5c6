"""Readable reasons for a selection: "senast uppföljd 2019 · 3 signaler senaste
året · 12 placeringar". Built when shown, from what the run stored, so that they
read in the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.followups.choices import Outcome, outcome_label
from foljsam.planning.risk import Factor

SEPARATOR = " · "


def _factor_text(factor: str, value: int, inputs: Mapping[str, Any]) -> str:
    match factor:
        case Factor.OVERDUE:
            return _("overdue since %(year)d") % {"year": value}
        case Factor.DUE:
            return _("due %(year)d") % {"year": value}
        case Factor.NEVER:
            return _("never followed up")
        case Factor.SIGNALS_RECENT:
            return ngettext(
                "%(count)d signal in the last 12 months",
                "%(count)d signals in the last 12 months",
                value,
            ) % {"count": value}
        case Factor.SIGNALS_OLDER:
            return ngettext(
                "%(count)d signal 12 to 24 months ago",
                "%(count)d signals 12 to 24 months ago",
                value,
            ) % {"count": value}
        case Factor.PLACEMENTS:
            return ngettext("%(count)d placement", "%(count)d placements", value) % {
                "count": value
            }
        case Factor.OUTCOME:
            outcome = str(inputs.get("last_outcome", ""))
            label = (
                outcome_label(outcome, str(inputs.get("regime", "")))
                if outcome in Outcome.values
                else outcome
            )
            return _("last result: %(outcome)s") % {"outcome": label.lower()}
        case Factor.OPEN_DEFICIENCIES:
            return ngettext(
                "%(count)d open deficiency", "%(count)d open deficiencies", value
            ) % {"count": value}
        case Factor.NEW_AGREEMENT:
            return _("new agreement %(year)d") % {"year": value}
        case Factor.FINANCIAL_FLAGS:
            return ngettext(
                "%(count)d financial-check flag",
                "%(count)d financial-check flags",
                value,
            ) % {"count": value}
        case Factor.PLAN:
            return _("prioritised in the plan for %(year)d") % {"year": value}
    return str(factor)


def factor_label(factor: str) -> str:
    """The factor's name, for the table of points."""
    labels: dict[str, str] = {
        Factor.OVERDUE: _("Overdue"),
        Factor.DUE: _("Due within its cycle this year"),
        Factor.NEVER: _("Never followed up"),
        Factor.SIGNALS_RECENT: _("Signals, last 12 months"),
        Factor.SIGNALS_OLDER: _("Signals, 12 to 24 months ago"),
        Factor.PLACEMENTS: _("Placements"),
        Factor.OUTCOME: _("Previous outcome"),
        Factor.OPEN_DEFICIENCIES: _("Open deficiencies"),
        Factor.NEW_AGREEMENT: _("New agreement"),
        Factor.FINANCIAL_FLAGS: _("Financial-check flags"),
        Factor.PLAN: _("The plan's priority"),
    }
    return labels.get(factor, factor)


def reasons(inputs: Mapping[str, Any], factors: Mapping[str, Any]) -> list[str]:
    """The reasons, the last follow-up first: what the score rests on."""
    parts: list[str] = []
    last = inputs.get("last_year")
    if last:
        parts.append(_("last followed up %(year)d") % {"year": last})
    if inputs.get("open_year"):
        parts.append(
            _("follow-up of %(year)d under way") % {"year": inputs["open_year"]}
        )
    for factor in ordered(factors):
        parts.append(_factor_text(factor, int(factors[factor]["value"]), inputs))
    return parts


def ordered(factors: Mapping[str, Any]) -> list[str]:
    """The factors in the order of ``Factor``: a JSON column need not keep the
    order they were stored in (PostgreSQL's jsonb does not)."""
    return [f.value for f in Factor if f.value in factors]


def reason_text(inputs: Mapping[str, Any], factors: Mapping[str, Any]) -> str:
    return SEPARATOR.join(reasons(inputs, factors))
