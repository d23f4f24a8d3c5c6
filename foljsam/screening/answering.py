"""Answering a screening through the personal link, without an account
(issue 9: "The provider opens the link and answers in an accessible form,
saving and resuming as they go. They upload the documents asked for, then
submit. After submitting they can read their answers but not change them.").

The token is the only credential: it is looked up by its hash and opens its own
respondent, and nothing else. Every read and write here starts from that
respondent: its campaign's template version, its answers, its documents.

Rules kept here:

* Answers are checked as the protocol checks them (``followups.protocol
  .clean_value``); files as every upload is (``core.files``). A save names the
  revision it started from; a save from an older one is refused, so two people
  at the same provider never overwrite each other silently.
* Document requests are answered by attaching files; on sending in, each is
  recorded as received or missing (``rules.document_value``).
* Sending in needs every required question answered; then the flags are found
  (``rules.answer_flags``) and stored, in the same transaction.
* A withdrawn or expired link opens nothing; a closed campaign's link reads the
  answers but takes no more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.core import files
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups import protocol as proto
from foljsam.registry.models import Agreement
from foljsam.requirements.choices import AnswerType
from foljsam.requirements.choices import Respondent as Asked
from foljsam.requirements.models import Question
from foljsam.screening import events, links, rules
from foljsam.screening.choices import CampaignStatus
from foljsam.screening.models import (
    Campaign,
    Flag,
    Respondent,
    ScreeningAnswer,
    ScreeningDocument,
)


class LinkError(Exception):
    """A token that opens nothing. ``status`` is the HTTP status the page answers
    with; the message never says whose link it was."""

    status = 410
    reason = ""


class LinkUnknown(LinkError):
    status = 404
    reason = "unknown"


class LinkExpired(LinkError):
    reason = "expired"


class LinkRevoked(LinkError):
    reason = "revoked"


class AnswerConflict(Exception):
    """Someone saved the answers since this page was opened."""

    def __init__(self, revision: int) -> None:
        super().__init__("The answers changed since they were opened.")
        self.revision = revision


def resolve(token: str) -> Respondent:
    """The respondent a token opens, or why it opens nothing."""
    if not token or len(token) > links.TOKEN_MAX_LENGTH:
        raise LinkUnknown
    respondent = (
        Respondent.objects.select_related(
            "campaign__template_version__template",
            "campaign__organisation",
            "provider",
        )
        .filter(token_hash=links.hash_token(token))
        .first()
    )
    if respondent is None or respondent.sent_at is None:
        raise LinkUnknown
    if respondent.revoked_at is not None:
        raise LinkRevoked
    if respondent.expires_at is None or respondent.expires_at <= timezone.now():
        raise LinkExpired
    return respondent


def is_writable(respondent: Respondent) -> bool:
    """Answers may still change: not sent in, and the campaign still open."""
    return respondent.submitted_at is None and respondent.campaign.status in (
        CampaignStatus.SENDING,
        CampaignStatus.SENT,
    )


def respondent_open(*, respondent: Respondent) -> Respondent:
    """Note when the link was first opened (the campaign page counts it)."""
    if respondent.opened_at is None:
        respondent.opened_at = timezone.now()
        stamp_history(respondent, None)
        respondent.save(update_fields=["opened_at", "updated_at"])
    return respondent


def asked(question: Question) -> bool:
    """A screening asks the provider; questions meant for users are not its."""
    return question.respondent != Asked.USERS


@dataclass(slots=True)
class Content:
    sections: list[proto.SectionRows]
    general: list[ScreeningDocument]

    @property
    def rows(self) -> list[proto.QuestionRow]:
        return [row for section in self.sections for row in section.rows]


def content(respondent: Respondent) -> Content:
    """The template's questions with the respondent's answers and documents:
    two queries once the published version has been read."""
    version = respondent.campaign.template_version
    answers = {
        a.question_id: a for a in ScreeningAnswer.objects.filter(respondent=respondent)
    }
    documents: dict[int | None, list[ScreeningDocument]] = {}
    for document in ScreeningDocument.objects.filter(
        respondent=respondent
    ).select_related("file"):
        documents.setdefault(document.question_id, []).append(document)
    sections = []
    for section, questions in proto.version_content(version).sections:
        rows = [
            proto.QuestionRow(
                number=number,
                question=question,
                answer=answers.get(question.pk),  # type: ignore[arg-type]
                evidence=documents.get(question.pk, []),  # type: ignore[arg-type]
                options=options,
            )
            for number, question, options in questions
            if asked(question)
        ]
        if rows:
            sections.append(proto.SectionRows(section, rows))
    return Content(sections, documents.get(None, []))


def agreements(respondent: Respondent) -> list[Agreement]:
    """The agreements the respondent answers for, with their contract areas
    (the answer page's facts: "a population (all valid agreements in one or more
    contract areas, or a hand-picked list)")."""
    return list(
        respondent.agreements.select_related("contract_area").order_by(
            "contract_area__name", "reference"
        )
    )


def document_of(respondent: Respondent, document_id: int) -> ScreeningDocument | None:
    """One of the respondent's own documents ("A token works for its own provider
    only"): another respondent's document is not found."""
    return (
        ScreeningDocument.objects.filter(pk=document_id, respondent=respondent)
        .select_related("file")
        .first()
    )


def facts(rows: Sequence[proto.QuestionRow]) -> list[rules.QuestionFacts]:
    return [
        rules.QuestionFacts(
            id=row.question.pk,
            number=row.number,
            answer_type=row.question.answer_type,
            not_met_answers=tuple(str(v) for v in row.question.not_met_answers or []),
            labels=dict(row.options),
            required=row.question.required,
        )
        for row in rows
    ]


def _lock(respondent: Respondent) -> Respondent:
    locked = (
        Respondent.objects.select_for_update(of=("self",))
        .select_related("campaign__template_version", "provider")
        .get(pk=respondent.pk)
    )
    if locked.revoked_at is not None:
        raise LinkRevoked
    if locked.expires_at is None or locked.expires_at <= timezone.now():
        raise LinkExpired
    if locked.submitted_at is not None:
        raise ValidationError(
            _("Your answers are already sent in and can no longer be changed.")
        )
    if locked.campaign.status not in (CampaignStatus.SENDING, CampaignStatus.SENT):
        raise ValidationError(_("The screening is closed and takes no more answers."))
    return locked


def _clean(question: Question, value: proto.Value) -> proto.Value:
    """A document request is answered by attaching (recorded on sending in);
    every other answer as the protocol checks it."""
    if question.answer_type == AnswerType.DOCUMENT:
        return ""
    return proto.clean_value(question, value)


def _write(
    locked: Respondent,
    *,
    revision: int,
    answers: Mapping[int, proto.AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]],
) -> int:
    """Check everything, then write: the new revision."""
    if locked.revision != revision:
        raise AnswerConflict(locked.revision)
    questions = {
        q.pk: q
        for q in Question.objects.filter(version_id=locked.campaign.template_version_id)
        if asked(q)
    }
    cleaned, errors = proto.check_answers(
        questions,
        answers,
        uploads,
        foreign=_("The question is not asked of you."),
        clean=_clean,
    )
    if errors:
        raise ValidationError(errors)
    existing = {
        a.question_id: a
        for a in ScreeningAnswer.objects.filter(
            respondent=locked, question_id__in=list(cleaned)
        )
    }
    changed = 0
    for question_id, (value, comment) in cleaned.items():
        answer = existing.get(question_id)
        if answer is None:
            if not value and not comment:
                continue
            answer = ScreeningAnswer(respondent=locked, question_id=question_id)
        elif answer.value == value and answer.comment == comment:
            continue
        answer.value = value
        answer.comment = comment
        answer.save()
        changed += 1
    for target, batch in uploads.items():
        for item in files.store_uploads(list(batch), actor=None):
            ScreeningDocument.objects.create(
                respondent=locked, question_id=target, file=item
            )
            changed += 1
    if changed:
        locked.revision += 1
        locked.saved_at = timezone.now()
        locked.save(update_fields=["revision", "saved_at", "updated_at"])
    return locked.revision


@files.atomic_with_files()
def answers_save(
    *,
    respondent: Respondent,
    revision: int,
    answers: Mapping[int, proto.AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]] | None = None,
) -> int:
    """Save what changed and the new files; returns the new revision. Refused
    (``AnswerConflict``) when someone saved since ``revision``, and
    (``ValidationError``, keyed ``q-<question id>``) when an answer or a file is
    wrong; then nothing is written."""
    locked = _lock(respondent)
    return _write(locked, revision=revision, answers=answers, uploads=uploads or {})


@files.atomic_with_files()
def document_remove(*, respondent: Respondent, document_id: int) -> None:
    """Take off a document attached by mistake, before sending in. Only the
    respondent's own documents are found."""
    locked = _lock(respondent)
    document = (
        ScreeningDocument.objects.filter(pk=document_id, respondent=locked)
        .select_related("file")
        .first()
    )
    if document is None:
        raise ValidationError(_("The document is not among yours."))
    stored = document.file
    document.delete()
    files.delete_stored(stored)
    locked.revision += 1
    locked.saved_at = timezone.now()
    locked.save(update_fields=["revision", "saved_at", "updated_at"])


@files.atomic_with_files()
def answers_submit(
    *,
    respondent: Respondent,
    revision: int,
    answers: Mapping[int, proto.AnswerInput] | None = None,
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]] | None = None,
) -> Respondent:
    """Send the answers in: what the form still carries is saved first; every
    required question must be answered; the flags are found and kept; the
    answers can no longer change. All in one transaction."""
    locked = _lock(respondent)
    if answers or uploads:
        _write(locked, revision=revision, answers=answers or {}, uploads=uploads or {})
    elif locked.revision != revision:
        raise AnswerConflict(locked.revision)
    found = content(locked)
    question_facts = facts(found.rows)
    values = {row.question.pk: row.value for row in found.rows}
    missing = rules.unanswered(question_facts, values)
    if missing:
        raise ValidationError(
            {
                f"q-{q.id}": [_("Answer the question before sending in.")]
                for q in missing
            }
        )
    documented = {row.question.pk for row in found.rows if row.evidence}
    for fact in question_facts:
        if fact.is_document:
            ScreeningAnswer.objects.update_or_create(
                respondent=locked,
                question_id=fact.id,
                defaults={"value": rules.document_value(fact.id in documented)},
            )
    flags = rules.answer_flags(question_facts, values, documented)
    Flag.objects.bulk_create(
        [
            Flag(
                respondent=locked,
                kind=flag.kind,
                question_id=flag.question_id,
                number=flag.number,
                answer=flag.answer,
            )
            for flag in flags
        ]
    )
    locked.submitted_at = timezone.now()
    locked.flag_count = len(flags)
    stamp_history(locked, None)
    locked.save(update_fields=["submitted_at", "flag_count", "updated_at"])
    campaign = Campaign.objects.get(pk=locked.campaign_id)
    event_record(
        actor=None,
        action=events.ANSWERED,
        target=campaign,
        data={"provider": locked.provider.name, "flags": len(flags)},
    )
    return locked
