"""Placeholder: being written."""

from __future__ import annotations

from typing import Any


def campaign_list(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_create(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_detail(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_progress(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_edit(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_delete(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_send(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_remind(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_close(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def campaign_triage(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def respondent_detail(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def respondent_email(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def respondent_revoke(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def respondent_reissue(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def document(request: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
