"""The demo city's public comparison pages (issue 8).

The earlier years' results (``demo.history``) were sent to the providers in the
Word era, so the demo marks the follow-ups of the three years before this one as
shared with them, and the central office publishes each one it may (``rules.blockers``:
none with an unanswered deficiency), with the draft summary in Swedish and
English. The most recent few are left for the workflow to show: the Södermalm and
Bromma officers have proposed some (waiting for the central office), one was sent
back with a reason, and the rest of the year's shared results are not proposed
yet. The year's own work (``demo.work``) is untouched, so a completed follow-up
can still go all the way to the public pages in the browser.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from foljsam.accounts.models import User
from foljsam.core.history import stamp_history
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.publishing import services

# Of the latest results, how many the officers have proposed, and one sent back.
PROPOSED = 6
SENT_BACK_REASON = (
    "Skriv sammanfattningen utan förkortningar och säg vilka rutiner som saknades."
)


def _shared_on(followup: FollowUp) -> dt.date:
    done = (
        followup.completed_on or followup.performed_on or dt.date(followup.year, 12, 1)
    )
    return done + dt.timedelta(days=7)


def _officers() -> dict[int, User]:
    """A district officer of each organisation that has one in the demo."""
    found: dict[int, User] = {}
    for user in User.objects.filter(
        username__startswith="uppfoljare", organisation__isnull=False
    ).order_by("username"):
        found.setdefault(user.organisation_id, user)  # type: ignore[arg-type]
    return found


def _summaries(followup: FollowUp) -> tuple[str, str]:
    with translation.override("sv"):
        swedish = services.draft_summary(followup)
    with translation.override("en"):
        english = services.draft_summary(followup)
    return swedish, english


def load_publications(*, today: dt.date, coordinator: User) -> int:
    """Share and publish the three earlier years' results; returns how many
    were published."""
    results = list(
        FollowUp.objects.filter(
            status=Status.COMPLETED,
            year__gte=today.year - 3,
            year__lt=today.year,
            performed_on__isnull=False,
        )
        .exclude(outcome="")
        .select_related("provider")
        .order_by("performed_on", "pk")
    )
    for followup in results:
        followup.status = Status.SHARED
        followup.shared_on = min(_shared_on(followup), today)
        stamp_history(followup, coordinator)
        followup.save(update_fields=["status", "shared_on", "updated_at"])
    officers = _officers()
    ready = [f for f in results if not services.publication_blockers(f)]
    latest = [f for f in reversed(ready) if f.organisation_id in officers]
    proposed = {f.pk for f in latest[: PROPOSED + 1]}
    published = 0
    for followup in ready:
        swedish, english = _summaries(followup)
        if followup.pk in proposed:
            officer = officers[followup.organisation_id]  # type: ignore[index]
            services.publication_propose(
                actor=officer, followup=followup, summary=swedish, summary_en=english
            )
            continue
        services.publication_publish(
            actor=coordinator, followup=followup, summary=swedish, summary_en=english
        )
        published += 1
    if latest:
        services.publication_decline(
            actor=coordinator, followup=latest[0], reason=SENT_BACK_REASON
        )
    return published
