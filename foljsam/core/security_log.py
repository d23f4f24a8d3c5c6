"""The security log (issue 3): one line per event on the logger ``foljsam.security``.

A line is the event's name and then ``key="value"`` fields::

    login_failed user="anna" remote="10.1.2.3"

Values come from whoever sends the request (a username typed into the login form, a
path, a header), so every value is escaped: a value can never end the line, start a
fake one, hide text from a terminal, or close its quotes early.

* control characters (CR, LF, NUL, ESC of ANSI sequences, DEL, C1 controls), format
  characters (bidirectional overrides, zero-width characters), line and paragraph
  separators and anything unassigned are written as ``\\n``, ``\\r``, ``\\t``,
  ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``;
* ``"`` is written ``\\"`` and ``\\`` is written ``\\\\``, so that the quotes around
  a value are the only unescaped ones;
* a value longer than ``MAX_VALUE_LENGTH`` characters is cut and ends in ``…``;
* a missing value (None) is written ``-`` without quotes, so it differs from ``"-"``.

Printable text, Swedish letters included, is written as it is. The timestamp (UTC,
ISO 8601 with ``Z``) and the level come from the formatter in settings.LOGGING.
"""

from __future__ import annotations

import logging
import re
import unicodedata

logger = logging.getLogger("foljsam.security")

MAX_VALUE_LENGTH = 200
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def security_event(
    event: str, /, *, level: int = logging.INFO, **fields: str | None
) -> None:
    """Write one line to the security log: ``event key="value" …``.

    ``event`` and the field names are the program's own (lower-case identifiers,
    checked); only the values may come from outside, and they are escaped.
    """
    if not _NAME.match(event):
        raise ValueError(f"Not an event name: {event!r}")
    parts = [event]
    for key, value in fields.items():
        if not _NAME.match(key):
            raise ValueError(f"Not a field name: {key!r}")
        parts.append(f"{key}={quote(value)}")
    logger.log(
        level,
        "%s",
        " ".join(parts),
        extra={"security_event": event, "security_fields": dict(fields)},
    )


def quote(value: str | None) -> str:
    """A value as the security log writes it: quoted and escaped, or ``-``."""
    if value is None:
        return "-"
    truncated = len(value) > MAX_VALUE_LENGTH
    text = "".join(_escape(char) for char in value[:MAX_VALUE_LENGTH])
    return f'"{text}…"' if truncated else f'"{text}"'


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    category = unicodedata.category(char)
    if category[0] == "C" or category in {"Zl", "Zp"}:
        code = ord(char)
        if code <= 0xFF:
            return f"\\x{code:02x}"
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        return f"\\U{code:08x}"
    return char
