"""The rules of publishing a result, as plain functions (no ORM).

* ``blockers``: when a result may be published. Seed 004: "De verksamheter som
  vid avtalsuppföljning uppvisar brister ges möjlighet att inom en förutbestämd
  tidsram åtgärda bristerna." The national service Hållbarhetskollen publishes a
  result with deficiencies once the provider has an action plan; so does the
  city: a result with open deficiencies may be published only once the provider
  has sent its complement or action plan for every one of them, and it has not
  been rejected since (the latest complement step on each is "received").
  Deficiencies already resolved block nothing.
* ``summary_problems``: the public summary is plain text for anyone to read. It
  must say something, fit the page, and never hold a personal identity number
  (DOMAIN.md: "Never store personal data about care users").
* ``public_org_number``: a sole trader's organisation number is its owner's
  personal identity number (the third digit is below 2); it is personal data and
  is never published. A company's or an association's is.
* ``draft_summary``: a first draft of the summary from the result itself, in
  plain words, for the officer to rewrite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.complaints.rules import personal_number_in, personal_number_message
from foljsam.findings.choices import MeasureKind
from foljsam.followups.choices import Method, Status, outcome_label
from foljsam.publishing.choices import SUMMARY_MAX_LENGTH

# The steps that say where the provider's complement stands, latest first wins.
COMPLEMENT_STEPS = frozenset(
    {
        MeasureKind.COMPLEMENT_REQUESTED,
        MeasureKind.COMPLEMENT_RECEIVED,
        MeasureKind.COMPLEMENT_APPROVED,
        MeasureKind.COMPLEMENT_REJECTED,
    }
)


@dataclass(frozen=True, slots=True)
class OpenDeficiency:
    """An open deficiency of the follow-up, and its latest complement step."""

    category: str
    latest_complement_step: str  # a MeasureKind value, or "" if none


def blockers(
    *,
    status: str,
    outcome: str,
    performed: bool,
    open_deficiencies: Iterable[OpenDeficiency],
) -> list[str]:
    """Why the result cannot be published yet: an empty list when it can."""
    found: list[str] = []
    if status != Status.SHARED:
        found.append(
            _("Only a result that has been shared with the provider can be published.")
        )
    elif not outcome or not performed:
        found.append(_("The follow-up has no outcome or no date it was performed."))
    waiting = sorted(
        {
            d.category
            for d in open_deficiencies
            if d.latest_complement_step != MeasureKind.COMPLEMENT_RECEIVED
        }
    )
    if waiting:
        found.append(
            ngettext(
                "An open deficiency has no complement or action plan from the "
                "provider yet (%(categories)s). A result with open deficiencies is "
                "published once the provider has answered every one of them.",
                "%(count)d open deficiencies have no complement or action plan from "
                "the provider yet (%(categories)s). A result with open deficiencies "
                "is published once the provider has answered every one of them.",
                len(waiting),
            )
            % {"count": len(waiting), "categories": ", ".join(waiting)}
        )
    return found


def summary_problems(summary: str) -> list[str]:
    """What is wrong with a public summary: an empty list when nothing is."""
    text = summary.strip()
    if not text:
        return [_("Write the public summary.")]
    problems = []
    if len(text) > SUMMARY_MAX_LENGTH:
        problems.append(
            _("Keep the summary within %(max)d characters (it has %(count)d).")
            % {"max": SUMMARY_MAX_LENGTH, "count": len(text)}
        )
    found = personal_number_in(text)
    if found:
        problems.append(personal_number_message(found))
    return problems


def public_org_number(org_number: str) -> str:
    """The organisation number as published: empty for a sole trader's."""
    digits = "".join(c for c in org_number if c.isdigit())
    if len(digits) != 10 or int(digits[2]) < 2:
        return ""
    return f"{digits[:6]}-{digits[6:]}"


def draft_summary(
    *,
    performed_on: dt.date,
    methods: Sequence[str],
    outcome: str,
    regime: str,
    resolved_categories: Sequence[str],
    open_categories: Sequence[str],
) -> str:
    """A first draft in the active language, built only from the result's own
    facts: never from the deficiencies' texts or anyone's notes."""
    known = [str(Method(m).label).lower() for m in methods if m in Method.values]
    how = ", ".join(known) if known else _("a follow-up")
    sentences = [
        _("The unit was followed up on %(date)s (%(how)s).")
        % {"date": formats.date_format(performed_on, "j F Y"), "how": how},
        _("Result: %(outcome)s.")
        % {"outcome": _lower_first(outcome_label(outcome, regime))},
    ]
    if resolved_categories:
        sentences.append(
            _("Deficiencies found in %(areas)s have been put right.")
            % {"areas": _join(resolved_categories)}
        )
    if open_categories:
        sentences.append(
            _(
                "Deficiencies remain in %(areas)s; the provider has sent an action "
                "plan, and the city follows it up."
            )
            % {"areas": _join(open_categories)}
        )
    if not resolved_categories and not open_categories:
        sentences.append(_("No deficiencies were found."))
    return " ".join(sentences)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _join(items: Sequence[str]) -> str:
    names = [i.lower() for i in sorted(set(items))]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {
        "first": ", ".join(names[:-1]),
        "last": names[-1],
    }
