"""Pure rules of the register of signals: no database, unit-tested on plain values.

* ``months_before``: the windows planning counts signals in ("in the last 12
  months" and "12 to 24 months ago", issue 5).
* ``personal_number_in``: a guard for the free-text fields. The register is about
  organisations; a Swedish personal identity number (or coordination number) in a
  summary is personal data about someone and is refused, whatever else the text
  says (DOMAIN.md: "Never store personal data about care users").
* ``next_reference``: the register's own case numbers, ``SIG-2026-0001``, for
  signals that arrive without a case number of their own.
* ``dates_and_text_problems``: the rules a signal's dates and texts keep, shared by
  the services (the pages) and the import, so both refuse the same things.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from foljsam.complaints.choices import CLOSED_STATUSES

REFERENCE_PREFIX = "SIG"

# Ten or twelve digits, optionally with '-' or '+' before the last four, not part
# of a longer number. Spaces inside break the match on purpose: "070 123 45 67" is
# how a telephone number is written, and is never taken for a personal number.
_PERSONAL_NUMBER = re.compile(
    r"(?<![\d-])(?:\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})(?![\d-])"
)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier; the last day of the month where
    that month is shorter (31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _plausible_birth_date(month: int, day: int) -> bool:
    if day > 60:  # a coordination number (samordningsnummer): day plus 60
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    # 2000 is a leap year: 29 February is allowed whatever the century.
    return day <= calendar.monthrange(2000, month)[1]


def personal_number_in(text: str) -> str | None:
    """The first thing in ``text`` that is a valid Swedish personal identity or
    coordination number (a birth date and a correct check digit), or None.

    Organisation numbers never match: their "month" is 20 or more.
    """
    for match in _PERSONAL_NUMBER.finditer(text):
        year, month, day, tail = match.groups()
        if _plausible_birth_date(int(month), int(day)) and _luhn_ok(
            f"{year}{month}{day}{tail}"
        ):
            return match.group(0)
    return None


def reference_prefix(year: int) -> str:
    return f"{REFERENCE_PREFIX}-{year}-"


def next_reference(year: int, taken: Iterable[str]) -> str:
    """The next register number of the year: one more than the highest
    ``SIG-<year>-NNNN`` taken (gaps left by corrected numbers are not filled)."""
    prefix = reference_prefix(year)
    highest = 0
    for reference in taken:
        if reference.startswith(prefix):
            number = reference[len(prefix) :]
            if number.isdigit():
                highest = max(highest, int(number))
    return f"{prefix}{highest + 1:04d}"


def personal_number_message(found: str) -> str:
    return _(
        "'%(value)s' looks like a personal identity number. Never write personal "
        "data about care users here."
    ) % {"value": found}


def dates_and_text_problems(
    *,
    status: str,
    received_on: dt.date | None,
    closed_on: dt.date | None,
    texts: Mapping[str, str],
    today: dt.date,
) -> dict[str, list[str]]:
    """What is wrong with a signal's dates and free texts, by field name.

    Received not in the future; closed (or dismissed) exactly when it has a
    closing date, which is neither before it was received nor in the future; no
    personal identity number in any text.
    """
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if received_on is not None and received_on > today:
        add("received_on", _("The date it was received cannot be in the future."))
    closing = status in CLOSED_STATUSES
    if closing and closed_on is None:
        add(
            "closed_on", _("A closed or dismissed signal needs the date it was closed.")
        )
    elif not closing and closed_on is not None:
        add(
            "closed_on",
            _(
                "An open signal has no closing date: leave the date empty, or "
                "choose the status closed or dismissed."
            ),
        )
    elif closed_on is not None:
        if received_on is not None and closed_on < received_on:
            add("closed_on", _("A signal cannot be closed before it was received."))
        if closed_on > today:
            add("closed_on", _("The closing date cannot be in the future."))
    for name, text in texts.items():
        found = personal_number_in(text)
        if found:
            add(name, personal_number_message(found))
    return problems
