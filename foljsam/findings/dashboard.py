"""The dashboard (issue 6): "A district dashboard: its open follow-ups, overdue
complements, and upcoming visits."

A district office sees its own (the follow-ups it performs or answers for); the
central office and the committee see the whole city, and may narrow it to one
performing organisation. Every read starts from ``visible_to(user)``; three
queries, whatever the number of rows (four with the escalations).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Viewer
from foljsam.findings.choices import DeficiencyStatus
from foljsam.findings.models import Deficiency
from foljsam.findings.reminders import awaiting_complements
from foljsam.followups.choices import OPEN_STATUSES, Status
from foljsam.followups.models import FollowUp

# Visits planned this many days ahead are "upcoming".
UPCOMING_DAYS = 30
# Not yet visited: the visit is still to come.
NOT_VISITED = frozenset({Status.ASSIGNED, Status.PREPARING})

# What to do next on an open follow-up, and the page to do it on: the steps of
# the follow-up's own page (followups/followup_detail.html).
NEXT_STEPS = {
    Status.ASSIGNED: (_("Start: request documents"), "followups:detail"),
    Status.PREPARING: (_("Record the visit"), "followups:detail"),
    Status.VISITED: (_("Start the assessment"), "followups:detail"),
    Status.ASSESSING: (
        _("Deficiencies, complements and outcome"),
        "findings:followup_deficiencies",
    ),
    Status.AWAITING_COMPLEMENT: (
        _("Deficiencies, complements and outcome"),
        "findings:followup_deficiencies",
    ),
}


@dataclass(frozen=True, slots=True)
class OpenFollowUp:
    followup: FollowUp
    late: bool

    @property
    def next_step(self) -> str:
        return str(NEXT_STEPS[Status(self.followup.status)][0])

    @property
    def next_url_name(self) -> str:
        return NEXT_STEPS[Status(self.followup.status)][1]


@dataclass(frozen=True, slots=True)
class OverdueComplement:
    deficiency: Deficiency
    due_on: dt.date
    days_overdue: int

    @property
    def followup(self) -> FollowUp:
        return self.deficiency.followup


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: dt.date
    open_followups: list[OpenFollowUp]
    overdue: list[OverdueComplement]
    upcoming: list[FollowUp]
    # Deficiencies with the central office that await its decision (seed 002:
    # the district "kontaktar socialförvaltningen i de fall de identifierade
    # bristerna bedöms vara avtalsbrott").
    escalated: list[Deficiency]

    @property
    def horizon(self) -> dt.date:
        return self.today + dt.timedelta(days=UPCOMING_DAYS)

    @property
    def late_count(self) -> int:
        return sum(1 for row in self.open_followups if row.late)


def dashboard(
    *, user: Viewer, today: dt.date, organisation: int | None = None
) -> Dashboard:
    """The user's open follow-ups (earliest deadline first), the complements
    overdue in them (longest overdue first), and the visits planned from today
    to ``UPCOMING_DAYS`` ahead that have not taken place; of the follow-ups one
    organisation performs, if given."""
    followups = FollowUp.objects.visible_to(user)
    deficiencies = Deficiency.objects.visible_to(user).filter(due_on__lt=today)
    if organisation is not None:
        followups = followups.filter(organisation_id=organisation)
        deficiencies = deficiencies.filter(followup__organisation_id=organisation)
    open_rows = list(
        followups.filter(status__in=sorted(OPEN_STATUSES))
        .select_related("unit", "provider", "contract_area", "organisation")
        .order_by(F("due_by").asc(nulls_last=True), "unit__name", "pk")
    )
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    # Upcoming visits are open follow-ups too: picked from the rows above.
    upcoming = sorted(
        (
            f
            for f in open_rows
            if f.status in NOT_VISITED
            and f.performed_on is None
            and f.visit_planned_on is not None
            and today <= f.visit_planned_on <= horizon
        ),
        key=lambda f: (f.visit_planned_on, f.unit.name, f.pk),
    )
    # Earliest deadline first: the longest overdue at the top.
    overdue = [
        OverdueComplement(row.deficiency, due, (today - due).days)
        for row in awaiting_complements(deficiencies, today)
        if (due := row.deficiency.due_on) is not None
    ]
    escalated = Deficiency.objects.visible_to(user).filter(
        status=DeficiencyStatus.OPEN, escalated_on__isnull=False, actions__isnull=True
    )
    if organisation is not None:
        escalated = escalated.filter(followup__organisation_id=organisation)
    return Dashboard(
        escalated=list(
            escalated.select_related(
                "category",
                "followup__unit",
                "followup__provider",
                "followup__contract_area",
                "followup__organisation",
            ).order_by("escalated_on", "pk")
        ),
        today=today,
        open_followups=[
            OpenFollowUp(f, f.due_by is not None and f.due_by < today)
            for f in open_rows
        ],
        overdue=overdue,
        upcoming=upcoming,
    )
