"""The closed lists of follow-ups, apart from the models so that pure modules
(risk scoring, reports) can use them without the ORM."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from foljsam.registry.choices import Regime


class Status(models.TextChoices):
    """The follow-up's lifecycle (issue 6 adds the transitions between them)."""

    ASSIGNED = "assigned", _("Assigned")
    PREPARING = "preparing", _("Preparing (documents requested)")
    VISITED = "visited", _("Visited")
    ASSESSING = "assessing", _("Assessing")
    AWAITING_COMPLEMENT = "awaiting_complement", _("Awaiting complement")
    COMPLETED = "completed", _("Completed")
    SHARED = "shared", _("Shared with the provider")
    CANCELLED = "cancelled", _("Cancelled")


# Still to be done: counted as the organisation's open work.
OPEN_STATUSES = frozenset(
    {
        Status.ASSIGNED,
        Status.PREPARING,
        Status.VISITED,
        Status.ASSESSING,
        Status.AWAITING_COMPLEMENT,
    }
)
# Performed, with an outcome: what "last followed up" counts.
PERFORMED_STATUSES = frozenset({Status.COMPLETED, Status.SHARED})


class Outcome(models.TextChoices):
    """The four outcomes of seed 004's charts. The labels speak of the agreement;
    ``outcome_label`` says "mission description" for the city's own units."""

    COMPLIES = "complies", _("Complies with the agreement")
    COMPLIES_AFTER_COMPLEMENT = (
        "complies_after_complement",
        _("Complies with the agreement after complement"),
    )
    MINOR_DEFICIENCIES_REMAIN = (
        "minor_deficiencies_remain",
        _("Complies with the agreement, minor deficiencies remain"),
    )
    DOES_NOT_COMPLY = "does_not_comply", _("Does not comply with the agreement")


_OWN_OUTCOME_LABELS = {
    Outcome.COMPLIES: _("Complies with the mission description"),
    Outcome.COMPLIES_AFTER_COMPLEMENT: _(
        "Complies with the mission description after complement"
    ),
    Outcome.MINOR_DEFICIENCIES_REMAIN: _(
        "Complies with the mission description, minor deficiencies remain"
    ),
    Outcome.DOES_NOT_COMPLY: _("Does not comply with the mission description"),
}


def outcome_label(outcome: str, regime: str) -> str:
    """The outcome in words; the city's own units have a mission description, not
    an agreement (seed 004: "Det finns ingen avtalsrelation ... i egen regi")."""
    if not outcome:
        return ""
    if regime == Regime.OWN:
        return str(_OWN_OUTCOME_LABELS[Outcome(outcome)])
    return str(Outcome(outcome).label)


class CancelReason(models.TextChoices):
    """Why a planned follow-up was not performed (seed 004: most often the
    agreement ended before or during it)."""

    AGREEMENT_TERMINATED = "agreement_terminated", _("The agreement was terminated")
    UNIT_CLOSED = "unit_closed", _("The unit closed")
    OTHER = "other", pgettext_lazy("cancel reason", "Other reason")


class Method(models.TextChoices):
    """How a follow-up is done (seeds 002, 004); one follow-up may use several."""

    SITE_VISIT = "site_visit", _("Site visit")
    DIGITAL_VISIT = "digital_visit", _("Digital visit")
    SURVEY = "survey", _("Survey")
    SELF_REPORT = "self_report", _("Self-report")
    DOCUMENT_REVIEW = "document_review", _("Review of routines and documents")
    SCREENING = "screening", _("Digital screening")
    FINANCIAL_CHECK = "financial_check", _("Financial and seriousness check")


class Source(models.TextChoices):
    """How the follow-up came to be."""

    PLANNED = "planned", _("The year's selection")
    HISTORY = "history", _("Recorded afterwards")
    # A site visit chosen from a screening campaign's triage (issue 9; seed 004:
    # "De verksamheter som i den övergripande kontrollen visar på avvikelser
    # eller brister kommer att väljas ut för verksamhetsbesök").
    SCREENING = "screening", _("Chosen from a screening")


# The lifecycle (issue 6): the steps a follow-up may take from each status. Only
# these are possible; each is a service that records who took it and when.
# Cancelled is open to every status before completion.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.ASSIGNED: frozenset({Status.PREPARING, Status.CANCELLED}),
    Status.PREPARING: frozenset({Status.VISITED, Status.CANCELLED}),
    Status.VISITED: frozenset({Status.ASSESSING, Status.CANCELLED}),
    Status.ASSESSING: frozenset(
        {Status.AWAITING_COMPLEMENT, Status.COMPLETED, Status.CANCELLED}
    ),
    Status.AWAITING_COMPLEMENT: frozenset(
        {Status.ASSESSING, Status.COMPLETED, Status.CANCELLED}
    ),
    Status.COMPLETED: frozenset({Status.SHARED}),
    Status.SHARED: frozenset(),
    Status.CANCELLED: frozenset(),
}

# The protocol can be filled in while the follow-up is being prepared, visited and
# assessed; not before it starts, and not once it is completed.
PROTOCOL_STATUSES = frozenset(
    {
        Status.PREPARING,
        Status.VISITED,
        Status.ASSESSING,
        Status.AWAITING_COMPLEMENT,
    }
)


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


class Participant(models.TextChoices):
    """Who took part, by role: never a name, and never a care user by name (users
    are heard as a group, with their consent: seed 004)."""

    MANAGER = "manager", _("Unit manager")
    DEPUTY_MANAGER = "deputy_manager", _("Deputy manager")
    STAFF = "staff", _("Staff")
    QUALITY_LEAD = "quality_lead", _("Quality or development lead")
    OWNER = "owner", _("Owner or board representative")
    USERS = "users", _("Users, as a group")
    RELATIVES = "relatives", _("Relatives, as a group")
    CASE_OFFICER = "case_officer", _("Case officer")
    FOLLOW_UP_OFFICER = "follow_up_officer", _("Follow-up officer")
    CENTRAL_OFFICE = "central_office", _("Central office")
