"""Reads of the provider portal and of answer links. Every read that depends on
who asks starts from ``visible_to(user)``; a provider sees a follow-up once the
district has asked for complements or finished it, never before. The number of
queries does not grow with the number of follow-ups, deficiencies or measures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from foljsam.accounts.access import Capability, Viewer, can
from foljsam.core.access import visible_or_404
from foljsam.core.models import StoredFile
from foljsam.findings.choices import DeficiencyStatus, MeasureKind
from foljsam.findings.models import Deficiency, Measure
from foljsam.findings.selectors import DeficiencyRow, deficiencies_of
from foljsam.followups import protocol as proto
from foljsam.followups.choices import PERFORMED_STATUSES, Status
from foljsam.followups.models import Evidence, FollowUp
from foljsam.followups.tasks import provider_recipients
from foljsam.portal.models import AnswerLink
from foljsam.portal.services import LINK_STATUSES
from foljsam.requirements.choices import Respondent
from foljsam.requirements.models import Question

# What a provider sees of its follow-ups: the result once complements are asked
# for, or once the follow-up is completed or shared with it.
PORTAL_STATUSES = (Status.AWAITING_COMPLEMENT, Status.COMPLETED, Status.SHARED)
# The measures a provider reads: what was asked of it and what became of it.
# Revisits and escalations are the city's own steps.
PROVIDER_MEASURES = frozenset(
    {
        MeasureKind.COMPLEMENT_REQUESTED,
        MeasureKind.COMPLEMENT_RECEIVED,
        MeasureKind.COMPLEMENT_APPROVED,
        MeasureKind.COMPLEMENT_REJECTED,
    }
)


def _portal_rows(user: Viewer) -> QuerySet[FollowUp]:
    return FollowUp.objects.visible_to(user).filter(status__in=PORTAL_STATUSES)


def _awaiting(followup_ref: str = "pk") -> QuerySet[Deficiency]:
    """The open deficiencies of a follow-up awaiting complements whose last
    complement step is a request: the provider owes something by ``due_on``."""
    last_step = (
        Measure.objects.filter(
            deficiency=OuterRef("pk"),
            kind__in=[
                MeasureKind.COMPLEMENT_REQUESTED,
                MeasureKind.COMPLEMENT_RECEIVED,
            ],
        )
        .order_by("-on", "-pk")
        .values("kind")[:1]
    )
    return (
        Deficiency.objects.filter(
            followup=OuterRef(followup_ref),
            followup__status=Status.AWAITING_COMPLEMENT,
            status=DeficiencyStatus.OPEN,
            due_on__isnull=False,
        )
        .annotate(last_step=Subquery(last_step))
        .filter(last_step=MeasureKind.COMPLEMENT_REQUESTED)
    )


def portal_followups(*, user: Viewer) -> QuerySet[FollowUp]:
    """The provider's follow-ups with their open deficiencies (``open_count``)
    and the nearest deadline for a complement it owes (``next_due``), newest
    first. One query, whatever the number of rows."""
    open_count = (
        Deficiency.objects.filter(followup=OuterRef("pk"), status=DeficiencyStatus.OPEN)
        .order_by()
        .values("followup")
        .annotate(n=Count("pk"))
        .values("n")
    )
    next_due = _awaiting().order_by("due_on").values("due_on")[:1]
    return (
        _portal_rows(user)
        .select_related("unit", "provider", "contract_area")
        .annotate(
            open_count=Coalesce(
                Subquery(open_count, output_field=IntegerField()), Value(0)
            ),
            next_due=Subquery(next_due),
        )
        .order_by("-year", "unit__name", "contract_area__name", "pk")
    )


def portal_followup(*, user: Viewer, pk: int) -> FollowUp:
    """One of the provider's follow-ups, or 404 (another provider's, or one not
    yet shown to it)."""
    return visible_or_404(
        _portal_rows(user).select_related(
            "unit", "provider", "contract_area", "agreement", "organisation"
        ),
        pk=pk,
    )


@dataclass(slots=True)
class PortalDeficiency:
    """A deficiency as the provider reads it: the steps about complements only,
    and whether it may send one now."""

    row: DeficiencyRow
    measures: list[Measure]
    can_send: bool
    form: object = None

    @property
    def deficiency(self) -> Deficiency:
        return self.row.deficiency


@dataclass(slots=True)
class PortalPage:
    followup: FollowUp
    deficiencies: list[PortalDeficiency]
    has_report: bool  # the report is the provider's once completed or shared
    today: dt.date

    @property
    def awaiting(self) -> list[PortalDeficiency]:
        return [d for d in self.deficiencies if d.can_send]


def portal_page(*, user: Viewer, followup: FollowUp, today: dt.date) -> PortalPage:
    """The follow-up's deficiencies with their complement steps and files: three
    queries, whatever their number."""
    rows = deficiencies_of(user=user, followup=followup, today=today)
    accepting = followup.status == Status.AWAITING_COMPLEMENT
    items = [
        PortalDeficiency(
            row=row,
            measures=[m for m in row.measures if m.kind in PROVIDER_MEASURES],
            can_send=accepting and row.awaiting_complement,
        )
        for row in rows
    ]
    return PortalPage(
        followup=followup,
        deficiencies=items,
        has_report=followup.status in PERFORMED_STATUSES,
        today=today,
    )


def complement_file(*, user: Viewer, followup: FollowUp, file_pk: int) -> StoredFile:
    """A file of a complement sent on one of the provider's follow-ups, or 404."""
    sent = (
        Measure.objects.visible_to(user)
        .filter(
            deficiency__followup=followup,
            kind=MeasureKind.COMPLEMENT_RECEIVED,
            files__pk=file_pk,
        )
        .exists()
    )
    if not sent:
        raise Http404
    return StoredFile.objects.get(pk=file_pk)


# -- answer links -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUpLinks:
    """What ``portal/_followup_links.html`` shows on a follow-up's page."""

    followup: FollowUp
    links: list[AnswerLink]  # newest first
    current: AnswerLink | None  # the unfinished one, if any (it may have expired)
    questions: int  # how many questions are meant for the manager
    can_create: bool
    can_revoke: bool
    default_email: str

    @property
    def submitted(self) -> list[AnswerLink]:
        return [link for link in self.links if link.submitted_at is not None]


def links_for_followup(*, user: Viewer, followup: FollowUp) -> FollowUpLinks:
    """The follow-up's answer links as the user may see them, with what the user
    may do: three queries."""
    links = list(
        AnswerLink.objects.visible_to(user)
        .filter(followup=followup)
        .order_by("-created_at", "-pk")
    )
    current = next(
        (
            link
            for link in links
            if link.revoked_at is None and link.submitted_at is None
        ),
        None,
    )
    questions = (
        Question.objects.filter(
            version_id=followup.template_version_id, respondent=Respondent.MANAGER
        ).count()
        if followup.template_version_id is not None
        else 0
    )
    performing = can(user, Capability.PERFORM_FOLLOWUPS)
    addresses = provider_recipients(followup.provider_id) if performing else []
    return FollowUpLinks(
        followup=followup,
        links=links,
        current=current,
        questions=questions,
        can_create=performing and followup.status in LINK_STATUSES and questions > 0,
        can_revoke=performing and current is not None,
        default_email=current.email if current else (addresses[0] if addresses else ""),
    )


@dataclass(slots=True)
class AnswerSections:
    """The questions meant for the manager, by section, with the current answers
    and the files the provider sent."""

    sections: list[proto.SectionRows]
    general: list[Evidence]

    @property
    def rows(self) -> list[proto.QuestionRow]:
        return [row for section in self.sections for row in section.rows]


def answer_sections(followup: FollowUp) -> AnswerSections:
    """For the answer page (the token is the reader's only credential, so it
    reads the follow-up it opens directly): five queries."""
    sections = []
    for section in proto.protocol_rows(followup):
        rows = [
            row for row in section.rows if row.question.respondent == Respondent.MANAGER
        ]
        for row in rows:
            row.evidence = [e for e in row.evidence if e.by_provider]
        if rows:
            sections.append(proto.SectionRows(section.section, rows))
    general = [e for e in proto.general_evidence(followup) if e.by_provider]
    return AnswerSections(sections, general)
