"""One way to paginate every list page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int = PER_PAGE
) -> dict[str, Any]:
    """Context for ``core/_pagination.html``: the page and an elided page range."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": list(
            paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
    }
