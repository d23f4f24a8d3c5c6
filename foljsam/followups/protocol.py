"""The protocol: the answers to the questions of a follow-up's template version,
with comments and evidence files (issue 6).

Seed 002: "Stadsdelsförvaltningarna gör platsbesök, fyller i uppföljningsmall
eller i förekommande fall webblänk". The officer saves as they go. Two officers
may have the same protocol open: every save names the revision it started from,
and a save made from an older revision is refused with what changed in between
(optimistic locking), so that nobody's answer is silently overwritten. Files are
checked by ``core.files`` before anything is written; nothing is half-written.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core import files
from foljsam.core.history import stamp_history
from foljsam.followups.choices import PROTOCOL_STATUSES
from foljsam.followups.models import Answer, Evidence, FollowUp
from foljsam.requirements.choices import CHOICE_TYPES, AnswerType, VersionStatus
from foljsam.requirements.models import Question, Section, TemplateVersion

TEXT_LIMIT = 5000

type Value = str | list[str]


@dataclass(frozen=True, slots=True)
class AnswerInput:
    value: Value = ""
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """An answer someone else saved after the officer opened the protocol."""

    question_id: int
    number: str
    text: str
    value: Value
    comment: str
    by: str
    at: dt.datetime


class ProtocolConflict(Exception):
    """The protocol changed since the officer opened it: their save is refused."""

    def __init__(self, changes: list[Change], revision: int) -> None:
        super().__init__("The protocol changed since it was opened.")
        self.changes = changes
        self.revision = revision


@dataclass(slots=True)
class QuestionRow:
    number: str
    question: Question
    answer: Answer | None
    evidence: list[Evidence] = field(default_factory=list)
    # The question's fixed answers (value, label), worked out once per page.
    options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def value(self) -> Value:
        return self.answer.value if self.answer else ""

    @property
    def values(self) -> list[str]:
        value = self.value
        return value if isinstance(value, list) else [value] if value else []

    @property
    def not_met(self) -> bool:
        return is_not_met(self.question, self.value)

    @property
    def answer_text(self) -> str:
        return answer_in_words(self.question, self.value, self.options)


@dataclass(slots=True)
class SectionRows:
    section: Section
    rows: list[QuestionRow]


def is_not_met(question: Question, value: Value) -> bool:
    """Whether an answer means "requirement not met" for this question."""
    flagged = {str(v) for v in question.not_met_answers or []}
    if not flagged or not value:
        return False
    values = value if isinstance(value, list) else [value]
    return any(v in flagged for v in values)


def answer_in_words(
    question: Question, value: Value, options: list[tuple[str, str]] | None = None
) -> str:
    if not value:
        return ""
    labels = dict(question.answer_options if options is None else options)
    values = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(v, v) for v in values)


@dataclass(frozen=True, slots=True)
class _VersionContent:
    """A version's sections and numbered questions, with their fixed answers."""

    sections: tuple[
        tuple[Section, tuple[tuple[str, Question, list[tuple[str, str]]], ...]], ...
    ]


def _read_version(version_id: int) -> _VersionContent:
    sections = list(Section.objects.filter(version_id=version_id))
    by_section: dict[int, list[Question]] = {}
    for question in Question.objects.filter(version_id=version_id).select_related(
        "requirement"
    ):
        by_section.setdefault(question.section_id, []).append(question)
    return _VersionContent(
        tuple(
            (
                section,
                tuple(
                    (f"{s_index}.{q_index}", question, question.answer_options)
                    for q_index, question in enumerate(
                        by_section.get(section.pk, []), start=1
                    )
                ),
            )
            for s_index, section in enumerate(sections, start=1)
        )
    )


@functools.lru_cache(maxsize=64)
def _published_version(
    version_id: int, checksum: str, language: str
) -> _VersionContent:
    """A published version never changes (requirements.models refuses it), so
    its content is read once per process, checksum and language (the labels of
    its fixed answers are translated). Nothing here is ever written to."""
    return _read_version(version_id)


def version_content(version: TemplateVersion) -> _VersionContent:
    """The version's content: read each time for a draft, kept for a published
    one (the protocol page's budget: bench/README.md, "Issue 6")."""
    if version.status == VersionStatus.DRAFT or not version.checksum:
        return _read_version(version.pk)
    return _published_version(version.pk, version.checksum, get_language() or "")


forget_versions = _published_version.cache_clear


def protocol_rows(followup: FollowUp) -> list[SectionRows]:
    """The version's sections and questions with the follow-up's answers and
    files: two queries whatever the number of questions, once the published
    version has been read (four the first time in a process)."""
    version = followup.template_version
    if version is None:
        return []
    content = version_content(version)
    answers = {a.question_id: a for a in Answer.objects.filter(followup=followup)}
    evidence: dict[int | None, list[Evidence]] = {}
    for item in Evidence.objects.filter(followup=followup).select_related("file"):
        evidence.setdefault(item.question_id, []).append(item)
    return [
        SectionRows(
            section,
            [
                QuestionRow(
                    number=number,
                    question=question,
                    answer=answers.get(question.pk),
                    evidence=evidence.get(question.pk, []),
                    options=options,
                )
                for number, question, options in questions
            ],
        )
        for section, questions in content.sections
    ]


def general_evidence(followup: FollowUp) -> list[Evidence]:
    return list(
        Evidence.objects.filter(followup=followup, question__isnull=True)
        .select_related("file")
        .order_by("created_at", "pk")
    )


def clean_value(question: Question, raw: Value) -> Value:
    """The answer as stored, or ValidationError in words the officer reads."""
    kind = question.answer_type
    if kind == AnswerType.MULTIPLE_CHOICE:
        values = [raw] if isinstance(raw, str) else list(raw)
        values = [v for v in values if v]
        allowed = [value for value, _label in question.answer_options]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValidationError(_("Choose among the question's own answers."))
        return [v for v in allowed if v in values]
    value = (raw[0] if raw else "") if isinstance(raw, list) else raw
    value = value.strip()
    if not value:
        return ""
    if kind in CHOICE_TYPES or question.answer_options:
        if value not in dict(question.answer_options):
            raise ValidationError(_("Choose among the question's own answers."))
        return value
    if kind == AnswerType.NUMBER:
        try:
            number = Decimal(value.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError(_("Write a number, e.g. 12 or 3,5.")) from None
        if not number.is_finite():
            raise ValidationError(_("Write a number, e.g. 12 or 3,5."))
        return format(number.normalize(), "f")
    if kind == AnswerType.DATE:
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValidationError(
                _("Write the date as YYYY-MM-DD, e.g. 2026-03-14.")
            ) from None
    if len(value) > TEXT_LIMIT:
        raise ValidationError(
            _("Keep the answer under %(limit)d characters.") % {"limit": TEXT_LIMIT}
        )
    return value


def check_answers(
    questions: Mapping[int, Question],
    answers: Mapping[int, AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]],
    *,
    foreign: str,
    clean: Callable[[Question, Value], Value] = clean_value,
) -> tuple[dict[int, tuple[Value, str]], dict[str, list[str]]]:
    """Every answer and file checked before anything is written: the answers as
    they will be stored (value, comment), and the errors keyed ``q-<id>``,
    ``q-<id>-comment``, ``q-<id>-files`` or ``files``. ``questions`` are those
    that may be answered; any other is refused with ``foreign``. Used by the
    protocol and by the screening's answers (issue 9)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, tuple[Value, str]] = {}
    for question_id, given in answers.items():
        question = questions.get(question_id)
        if question is None:
            errors[f"q-{question_id}"] = [foreign]
            continue
        try:
            value = clean(question, given.value)
        except ValidationError as exc:
            errors[f"q-{question_id}"] = list(exc.messages)
            continue
        comment = given.comment.strip()
        if len(comment) > TEXT_LIMIT:
            errors[f"q-{question_id}-comment"] = [
                _("Keep the comment under %(limit)d characters.")
                % {"limit": TEXT_LIMIT}
            ]
            continue
        cleaned[question_id] = (value, comment)
    for target, batch in uploads.items():
        if target is not None and target not in questions:
            errors[f"q-{target}-files"] = [foreign]
            continue
        for upload in batch:
            try:
                files.check_upload(upload)
            except ValidationError as exc:
                key = f"q-{target}-files" if target else "files"
                errors.setdefault(key, []).extend(exc.messages)
    return cleaned, errors


def _changes_since(followup: FollowUp, revision: int) -> list[Change]:
    numbers = {
        row.question.pk: row.number
        for section in protocol_rows(followup)
        for row in section.rows
    }
    changed = (
        Answer.objects.filter(followup=followup, revision__gt=revision)
        .select_related("question", "answered_by")
        .order_by("question__section__position", "question__position")
    )
    return [
        Change(
            question_id=a.question_id,
            number=numbers.get(a.question_id, ""),
            text=a.question.text,
            value=answer_in_words(a.question, a.value),
            comment=a.comment,
            by=(a.answered_by.get_full_name() or a.answered_by.username)
            if a.answered_by
            else _("the provider")
            if a.by_provider
            else "",
            at=a.updated_at,
        )
        for a in changed
    ]


@dataclass(frozen=True, slots=True)
class SaveResult:
    revision: int
    changed: int
    files: int


@files.atomic_with_files()
def protocol_save(
    *,
    actor: User | None,
    followup: FollowUp,
    revision: int,
    answers: Mapping[int, AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]] | None = None,
    by_provider: bool = False,
) -> SaveResult:
    """Save the answers that changed and the new files, as one step.

    Refused (``ProtocolConflict``) when someone saved since ``revision``: the
    second of two concurrent saves never overwrites the first. Refused
    (``ValidationError``, keyed ``q-<question id>``) when any answer or file is
    wrong; then nothing is written."""
    uploads = uploads or {}
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if locked.status not in PROTOCOL_STATUSES:
        raise ValidationError(
            _("The protocol of a follow-up that is %(status)s cannot change.")
            % {"status": locked.get_status_display().lower()}
        )
    if locked.protocol_revision != revision:
        raise ProtocolConflict(
            _changes_since(locked, revision), locked.protocol_revision
        )
    wanted = {pk for pk in [*answers, *uploads] if pk is not None}
    questions = {
        q.pk: q
        for q in Question.objects.filter(
            version_id=locked.template_version_id, pk__in=wanted
        )
    }
    cleaned, errors = check_answers(
        questions,
        answers,
        uploads,
        foreign=_("The question is not part of this protocol."),
    )
    if errors:
        raise ValidationError(errors)

    existing = {
        a.question_id: a
        for a in Answer.objects.filter(followup=locked, question_id__in=list(cleaned))
    }
    new_revision = locked.protocol_revision + 1
    changed = 0
    for question_id, (value, comment) in cleaned.items():
        answer = existing.get(question_id)
        if answer is None:
            if not value and not comment:
                continue
            answer = Answer(followup=locked, question_id=question_id)
        elif answer.value == value and answer.comment == comment:
            continue
        answer.value = value
        answer.comment = comment
        answer.revision = new_revision
        answer.answered_by = actor
        answer.by_provider = by_provider
        stamp_history(answer, actor)
        answer.save()
        changed += 1
    stored = 0
    for target, batch in uploads.items():
        for item in files.store_uploads(list(batch), actor=actor):
            evidence = Evidence(
                followup=locked,
                question_id=target,
                file=item,
                by_provider=by_provider,
            )
            stamp_history(evidence, actor)
            evidence.save()
            stored += 1
    if changed or stored:
        locked.protocol_revision = new_revision
        locked.save(update_fields=["protocol_revision", "updated_at"])
    return SaveResult(locked.protocol_revision, changed, stored)


@transaction.atomic
def evidence_remove(*, actor: User | None, evidence: Evidence) -> None:
    """Take a file off the protocol while it can still change."""
    followup = FollowUp.objects.select_for_update().get(pk=evidence.followup_id)
    if followup.status not in PROTOCOL_STATUSES:
        raise ValidationError(
            _("The protocol of a follow-up that is %(status)s cannot change.")
            % {"status": followup.get_status_display().lower()}
        )
    stored = evidence.file
    stamp_history(evidence, actor)
    evidence.delete()
    files.delete_stored(stored)  # the row now, the bytes once committed


def answers_from_post(
    questions: Sequence[Question], data: Mapping[str, Any]
) -> dict[int, AnswerInput]:
    """The answers a posted protocol form carries (``q-<id>`` and
    ``q-<id>-comment``); questions the form did not carry are left alone."""
    result = {}
    for question in questions:
        key = f"q-{question.pk}"
        if f"{key}-present" not in data:
            continue
        if question.answer_type == AnswerType.MULTIPLE_CHOICE:
            value: Value = list(data.getlist(key)) if hasattr(data, "getlist") else []
        else:
            value = str(data.get(key, ""))
        result[question.pk] = AnswerInput(
            value=value, comment=str(data.get(f"{key}-comment", ""))
        )
    return result


def questions_of(followup: FollowUp) -> list[Question]:
    """The version's questions, only as much of them as reading a post needs."""
    return list(
        Question.objects.filter(version_id=followup.template_version_id).only(
            "pk", "answer_type"
        )
    )
