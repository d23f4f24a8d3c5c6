"""The reads of screening campaigns, each starting from ``visible_to`` (the one
scoping mechanism), each in a fixed number of queries whatever the number of
providers (issue 9: "Its progress page stays constant in queries")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from foljsam.accounts.access import Viewer
from foljsam.core.event_labels import choice_label
from foljsam.financial.choices import Item
from foljsam.financial.selectors import ProviderFlags, latest_flags
from foljsam.screening import rules
from foljsam.screening.choices import FlagKind, RespondentState
from foljsam.screening.models import (
    Campaign,
    CampaignVisit,
    Flag,
    Respondent,
    RespondentQuerySet,
    ScreeningDocument,
)

# A financial check counts for a campaign when made at most this long before it.
FINANCIAL_WINDOW = dt.timedelta(days=365)


def campaign_list(*, user: Viewer, q: str = "") -> QuerySet[Campaign]:
    """The campaigns the user sees, newest first, with their counts (one query)."""
    campaigns = Campaign.objects.visible_to(user).select_related(
        "template_version__template", "organisation"
    )
    if q:
        campaigns = campaigns.filter(name__icontains=q)
    return campaigns.annotate(
        respondent_count=Count("respondents", distinct=True),
        answered_count=Count(
            "respondents",
            filter=Q(respondents__submitted_at__isnull=False),
            distinct=True,
        ),
    )


def campaign_detail(*, user: Viewer, pk: int) -> Campaign:
    campaign = (
        Campaign.objects.visible_to(user)
        .select_related("template_version__template", "organisation", "created_by")
        .prefetch_related("contract_areas")
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


@dataclass(frozen=True, slots=True)
class Progress:
    """Issue 9: "The campaign page shows sent / opened / answered / overdue"."""

    total: int
    no_address: int
    sent: int
    opened: int
    answered: int
    overdue: int
    revoked: int
    flagged: int
    visits: int

    @property
    def waiting(self) -> int:
        return self.sent - self.answered - self.revoked


def progress(campaign: Campaign, today: dt.date | None = None) -> Progress:
    """The counts, in one query."""
    today = today or timezone.localdate()
    rows = Respondent.objects.filter(campaign=campaign)
    overdue = (
        Q(submitted_at__isnull=True, sent_at__isnull=False, revoked_at__isnull=True)
        if campaign.is_overdue_on(today)
        else Q(pk__in=[])
    )
    counts = rows.aggregate(
        total=Count("pk"),
        no_address=Count("pk", filter=Q(email="")),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        answered=Count("pk", filter=Q(submitted_at__isnull=False)),
        overdue=Count("pk", filter=overdue),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        flagged=Count("pk", filter=Q(submitted_at__isnull=False, flag_count__gt=0)),
    )
    visits = CampaignVisit.objects.filter(respondent__campaign=campaign).count()
    return Progress(visits=visits, **counts)


STATE_FILTERS: dict[str, Q] = {
    RespondentState.NO_ADDRESS: Q(email="", sent_at__isnull=True),
    RespondentState.NOT_SENT: Q(sent_at__isnull=True, revoked_at__isnull=True)
    & ~Q(email=""),
    RespondentState.SENT: Q(
        sent_at__isnull=False,
        opened_at__isnull=True,
        submitted_at__isnull=True,
        revoked_at__isnull=True,
    ),
    RespondentState.OPENED: Q(
        opened_at__isnull=False, submitted_at__isnull=True, revoked_at__isnull=True
    ),
    RespondentState.ANSWERED: Q(submitted_at__isnull=False),
    RespondentState.REVOKED: Q(revoked_at__isnull=False, submitted_at__isnull=True),
}
OVERDUE = "overdue"


def respondents(
    campaign: Campaign, *, state: str = "", q: str = "", today: dt.date | None = None
) -> QuerySet[Respondent]:
    """The campaign's providers for its progress list (one query per page, the
    agreements in a second)."""
    rows = (
        Respondent.objects.filter(campaign=campaign)
        .select_related("provider")
        .prefetch_related("agreements__contract_area")
        .annotate(visit_count=Count("visits"))
        .order_by("provider__name", "pk")
    )
    if state == OVERDUE:
        today = today or timezone.localdate()
        rows = rows.filter(
            submitted_at__isnull=True, sent_at__isnull=False, revoked_at__isnull=True
        )
        if not campaign.is_overdue_on(today):
            rows = rows.none()
    elif state in STATE_FILTERS:
        rows = rows.filter(STATE_FILTERS[state])
    if q:
        rows = rows.filter(
            Q(provider__name__icontains=q)
            | Q(provider__org_number__icontains=q.replace("-", ""))
            | Q(email__icontains=q)
        )
    return rows


@dataclass(frozen=True, slots=True)
class FlagView:
    kind: str
    label: str
    reason: str


def _answer_reason(flag: Flag) -> str:
    text = flag.question.text if flag.question else ""
    if flag.kind == FlagKind.MISSING_DOCUMENT:
        return _("%(number)s %(question)s: no document attached.") % {
            "number": flag.number,
            "question": text,
        }
    return _("%(number)s %(question)s: answered “%(answer)s”.") % {
        "number": flag.number,
        "question": text,
        "answer": flag.answer,
    }


def flag_views(
    flags: Iterable[Flag], financial: ProviderFlags | None
) -> list[FlagView]:
    """Every flag of an answered provider with its reason, in words."""
    views = [
        FlagView(flag.kind, choice_label(FlagKind, flag.kind), _answer_reason(flag))
        for flag in flags
    ]
    if financial is not None:
        day = formats.date_format(financial.checked_on, "SHORT_DATE_FORMAT")
        for found in rules.financial_flags(financial.flagged):
            views.append(
                FlagView(
                    FlagKind.FINANCIAL,
                    choice_label(FlagKind, FlagKind.FINANCIAL),
                    _("The financial check of %(day)s flagged: %(item)s.")
                    % {"day": day, "item": choice_label(Item, found.answer)},
                )
            )
    return views


def financial_for(
    campaign: Campaign, provider_ids: Iterable[int]
) -> dict[int, ProviderFlags]:
    """Each provider's latest financial check, when it was made within a year
    before the campaign or since (two queries)."""
    since = timezone.localtime(campaign.created_at).date() - FINANCIAL_WINDOW
    return {
        pid: found
        for pid, found in latest_flags(provider_ids=list(provider_ids)).items()
        if found.checked_on >= since
    }


@dataclass(slots=True)
class TriageRow:
    respondent: Respondent
    flags: list[FlagView]
    financial: ProviderFlags | None
    overdue: bool
    visits: list[CampaignVisit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.flags)


def triage(campaign: Campaign, today: dt.date | None = None) -> list[TriageRow]:
    """Issue 9: "A triage list is sorted by flags": every provider that answered,
    with its flags and their reasons, and, once the date to answer by has
    passed, those that did not answer (a flag of its own). Five queries."""
    today = today or timezone.localdate()
    overdue = campaign.is_overdue_on(today)
    wanted = Q(submitted_at__isnull=False)
    if overdue:
        wanted |= Q(sent_at__isnull=False, revoked_at__isnull=True)
    found = list(
        Respondent.objects.filter(campaign=campaign)
        .filter(wanted)
        .select_related("provider")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.select_related("question").order_by("pk"),
            ),
            Prefetch(
                "visits",
                queryset=CampaignVisit.objects.select_related(
                    "followup__unit", "followup__organisation"
                ).order_by("pk"),
            ),
        )
    )
    financial = financial_for(campaign, [r.provider_id for r in found])
    rows = []
    for respondent in found:
        checked = financial.get(respondent.provider_id)
        flags = flag_views(respondent.flags.all(), checked)
        late = respondent.submitted_at is None
        if late:
            flags.insert(
                0,
                FlagView(
                    FlagKind.NO_ANSWER,
                    choice_label(FlagKind, FlagKind.NO_ANSWER),
                    _("No answers by %(day)s.")
                    % {
                        "day": formats.date_format(
                            campaign.deadline, "SHORT_DATE_FORMAT"
                        )
                    },
                ),
            )
        rows.append(
            TriageRow(respondent, flags, checked, late, list(respondent.visits.all()))
        )
    rows.sort(
        key=lambda row: rules.triage_key(
            row.total, row.overdue, row.respondent.provider.name
        )
    )
    return rows


def respondent_detail(*, user: Viewer, pk: int) -> Respondent:
    respondent = (
        Respondent.objects.visible_to(user)
        .select_related(
            "campaign__template_version__template", "campaign__organisation", "provider"
        )
        .prefetch_related(
            "agreements__contract_area",
            Prefetch(
                "flags", queryset=Flag.objects.select_related("question").order_by("pk")
            ),
            Prefetch(
                "visits",
                queryset=CampaignVisit.objects.select_related(
                    "followup__unit", "followup__organisation"
                ).order_by("pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if respondent is None:
        raise Http404
    return respondent


def document_detail(*, user: Viewer, pk: int) -> ScreeningDocument:
    """A provider's document, for the staff who see its campaign."""
    document = (
        ScreeningDocument.objects.filter(
            RespondentQuerySet.scope_q(user, "respondent__")
        )
        .select_related("file", "respondent")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document


def campaign_visit_of(followup_id: int) -> CampaignVisit | None:
    """The campaign a follow-up was chosen by, if any (the follow-up's page)."""
    return (
        CampaignVisit.objects.select_related("respondent__campaign")
        .filter(followup_id=followup_id)
        .first()
    )
