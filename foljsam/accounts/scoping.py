"""The one scoping mechanism: ``visible_to(user)`` on every domain queryset.

A queryset class says how far each kind of reader reaches, and ``scope_q`` turns
that into one condition:

* ``city_wide``: holders of this capability see every row;
* ``organisation_capability`` with ``organisation_paths``: holders see the rows
  whose organisation (along any of the paths) is their own, e.g. the follow-ups
  their district office performs or answers for;
* ``provider_capability`` with ``provider_path``: a provider user sees the rows of
  their own provider.

* ``public``: the rows anyone may read, logged in or not, as field conditions
  (only the published results of issue 8 have any).

Anyone else sees nothing. The condition is a join or a column test on the user's
own organisation or provider, never a list of visible ids, so that its cost does
not grow with the size of the city. ``scope_q(user, prefix)`` gives the same test
for queries that reach these rows through a relation.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q

from foljsam.accounts.access import (
    Capability,
    Viewer,
    can,
    organisation_of,
    provider_reach,
)
from foljsam.core.history import TrackedQuerySet

NOTHING = Q(pk__in=[])


class ScopedQuerySet[M: models.Model](TrackedQuerySet[M]):
    city_wide: Capability | None = None
    organisation_capability: Capability | None = None
    organisation_paths: tuple[str, ...] = ()
    provider_capability: Capability | None = Capability.READ_OWN_PROVIDER
    provider_path: str | None = None  # how a row reaches its provider
    public: ClassVar[dict[str, Any]] = {}  # field conditions of what anyone reads

    @classmethod
    def scope_q(cls, user: Viewer, prefix: str = "") -> Q:
        if cls.city_wide is not None and can(user, cls.city_wide):
            return Q()
        condition = NOTHING
        if cls.public:
            condition |= Q(**{f"{prefix}{k}": v for k, v in cls.public.items()})
        if cls.organisation_capability is not None and can(
            user, cls.organisation_capability
        ):
            organisation = organisation_of(user)
            if organisation is not None:
                for path in cls.organisation_paths:
                    condition |= Q(**{f"{prefix}{path}": organisation})
        if (
            cls.provider_capability is not None
            and cls.provider_path is not None
            and can(user, cls.provider_capability)
        ):
            provider = provider_reach(user)
            if provider is not None:
                condition |= Q(**{f"{prefix}{cls.provider_path}": provider})
        return condition

    def visible_to(self, user: Viewer) -> Self:
        return self.filter(self.scope_q(user))
