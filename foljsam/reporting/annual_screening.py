"""Digital screening in the annual report (issue 9: "The campaign's results feed
the annual report as method 'screening'"), as plain data.

Seed 004 plans "en större digital screening av samtliga avtal inom insatser för
personer med missbruk"; the committee reads what it asked, what came back and
which site visits it led to. Pure, as ``annual.py``: the rows come from
``screening.selectors.year_summary``. Counting rules (docs/formats.md):

* a campaign counts in the report of its year (``Campaign.year``) once sent;
  drafts never count;
* **asked**: providers sent a link; **answered**: sent their answers in;
  **with flags**: answered with at least one flag, the triage list's flags (a
  requirement not met, a document missing, or a flag of the provider's latest
  financial check); **not answered**: asked and not answered, withdrawn links
  included;
* **site visits**: the follow-ups chosen from the campaign's triage, made by it
  or, where the unit already had its follow-up that year, linked to it;
* **flag kinds**: the providers with at least one flag of the kind, among those
  the triage list shows (answered, and once the deadline has passed those
  asked who did not answer: "no answer by the deadline");
* **per contract area**: the providers asked, answered and with flags for an
  agreement in the area (each provider once, however many of the year's
  campaigns asked it), and the site visits whose follow-up is in the area.

Units: the methods tally of an area (``AreaReport.methods``) counts
follow-ups; a screening counts providers, so it is kept apart
(``AreaScreening``) and every format that lists the methods adds "digital
screening" with its own unit, providers who answered (``method_counts``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from foljsam.followups.choices import Method
from foljsam.screening.choices import FlagKind

if TYPE_CHECKING:
    from foljsam.reporting.annual import AreaInfo

FLAG_KINDS: tuple[str, ...] = tuple(FlagKind.values)
SCREENING = str(Method.SCREENING.value)
# The unit of a method's count: follow-ups using it, or (screening campaigns)
# providers who answered.
FOLLOWUPS = "followups"
PROVIDERS = "providers"


# What the selectors read ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RespondentRow:
    """One provider in one campaign."""

    provider_id: int
    contract_area_ids: frozenset[int]  # of its agreements the campaign asked about
    asked: bool  # sent a link
    answered: bool
    withdrawn: bool = False  # its link withdrawn, not answered
    flags: frozenset[str] = frozenset()  # FlagKind values found in its answers
    visits: tuple[tuple[int, bool], ...] = ()  # (follow-up's area id, made by it)


@dataclass(frozen=True, slots=True)
class CampaignRow:
    name: str
    template: str
    template_version: int
    status: str  # CampaignStatus, never a draft
    deadline: dt.date
    sent_on: dt.date | None = None
    respondents: tuple[RespondentRow, ...] = ()


# What the report shows -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CampaignLine:
    """One campaign of the year, counted."""

    name: str
    template: str
    template_version: int
    status: str
    deadline: dt.date
    sent_on: dt.date | None
    contract_areas: tuple[AreaInfo, ...]  # in the report's order
    asked: int = 0
    answered: int = 0
    flagged: int = 0
    visits_created: int = 0
    visits_linked: int = 0
    flags: tuple[tuple[str, int], ...] = ()  # (FlagKind, providers), most first

    @property
    def not_answered(self) -> int:
        return self.asked - self.answered

    @property
    def visits(self) -> int:
        return self.visits_created + self.visits_linked


@dataclass(frozen=True, slots=True)
class AreaScreening:
    """A contract area's providers in the year's campaigns."""

    asked: int = 0
    answered: int = 0
    flagged: int = 0
    visits: int = 0


@dataclass(frozen=True, slots=True)
class ScreeningSummary:
    """The year's campaigns, for the city."""

    campaigns: tuple[CampaignLine, ...] = ()
    flags: tuple[tuple[str, int], ...] = ()  # (FlagKind, providers), most first
    areas: Mapping[int, AreaScreening] = field(default_factory=dict)

    @property
    def asked(self) -> int:
        return sum(c.asked for c in self.campaigns)

    @property
    def answered(self) -> int:
        return sum(c.answered for c in self.campaigns)

    @property
    def flagged(self) -> int:
        return sum(c.flagged for c in self.campaigns)

    @property
    def not_answered(self) -> int:
        return sum(c.not_answered for c in self.campaigns)

    @property
    def visits_created(self) -> int:
        return sum(c.visits_created for c in self.campaigns)

    @property
    def visits_linked(self) -> int:
        return sum(c.visits_linked for c in self.campaigns)

    @property
    def visits(self) -> int:
        return self.visits_created + self.visits_linked


def method_counts(
    methods: Iterable[tuple[str, int]], screening: AreaScreening
) -> tuple[tuple[str, int, str], ...]:
    """An area's methods with their units: each follow-up method and the
    follow-ups using it, then digital screening and the providers who answered a
    campaign, when any did."""
    rows = [(method, n, FOLLOWUPS) for method, n in methods]
    if screening.answered:
        rows.append((SCREENING, screening.answered, PROVIDERS))
    return tuple(rows)


# Building --------------------------------------------------------------------------


def _most_first(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    order = {kind: index for index, kind in enumerate(FLAG_KINDS)}
    ordered = sorted(
        ((k, n) for k, n in counts.items() if n),
        key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0]),
    )
    return tuple(ordered)


def _triage_flags(
    row: RespondentRow, campaign: CampaignRow, made_on: dt.date
) -> frozenset[str]:
    """The flags the triage list shows for the provider on ``made_on``."""
    if row.answered:
        return row.flags
    if row.asked and not row.withdrawn and made_on > campaign.deadline:
        return row.flags | {FlagKind.NO_ANSWER}
    return frozenset()


def _line(
    campaign: CampaignRow, areas: Mapping[int, AreaInfo], made_on: dt.date
) -> CampaignLine:
    kinds: Counter[str] = Counter()
    covered: set[int] = set()
    created = linked = 0
    for row in campaign.respondents:
        covered |= row.contract_area_ids
        kinds.update(_triage_flags(row, campaign, made_on))
        for _area, made in row.visits:
            if made:
                created += 1
            else:
                linked += 1
    asked = [r for r in campaign.respondents if r.asked]
    answered = [r for r in asked if r.answered]
    return CampaignLine(
        name=campaign.name,
        template=campaign.template,
        template_version=campaign.template_version,
        status=campaign.status,
        deadline=campaign.deadline,
        sent_on=campaign.sent_on,
        contract_areas=tuple(a for a_id, a in areas.items() if a_id in covered),
        asked=len(asked),
        answered=len(answered),
        flagged=sum(1 for r in answered if r.flags),
        visits_created=created,
        visits_linked=linked,
        flags=_most_first(kinds),
    )


def _areas(campaigns: Sequence[CampaignRow]) -> dict[int, AreaScreening]:
    asked: dict[int, set[int]] = defaultdict(set)
    answered: dict[int, set[int]] = defaultdict(set)
    flagged: dict[int, set[int]] = defaultdict(set)
    visits: Counter[int] = Counter()
    for campaign in campaigns:
        for row in campaign.respondents:
            for area in row.contract_area_ids if row.asked else ():
                asked[area].add(row.provider_id)
                if row.answered:
                    answered[area].add(row.provider_id)
                    if row.flags:
                        flagged[area].add(row.provider_id)
            visits.update(area for area, _made in row.visits)
    return {
        area: AreaScreening(
            asked=len(asked[area]),
            answered=len(answered[area]),
            flagged=len(flagged[area]),
            visits=visits[area],
        )
        for area in set(asked) | set(visits)
    }


def build_screening(
    campaigns: Sequence[CampaignRow], areas: Sequence[AreaInfo], made_on: dt.date
) -> ScreeningSummary:
    """The year's campaigns in the order given, each provider counted as the
    triage list would count it on ``made_on``."""
    by_id = {area.id: area for area in areas}
    lines = tuple(_line(c, by_id, made_on) for c in campaigns)
    kinds: Counter[str] = Counter()
    for line in lines:
        kinds.update(dict(line.flags))
    return ScreeningSummary(
        campaigns=lines, flags=_most_first(kinds), areas=_areas(campaigns)
    )


# The JSON format (docs/formats.md) --------------------------------------------


def area_json(screening: AreaScreening) -> dict[str, int]:
    return {
        "providers_asked": screening.asked,
        "providers_answered": screening.answered,
        "providers_flagged": screening.flagged,
        "site_visits": screening.visits,
    }


def screening_json(summary: ScreeningSummary) -> dict[str, object]:
    return {
        "providers_asked": summary.asked,
        "providers_answered": summary.answered,
        "providers_flagged": summary.flagged,
        "providers_not_answered": summary.not_answered,
        "site_visits": {
            "created": summary.visits_created,
            "linked": summary.visits_linked,
        },
        "flags": dict(summary.flags),
        "campaigns": [
            {
                "name": c.name,
                "template": c.template,
                "template_version": c.template_version,
                "status": c.status,
                "sent_on": c.sent_on.isoformat() if c.sent_on else None,
                "deadline": c.deadline.isoformat(),
                "contract_areas": [a.code for a in c.contract_areas],
                "providers_asked": c.asked,
                "providers_answered": c.answered,
                "providers_flagged": c.flagged,
                "providers_not_answered": c.not_answered,
                "site_visits": {"created": c.visits_created, "linked": c.visits_linked},
                "flags": dict(c.flags),
            }
            for c in summary.campaigns
        ],
    }
