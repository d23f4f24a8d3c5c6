"""A template version as plain data: what the exchange format, the checks before
publishing, the comparison of versions and the DOCX and XLSX exports all read.

Pure: no ORM here (``selectors.version_content`` builds these from the database),
so that the rules can be tested without one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CategoryDoc:
    code: str
    name: str


@dataclass(frozen=True)
class RequirementDoc:
    code: str
    title: str
    text: str
    guidance: str
    source_kind: str
    source_reference: str
    category: str  # a category code
    contract_areas: tuple[str, ...] = ()
    is_active: bool = True


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class QuestionDoc:
    uid: str
    text: str
    help_text: str = ""
    answer_type: str = "yes_no"
    required: bool = True
    respondent: str = "manager"
    requirement: str = ""  # a requirement code, or empty
    choices: tuple[Choice, ...] = ()
    not_met_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionDoc:
    uid: str
    title: str
    intro: str = ""
    questions: tuple[QuestionDoc, ...] = ()


@dataclass(frozen=True)
class TemplateDoc:
    code: str
    name: str
    purpose: str
    description: str = ""
    contract_areas: tuple[str, ...] = ()
    number: int = 1
    status: str = "draft"
    note: str = ""
    published_at: str | None = None
    checksum: str = ""
    sections: tuple[SectionDoc, ...] = ()
    requirements: tuple[RequirementDoc, ...] = ()
    categories: tuple[CategoryDoc, ...] = ()
    _by_code: dict[str, RequirementDoc] = field(
        default_factory=dict, compare=False, repr=False
    )

    def requirement(self, code: str) -> RequirementDoc | None:
        if not self._by_code and self.requirements:
            self._by_code.update((r.code, r) for r in self.requirements)
        return self._by_code.get(code)

    @property
    def questions(self) -> list[tuple[int, int, SectionDoc, QuestionDoc]]:
        """Every question with its section and question number (from 1)."""
        return [
            (s_no, q_no, section, question)
            for s_no, section in enumerate(self.sections, 1)
            for q_no, question in enumerate(section.questions, 1)
        ]


def sections_data(doc: TemplateDoc) -> list[dict[str, Any]]:
    """The sections and their questions as JSON-ready data: the exchange format's
    ``sections``, and the part of the checksum that says what was asked."""
    return [
        {
            "uid": s.uid,
            "title": s.title,
            "intro": s.intro,
            "questions": [
                {
                    "uid": q.uid,
                    "text": q.text,
                    "help_text": q.help_text,
                    "answer_type": q.answer_type,
                    "required": q.required,
                    "respondent": q.respondent,
                    "requirement": q.requirement,
                    "choices": [
                        {"value": c.value, "label": c.label} for c in q.choices
                    ],
                    "not_met_answers": list(q.not_met_answers),
                }
                for q in s.questions
            ],
        }
        for s in doc.sections
    ]


def content_dict(doc: TemplateDoc) -> dict[str, Any]:
    """What the checksum covers: the questions as asked and the requirements as
    they read, not the version's number or dates."""
    return {
        "template": doc.code,
        "sections": sections_data(doc),
        "requirements": [
            [r.code, r.title, r.text, r.source_kind, r.source_reference]
            for r in sorted(doc.requirements, key=lambda r: r.code)
        ],
    }


def content_checksum(doc: TemplateDoc) -> str:
    canonical = json.dumps(
        content_dict(doc), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
