"""The demo city's provider portal (issue 6): a login for a few providers whose
follow-ups the portal shows: those the district is waiting for complements from
first, then those shared with them, then completed ones. Each sees its own
follow-up results, deficiencies and deadlines, and sends complements; the
providers without a login answer through an answer link an officer sends from
the follow-up's page (the demo's console shows the e-mail).

Run after the year's work (``demo.work``), so that there is something to show;
loading the demo again changes nothing (``user_ensure``).
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Min, Value, When

from foljsam.accounts.models import User
from foljsam.accounts.roles import Role
from foljsam.accounts.services import user_ensure
from foljsam.followups.choices import Status
from foljsam.registry.choices import ProviderKind
from foljsam.registry.models import Provider

PORTAL_USERNAMES = ["utforare.tre", "utforare.fyra", "utforare.fem"]
_SHOWN = [Status.AWAITING_COMPLEMENT, Status.SHARED, Status.COMPLETED]


def _providers() -> list[Provider]:
    """Providers with follow-ups the portal shows, the most telling first; not
    the city itself, and none that already has a login."""
    rank = Case(
        *(When(followups__status=s, then=Value(i)) for i, s in enumerate(_SHOWN)),
        output_field=IntegerField(),
    )
    taken = User.objects.filter(provider__isnull=False).values("provider_id")
    rows = (
        Provider.objects.exclude(kind=ProviderKind.MUNICIPAL)
        .exclude(pk__in=taken)
        .filter(followups__status__in=_SHOWN)
        .annotate(rank=Min(rank))
        .order_by("rank", "org_number")
    )
    return list(rows[: len(PORTAL_USERNAMES)])


def load_portal_users(*, password: str) -> list[tuple[str, str, bool]]:
    """Make sure the portal's demo logins exist. Returns (username, provider
    name, created) for each, for the list of demo logins."""
    existing = {
        u.username: u.provider
        for u in User.objects.filter(
            username__in=PORTAL_USERNAMES, provider__isnull=False
        ).select_related("provider")
    }
    fresh = iter(_providers() if len(existing) < len(PORTAL_USERNAMES) else [])
    logins = []
    for username in PORTAL_USERNAMES:
        provider = existing.get(username) or next(fresh, None)
        if provider is None:
            continue
        _user, created = user_ensure(
            username=username,
            password=password,
            organisation=None,
            provider=provider,
            roles=[Role.PROVIDER_USER],
            first_name="Verksamhetschef",
            last_name=provider.name,
            email=f"{username}@foljsam.example.org",
        )
        logins.append((username, provider.name, created))
    return logins
