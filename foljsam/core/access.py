"""The one object-level check: an object is fetched through a queryset already
scoped to the user (``Model.objects.visible_to(user)``), and what is outside it does
not exist for them (404, not 403, so that existence is not revealed)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404


def visible_or_404[M: models.Model](queryset: models.QuerySet[M], **lookup: Any) -> M:
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None
