"""Who may do what: the one place that turns roles into capabilities.

Deny by default. A view declares the capability it needs with ``@requires``; a test
walks every URL pattern and fails if a view declares nothing (tests/test_access.py).
What a user may *see* is decided by the models' ``visible_to(user)`` querysets,
which ask this module for the user's reach; an object outside it is a 404, so that
its existence is not revealed.

The roles (issue 3):
* central coordinator: everything about follow-up, across the city;
* district follow-up officer: their organisation's follow-ups, reads the registry;
* organisation reader: reads their own organisation's work;
* committee reader: reads results and reports city-wide, writes nothing;
* provider user: their own provider only;
* system administrator: users, reference data and rules (and the admin).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from foljsam.accounts.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from foljsam.accounts.models import User


class Capability(enum.StrEnum):
    READ_REGISTRY = "read_registry"  # the whole registry, the map and the gaps
    READ_OWN_PROVIDER = "read_own_provider"  # one provider's units and agreements
    VIEW_HISTORY = "view_history"  # Historik tabs: who changed what
    IMPORT_REGISTRY = "import_registry"
    MANAGE_USERS = "manage_users"
    GRANT_ADMINISTRATION = "grant_administration"  # give or take the admin role
    ADMINISTER = "administer"  # Django's admin: rules and reference data
    READ_TEMPLATES = "read_templates"  # the requirement catalogue, published templates
    MANAGE_TEMPLATES = "manage_templates"  # build, publish and retire templates
    # Follow-ups are an organisation's work: every one of them, or only those of
    # the user's own organisation (it performs or answers for them).
    READ_ALL_FOLLOWUPS = "read_all_followups"
    READ_OWN_FOLLOWUPS = "read_own_followups"
    # The register of complaints and other risk signals (issue 5).
    READ_ALL_SIGNALS = "read_all_signals"
    READ_OWN_SIGNALS = "read_own_signals"  # those the user's organisation recorded
    RECORD_SIGNALS = "record_signals"
    IMPORT_SIGNALS = "import_signals"
    # Planning (issue 5): the multi-year plan and the calendar; the selection runs
    # and their allocation; and making them.
    READ_PLANS = "read_plans"
    READ_SELECTIONS = "read_selections"
    MANAGE_PLANS = "manage_plans"
    # Performing follow-ups (issue 6): the lifecycle, the protocol, the financial
    # check, deficiencies and their measures, on the follow-ups the user sees.
    PERFORM_FOLLOWUPS = "perform_followups"
    # The central office alone acts under an agreement: correction request,
    # penalty, termination (seed 004).
    DECIDE_CONTRACT_ACTIONS = "decide_contract_actions"
    # A provider's own follow-ups once shared with it, its deficiencies and
    # deadlines, and sending complements (the provider portal).
    READ_PROVIDER_FOLLOWUPS = "read_provider_followups"
    # Reporting (issue 7): the annual report and the city's dashboards, for the
    # central office and the committee; the import of earlier years.
    READ_CITY_REPORTS = "read_city_reports"
    IMPORT_FOLLOWUPS = "import_followups"
    # Publishing (issue 8): proposing a shared result for the public comparison
    # pages is the performing officer's; approving the public summary,
    # publishing and withdrawing are the central office's (seed 002:
    # "Socialförvaltningen ansvarar för att lägga ut uppföljningar på Jämför
    # service").
    PROPOSE_PUBLICATION = "propose_publication"
    PUBLISH_RESULTS = "publish_results"
    # Screening campaigns (issue 9): the central office sends the questions to a
    # whole contract area and turns the answers into site visits (seed 004:
    # "En större digital screening av samtliga avtal ... planeras").
    MANAGE_SCREENING = "manage_screening"


_INTERNAL_READ = {
    Capability.READ_REGISTRY,
    Capability.VIEW_HISTORY,
    Capability.READ_TEMPLATES,
}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.CENTRAL_COORDINATOR: frozenset(
        _INTERNAL_READ
        | {
            Capability.IMPORT_REGISTRY,
            Capability.MANAGE_USERS,
            Capability.MANAGE_TEMPLATES,
            Capability.READ_ALL_FOLLOWUPS,
            Capability.READ_ALL_SIGNALS,
            Capability.RECORD_SIGNALS,
            Capability.IMPORT_SIGNALS,
            Capability.READ_PLANS,
            Capability.READ_SELECTIONS,
            Capability.MANAGE_PLANS,
            Capability.PERFORM_FOLLOWUPS,
            Capability.DECIDE_CONTRACT_ACTIONS,
            Capability.READ_CITY_REPORTS,
            Capability.IMPORT_FOLLOWUPS,
            Capability.PROPOSE_PUBLICATION,
            Capability.PUBLISH_RESULTS,
            Capability.MANAGE_SCREENING,
        }
    ),
    Role.DISTRICT_OFFICER: frozenset(
        _INTERNAL_READ
        | {
            Capability.READ_OWN_FOLLOWUPS,
            Capability.READ_OWN_SIGNALS,
            Capability.RECORD_SIGNALS,
            Capability.READ_PLANS,
            Capability.PERFORM_FOLLOWUPS,
            Capability.PROPOSE_PUBLICATION,
        }
    ),
    Role.ORGANISATION_READER: frozenset(
        _INTERNAL_READ
        | {
            Capability.READ_OWN_FOLLOWUPS,
            Capability.READ_OWN_SIGNALS,
            Capability.READ_PLANS,
        }
    ),
    Role.COMMITTEE_READER: frozenset(
        {
            Capability.READ_REGISTRY,
            Capability.READ_TEMPLATES,
            Capability.READ_ALL_FOLLOWUPS,
            Capability.READ_PLANS,
            Capability.READ_SELECTIONS,
            Capability.READ_CITY_REPORTS,
        }
    ),
    Role.PROVIDER_USER: frozenset(
        {Capability.READ_OWN_PROVIDER, Capability.READ_PROVIDER_FOLLOWUPS}
    ),
    Role.SYSTEM_ADMINISTRATOR: frozenset(
        _INTERNAL_READ
        | {
            Capability.IMPORT_REGISTRY,
            Capability.MANAGE_USERS,
            Capability.GRANT_ADMINISTRATION,
            Capability.ADMINISTER,
        }
    ),
}

# Roles that only read: every write they attempt is refused (403).
READ_ONLY_ROLES = frozenset({Role.ORGANISATION_READER, Role.COMMITTEE_READER})


class _System:
    """The command line and other trusted code, acting for no person: may do
    everything. Views never use it; they pass ``request.user``."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()

# Whoever reads: a person (logged in or not), or SYSTEM for the command line.
type Viewer = User | AnonymousUser | _System


def capabilities(user: Viewer) -> frozenset[Capability]:
    if isinstance(user, _System):
        return frozenset(Capability)
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    granted: set[Capability] = set()
    for role in user.roles:
        granted |= ROLE_CAPABILITIES[role]
    if Role.PROVIDER_USER in user.roles and user.provider_id is None:
        granted.discard(Capability.READ_OWN_PROVIDER)
        granted.discard(Capability.READ_PROVIDER_FOLLOWUPS)
    return frozenset(granted)


def can(user: Viewer, capability: Capability) -> bool:
    return capability in capabilities(user)


def organisation_of(user: Viewer) -> int | None:
    """The organisation a person belongs to; None for SYSTEM and provider users."""
    if isinstance(user, _System) or not user.is_authenticated:
        return None
    return user.organisation_id


def provider_reach(user: Viewer) -> int | None:
    """The one provider a provider user may see, or None."""
    if not isinstance(user, _System) and can(user, Capability.READ_OWN_PROVIDER):
        return user.provider_id  # type: ignore[union-attr]
    return None


V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def requires(*needed: Capability, any_of: bool = False) -> Callable[[V], V]:
    """Refuse the view (403) unless the user has the capabilities (all of them, or
    ``any_of`` them). The declaration is kept on the view for the access test."""

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            held = capabilities(request.user)
            allowed = bool(held & set(needed)) if any_of else set(needed) <= held
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.foljsam_requires = needed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def access_problems(
    *,
    roles: set[Role],
    has_organisation: bool,
    has_provider: bool,
) -> dict[str, str]:
    """What is wrong with a combination of roles, organisation and provider, by
    field. A provider user answers for one provider and holds no city role; every
    other role belongs to an organisation of the city."""
    from django.utils.translation import gettext as _

    problems: dict[str, str] = {}
    if not roles:
        problems["roles"] = _("Choose at least one role.")
    elif Role.PROVIDER_USER in roles:
        if len(roles) > 1:
            problems["roles"] = _(
                "A provider user cannot also hold a role in the city's organisation."
            )
        if not has_provider:
            problems["provider"] = _("Choose the provider the user answers for.")
        if has_organisation:
            problems["organisation"] = _(
                "A provider user belongs to a provider, not to an organisation of "
                "the city: leave it empty."
            )
    else:
        if not has_organisation:
            problems["organisation"] = _("Choose the user's organisation.")
        if has_provider:
            problems["provider"] = _("Only provider users are linked to a provider.")
    return problems
