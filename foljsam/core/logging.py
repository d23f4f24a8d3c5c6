"""Log formatting: timestamps in UTC, so that logs from several servers and the
security log line up whatever the local time zone (issue 3)."""

from __future__ import annotations

import logging
import time


class UTCFormatter(logging.Formatter):
    converter = staticmethod(time.gmtime)
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"
