"""The template exchange format: a version as JSON, with stable identifiers, so
that cities can share templates (issue 4; like CISO Assistant's framework
libraries, which name every node by URN).

Pure: ``template_to_json`` writes a ``TemplateDoc``; ``template_from_json`` reads
one back and lists every problem in the file by where it is
("sections[2].questions[1].answer_type"), so that an upload is either wholly
understood or refused with all its mistakes at once. docs/formats.md describes
the format.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from foljsam.requirements.choices import (
    AnswerType,
    Purpose,
    Respondent,
    SourceKind,
)
from foljsam.requirements.content import (
    CategoryDoc,
    Choice,
    QuestionDoc,
    RequirementDoc,
    SectionDoc,
    TemplateDoc,
    sections_data,
)

FORMAT = "foljsam-template"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ExchangeIssue:
    path: str  # where in the file, e.g. "sections[2].questions[1].text"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def template_to_json(doc: TemplateDoc) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "template": {
            "code": doc.code,
            "name": doc.name,
            "purpose": doc.purpose,
            "description": doc.description,
            "contract_areas": list(doc.contract_areas),
        },
        "version": {
            "number": doc.number,
            "status": doc.status,
            "note": doc.note,
            "published_at": doc.published_at,
            "checksum": doc.checksum,
        },
        "categories": [{"code": c.code, "name": c.name} for c in doc.categories],
        "requirements": [
            {
                "code": r.code,
                "title": r.title,
                "text": r.text,
                "guidance": r.guidance,
                "source_kind": r.source_kind,
                "source_reference": r.source_reference,
                "category": r.category,
                "contract_areas": list(r.contract_areas),
            }
            for r in doc.requirements
        ],
        "sections": sections_data(doc),
    }


class _Reader:
    """Reads fields out of the parsed JSON and remembers what was wrong where."""

    def __init__(self) -> None:
        self.issues: list[ExchangeIssue] = []

    def problem(self, path: str, message: str) -> None:
        self.issues.append(ExchangeIssue(path, message))

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.problem(path, _("Expected an object."))
        return {}

    def items(self, data: dict[str, Any], key: str, path: str) -> list[Any]:
        value = data.get(key, [])
        if isinstance(value, list):
            return value
        self.problem(_join(path, key), _("Expected a list."))
        return []

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> str:
        value = data.get(key, "")
        where = _join(path, key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(where, _("Expected text."))
            return ""
        value = value.strip()
        if required and not value:
            self.problem(where, _("Required; it is missing or empty."))
        if max_length is not None and len(value) > max_length:
            self.problem(
                where,
                _("At most %(n)d characters; this has %(m)d.")
                % {"n": max_length, "m": len(value)},
            )
        return str(value)

    def choice(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        allowed: list[str],
        default: str,
    ) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.problem(
                _join(path, key),
                _("“%(value)s” is not one of %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
            return default
        return str(value)

    def flag(self, data: dict[str, Any], key: str, path: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(_join(path, key), _("Expected true or false."))
            return default
        return value

    def strings(self, data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.items(data, key, path)
        if not all(isinstance(v, str) for v in values):
            self.problem(_join(path, key), _("Expected a list of texts."))
            return ()
        return tuple(v.strip() for v in values)

    def uid(self, data: dict[str, Any], path: str, seen: set[str]) -> str:
        value = data.get("uid")
        where = _join(path, "uid")
        try:
            text = str(uuid.UUID(str(value)))
        except ValueError:
            self.problem(where, _("Expected a UUID, e.g. 3f2b9c36-24d9-4f0d-…"))
            return str(uuid.uuid4())
        if text in seen:
            self.problem(
                where, _("The identifier %(uid)s occurs twice.") % {"uid": text}
            )
        seen.add(text)
        return text


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _requirement(reader: _Reader, data: dict[str, Any], path: str) -> RequirementDoc:
    return RequirementDoc(
        code=reader.text(data, "code", path, required=True, max_length=40),
        title=reader.text(data, "title", path, required=True, max_length=200),
        text=reader.text(data, "text", path, required=True),
        guidance=reader.text(data, "guidance", path),
        source_kind=reader.choice(
            data, "source_kind", path, SourceKind.values, SourceKind.TENDER_DOCUMENT
        ),
        source_reference=reader.text(data, "source_reference", path, max_length=200),
        category=reader.text(data, "category", path, required=True, max_length=40),
        contract_areas=reader.strings(data, "contract_areas", path),
    )


def _question(
    reader: _Reader, data: dict[str, Any], path: str, seen: set[str]
) -> QuestionDoc:
    choices = []
    for index, raw in enumerate(reader.items(data, "choices", path), 1):
        where = f"{_join(path, 'choices')}[{index}]"
        item = reader.obj(raw, where)
        choices.append(
            Choice(
                value=reader.text(item, "value", where, required=True, max_length=60),
                label=reader.text(item, "label", where, required=True, max_length=200),
            )
        )
    return QuestionDoc(
        uid=reader.uid(data, path, seen),
        text=reader.text(data, "text", path, required=True),
        help_text=reader.text(data, "help_text", path),
        answer_type=reader.choice(
            data, "answer_type", path, AnswerType.values, AnswerType.YES_NO
        ),
        required=reader.flag(data, "required", path, True),
        respondent=reader.choice(
            data, "respondent", path, Respondent.values, Respondent.MANAGER
        ),
        requirement=reader.text(data, "requirement", path, max_length=40),
        choices=tuple(choices),
        not_met_answers=reader.strings(data, "not_met_answers", path),
    )


def template_from_json(data: Any) -> tuple[TemplateDoc | None, list[ExchangeIssue]]:
    """Read an exchange document; on any problem, no document and every problem."""
    reader = _Reader()
    root = reader.obj(data, "")
    if root.get("format") != FORMAT:
        reader.problem(
            "format",
            _("This is not a Följsam template: “format” must be “%(format)s”.")
            % {"format": FORMAT},
        )
        return None, reader.issues
    if root.get("format_version") != FORMAT_VERSION:
        reader.problem(
            "format_version",
            _(
                "Format version %(found)s is not supported; this Följsam reads "
                "%(known)s."
            )
            % {"found": root.get("format_version"), "known": FORMAT_VERSION},
        )
        return None, reader.issues
    head = reader.obj(root.get("template"), "template")
    version = reader.obj(root.get("version", {}), "version")
    categories = []
    for index, raw in enumerate(reader.items(root, "categories", ""), 1):
        where = f"categories[{index}]"
        item = reader.obj(raw, where)
        categories.append(
            CategoryDoc(
                code=reader.text(item, "code", where, required=True, max_length=40),
                name=reader.text(item, "name", where, required=True, max_length=200),
            )
        )
    requirements = [
        _requirement(
            reader, reader.obj(raw, f"requirements[{i}]"), f"requirements[{i}]"
        )
        for i, raw in enumerate(reader.items(root, "requirements", ""), 1)
    ]
    codes = [r.code for r in requirements]
    for code in {c for c in codes if codes.count(c) > 1}:
        reader.problem(
            "requirements", _("The code %(code)s occurs twice.") % {"code": code}
        )
    known_codes = set(codes)
    category_codes = {c.code for c in categories}
    for index, requirement in enumerate(requirements, 1):
        if requirement.category and requirement.category not in category_codes:
            reader.problem(
                f"requirements[{index}].category",
                _("The category %(code)s is not among the file's categories.")
                % {"code": requirement.category},
            )
    seen: set[str] = set()
    sections = []
    for s_index, raw in enumerate(reader.items(root, "sections", ""), 1):
        where = f"sections[{s_index}]"
        item = reader.obj(raw, where)
        questions = []
        for q_index, raw_q in enumerate(reader.items(item, "questions", where), 1):
            q_where = f"{where}.questions[{q_index}]"
            question = _question(reader, reader.obj(raw_q, q_where), q_where, seen)
            if question.requirement and question.requirement not in known_codes:
                reader.problem(
                    f"{q_where}.requirement",
                    _("The requirement %(code)s is not among the file's requirements.")
                    % {"code": question.requirement},
                )
            questions.append(question)
        sections.append(
            SectionDoc(
                uid=reader.uid(item, where, seen),
                title=reader.text(item, "title", where, required=True, max_length=200),
                intro=reader.text(item, "intro", where),
                questions=tuple(questions),
            )
        )
    number = version.get("number", 1)
    doc = TemplateDoc(
        code=reader.text(head, "code", "template", required=True, max_length=60),
        name=reader.text(head, "name", "template", required=True, max_length=200),
        purpose=reader.choice(
            head, "purpose", "template", Purpose.values, Purpose.VISIT_PROTOCOL
        ),
        description=reader.text(head, "description", "template"),
        contract_areas=reader.strings(head, "contract_areas", "template"),
        number=number if isinstance(number, int) else 1,
        status=str(version.get("status") or "draft"),
        note=reader.text(version, "note", "version"),
        published_at=version.get("published_at") or None,
        checksum=str(version.get("checksum") or ""),
        sections=tuple(sections),
        requirements=tuple(requirements),
        categories=tuple(categories),
    )
    if reader.issues:
        return None, reader.issues
    return doc, []
