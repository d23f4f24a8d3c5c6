"""Reading the security log in tests."""

from __future__ import annotations

import logging

import pytest

SECURITY = "foljsam.security"


def configured_formatter() -> logging.Formatter:
    """The formatter of the security log's own handler (settings.LOGGING), not one
    of the handlers pytest attaches for the test."""
    logger = logging.getLogger(SECURITY)
    (handler,) = [h for h in logger.handlers if type(h).__module__ == "logging"]
    assert handler.formatter is not None
    return handler.formatter


class SecurityLog:
    """The lines the security logger wrote during the current test phase. pytest's
    caplog listens on loggers that do not propagate, like this one, too."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog

    @property
    def records(self) -> list[logging.LogRecord]:
        return [r for r in self.caplog.records if r.name == SECURITY]

    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]

    def events(self) -> list[str]:
        return [r.getMessage().split(" ", 1)[0] for r in self.records]

    def lines(self) -> list[str]:
        """Each record as the configured handler writes it."""
        formatter = configured_formatter()
        return [formatter.format(r) for r in self.records]

    def clear(self) -> None:
        self.caplog.clear()


@pytest.fixture
def security_log(caplog: pytest.LogCaptureFixture) -> SecurityLog:
    return SecurityLog(caplog)
