"""Loading the rows an import names, by key, in a fixed number of queries: the
keys sorted and sent in chunks of ``CHUNK`` per ``IN (...)``, well under every
database's limit on parameters."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

CHUNK = 500


def chunks[K: (str, int)](keys: Iterable[K]) -> Iterable[list[K]]:
    ordered = sorted(set(keys))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def by_key[M: models.Model](
    queryset: models.QuerySet[M], key: str, keys: Iterable[str]
) -> dict[str, M]:
    """The rows of ``queryset`` whose ``key`` is one of ``keys``, by that key."""
    found: dict[str, M] = {}
    for chunk in chunks(keys):
        for obj in queryset.filter(**{f"{key}__in": chunk}):
            found[getattr(obj, key)] = obj
    return found
