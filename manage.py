#!/usr/bin/env python
"""Django's command-line utility; `foljsam` is the same thing with friendlier names."""

from __future__ import annotations

import sys

from foljsam.core.cli import run_django

if __name__ == "__main__":
    run_django(sys.argv)
