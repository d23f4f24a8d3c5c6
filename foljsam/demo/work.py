"""The demo city's follow-ups of the current year at work (issue 6): some being
prepared with a visit coming up, some visited with the protocol half filled in,
some waiting for the provider's complements (one of them late), some completed
and shared with the provider; and the central office's decisions on two
escalated deficiencies: a correction request under an agreement, and none for a
school's short-term supervision, which runs under a mission description.

Everything goes through the services, as the officers would, with the dates of
the steps some days or weeks before the demo's day. Most of the year's open
follow-ups are left assigned, so that there is work to start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from foljsam.accounts.models import User
from foljsam.demo.financial_data import demo_pdf
from foljsam.findings import actions, measures, services
from foljsam.findings.models import Deficiency
from foljsam.followups import lifecycle
from foljsam.followups import protocol as proto
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.requirements.choices import AnswerType
from foljsam.requirements.models import Question


@dataclass(frozen=True)
class _Officer:
    username: str
    organisation: str


OFFICERS = [
    _Officer("uppfoljare.sodermalm", "sdf-sodermalm"),
    _Officer("uppfoljare.bromma", "sdf-bromma"),
]
# Their districts' follow-ups of the year are all still open when the history
# is written (demo.history); this module takes some of them further.
WORKING_DISTRICTS = tuple(o.organisation for o in OFFICERS)

COMMENTS = {
    "no": "Rutinen saknas. Verksamheten uppger att den är under arbete.",
    "partly": "Rutinen finns men är inte daterad och saknar ansvarig.",
}


def _open_followups(organisation: str, year: int) -> list[FollowUp]:
    return list(
        FollowUp.objects.filter(
            organisation__code=organisation,
            year=year,
            status=Status.ASSIGNED,
            template_version__isnull=False,
        )
        .select_related("provider", "unit", "template_version")
        .order_by("pk")
    )


def _answer(officer: User, followup: FollowUp, share: float, misses: int) -> None:
    """Answer the first part of the protocol: "yes" mostly, "no" or "partly"
    for the first few requirements that are not met."""
    questions = list(
        Question.objects.filter(version=followup.template_version).order_by(
            "section__position", "position"
        )
    )
    answers = {}
    missed = 0
    for question in questions[: max(1, int(len(questions) * share))]:
        options = [value for value, _label in question.answer_options]
        if question.answer_type == AnswerType.YES_NO:
            value = "yes"
            if missed < misses and question.requirement_id:
                value = "no" if missed % 2 == 0 else "partly"
                missed += 1
            answers[question.pk] = proto.AnswerInput(value, COMMENTS.get(value, ""))
        elif question.answer_type == AnswerType.DOCUMENT:
            answers[question.pk] = proto.AnswerInput("received")
        elif options and question.answer_type == AnswerType.SINGLE_CHOICE:
            answers[question.pk] = proto.AnswerInput(options[0])
        elif question.answer_type == AnswerType.NUMBER:
            answers[question.pk] = proto.AnswerInput("12")
        elif question.answer_type == AnswerType.TEXT:
            answers[question.pk] = proto.AnswerInput(
                "Verksamheten beskrev sitt arbete tydligt."
            )
    followup.refresh_from_db()
    uploads: dict[int | None, list[SimpleUploadedFile]] = {
        None: [_upload("Rutiner.pdf", "Verksamhetens rutiner")]
    }
    if questions:
        uploads[questions[0].pk] = [
            _upload("Personalforteckning.pdf", "Personalforteckning")
        ]
    proto.protocol_save(
        actor=officer,
        followup=followup,
        revision=followup.protocol_revision,
        answers=answers,
        uploads=uploads,
    )


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, demo_pdf(text), content_type="application/pdf")


def _start(officer: User, followup: FollowUp, today: dt.date, days: int) -> FollowUp:
    return lifecycle.followup_prepare(
        actor=officer,
        followup=followup,
        documents_requested_on=today - dt.timedelta(days=days + 14),
        methods=followup.methods or ["site_visit", "document_review"],
        visit_planned_on=today - dt.timedelta(days=days),
    )


def _visit(officer: User, followup: FollowUp, today: dt.date, days: int) -> FollowUp:
    started = _start(officer, followup, today, days)
    return lifecycle.followup_record_visit(
        actor=officer,
        followup=started,
        visited_on=today - dt.timedelta(days=days),
        participants=["manager", "staff", "follow_up_officer"],
    )


def _confirm_all(officer: User, followup: FollowUp) -> list[Deficiency]:
    page_answers = [
        answer
        for answer in followup.answers.select_related("question__requirement")
        if proto.is_not_met(answer.question, answer.value)
        and answer.question.requirement_id
    ]
    return [
        services.deficiency_confirm(
            actor=officer,
            followup=followup,
            question=answer.question,
            severity="minor" if index else "serious",
            description="",
        )
        for index, answer in enumerate(page_answers)
    ]


@transaction.atomic
def load_work(*, today: dt.date) -> int:
    """Put some of the year's follow-ups at work. Returns how many."""
    worked = 0
    for officer_spec in OFFICERS:
        officer = User.objects.get(username=officer_spec.username)
        open_ = _open_followups(officer_spec.organisation, today.year)
        if len(open_) < 4:
            continue
        preparing, visited, awaiting, shared = open_[:4]
        # A visit next week.
        lifecycle.followup_prepare(
            actor=officer,
            followup=preparing,
            documents_requested_on=today - dt.timedelta(days=5),
            methods=preparing.methods or ["site_visit", "document_review"],
            visit_planned_on=today + dt.timedelta(days=7),
        )
        # Visited last week; the protocol half done, two answers not met.
        done = _visit(officer, visited, today, 6)
        _answer(officer, done, 0.6, 2)
        # Visited in October; complements asked for, one already late.
        done = _visit(officer, awaiting, today, 50)
        _answer(officer, done, 1.0, 2)
        done = lifecycle.followup_start_assessment(actor=officer, followup=done)
        found = _confirm_all(officer, done)
        if found:
            measures.complements_request(
                actor=officer,
                followup=done,
                deficiencies=found,
                due_on=today - dt.timedelta(days=3),
                on=today - dt.timedelta(days=33),
                note="Skicka in reviderade rutiner eller en handlingsplan.",
            )
        # Visited in September, complemented, completed and shared.
        done = _visit(officer, shared, today, 80)
        _answer(officer, done, 1.0, 1)
        done = lifecycle.followup_start_assessment(actor=officer, followup=done)
        for deficiency in _confirm_all(officer, done):
            measures.complements_request(
                actor=officer,
                followup=done,
                deficiencies=[deficiency],
                due_on=today - dt.timedelta(days=30),
                on=today - dt.timedelta(days=60),
            )
            measures.complement_receive(
                actor=None,
                deficiency=deficiency,
                note="Reviderad rutin, antagen av styrelsen.",
                uploads=[_upload("Reviderad rutin.pdf", "Reviderad rutin")],
                by_provider=True,
                on=today - dt.timedelta(days=40),
            )
            measures.complement_decide(
                actor=officer,
                deficiency=deficiency,
                approve=True,
                on=today - dt.timedelta(days=35),
            )
        done.refresh_from_db()
        done = services.followup_complete(
            actor=officer, followup=done, outcome=services.proposal_for(done)
        )
        lifecycle.followup_share(actor=officer, followup=done)
        worked += 4
    worked += _escalations(today)
    return worked


def _escalations(today: dt.date) -> int:
    """The central office's side: a correction request on a private unit whose
    deficiency was escalated, and the refusal for an own unit (nothing is
    recorded for it: the page explains why)."""
    coordinator = User.objects.get(username="samordnare")
    late = (
        Deficiency.objects.filter(
            followup__status=Status.AWAITING_COMPLEMENT,
            followup__provider__kind="company",
            severity="serious",
            status="open",
        )
        .select_related("followup")
        .order_by("pk")
        .first()
    )
    if late is None:
        return 0
    measures.deficiency_escalate(
        actor=User.objects.get(username="uppfoljare.sodermalm")
        if late.followup.organisation
        and late.followup.organisation.code == "sdf-sodermalm"
        else coordinator,
        deficiency=late,
        note="Rutinen saknades och kompletteringen har inte kommit in i tid.",
    )
    actions.contract_action_decide(
        actor=coordinator,
        followup=late.followup,
        kind="correction_request",
        reasons=(
            "Verksamheten saknar skriftlig rutin enligt avtalets krav och har inte "
            "kompletterat inom den tid som gavs."
        ),
        deficiencies=[late],
        due_on=today + dt.timedelta(days=30),
    )
    return 1
