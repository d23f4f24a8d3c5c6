"""Placeholder: being written."""

from __future__ import annotations

from typing import Any


def answer(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def answer_submit(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def answer_document(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def answer_document_remove(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
