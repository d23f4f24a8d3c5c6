"""The rules of a screening's answers, as plain functions over plain data
(issue 9: "Each answered provider gets automatic flags, each with its reason:
'not met' answers, missing documents, and financial-check flags").

Seed 004: "De verksamheter som i den övergripande kontrollen visar på
avvikelser eller brister kommer att väljas ut för verksamhetsbesök." A flag is
such a deviation, found without anyone's judgement: an answer the template
marks as "requirement not met", a document asked for and not attached, an item
the provider's financial check flagged, or no answer by the deadline. Whether a
flag calls for a visit is the office's decision on the triage list.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from foljsam.requirements.choices import AnswerType, DocumentAnswer
from foljsam.screening.choices import FlagKind

type Value = str | list[str]


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    id: int
    number: str
    answer_type: str
    not_met_answers: tuple[str, ...]
    labels: Mapping[str, str]  # the fixed answers in words
    required: bool = True

    @property
    def is_document(self) -> bool:
        return self.answer_type == AnswerType.DOCUMENT


@dataclass(frozen=True, slots=True)
class FoundFlag:
    kind: str  # FlagKind
    question_id: int | None = None
    number: str = ""
    answer: str = ""  # the answer in words, for "not met"


def _values(value: Value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [value] if value else []


def document_value(has_files: bool) -> str:
    """A document request answered through a link: received when the provider
    attached something, else missing. The provider never says "received"
    without sending the document."""
    return DocumentAnswer.RECEIVED if has_files else DocumentAnswer.MISSING


def unanswered(
    questions: Sequence[QuestionFacts], answers: Mapping[int, Value]
) -> list[QuestionFacts]:
    """The required questions still without an answer; document requests are
    answered by attaching, and a missing one is a flag, not a refusal."""
    return [
        q
        for q in questions
        if q.required and not q.is_document and not _values(answers.get(q.id, ""))
    ]


def answer_flags(
    questions: Sequence[QuestionFacts],
    answers: Mapping[int, Value],
    documented: Collection[int],
) -> list[FoundFlag]:
    """The flags of a set of answers, in the template's order: a "not met"
    answer, or a document request with nothing attached."""
    found = []
    for q in questions:
        if q.is_document:
            if q.id not in documented:
                found.append(FoundFlag(FlagKind.MISSING_DOCUMENT, q.id, q.number))
            continue
        values = _values(answers.get(q.id, ""))
        flagged = [v for v in values if v in q.not_met_answers]
        if flagged:
            words = ", ".join(q.labels.get(v, v) for v in values)
            found.append(FoundFlag(FlagKind.NOT_MET, q.id, q.number, words[:200]))
    return found


def financial_flags(items: Iterable[str]) -> list[FoundFlag]:
    """One flag per item the provider's financial check flagged (``Item``
    values, in the check's order)."""
    return [FoundFlag(FlagKind.FINANCIAL, answer=item) for item in items]


def triage_key(flag_total: int, overdue: bool, name: str) -> tuple[int, int, str]:
    """The triage list's order: most flags first, then those who never
    answered, then by name."""
    return (-flag_total, 0 if overdue else 1, name.casefold())
