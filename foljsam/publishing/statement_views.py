"""Placeholder: being written (issue 8)."""

from __future__ import annotations

from typing import Any


def statement(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
