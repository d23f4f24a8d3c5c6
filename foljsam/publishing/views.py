"""Placeholder: being written (issue 8)."""

from __future__ import annotations

from typing import Any


def publication_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_detail(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_propose(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_publish(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_decline(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_withdraw(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def publication_history(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
