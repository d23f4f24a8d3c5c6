"""What the proposed fixes to the public search would change, measured without
touching the product: each variant replaces ``publishing.public.search_choices``
(the search form's three choice lists) in the process that serves or measures.

* ``as-is``: the product as it is.
* ``no-providers``: the form offers contract areas and districts, not the
  thousands of providers (the text field already finds a provider by name, and
  ``?provider=`` still filters); the districts as the product reads them.
* ``lean``: ``no-providers``, and the districts of protected units left out with
  two uncorrelated ``NOT IN`` subqueries (the units under an agreement or with a
  follow-up in a protected contract area) instead of two correlated ``EXISTS``
  per published result. Same districts (checked by ``bench_public.py``).
* ``lean-kept``: ``lean``, and the lists kept in the process until the
  fingerprint the ETag is made of changes (what a cache keyed by it would do).

As a WSGI application for gunicorn (``public_variants:application``), the
variant is the environment's ``FOLJSAM_BENCH_VARIANT``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

VARIANTS = ("as-is", "no-providers", "lean", "lean-kept")


def lean_districts(rows: Any) -> Any:
    """The published results whose unit has a district and is not protected,
    with the protected units as two uncorrelated subqueries."""
    from foljsam.followups.models import FollowUp
    from foljsam.registry.models import Agreement

    through = Agreement.units.through
    by_agreement = through.objects.filter(
        agreement__contract_area__address_protected=True
    ).values("unit_id")
    by_followup = FollowUp.objects.filter(contract_area__address_protected=True).values(
        "unit_id"
    )
    return (
        rows.filter(followup__unit__district__isnull=False)
        .exclude(followup__unit_id__in=by_agreement)
        .exclude(followup__unit_id__in=by_followup)
    )


def choices_function(variant: str) -> Callable[..., Any]:
    """The ``search_choices`` of ``variant``."""
    from foljsam.publishing import public

    original = public.search_choices
    if variant == "as-is":
        return original

    def no_providers(*, user: Any) -> public.SearchChoices:
        rows = public.published(user).order_by()
        return public.SearchChoices(
            contract_areas=public._pairs(rows, "followup__contract_area"),
            districts=public._pairs(
                rows.filter(**{f"{public.UNIT}__district__isnull": False}).exclude(
                    public.PROTECTED
                ),
                f"{public.UNIT}__district",
            ),
            providers=(),
        )

    def lean(*, user: Any) -> public.SearchChoices:
        rows = public.published(user).order_by()
        return public.SearchChoices(
            contract_areas=public._pairs(rows, "followup__contract_area"),
            districts=public._pairs(lean_districts(rows), f"{public.UNIT}__district"),
            providers=(),
        )

    if variant == "no-providers":
        return no_providers
    if variant == "lean":
        return lean
    if variant == "lean-kept":
        from foljsam.publishing.http import SOURCES
        from foljsam.reporting.memo import fingerprint

        kept: dict[str, Any] = {}

        def lean_kept(*, user: Any) -> public.SearchChoices:
            key = fingerprint(SOURCES)
            if key not in kept:
                kept.clear()
                kept[key] = lean(user=user)
            return kept[key]  # type: ignore[no-any-return]

        return lean_kept
    raise ValueError(f"Unknown variant {variant!r}; one of {VARIANTS}.")


def apply(variant: str) -> None:
    from foljsam.publishing import public

    public.search_choices = choices_function(variant)


def _application() -> Any:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.wsgi import get_wsgi_application

    wsgi = get_wsgi_application()
    apply(os.environ.get("FOLJSAM_BENCH_VARIANT", "as-is"))
    return wsgi


application = _application() if os.environ.get("FOLJSAM_BENCH_VARIANT") else None
