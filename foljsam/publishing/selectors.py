"""The reads of the publishing workflow inside the app.

A publication is the follow-up's: the list and the pages show those whose
follow-up the user sees (``FollowUp``'s own scoping, through ``scope_q``), not
every published result of the city, which the public pages show to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from foljsam.accounts.access import Viewer
from foljsam.core.access import visible_or_404
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp, FollowUpQuerySet
from foljsam.publishing.choices import PublicationStatus
from foljsam.publishing.models import Publication

# The list's tabs: a publication status, or the shared results not yet proposed.
NOT_PROPOSED = "not_proposed"


def _reach(user: Viewer) -> Q:
    return FollowUpQuerySet.scope_q(user, "followup__")


def _named(q: str, prefix: str = "") -> Q:
    if not q:
        return Q()
    return Q(**{f"{prefix}unit__name__icontains": q}) | Q(
        **{f"{prefix}provider__name__icontains": q}
    )


def publications(*, user: Viewer, status: str, q: str = "") -> QuerySet[Publication]:
    """The publications of one status among the follow-ups ``user`` sees, whose
    unit or provider is named like ``q``."""
    return (
        Publication.objects.filter(_reach(user), _named(q, "followup__"), status=status)
        .select_related(
            "followup__unit",
            "followup__provider",
            "followup__contract_area",
            "followup__organisation",
            "proposed_by",
        )
        .order_by("-updated_at", "pk")
    )


def not_proposed(*, user: Viewer, q: str = "") -> QuerySet[FollowUp]:
    """Results shared with their providers that nobody has proposed yet."""
    return (
        FollowUp.objects.visible_to(user)
        .filter(_named(q), status=Status.SHARED, publication__isnull=True)
        .select_related("unit", "provider", "contract_area", "organisation")
        .order_by("-shared_on", "-performed_on", "pk")
    )


@dataclass(frozen=True)
class Tally:
    status: str
    label: str
    count: int


def tallies(*, user: Viewer) -> list[Tally]:
    """How many publications of each status the user sees, and how many shared
    results are not proposed: two queries."""
    counts = dict(
        Publication.objects.filter(_reach(user))
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    waiting = not_proposed(user=user).order_by().count()
    return [
        *(
            Tally(s.value, str(s.label), counts.get(s.value, 0))
            for s in PublicationStatus
        ),
        Tally(NOT_PROPOSED, _("Shared, not proposed"), waiting),
    ]


def followup_for_publishing(*, user: Viewer, pk: int) -> FollowUp:
    """The follow-up ``pk`` as the publishing page shows it; 404 outside the
    user's reach."""
    return visible_or_404(
        FollowUp.objects.visible_to(user).select_related(
            "unit__district", "provider", "contract_area", "organisation"
        ),
        pk=pk,
    )


def publication_of(followup: FollowUp) -> Publication | None:
    return (
        Publication.objects.filter(followup=followup)
        .select_related("proposed_by", "decided_by")
        .first()
    )
