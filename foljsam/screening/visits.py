"""From the triage list to site visits (issue 9: "One action creates site-visit
follow-ups for the chosen providers' units, linked to the campaign and
allocated by the usual rules").

Seed 004: "De verksamheter som i den övergripande kontrollen visar på
avvikelser eller brister kommer att väljas ut för verksamhetsbesök." And for the
LOV agreements: "Vid eventuella avvikelser kommer socialförvaltningen att
genomföra verksamhetsbesök. Stadsdelsförvaltningarna bistår med
verksamhetsbesök inom följande områden ..."

Rules kept here:

* The units are those the chosen providers' agreements in the campaign cover,
  active today, one follow-up per unit and contract area, as the yearly
  selection makes them.
* Who performs each is the allocation of issue 5 (``planning.allocation``):
  the responsibility rules, the central office keeping LOU agreements, the
  districts' capacity with what they already have this year, and the options
  of the year's published selection. A unit the rules cannot place goes to the
  organisation the office names for those (else the action is refused).
* A unit that already has its follow-up this year gets none more: that one is
  linked to the campaign instead.
* The follow-ups are made in status "assigned" with the site-visit method, the
  area's visit protocol and the year's deadlines (at least eight weeks from
  today), and each organisation is told, as when a selection is published.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.accounts.access import SYSTEM
from foljsam.accounts.models import Organisation, User
from foljsam.core.events import event_record
from foljsam.followups.choices import Method, Source, Status
from foljsam.followups.models import FollowUp
from foljsam.followups.services import Deadlines, NewFollowUp, followups_assign
from foljsam.planning.allocation import Item, Options, allocate
from foljsam.planning.choices import RunStatus
from foljsam.planning.inputs import (
    Context,
    item_and_context,
    offices,
    performer_targets,
)
from foljsam.planning.models import SelectionRun
from foljsam.planning.publishing import calendar_for, template_versions_by_area
from foljsam.registry.responsibility_map import MapFilters, responsibility_map
from foljsam.screening import events
from foljsam.screening.choices import CampaignStatus
from foljsam.screening.models import Campaign, CampaignVisit, Respondent
from foljsam.screening.services import may_manage

# A visit chosen late in the year still gets time to be done.
MIN_WEEKS = 8


@dataclass(slots=True)
class VisitsMade:
    created: int = 0
    linked: int = 0
    fallback: int = 0  # placed with the named organisation
    per_organisation: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Unit:
    respondent: Respondent
    item: Item
    context: Context


def _units(
    respondents: Sequence[Respondent], today: dt.date
) -> dict[tuple[int, int], _Unit]:
    """Each unit and contract area the respondents' campaign agreements cover
    today, with what the allocation reads: one reading of the responsibility
    map per contract area."""
    by_agreement = {
        agreement.pk: respondent
        for respondent in respondents
        for agreement in respondent.agreements.all()
    }
    areas = sorted(
        {a.contract_area_id for r in respondents for a in r.agreements.all()}
    )
    targets = performer_targets()
    found: dict[tuple[int, int], _Unit] = {}
    rank = {r.pk: position for position, r in enumerate(respondents)}
    for area_id in areas:
        for row in responsibility_map(
            user=SYSTEM, today=today, filters=MapFilters(contract_area=area_id)
        ):
            respondent = by_agreement.get(row.agreement_id or 0)
            if respondent is None or row.contract_area is None:
                continue
            item, context = item_and_context(row, targets)
            if item.key in found:
                continue
            item = Item(
                key=item.key,
                rank=rank[respondent.pk],
                performer_id=item.performer_id,
                performer_target=item.performer_target,
                agreement_kind=item.agreement_kind,
                district_id=item.district_id,
                operator_id=item.operator_id,
            )
            found[item.key] = _Unit(respondent, item, context)
    return found


def _options(year: int) -> Options:
    """The options of the year's published selection, else the defaults."""
    run = SelectionRun.objects.filter(year=year, status=RunStatus.PUBLISHED).first()
    if run is None:
        return Options()
    return Options(**run.parameters.get("options", {}))


def _loads(year: int) -> dict[int, int]:
    loads: dict[int, int] = defaultdict(int)
    for org_id in (
        FollowUp.objects.filter(year=year, organisation__isnull=False)
        .exclude(status=Status.CANCELLED)
        .values_list("organisation_id", flat=True)
    ):
        loads[org_id] += 1
    return dict(loads)


def _deadlines(year: int, today: dt.date) -> Deadlines:
    base = calendar_for(year)
    due = max(base.due_by, today + dt.timedelta(weeks=MIN_WEEKS))
    return Deadlines(
        send_out_by=max(base.send_out_by, today),
        due_by=due,
        report_by=max(base.report_by, due),
    )


@transaction.atomic
def visits_create(
    *,
    actor: User | None,
    campaign: Campaign,
    respondent_ids: Sequence[int],
    fallback_organisation: Organisation | None = None,
    base_url: str,
    notify: bool = True,
) -> VisitsMade:
    """Make (or find) the site-visit follow-ups of the chosen providers' units
    and link them to the campaign."""
    from foljsam.planning.tasks import notify_assignments

    may_manage(actor, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status == CampaignStatus.DRAFT:
        raise ValidationError(_("Site visits are chosen once the campaign is sent."))
    if not respondent_ids:
        raise ValidationError({"respondents": [_("Choose at least one provider.")]})
    today = timezone.localdate()
    respondents = list(
        Respondent.objects.filter(campaign=locked, pk__in=list(respondent_ids))
        .select_related("provider")
        .prefetch_related("agreements")
        .order_by("-flag_count", "provider__name")
    )
    if len(respondents) != len(set(respondent_ids)):
        raise ValidationError(
            {"respondents": [_("A chosen provider is not in this campaign.")]}
        )
    waiting = [
        r.provider.name
        for r in respondents
        if r.submitted_at is None and not locked.is_overdue_on(today)
    ]
    if waiting:
        raise ValidationError(
            {
                "respondents": [
                    _(
                        "%(providers)s: no answers yet, and the date to answer by "
                        "has not passed."
                    )
                    % {"providers": ", ".join(waiting)}
                ]
            }
        )
    units = _units(respondents, today)
    if not units:
        raise ValidationError(
            {"respondents": [_("The chosen providers have no active units today.")]}
        )
    keys = list(units)
    existing = {
        (f.unit_id, f.contract_area_id): f
        for f in FollowUp.objects.filter(
            year=locked.year,
            unit_id__in={k[0] for k in keys},
            contract_area_id__in={k[1] for k in keys},
        ).exclude(source=Source.HISTORY)
    }
    already = set(
        CampaignVisit.objects.filter(
            followup_id__in=[f.pk for f in existing.values()]
        ).values_list("followup_id", flat=True)
    )
    to_create = [k for k in keys if k not in existing]
    placed = allocate(
        [units[k].item for k in to_create],
        offices(),
        _options(locked.year),
        loads=_loads(locked.year),
    )
    unplaced = [k for k in to_create if placed[k].organisation_id is None]
    if unplaced and fallback_organisation is None:
        raise ValidationError(
            {
                "fallback_organisation": [
                    ngettext(
                        "%(count)d unit cannot be placed by the rules (no "
                        "performer, or no room): choose the organisation to take it.",
                        "%(count)d units cannot be placed by the rules (no "
                        "performer, or no room): choose the organisation to take them.",
                        len(unplaced),
                    )
                    % {"count": len(unplaced)}
                ]
            }
        )
    versions = template_versions_by_area({k[1] for k in to_create})
    specs = []
    for key in to_create:
        unit = units[key]
        organisation_id = placed[key].organisation_id or fallback_organisation.pk  # type: ignore[union-attr]
        version = versions.get(key[1])
        specs.append(
            NewFollowUp(
                year=locked.year,
                unit_id=key[0],
                provider_id=unit.context.provider_id,
                contract_area_id=key[1],
                agreement_id=unit.context.agreement_id,
                organisation_id=organisation_id,
                responsible_organisation_id=unit.context.responsible_id,
                template_version_id=version.pk if version else None,
                methods=(Method.SITE_VISIT,),
                source=Source.SCREENING,
            )
        )
    created = followups_assign(
        actor=actor, specs=specs, deadlines=_deadlines(locked.year, today)
    )
    made = VisitsMade(created=len(created), fallback=len(unplaced))
    by_org: dict[int, list[int]] = defaultdict(list)
    links = []
    for key, followup in zip(to_create, created, strict=True):
        links.append(CampaignVisit(respondent=units[key].respondent, followup=followup))
        by_org[followup.organisation_id].append(followup.pk)  # type: ignore[index]
    for key, followup in existing.items():
        if followup.pk in already:
            continue
        links.append(
            CampaignVisit(
                respondent=units[key].respondent, followup=followup, created=False
            )
        )
        made.linked += 1
    CampaignVisit.objects.bulk_create(links)
    for link in links:
        event_record(
            actor=actor,
            action=events.VISIT_CHOSEN,
            target=link.followup,
            data={"campaign": locked.name, "provider": link.respondent.provider.name},
        )
    event_record(
        actor=actor,
        action=events.VISITS_CREATED,
        target=locked,
        data={"campaign": locked.name, "count": made.created + made.linked},
    )
    made.per_organisation = {org: len(ids) for org, ids in by_org.items()}
    if notify:
        year = locked.year

        def tell() -> None:
            for organisation_id, followup_ids in sorted(by_org.items()):
                notify_assignments.enqueue(
                    organisation_id=organisation_id,
                    year=year,
                    followup_ids=followup_ids,
                    base_url=base_url,
                )

        transaction.on_commit(tell)
    return made
