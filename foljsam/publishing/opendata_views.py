"""Placeholder: being written (issue 8)."""

from __future__ import annotations

from typing import Any


def overview(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def results_csv(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def results_json(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def catalogue(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
