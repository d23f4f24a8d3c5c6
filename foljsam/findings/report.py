"""The follow-up report to the provider (issue 6): what was followed up, how, the
answers in words, the deficiencies and what was decided, as plain data.

Seed 002: the district sends the result to the provider "för kännedom"; seed 001:
every regime gets the same report, except that the city's own units are measured
against their mission description (uppdragsbeskrivning), not an agreement.

``followup_report`` reads it for a user in a fixed number of queries;
``build_report`` turns rows already fetched into a ``ReportDoc`` without touching
the database, so that the page, the DOCX and the PDF (report_render.py) render
one structure. Internal fields never reach it: the follow-up's note, the names of
officers (who answered, recorded or decided), and the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from foljsam.accounts.access import Capability, Viewer, capabilities
from foljsam.accounts.models import Organisation, OrganisationKind
from foljsam.core.access import visible_or_404
from foljsam.findings.choices import (
    ActionKind,
    DeficiencyStatus,
    MeasureKind,
    Resolution,
    Severity,
)
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.choices import (
    PERFORMED_STATUSES,
    CancelReason,
    Method,
    Participant,
    Status,
    outcome_label,
)
from foljsam.followups.models import Answer, FollowUp
from foljsam.registry.choices import AgreementKind, ProviderKind, Regime
from foljsam.registry.models import Provider
from foljsam.requirements.models import Question, Section

# Who reads the report of a follow-up that is not yet completed: the city's own
# readers. A provider sees it once the follow-up is completed or shared with it.
INTERNAL_READERS = frozenset(
    {Capability.READ_ALL_FOLLOWUPS, Capability.READ_OWN_FOLLOWUPS}
)


@dataclass(frozen=True)
class AnswerRow:
    number: str  # "2.3": section 2, question 3
    question: str
    answer: str  # in words; empty if not answered
    comment: str
    not_met: bool = False  # the answer means "requirement not met"


@dataclass(frozen=True)
class SectionRow:
    number: int
    title: str
    rows: tuple[AnswerRow, ...] = ()


@dataclass(frozen=True)
class MeasureRow:
    kind: str
    on: dt.date
    due_on: dt.date | None = None


@dataclass(frozen=True)
class DeficiencyRow:
    requirement: str  # "code: title", or empty
    category: str
    severity: str
    description: str
    status: str
    is_open: bool
    question: str = ""  # the number of the question it was found at
    due_on: dt.date | None = None  # the complement's deadline
    resolution: str = ""
    resolved_on: dt.date | None = None
    measures: tuple[MeasureRow, ...] = ()


@dataclass(frozen=True)
class ActionRow:
    kind: str
    decided_on: dt.date
    due_on: dt.date | None = None
    amount: Decimal | None = None
    effective_on: dt.date | None = None


@dataclass(frozen=True)
class ReportDoc:
    pk: int | None
    title: str
    city: str
    central_office: str
    unit_name: str
    unit_address: str
    provider_name: str
    provider_org_number: str
    contract_area: str
    own_regime: bool
    regime: str  # the regime in words
    agreement_label: str  # "Agreement", or "Mission description" for own units
    agreement: str  # reference and kind, or empty
    year: int
    performed_by: str
    template: str
    template_version_id: int | None  # for the follow-up's tabs, never printed
    methods: tuple[str, ...]
    visit_date: dt.date | None
    participants: tuple[str, ...]
    status: str
    is_final: bool  # completed, shared or cancelled: no longer preliminary
    outcome: str
    outcome_reason: str
    completed_on: dt.date | None
    sections: tuple[SectionRow, ...] = ()
    deficiencies: tuple[DeficiencyRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()

    @property
    def open_deficiencies(self) -> int:
        return sum(1 for d in self.deficiencies if d.is_open)

    @property
    def question_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def label(choices: type[models.TextChoices], value: str) -> str:
    """The label of a coded value, or the value itself if the list lacks it."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def answer_words(question: Question, value: Any) -> str:
    """An answer as the reader says it: a coded answer by its label (yes/no, a
    document request, a question's own choices), a multiple choice as a list."""
    options = dict(question.answer_options)
    if isinstance(value, list):
        return ", ".join(options.get(str(v), str(v)) for v in value if v != "")
    if value is None:
        return ""
    text = str(value)
    return options.get(text, text)


def _not_met(question: Question, value: Any) -> bool:
    not_met = {str(v) for v in question.not_met_answers or []}
    values = value if isinstance(value, list) else [value]
    return any(str(v) in not_met for v in values if v not in (None, ""))


def unit_address(followup: FollowUp) -> str:
    unit = followup.unit
    place = " ".join(p for p in (unit.postal_code, unit.city) if p)
    return ", ".join(p for p in (unit.address, place) if p)


def agreement_words(followup: FollowUp) -> tuple[str, str]:
    """What the follow-up measures against: the agreement, or for the city's own
    units the mission description (seed 004: "Det finns ingen avtalsrelation")."""
    own = followup.provider.regime == Regime.OWN
    agreement = followup.agreement
    heading = _("Agreement")
    if own or (agreement is not None and agreement.kind == AgreementKind.MISSION):
        heading = _("Mission description")
    if agreement is None:
        return heading, ""
    kind = label(AgreementKind, agreement.kind)
    if agreement.kind == AgreementKind.MISSION:
        return heading, agreement.reference
    return heading, f"{agreement.reference} ({kind})"


def _sections(
    sections: Iterable[Section],
    questions: Iterable[Question],
    answers: dict[int, Answer],
) -> tuple[tuple[SectionRow, ...], dict[int, str]]:
    """The sections with their questions answered in words, and each question's
    number (for the deficiencies found at it)."""
    by_section: dict[int, list[Question]] = {}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(question)
    rows: list[SectionRow] = []
    numbers: dict[int, str] = {}
    for s_no, section in enumerate(sections, 1):
        section_rows = []
        for q_no, question in enumerate(by_section.get(section.pk, []), 1):
            number = f"{s_no}.{q_no}"
            numbers[question.pk] = number
            answer = answers.get(question.pk)
            value = answer.value if answer is not None else ""
            section_rows.append(
                AnswerRow(
                    number=number,
                    question=question.text,
                    answer=answer_words(question, value),
                    comment=answer.comment if answer is not None else "",
                    not_met=_not_met(question, value),
                )
            )
        rows.append(SectionRow(s_no, section.title, tuple(section_rows)))
    return tuple(rows), numbers


def _deficiency(deficiency: Deficiency, numbers: dict[int, str]) -> DeficiencyRow:
    requirement = deficiency.requirement
    # Measures by kind and date only: their notes and who recorded them stay
    # inside the city.
    # An unsaved deficiency (a draft, or a test's hand-made row) has no measures.
    measures = tuple(
        MeasureRow(label(MeasureKind, m.kind), m.on, m.due_on)
        for m in (deficiency.measures.all() if deficiency.pk is not None else ())
    )
    return DeficiencyRow(
        requirement=f"{requirement.code}: {requirement.title}" if requirement else "",
        category=deficiency.category.name,
        severity=label(Severity, deficiency.severity),
        description=deficiency.description,
        status=label(DeficiencyStatus, deficiency.status),
        is_open=deficiency.status == DeficiencyStatus.OPEN,
        question=numbers.get(deficiency.question_id or 0, ""),
        due_on=deficiency.due_on,
        resolution=label(Resolution, deficiency.resolution)
        if deficiency.resolution
        else "",
        resolved_on=deficiency.resolved_on,
        measures=measures,
    )


def build_report(
    followup: FollowUp,
    *,
    sections: Sequence[Section] = (),
    questions: Sequence[Question] = (),
    answers: Iterable[Answer] = (),
    deficiencies: Iterable[Deficiency] = (),
    actions: Iterable[ContractAction] = (),
    city: str = "",
    central_office: str = "",
) -> ReportDoc:
    """The report from rows already fetched (``followup`` with its unit, provider,
    contract area, agreement, organisation and template version; each deficiency
    with its requirement, category and measures). Touches no database."""
    regime = followup.provider.regime
    own = regime == Regime.OWN
    section_rows, numbers = _sections(
        sections, questions, {a.question_id: a for a in answers}
    )
    agreement_label, agreement = agreement_words(followup)
    version = followup.template_version
    template = (
        _("%(template)s, version %(number)d")
        % {"template": version.template.name, "number": version.number}
        if version is not None
        else ""
    )
    if followup.outcome:
        outcome = outcome_label(followup.outcome, regime)
    elif followup.status == Status.CANCELLED:
        outcome = _("Not performed: %(reason)s") % {
            "reason": label(CancelReason, followup.cancel_reason)
        }
    else:
        outcome = _("Not yet assessed")
    return ReportDoc(
        pk=followup.pk,
        title=_("Follow-up report: %(unit)s, %(year)s")
        % {"unit": followup.unit.name, "year": followup.year},
        city=city,
        central_office=central_office,
        unit_name=followup.unit.name,
        unit_address=unit_address(followup),
        provider_name=followup.provider.name,
        provider_org_number=followup.provider.org_number_display,
        contract_area=(
            f"{followup.contract_area.name} ({followup.contract_area.legal_reference})"
            if followup.contract_area.legal_reference
            else followup.contract_area.name
        ),
        own_regime=own,
        regime=label(Regime, regime),
        agreement_label=agreement_label,
        agreement=agreement,
        year=followup.year,
        performed_by=followup.organisation.name if followup.organisation else "",
        template=template,
        template_version_id=followup.template_version_id,
        methods=tuple(label(Method, m) for m in followup.methods or []),
        visit_date=followup.performed_on,
        # Roles only: the model keeps no names of who took part.
        participants=tuple(label(Participant, p) for p in followup.participants or []),
        status=label(Status, followup.status),
        is_final=followup.status in PERFORMED_STATUSES
        or followup.status == Status.CANCELLED,
        outcome=outcome,
        outcome_reason=followup.outcome_reason if followup.outcome else "",
        completed_on=followup.completed_on,
        sections=section_rows,
        deficiencies=tuple(_deficiency(d, numbers) for d in deficiencies),
        actions=tuple(
            ActionRow(
                kind=label(ActionKind, a.kind),
                decided_on=a.decided_on,
                due_on=a.due_on,
                amount=a.amount,
                effective_on=a.effective_on,
            )
            for a in actions
        ),
    )


def city_and_office() -> tuple[str, str]:
    """The city (the provider that is the city itself) and its central office, by
    name: the sender of every report and letter. Two queries."""
    city = (
        Provider.objects.filter(kind=ProviderKind.MUNICIPAL)
        .order_by("pk")
        .values_list("name", flat=True)
        .first()
    )
    office = (
        Organisation.objects.filter(kind=OrganisationKind.CENTRAL_OFFICE)
        .values_list("name", flat=True)
        .first()
    )
    return city or "", office or ""


def report_followup(*, user: Viewer, pk: int) -> FollowUp:
    """The follow-up whose report the user may read, or 404: the city's readers
    any they see; a provider only once it is completed or shared (seed 002: the
    result goes to the provider when it is done)."""
    rows = FollowUp.objects.visible_to(user).select_related(
        "unit",
        "provider",
        "contract_area",
        "agreement",
        "organisation",
        "template_version__template",
    )
    if not capabilities(user) & INTERNAL_READERS:
        rows = rows.filter(status__in=sorted(PERFORMED_STATUSES))
    return visible_or_404(rows, pk=pk)


def followup_report(*, user: Viewer, pk: int) -> ReportDoc:
    """The report of one follow-up as the user may read it, in a fixed number of
    queries whatever the number of questions, answers and deficiencies. The
    rows below the follow-up are seen as the follow-up is seen."""
    followup = report_followup(user=user, pk=pk)
    sections: list[Section] = []
    questions: list[Question] = []
    if followup.template_version_id is not None:
        sections = list(
            Section.objects.filter(version_id=followup.template_version_id).order_by(
                "position", "id"
            )
        )
        questions = list(
            Question.objects.filter(version_id=followup.template_version_id).order_by(
                "section__position", "position", "id"
            )
        )
    answers = Answer.objects.filter(followup=followup)
    deficiencies = (
        Deficiency.objects.filter(followup=followup)
        .select_related("requirement", "category")
        .prefetch_related("measures")
        .order_by("pk")
    )
    actions = ContractAction.objects.filter(followup=followup).order_by(
        "decided_on", "id"
    )
    city, office = city_and_office()
    return build_report(
        followup,
        sections=sections,
        questions=questions,
        answers=answers,
        deficiencies=deficiencies,
        actions=actions,
        city=city,
        central_office=office,
    )
