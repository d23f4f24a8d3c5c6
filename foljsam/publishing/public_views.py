"""Placeholder: being written (issue 8)."""

from __future__ import annotations

from typing import Any


def search(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def unit(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
