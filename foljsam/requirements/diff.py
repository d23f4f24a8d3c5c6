"""Comparing two versions of a template (issue 4): a pure function.

Sections and questions are matched on their identifiers, which a copy keeps, so a
question whose text was reworded is "changed", not "removed and added"; one that
moved to another section or place is "moved".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foljsam.requirements.content import QuestionDoc, SectionDoc, TemplateDoc


class Change(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


CHANGE_LABELS = {
    Change.ADDED: gettext_lazy("Added"),
    Change.REMOVED: gettext_lazy("Removed"),
    Change.CHANGED: gettext_lazy("Changed"),
    Change.MOVED: gettext_lazy("Moved"),
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Difference:
    kind: str  # "section" | "question"
    changes: tuple[Change, ...]
    where_old: str  # "2.3", or "" when added
    where_new: str  # "2.3", or "" when removed
    title: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def labels(self) -> list[str]:
        return [str(CHANGE_LABELS[c]) for c in self.changes]


def _show(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple | list):
        return ", ".join(_show(v) for v in value) or "\u2013"
    return str(value) if value not in (None, "") else "\u2013"


def _question_fields(old: QuestionDoc, new: QuestionDoc) -> list[FieldChange]:
    labelled = [
        ("text", _("Question")),
        ("help_text", _("Help text")),
        ("answer_type", _("Answer type")),
        ("required", _("Required")),
        ("respondent", _("Asked")),
        ("requirement", _("Requirement")),
        ("not_met_answers", _("Not met")),
    ]
    found = [
        FieldChange(str(label), _show(getattr(old, name)), _show(getattr(new, name)))
        for name, label in labelled
        if getattr(old, name) != getattr(new, name)
    ]
    if old.choices != new.choices:
        found.append(
            FieldChange(
                _("Choices"),
                _show([c.label for c in old.choices]),
                _show([c.label for c in new.choices]),
            )
        )
    return found


def _section_fields(old: SectionDoc, new: SectionDoc) -> list[FieldChange]:
    return [
        FieldChange(str(label), _show(getattr(old, name)), _show(getattr(new, name)))
        for name, label in (("title", _("Title")), ("intro", _("Introduction")))
        if getattr(old, name) != getattr(new, name)
    ]


def _relative_order(uids: list[str], kept: set[str]) -> dict[str, int]:
    """Each kept identifier's place among the kept ones: an insertion before a
    question does not make it "moved", a real reordering does."""
    order = [uid for uid in uids if uid in kept]
    return {uid: index for index, uid in enumerate(order)}


def diff_versions(old: TemplateDoc, new: TemplateDoc) -> list[Difference]:
    """What changed from ``old`` to ``new``, in the order of ``new`` with the
    removed ones last."""
    found: list[Difference] = []
    old_sections = {s.uid: (no, s) for no, s in enumerate(old.sections, 1)}
    new_sections = {s.uid for s in new.sections}
    old_questions = {q.uid: (f"{s}.{n}", s_doc, q) for s, n, s_doc, q in old.questions}
    new_questions = {q.uid for _s, _n, _sd, q in new.questions}
    kept_sections = set(old_sections) & new_sections
    old_section_order = _relative_order([s.uid for s in old.sections], kept_sections)
    new_section_order = _relative_order([s.uid for s in new.sections], kept_sections)
    # A question keeps its place if it stays in its section and in the same order
    # among the questions that both versions have there.
    new_home = {q.uid: sd.uid for _s, _n, sd, q in new.questions}
    old_home = {uid: sd.uid for uid, (_w, sd, _q) in old_questions.items()}
    stayed = {uid for uid in new_home if old_home.get(uid) == new_home[uid]}
    old_question_order = {
        uid: index
        for section in old.sections
        for uid, index in _relative_order(
            [q.uid for q in section.questions], stayed
        ).items()
    }
    new_question_order = {
        uid: index
        for section in new.sections
        for uid, index in _relative_order(
            [q.uid for q in section.questions], stayed
        ).items()
    }

    for no, section in enumerate(new.sections, 1):
        if section.uid not in old_sections:
            found.append(
                Difference("section", (Change.ADDED,), "", str(no), section.title)
            )
            continue
        old_no, old_section = old_sections[section.uid]
        changes: list[Change] = []
        fields = _section_fields(old_section, section)
        if fields:
            changes.append(Change.CHANGED)
        if old_section_order[section.uid] != new_section_order[section.uid]:
            changes.append(Change.MOVED)
        if changes:
            found.append(
                Difference(
                    "section",
                    tuple(changes),
                    str(old_no),
                    str(no),
                    section.title,
                    tuple(fields),
                )
            )
    for s_no, q_no, _section, question in new.questions:
        where = f"{s_no}.{q_no}"
        if question.uid not in old_questions:
            found.append(
                Difference("question", (Change.ADDED,), "", where, question.text)
            )
            continue
        old_where, _old_section, old_question = old_questions[question.uid]
        changes = []
        fields = _question_fields(old_question, question)
        if fields:
            changes.append(Change.CHANGED)
        if (
            question.uid not in stayed
            or old_question_order[question.uid] != new_question_order[question.uid]
        ):
            changes.append(Change.MOVED)
        if changes:
            found.append(
                Difference(
                    "question",
                    tuple(changes),
                    old_where,
                    where,
                    question.text,
                    tuple(fields),
                )
            )
    for uid, (old_no, section) in old_sections.items():
        if uid not in new_sections:
            found.append(
                Difference("section", (Change.REMOVED,), str(old_no), "", section.title)
            )
    for uid, (old_where, _section, question) in old_questions.items():
        if uid not in new_questions:
            found.append(
                Difference("question", (Change.REMOVED,), old_where, "", question.text)
            )
    return found
