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
    # Meta.ordering does not apply to a grouped query: said again.
    return campaigns.annotate(
        respondent_count=Count("respondents", distinct=True),
        answered_count=Count(
            "respondents",
            filter=Q(respondents__submitted_at__isnull=False),
            distinct=True,
        ),
    ).order_by("-year", "-created_at", "-id")


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
        # The dash is typography, not a minus.
        return _("%(number)s %(question)s – no document attached.") % {  # noqa: RUF001
            "number": flag.number,
            "question": text,
        }
    return _("%(number)s %(question)s – answered “%(answer)s”.") % {  # noqa: RUF001
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


# The annual report (issue 9: "The campaign's results feed the annual report as
# method 'screening'") ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearRespondent:
    """One provider in one of the year's campaigns, as plain data."""

    provider_id: int
    contract_area_ids: frozenset[int]  # of its agreements in the campaign
    asked: bool  # sent a link
    answered: bool
    withdrawn: bool  # its link withdrawn, not answered
    flags: frozenset[str]  # FlagKind values: stored ones and financial ones
    visits: tuple[tuple[int, bool], ...]  # (follow-up's contract area, created)


@dataclass(frozen=True, slots=True)
class YearCampaign:
    name: str
    template: str
    template_version: int
    status: str
    deadline: dt.date
    sent_on: dt.date | None
    respondents: tuple[YearRespondent, ...]


def year_summary(*, user: Viewer, year: int) -> list[YearCampaign]:
    """The sent campaigns of ``year`` the user sees (drafts never count), in the
    order they were sent, with each provider's answer, flags and site visits for
    the annual report. A provider's financial flags are those the triage list
    shows (``financial_for``). One query when the year has no campaign, else at
    most seven whatever the number of providers."""
    campaigns = list(
        Campaign.objects.visible_to(user)
        .filter(year=year)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("template_version__template")
        .order_by("sent_at", "name", "pk")
    )
    if not campaigns:
        return []
    ids = [c.pk for c in campaigns]
    rows = list(
        Respondent.objects.visible_to(user)
        .filter(campaign_id__in=ids)
        .order_by("pk")
        .values_list(
            "pk", "campaign_id", "provider_id", "sent_at", "submitted_at", "revoked_at"
        )
    )
    areas: dict[int, set[int]] = {}
    for respondent_id, area_id in (
        Respondent.agreements.through.objects.filter(respondent__campaign_id__in=ids)
        .order_by()
        .values_list("respondent_id", "agreement__contract_area_id")
        .distinct()
    ):
        areas.setdefault(respondent_id, set()).add(area_id)
    flags: dict[int, set[str]] = {}
    for respondent_id, kind in (
        Flag.objects.filter(respondent__campaign_id__in=ids)
        .order_by()
        .values_list("respondent_id", "kind")
        .distinct()
    ):
        flags.setdefault(respondent_id, set()).add(kind)
    visits: dict[int, list[tuple[int, bool]]] = {}
    for respondent_id, area_id, created in (
        CampaignVisit.objects.filter(respondent__campaign_id__in=ids)
        .order_by("pk")
        .values_list("respondent_id", "followup__contract_area_id", "created")
    ):
        visits.setdefault(respondent_id, []).append((area_id, created))
    asked = {provider_id for _pk, _c, provider_id, sent_at, *_rest in rows if sent_at}
    checks = latest_flags(provider_ids=asked)
    by_campaign: dict[int, list[YearRespondent]] = {pk: [] for pk in ids}
    since = {
        c.pk: timezone.localtime(c.created_at).date() - FINANCIAL_WINDOW
        for c in campaigns
    }
    for pk, campaign_id, provider_id, sent_at, submitted_at, revoked_at in rows:
        found = set(flags.get(pk, ()))
        check = checks.get(provider_id)
        if (
            sent_at is not None
            and check is not None
            and check.flagged
            and check.checked_on >= since[campaign_id]
        ):
            found.add(FlagKind.FINANCIAL)
        by_campaign[campaign_id].append(
            YearRespondent(
                provider_id=provider_id,
                contract_area_ids=frozenset(areas.get(pk, ())),
                asked=sent_at is not None,
                answered=submitted_at is not None,
                withdrawn=revoked_at is not None and submitted_at is None,
                flags=frozenset(found),
                visits=tuple(visits.get(pk, ())),
            )
        )
    return [
        YearCampaign(
            name=c.name,
            template=c.template_version.template.name,
            template_version=c.template_version.number,
            status=c.status,
            deadline=c.deadline,
            sent_on=timezone.localtime(c.sent_at).date() if c.sent_at else None,
            respondents=tuple(by_campaign[c.pk]),
        )
        for c in campaigns
    ]


@dataclass(frozen=True, slots=True)
class ChosenBy:
    """The campaign that chose a follow-up for a site visit, and whether the
    reader may open the campaign's page."""

    campaign_id: int
    name: str
    visible: bool


def chosen_by(*, user: Viewer, followup_id: int) -> ChosenBy | None:
    """For the follow-up's page (two queries at most)."""
    visit = campaign_visit_of(followup_id)
    if visit is None:
        return None
    campaign = visit.respondent.campaign
    visible = Campaign.objects.visible_to(user).filter(pk=campaign.pk).exists()
    return ChosenBy(campaign.pk, campaign.name, visible)
