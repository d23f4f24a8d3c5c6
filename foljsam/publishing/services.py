"""Publishing a result on the public comparison pages (issue 8): propose, send
back, publish, withdraw.

Seed 002: the district offices perform the follow-ups and "delger utföraren
resultatet av uppföljningen"; "Socialförvaltningen ansvarar för att lägga ut
uppföljningar på Jämför service." So the officer who performed a follow-up
proposes its result once it has been shared with the provider, with a draft of
the public summary; the central office approves the summary (or writes it) and
publishes, or sends the proposal back with a reason; and it may withdraw a
published result at any time. The rule on deficiencies is ``rules.blockers``.

Each step locks the publication's follow-up, checks from where it stands now,
writes the publication (its history row) and an event on the follow-up, in one
transaction. Who may take a step is the views' business (``PROPOSE_PUBLICATION``
on a follow-up the user sees; ``PUBLISH_RESULTS``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.findings.choices import DeficiencyStatus
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups.models import FollowUp
from foljsam.publishing import events, rules
from foljsam.publishing.choices import PublicationStatus
from foljsam.publishing.models import Publication
from foljsam.registry.choices import regime_for_provider_kind


def open_deficiencies(followup: FollowUp) -> list[rules.OpenDeficiency]:
    """The follow-up's open deficiencies with their latest complement step: one
    query."""
    latest = (
        Measure.objects.filter(
            deficiency=OuterRef("pk"), kind__in=sorted(rules.COMPLEMENT_STEPS)
        )
        .order_by("-on", "-pk")
        .values("kind")[:1]
    )
    rows = (
        Deficiency.objects.filter(followup=followup, status=DeficiencyStatus.OPEN)
        .annotate(step=Subquery(latest))
        .values_list("category__name", "step")
    )
    return [rules.OpenDeficiency(name, step or "") for name, step in rows]


def publication_blockers(followup: FollowUp) -> list[str]:
    """Why ``followup``'s result cannot be published now (empty if it can)."""
    return rules.blockers(
        status=followup.status,
        outcome=followup.outcome,
        performed=followup.performed_on is not None,
        open_deficiencies=open_deficiencies(followup),
    )


def draft_summary(followup: FollowUp) -> str:
    """A first draft of the public summary, from the result's own facts."""
    categories = list(
        Deficiency.objects.filter(followup=followup).values_list(
            "category__name", "status"
        )
    )
    if followup.performed_on is None or not followup.outcome:
        return ""
    return rules.draft_summary(
        performed_on=followup.performed_on,
        methods=followup.methods or [],
        outcome=followup.outcome,
        regime=regime_for_provider_kind(followup.provider.kind),
        resolved_categories=_named(categories, DeficiencyStatus.RESOLVED),
        open_categories=_named(categories, DeficiencyStatus.OPEN),
    )


def _named(rows: list[tuple[str, str]], status: str) -> list[str]:
    return [category for category, found in rows if found == status]


def _clean_summaries(summary: str, summary_en: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    summary, summary_en = summary.strip(), summary_en.strip()
    if problems := rules.summary_problems(summary):
        errors["summary"] = problems
    if summary_en and (problems := rules.summary_problems(summary_en)):
        errors["summary_en"] = problems
    if errors:
        raise ValidationError(errors)
    return summary, summary_en


def _locked(followup: FollowUp) -> tuple[FollowUp, Publication | None]:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A publishing step belongs inside a transaction.")
    locked = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("provider")
        .get(pk=followup.pk)
    )
    return locked, Publication.objects.filter(followup=locked).first()


def _save(
    publication: Publication, *, actor: User | None, action: str, data: dict[str, str]
) -> Publication:
    stamp_history(publication, actor)
    publication.save()
    event_record(actor=actor, action=action, target=publication.followup, data=data)
    return publication


def _unpublished_ready(
    followup: FollowUp, summary: str, summary_en: str
) -> tuple[FollowUp, Publication, str, str]:
    """Lock the follow-up and check that its result may go forward (not already
    published, nothing missing, the summaries clean): the locked follow-up, its
    publication (a new one if it has none) and the cleaned summaries."""
    locked, publication = _locked(followup)
    if publication is not None and publication.status == PublicationStatus.PUBLISHED:
        raise ValidationError(_("The result is already published."))
    if problems := publication_blockers(locked):
        raise ValidationError(problems)
    summary, summary_en = _clean_summaries(summary, summary_en)
    if publication is None:
        publication = Publication(followup=locked)
    publication.summary, publication.summary_en = summary, summary_en
    publication.note = ""
    return locked, publication, summary, summary_en


@transaction.atomic
def publication_propose(
    *, actor: User | None, followup: FollowUp, summary: str, summary_en: str = ""
) -> Publication:
    """Propose the result for publication with a draft summary (or change the
    draft of a standing proposal)."""
    _followup, publication, summary, _en = _unpublished_ready(
        followup, summary, summary_en
    )
    publication.status = PublicationStatus.PROPOSED
    publication.proposed_at, publication.proposed_by = timezone.now(), actor
    return _save(
        publication, actor=actor, action=events.PROPOSED, data={"summary": summary}
    )


@transaction.atomic
def publication_publish(
    *, actor: User | None, followup: FollowUp, summary: str, summary_en: str = ""
) -> Publication:
    """Approve the summary and publish: the result as it stands now is what the
    public sees, until it is withdrawn or published again."""
    locked, publication, summary, _en = _unpublished_ready(
        followup, summary, summary_en
    )
    publication.status = PublicationStatus.PUBLISHED
    publication.decided_by = actor
    publication.published_at, publication.withdrawn_at = timezone.now(), None
    publication.year = locked.year
    publication.performed_on = locked.performed_on
    publication.methods = list(locked.methods or [])
    publication.outcome = locked.outcome
    publication.regime = regime_for_provider_kind(locked.provider.kind)
    return _save(
        publication, actor=actor, action=events.PUBLISHED, data={"summary": summary}
    )


def _clean_reason(reason: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def publication_decline(
    *, actor: User | None, followup: FollowUp, reason: str
) -> Publication:
    """Send a proposal back to the officer, saying why; the officer who proposed
    it is told by e-mail (the task row is written in this transaction)."""
    from foljsam.publishing.tasks import notify_sent_back

    reason = _clean_reason(reason, _("Say why the proposal is sent back."))
    _followup, publication = _locked(followup)
    if publication is None or publication.status != PublicationStatus.PROPOSED:
        raise ValidationError(_("Only a standing proposal can be sent back."))
    publication.status = PublicationStatus.DECLINED
    publication.decided_by, publication.note = actor, reason
    declined = _save(
        publication, actor=actor, action=events.DECLINED, data={"reason": reason}
    )
    notify_sent_back.enqueue(declined.pk)
    return declined


@transaction.atomic
def publication_withdraw(
    *, actor: User | None, followup: FollowUp, reason: str
) -> Publication:
    """Take a published result off the public pages and the open data at once.
    The reason is kept internally."""
    reason = _clean_reason(reason, _("Say why the result is withdrawn."))
    _followup, publication = _locked(followup)
    if publication is None or publication.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("Only a published result can be withdrawn."))
    publication.status = PublicationStatus.WITHDRAWN
    publication.decided_by, publication.note = actor, reason
    publication.withdrawn_at = timezone.now()
    return _save(
        publication, actor=actor, action=events.WITHDRAWN, data={"reason": reason}
    )
