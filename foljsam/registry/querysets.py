"""Which registry rows a user may see, and which are in force on a day.

``visible_to(user)`` comes from the one scoping mechanism
(``foljsam.accounts.scoping``); ``scope_q``, ``valid_on_q`` and ``active_on_q``
give the same tests as conditions, with a prefix, for queries that reach these
rows through a join.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.accounts.scoping import ScopedQuerySet as BaseScopedQuerySet

if TYPE_CHECKING:  # named in the querysets' type parameters
    from foljsam.registry.models import (  # noqa: F401
        Agreement,
        ContractArea,
        Provider,
        Unit,
    )


class ScopedQuerySet[M: models.Model](BaseScopedQuerySet[M]):
    """Registry rows: everyone who reads the registry sees all of it (it is the
    city's public record of whom it buys from); a provider user sees their own
    provider's rows only; anyone else sees nothing."""

    city_wide = Capability.READ_REGISTRY


class InternalQuerySet[M: models.Model](ScopedQuerySet[M]):
    provider_path = None  # providers see none of these


class ProviderQuerySet(ScopedQuerySet["Provider"]):
    provider_path = "pk"


class UnitQuerySet(ScopedQuerySet["Unit"]):
    provider_path = "provider_id"


class ContractAreaQuerySet(ScopedQuerySet["ContractArea"]):
    provider_path = "agreements__provider_id"

    def visible_to(self, user: Viewer) -> Self:
        scoped = super().visible_to(user)
        return scoped if can(user, Capability.READ_REGISTRY) else scoped.distinct()


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    """In force on ``day``: started, not expired, not terminated. ``prefix`` lets a
    query through a relation use the same test (``agreement__``)."""
    return (
        Q(**{f"{prefix}valid_from__lte": day})
        & (
            Q(**{f"{prefix}valid_to__isnull": True})
            | Q(**{f"{prefix}valid_to__gte": day})
        )
        & (
            Q(**{f"{prefix}terminated_on__isnull": True})
            | Q(**{f"{prefix}terminated_on__gt": day})
        )
    )


def active_on_q(day: dt.date, prefix: str = "") -> Q:
    """A unit active on ``day``: opened (or no date) and not closed."""
    return (
        Q(**{f"{prefix}opened_on__isnull": True})
        | Q(**{f"{prefix}opened_on__lte": day})
    ) & (
        Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gt": day})
    )


class AgreementQuerySet(ScopedQuerySet["Agreement"]):
    provider_path = "provider_id"

    def valid_on(self, day: dt.date) -> AgreementQuerySet:
        """Agreements in force on ``day``: started, not expired, not terminated."""
        return self.filter(valid_on_q(day))
