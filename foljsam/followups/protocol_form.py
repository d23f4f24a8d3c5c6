"""The protocol as a form shows it: each question with the stored answer, or
what was just posted when a save was refused, and its errors. Used by the
officer's protocol page and the provider's answer page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from foljsam.followups import protocol as proto
from foljsam.requirements.choices import AnswerType


@dataclass(slots=True)
class FormRow:
    """A question as the form shows it: the stored answer, or what the officer
    just posted when the save was refused."""

    row: proto.QuestionRow
    values: list[str]
    comment: str
    errors: list[str]

    @property
    def question(self) -> Any:
        return self.row.question

    @property
    def key(self) -> str:
        """The question's id as text (an integer would be localised on every use)."""
        return str(self.row.question.pk)

    @property
    def options(self) -> list[tuple[str, str]]:
        return self.row.options

    @property
    def input_kind(self) -> str:
        kind = self.row.question.answer_type
        if kind == AnswerType.MULTIPLE_CHOICE:
            return "checkboxes"
        if self.row.options:
            return "radios"
        if kind == AnswerType.NUMBER:
            return "number"
        if kind == AnswerType.DATE:
            return "date"
        return "text"

    @property
    def value(self) -> str:
        return self.values[0] if self.values else ""


def form_rows(
    sections: list[proto.SectionRows],
    posted: dict[int, proto.AnswerInput] | None,
    errors: dict[str, list[str]],
) -> list[tuple[proto.SectionRows, list[FormRow]]]:
    result = []
    for section in sections:
        rows = []
        for row in section.rows:
            given = (posted or {}).get(row.question.pk)
            if given is not None:
                value = given.value
                values = value if isinstance(value, list) else [value] if value else []
                comment = given.comment
            else:
                values = row.values
                comment = row.answer.comment if row.answer else ""
            key = f"q-{row.question.pk}"
            row_errors = [
                *errors.get(key, []),
                *errors.get(f"{key}-comment", []),
                *errors.get(f"{key}-files", []),
            ]
            rows.append(FormRow(row, values, comment, row_errors))
        result.append((section, rows))
    return result
