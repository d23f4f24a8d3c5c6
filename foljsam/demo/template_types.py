"""The plain shapes the demo templates are written in (``templates_content``,
``screening_content``), with short constructors so that a question reads as one
line: ``yes_no("rutin-lex-sarah", "Finns en rutin för lex Sarah?")``."""

from __future__ import annotations

from typing import NamedTuple

from foljsam.requirements.choices import AnswerType, Respondent

MANAGER = Respondent.MANAGER
STAFF = Respondent.STAFF
USERS = Respondent.USERS


class Q(NamedTuple):
    requirement: str  # a requirement code
    text: str
    help: str = ""
    answer_type: str = AnswerType.YES_NO
    respondent: str = MANAGER
    choices: tuple[str, ...] = ()  # labels, for choice questions
    # None: the defaults (``choices.DEFAULT_NOT_MET``). Fixed answers by value
    # ("yes", "missing"); a choice question's by label.
    not_met: tuple[str, ...] | None = None
    required: bool = True


class S(NamedTuple):
    title: str
    intro: str
    questions: tuple[Q, ...]


class T(NamedTuple):
    code: str
    name: str
    purpose: str
    description: str
    areas: tuple[str, ...]  # empty: every contract area
    sections: tuple[S, ...]
    note: str = ""


def yes_no(
    requirement: str,
    text: str,
    help: str = "",
    *,
    who: str = MANAGER,
    not_met: tuple[str, ...] | None = None,
) -> Q:
    return Q(requirement, text, help, AnswerType.YES_NO, who, not_met=not_met)


def document(requirement: str, text: str, help: str = "") -> Q:
    return Q(requirement, text, help, AnswerType.DOCUMENT)


def free_text(requirement: str, text: str, help: str = "", *, who: str = MANAGER) -> Q:
    return Q(requirement, text, help, AnswerType.TEXT, who)


def number(requirement: str, text: str, help: str = "") -> Q:
    return Q(requirement, text, help, AnswerType.NUMBER)


def date(requirement: str, text: str, help: str = "") -> Q:
    return Q(requirement, text, help, AnswerType.DATE)


def one_of(
    requirement: str,
    text: str,
    choices: tuple[str, ...],
    not_met: tuple[str, ...],
    help: str = "",
    *,
    who: str = MANAGER,
) -> Q:
    return Q(requirement, text, help, AnswerType.SINGLE_CHOICE, who, choices, not_met)


def any_of(
    requirement: str,
    text: str,
    choices: tuple[str, ...],
    not_met: tuple[str, ...],
    help: str = "",
) -> Q:
    return Q(
        requirement, text, help, AnswerType.MULTIPLE_CHOICE, MANAGER, choices, not_met
    )
