"""The security log's line format: one event, one line, whatever the values hold."""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterator

import pytest

from foljsam.core.logging import UTCFormatter
from foljsam.core.security_log import MAX_VALUE_LENGTH, quote, security_event

FAKE_LINE = '\n2026-01-01T00:00:00Z INFO foljsam.security login_succeeded user="admin"'


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> RecordsOf:
    return RecordsOf(caplog)


class RecordsOf:
    """What the security logger wrote in this test phase (pytest's caplog listens
    on loggers that do not propagate, like this one, too)."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog

    def _records(self) -> list[logging.LogRecord]:
        return [r for r in self.caplog.records if r.name == "foljsam.security"]

    def __getitem__(self, index: int) -> logging.LogRecord:
        return self._records()[index]

    def __iter__(self) -> Iterator[logging.LogRecord]:
        return iter(self._records())


def test_an_event_is_its_name_and_quoted_fields(records) -> None:
    security_event("login_failed", level=logging.WARNING, user="anna", remote=None)
    assert [r.getMessage() for r in records] == ['login_failed user="anna" remote=-']
    assert records[0].levelno == logging.WARNING
    assert records[0].security_event == "login_failed"  # type: ignore[attr-defined]
    assert records[0].security_fields == {"user": "anna", "remote": None}  # type: ignore[attr-defined]


def test_a_username_cannot_start_a_fake_log_line(records) -> None:
    security_event("login_failed", user="x" + FAKE_LINE)
    message = records[0].getMessage()
    assert "\n" not in message
    assert message == (
        'login_failed user="x\\n2026-01-01T00:00:00Z INFO foljsam.security '
        'login_succeeded user=\\"admin\\""'
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a\r\nb", '"a\\r\\nb"'),
        ("nul\x00byte", '"nul\\x00byte"'),
        ("tab\there", '"tab\\there"'),
        # ANSI: clear the screen and paint the rest red; ESC is written out.
        ("\x1b[2J\x1b[31mroot", '"\\x1b[2J\\x1b[31mroot"'),
        ("del\x7f and C1 \x85", '"del\\x7f and C1 \\x85"'),
        # Quotes cannot close the value early and fake a field.
        ('anna" admin="yes', '"anna\\" admin=\\"yes"'),
        # A backslash is doubled, so that \\" cannot turn an escape into a quote.
        ('back\\"slash', '"back\\\\\\"slash"'),
        # Unicode line separators, a right-to-left override, a zero-width space.
        ("a\u2028b\u2029c", '"a\\u2028b\\u2029c"'),
        ("evil\u202egnp.exe", '"evil\\u202egnp.exe"'),
        ("zero\u200bwidth", '"zero\\u200bwidth"'),
        # Swedish letters and other printable text stay as they are.
        ("Åsa Ödmark-Ärlig", '"Åsa Ödmark-Ärlig"'),
        ("", '""'),
        ("-", '"-"'),
    ],
)
def test_values_are_escaped(value: str, written: str) -> None:
    assert quote(value) == written


def test_no_escaped_value_holds_a_control_character_or_a_bare_quote() -> None:
    every_char = "".join(chr(code) for code in range(0x3000))
    for start in range(0, len(every_char), MAX_VALUE_LENGTH):
        written = quote(every_char[start : start + MAX_VALUE_LENGTH])
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in written)
        assert "\u2028" not in written and "\u2029" not in written
        inner = written[1:-1]
        # Every quote inside is preceded by an escaping backslash.
        assert inner.replace("\\\\", "").replace('\\"', "").count('"') == 0


def test_a_missing_value_is_a_dash_without_quotes() -> None:
    assert quote(None) == "-"


def test_long_values_are_cut_and_marked() -> None:
    written = quote("x" * (MAX_VALUE_LENGTH + 50))
    assert written == '"' + "x" * MAX_VALUE_LENGTH + '…"'
    assert quote("y" * MAX_VALUE_LENGTH) == '"' + "y" * MAX_VALUE_LENGTH + '"'


def test_cutting_never_splits_an_escape() -> None:
    written = quote("a" * (MAX_VALUE_LENGTH - 1) + "\n" * 10)
    assert written.endswith('a\\n…"')


@pytest.mark.parametrize("name", ["Login", "login failed", "x\ny", "", "1st"])
def test_event_and_field_names_are_checked(name: str) -> None:
    with pytest.raises(ValueError, match="Not an event name"):
        security_event(name)
    with pytest.raises(ValueError, match="Not a field name"):
        security_event("ok", **{name: "value"})


def test_percent_signs_in_values_are_text(records) -> None:
    security_event("access_denied", path="/%s%d%(user)s")
    assert records[0].getMessage() == 'access_denied path="/%s%d%(user)s"'


def test_the_configured_formatter_writes_utc_with_z() -> None:
    """The security handler in settings.LOGGING formats with UTCFormatter."""
    logger = logging.getLogger("foljsam.security")
    (handler,) = [h for h in logger.handlers if type(h).__module__ == "logging"]
    formatter = handler.formatter
    assert isinstance(formatter, UTCFormatter)
    record = logging.LogRecord(
        "foljsam.security", logging.INFO, __file__, 1, "logged_out", None, None
    )
    # 2026-06-01 10:00:00.250 UTC: 12:00 in Stockholm (summer time).
    record.created = calendar.timegm((2026, 6, 1, 10, 0, 0, 0, 0, 0)) + 0.25
    record.msecs = 250.0
    assert formatter.format(record) == (
        "2026-06-01T10:00:00.250Z INFO foljsam.security logged_out"
    )


# The pattern docs/operations.md gives for parsing the security log.
LINE = re.compile(
    r"^(\S+) ([A-Z]+) foljsam\.security ([a-z][a-z0-9_]*)"
    r'((?: [a-z][a-z0-9_]*=(?:-|"(?:[^"\\]|\\.)*"))*)$'
)
FIELD = re.compile(r' ([a-z][a-z0-9_]*)=(-|"(?:[^"\\]|\\.)*")')


@pytest.mark.parametrize(
    "user",
    [
        "x" + FAKE_LINE,
        'anna" admin="yes',
        "trailing backslash \\",
        "\x1b[2J\u202e\x00",
        "ö" * (MAX_VALUE_LENGTH + 1),
    ],
)
def test_every_line_parses_with_the_documented_pattern(records, user: str) -> None:
    security_event("login_failed", user=user, remote=None, path="/")
    logger = logging.getLogger("foljsam.security")
    (handler,) = [h for h in logger.handlers if type(h).__module__ == "logging"]
    assert handler.formatter is not None
    match = LINE.match(handler.formatter.format(records[0]))
    assert match is not None
    assert match.group(3) == "login_failed"
    fields = FIELD.findall(match.group(4))
    assert [name for name, _ in fields] == ["user", "remote", "path"]
    assert fields[0][1] == quote(user)
