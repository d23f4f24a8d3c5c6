"""Publishing a year's selection: one follow-up per selected unit and contract
area, each with its template version, its organisation and the year's deadlines,
and an e-mail to each organisation's contact persons.

Seed 002: "Socialförvaltningen skickar årligen, senast den 31 januari,
uppföljningsmallar eller i förekommande fall webblänkar för respektive verksamhet
som ska följas upp till stadsdelsförvaltningarnas kontaktpersoner."

Publishing is idempotent: a unit that already has its follow-up gets none more,
so publishing again after the coordinator added units creates only theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foljsam.accounts.models import Organisation, User
from foljsam.accounts.roles import Role
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups.choices import Method, Source
from foljsam.followups.models import FollowUp
from foljsam.followups.services import Deadlines, NewFollowUp, followups_assign
from foljsam.planning import events
from foljsam.planning.choices import PlanMethod, RunStatus
from foljsam.planning.models import (
    Candidate,
    OrganisationSettings,
    PlanEntry,
    SelectionRun,
    YearCalendar,
    default_calendar,
)
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import Purpose, VersionStatus
from foljsam.requirements.models import TemplateVersion

PLAN_METHODS: dict[str, tuple[str, ...]] = {
    PlanMethod.SITE_VISIT: (Method.SITE_VISIT,),
    PlanMethod.SCREENING: (Method.SCREENING,),
    PlanMethod.BOTH: (Method.SCREENING, Method.SITE_VISIT),
}


def calendar_for(year: int) -> Deadlines:
    """The year's deadlines: as set for the year, else seed 002's."""
    row = YearCalendar.objects.filter(year=year).first()
    if row is not None:
        return Deadlines(row.send_out_by, row.done_by, row.report_by)
    return Deadlines(*default_calendar(year))


def template_versions_by_area(
    area_ids: Iterable[int],
) -> dict[int, TemplateVersion | None]:
    """The visit protocol a new follow-up in each area uses: the published version
    of a template made for the area, else of one made for every area; between
    equals, the template with the first code. Two queries."""
    versions = list(
        TemplateVersion.objects.filter(
            status=VersionStatus.PUBLISHED, template__purpose=Purpose.VISIT_PROTOCOL
        )
        .select_related("template")
        .prefetch_related("template__contract_areas")
        .order_by("template__code")
    )
    areas_of = {v.pk: {a.pk for a in v.template.contract_areas.all()} for v in versions}
    chosen: dict[int, TemplateVersion | None] = {}
    for area in area_ids:
        specific = [v for v in versions if area in areas_of[v.pk]]
        generic = [v for v in versions if not areas_of[v.pk]]
        found = specific or generic
        chosen[area] = found[0] if found else None
    return chosen


def recipients(organisation_ids: Iterable[int]) -> dict[int, list[str]]:
    """Whom to tell, per organisation: its contact persons, else its follow-up
    officers; only active users with an e-mail address."""
    wanted = set(organisation_ids)
    found: dict[int, list[str]] = defaultdict(list)
    for settings in OrganisationSettings.objects.filter(
        organisation_id__in=wanted
    ).prefetch_related("contact_persons"):
        found[settings.organisation_id] = sorted(
            u.email for u in settings.contact_persons.all() if u.is_active and u.email
        )
    missing = {org for org in wanted if not found.get(org)}
    if missing:
        for org_id, email in (
            User.objects.filter(
                organisation_id__in=missing,
                is_active=True,
                role_grants__role=Role.DISTRICT_OFFICER,
            )
            .exclude(email="")
            .values_list("organisation_id", "email")
            .distinct()
            .order_by("email")
        ):
            found[org_id].append(email)
    return dict(found)


@dataclass(slots=True)
class Preview:
    run: SelectionRun
    deadlines: Deadlines
    to_create: list[Candidate] = field(default_factory=list)
    existing: dict[int, int] = field(default_factory=dict)  # candidate -> follow-up
    unallocated: list[Candidate] = field(default_factory=list)
    missing_templates: list[ContractArea] = field(default_factory=list)
    versions: dict[int, TemplateVersion | None] = field(default_factory=dict)
    per_organisation: dict[int, int] = field(default_factory=dict)
    recipients: dict[int, list[str]] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    other_published: bool = False

    @property
    def problems(self) -> list[str]:
        found = []
        if self.other_published:
            # An older draft of a year published since: its page must not offer
            # a button that can only fail.
            found.append(
                _("Another selection for %(year)d is already published.")
                % {"year": self.run.year}
            )
        if self.unallocated:
            found.append(
                ngettext(
                    "%(count)d selected unit has no organisation to perform its "
                    "follow-up: give it one, raise a capacity and allocate again, "
                    "or take it out.",
                    "%(count)d selected units have no organisation to perform "
                    "their follow-ups: give them one, raise a capacity and "
                    "allocate again, or take them out.",
                    len(self.unallocated),
                )
                % {"count": len(self.unallocated)}
            )
        if self.missing_templates:
            found.append(
                _(
                    "No visit protocol is published for %(areas)s: publish a "
                    "template for the contract area, or one for every area."
                )
                % {"areas": ", ".join(a.name for a in self.missing_templates)}
            )
        return found


def publish_preview(run: SelectionRun) -> Preview:
    """What publishing would do, and what stops it. A fixed number of queries."""
    preview = Preview(run=run, deadlines=calendar_for(run.year))
    preview.other_published = (
        SelectionRun.objects.filter(year=run.year, status=RunStatus.PUBLISHED)
        .exclude(pk=run.pk)
        .exists()
    )
    selected = list(
        run.candidates.filter(selected=True, followup__isnull=True)
        .select_related("unit", "contract_area", "organisation")
        .order_by("rank")
    )
    keys = {(c.unit_id, c.contract_area_id) for c in selected}
    existing = {
        (unit, area): pk
        for pk, unit, area in FollowUp.objects.filter(
            year=run.year,
            source__in=[Source.PLANNED, Source.HISTORY],
            unit_id__in={k[0] for k in keys},
        ).values_list("pk", "unit_id", "contract_area_id")
    }
    areas = {}
    for candidate in selected:
        key = (candidate.unit_id, candidate.contract_area_id)
        if key in existing:
            preview.existing[candidate.pk] = existing[key]
        elif candidate.organisation_id is None:
            preview.unallocated.append(candidate)
        else:
            preview.to_create.append(candidate)
            areas[candidate.contract_area_id] = candidate.contract_area
            preview.per_organisation[candidate.organisation_id] = (
                preview.per_organisation.get(candidate.organisation_id, 0) + 1
            )
            if candidate.organisation is not None:
                preview.organisations[candidate.organisation_id] = (
                    candidate.organisation
                )
    preview.versions = template_versions_by_area(areas)
    preview.missing_templates = sorted(
        (areas[a] for a, v in preview.versions.items() if v is None),
        key=lambda a: a.name,
    )
    preview.recipients = recipients(preview.per_organisation)
    return preview


@dataclass(frozen=True, slots=True)
class Published:
    created: int
    linked: int
    per_organisation: dict[int, int]


def _methods(year: int) -> dict[int, tuple[str, ...]]:
    """The methods the plan names for each area this year; a site visit where it
    names none (seed 002: "Stadsdelsförvaltningarna gör platsbesök")."""
    entries = (
        PlanEntry.objects.filter(year=year)
        .filter(Q(plan__first_year__lte=year) & Q(plan__last_year__gte=year))
        .order_by("contract_area_id", "-plan__first_year")
        .values_list("contract_area_id", "method")
    )
    found: dict[int, tuple[str, ...]] = {}
    site_visit: tuple[str, ...] = (Method.SITE_VISIT,)
    for area, method in entries:
        found.setdefault(area, PLAN_METHODS.get(method, site_visit))
    return found


@transaction.atomic
def selection_publish(
    *, actor: User | None, run: SelectionRun, base_url: str, notify: bool = True
) -> Published:
    """Publish the run: create the follow-ups it lacks, link those that exist,
    and queue one e-mail per organisation that got new ones. The e-mail task is
    written in this transaction, so it exists exactly when the follow-ups do.
    ``notify=False`` records an earlier year's selection without telling anyone."""
    from foljsam.planning.tasks import notify_assignments

    run = SelectionRun.objects.select_for_update().get(pk=run.pk)
    other = SelectionRun.objects.filter(
        year=run.year, status=RunStatus.PUBLISHED
    ).exclude(pk=run.pk)
    if other.exists():
        raise ValidationError(
            _("Another selection for %(year)d is already published.")
            % {"year": run.year}
        )
    preview = publish_preview(run)
    if preview.problems:
        raise ValidationError(preview.problems)
    methods = _methods(run.year)
    specs = [
        NewFollowUp(
            year=run.year,
            unit_id=c.unit_id,
            provider_id=c.unit.provider_id,
            contract_area_id=c.contract_area_id,
            agreement_id=c.agreement_id,
            organisation_id=c.organisation_id,  # type: ignore[arg-type]
            responsible_organisation_id=c.responsible_organisation_id,
            template_version_id=(
                v.pk if (v := preview.versions.get(c.contract_area_id)) else None
            ),
            methods=methods.get(c.contract_area_id, (Method.SITE_VISIT,)),
        )
        for c in preview.to_create
    ]
    created = followups_assign(actor=actor, specs=specs, deadlines=preview.deadlines)
    by_org: dict[int, list[int]] = defaultdict(list)
    for candidate, followup in zip(preview.to_create, created, strict=True):
        candidate.followup = followup
        stamp_history(candidate, actor)
        candidate.save(update_fields=["followup"])
        by_org[followup.organisation_id].append(followup.pk)  # type: ignore[index]
    linked = Candidate.objects.filter(pk__in=list(preview.existing)).select_for_update()
    for candidate in linked:
        candidate.followup_id = preview.existing[candidate.pk]
        stamp_history(candidate, actor)
        candidate.save(update_fields=["followup"])
    if run.status != RunStatus.PUBLISHED:
        run.status = RunStatus.PUBLISHED
        run.published_at = timezone.now()
        run.published_by = actor
        stamp_history(run, actor)
        run.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    event_record(
        actor=actor,
        action=events.RUN_PUBLISHED,
        target=run,
        data={"year": run.year, "created": len(created)},
    )
    for organisation_id, followup_ids in sorted(by_org.items()) if notify else ():
        notify_assignments.enqueue(
            organisation_id=organisation_id,
            year=run.year,
            followup_ids=followup_ids,
            base_url=base_url,
        )
    return Published(
        created=len(created),
        linked=len(preview.existing),
        per_organisation={org: len(ids) for org, ids in by_org.items()},
    )
