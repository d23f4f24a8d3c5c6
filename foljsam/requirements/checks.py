"""The checks before a version is published (issue 4): a pure function over a
``TemplateDoc`` that finds the mistakes an author makes.

Errors stop publishing; warnings are shown and may be right (a text question
that no answer can fail). Each problem says where it is, by section and question
number, so the editor can link to it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _

from foljsam.requirements.choices import CHOICE_TYPES, FIXED_ANSWERS
from foljsam.requirements.content import QuestionDoc, TemplateDoc


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    section: int | None = None  # number, from 1
    question: int | None = None  # number within the section, from 1
    uid: str = ""  # the section's or question's identifier, for a link

    @property
    def where(self) -> str:
        if self.section is None:
            return _("The template")
        if self.question is None:
            return _("Section %(s)d") % {"s": self.section}
        return _("Question %(s)d.%(q)d") % {"s": self.section, "q": self.question}


def possible_answers(question: QuestionDoc) -> list[str]:
    if question.answer_type in CHOICE_TYPES:
        return [c.value for c in question.choices]
    fixed = FIXED_ANSWERS.get(question.answer_type)
    return list(fixed.values) if fixed else []


def _question_problems(
    doc: TemplateDoc, s_no: int, q_no: int, question: QuestionDoc
) -> list[Problem]:
    found: list[Problem] = []

    def add(severity: Severity, message: str) -> None:
        found.append(Problem(severity, message, s_no, q_no, question.uid))

    if not question.text.strip():
        add(Severity.ERROR, _("The question has no text."))
    if not question.requirement:
        add(Severity.ERROR, _("The question checks no requirement."))
    else:
        requirement = doc.requirement(question.requirement)
        if requirement is None:
            add(
                Severity.ERROR,
                _("The requirement %(code)s does not exist.")
                % {"code": question.requirement},
            )
        elif not requirement.is_active:
            add(
                Severity.WARNING,
                _("The requirement %(code)s is no longer in use.")
                % {"code": question.requirement},
            )
        elif (
            doc.contract_areas
            and requirement.contract_areas
            and not set(doc.contract_areas) & set(requirement.contract_areas)
        ):
            add(
                Severity.WARNING,
                _(
                    "The requirement %(code)s applies to none of the template's "
                    "contract areas."
                )
                % {"code": question.requirement},
            )
    if question.answer_type in CHOICE_TYPES:
        values = [c.value for c in question.choices]
        if not values:
            add(Severity.ERROR, _("The choice question has no choices."))
        elif len(values) == 1:
            add(Severity.ERROR, _("The choice question has only one choice."))
        if len(set(values)) != len(values):
            add(Severity.ERROR, _("Two choices have the same value."))
        if any(not c.label.strip() for c in question.choices):
            add(Severity.ERROR, _("A choice has no text."))
    possible = possible_answers(question)
    unknown = [a for a in question.not_met_answers if a not in possible]
    if unknown:
        add(
            Severity.ERROR,
            _("“Not met” names answers the question does not have: %(answers)s.")
            % {"answers": ", ".join(unknown)},
        )
    elif possible and question.requirement and not question.not_met_answers:
        add(
            Severity.WARNING,
            _("No answer means “not met”: the question never proposes a deficiency."),
        )
    elif possible and set(question.not_met_answers) >= set(possible):
        add(Severity.ERROR, _("Every answer means “not met”."))
    return found


def check_version(doc: TemplateDoc) -> list[Problem]:
    """Every problem of a version, in the order of the template."""
    problems: list[Problem] = []
    if not doc.sections:
        problems.append(Problem(Severity.ERROR, _("The template has no sections.")))
    seen: set[str] = set()
    for s_no, section in enumerate(doc.sections, 1):
        if not section.title.strip():
            problems.append(
                Problem(
                    Severity.ERROR,
                    _("The section has no title."),
                    s_no,
                    None,
                    section.uid,
                )
            )
        if not section.questions:
            problems.append(
                Problem(
                    Severity.ERROR,
                    _("The section has no questions."),
                    s_no,
                    None,
                    section.uid,
                )
            )
        for q_no, question in enumerate(section.questions, 1):
            if question.uid in seen:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        _("Two questions have the same identifier."),
                        s_no,
                        q_no,
                        question.uid,
                    )
                )
            seen.add(question.uid)
            problems.extend(_question_problems(doc, s_no, q_no, question))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
