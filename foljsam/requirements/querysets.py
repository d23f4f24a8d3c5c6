"""Who may read the requirement catalogue and the templates.

``visible_to(user)`` is the one scoping mechanism here, as in the registry: the
catalogue and the published templates are the city's common ground and every
internal role reads them; drafts are work in progress that only those who build
templates see; providers see none of it (a screening campaign, issue 9, will show
a provider the questions it must answer through its own link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Q

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.core.history import TrackedQuerySet

if TYPE_CHECKING:
    from foljsam.requirements.models import (  # noqa: F401
        Question,
        Requirement,
        Section,
        Template,
        TemplateVersion,
    )


class FrozenVersionError(Exception):
    """A change to a template version that is no longer a draft."""


class CatalogueQuerySet[M: models.Model](TrackedQuerySet[M]):
    def visible_to(self, user: Viewer) -> Self:
        if can(user, Capability.READ_TEMPLATES):
            return self.all()
        return self.none()


def draft_q(user: Viewer, prefix: str = "") -> Q:
    """Drafts only for those who build templates."""
    if can(user, Capability.MANAGE_TEMPLATES):
        return Q()
    return ~Q(**{f"{prefix}status": "draft"})


class TemplateVersionQuerySet(CatalogueQuerySet["TemplateVersion"]):
    def visible_to(self, user: Viewer) -> Self:
        return super().visible_to(user).filter(draft_q(user))

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exclude(status="draft").exists():
            raise FrozenVersionError("Only a draft version can be deleted.")
        return super().delete()


class ContentQuerySet[M: models.Model](CatalogueQuerySet[M]):
    """Sections and questions: readable as their version is, and deletable only
    while it is a draft."""

    def visible_to(self, user: Viewer) -> Self:
        return super().visible_to(user).filter(draft_q(user, "version__"))

    def delete(self) -> tuple[int, dict[str, Any]]:
        if self.exclude(version__status="draft").exists():
            raise FrozenVersionError("A published version cannot change.")
        return super().delete()
