"""Answer links (issue 6): "A follow-up can also be answered through a
single-use, expiring link for providers without accounts."

The officer sends a link while the follow-up is being prepared or visited
(seed 004: "att på förhand begära in rutiner och svar på skriftliga frågor");
the provider answers the questions meant for the unit's manager, saves as it
goes, attaches documents, and sends the answers in once, after which the link is
used up. Rules kept here:

* The token is 256 random bits (``secrets.token_urlsafe(32)``); only its SHA-256
  is stored, and a link is found by looking that up, never by comparing tokens.
* One unfinished link per follow-up: a new one withdraws the one before (and a
  database constraint says so too).
* The e-mail is sent after commit by a task. The task's arguments are kept in
  the database until the worker runs it, so the token travels sealed
  (``seal_token``): a copy of the database alone opens no link.
* Answers through a link are saved with ``protocol_save(..., by_provider=True)``
  and its optimistic locking, as the officer may be editing the same protocol;
  only the questions meant for the manager may be answered.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.followups import protocol as proto
from foljsam.followups.choices import PROTOCOL_STATUSES, Status
from foljsam.followups.models import FollowUp
from foljsam.portal import events
from foljsam.portal.models import AnswerLink
from foljsam.requirements.choices import Respondent
from foljsam.requirements.models import Question

TOKEN_BYTES = 32
# A token is 43 characters; anything much longer is not one of ours.
TOKEN_MAX_LENGTH = 64
# A link is sent before the visit; the provider may answer until the officer
# has completed the follow-up.
LINK_STATUSES = frozenset({Status.PREPARING, Status.VISITED})


class AnswerLinkError(Exception):
    """A token that opens nothing. ``status`` is the HTTP status the page
    answers with; the message never says which follow-up it was for."""

    status = 410
    reason = ""

    def __init__(self, link: AnswerLink | None = None) -> None:
        super().__init__(self.reason)
        self.link = link


class LinkUnknown(AnswerLinkError):
    status = 404
    reason = "unknown"


class LinkExpired(AnswerLinkError):
    reason = "expired"


class LinkRevoked(AnswerLinkError):
    reason = "revoked"


class LinkUsed(AnswerLinkError):
    reason = "submitted"


class LinkClosed(AnswerLinkError):
    """The follow-up no longer takes answers (completed or cancelled)."""

    reason = "closed"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _pad(link_id: int) -> bytes:
    return salted_hmac(
        "foljsam.portal.answer_link", str(link_id), algorithm="sha256"
    ).digest()


def seal_token(link_id: int, token: str) -> str:
    """The token as the task carries it: XOR with a pad derived from the secret
    key and the link (one pad per link, used once)."""
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    return bytes(a ^ b for a, b in zip(raw, _pad(link_id), strict=True)).hex()


def unseal_token(link_id: int, sealed: str) -> str:
    raw = bytes(
        a ^ b for a, b in zip(bytes.fromhex(sealed), _pad(link_id), strict=True)
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def link_days() -> int:
    return int(settings.FOLJSAM_ANSWER_LINK_DAYS)


def manager_questions(followup: FollowUp) -> dict[int, Question]:
    """The questions of the follow-up's version that are meant for the unit's
    manager: what the provider answers through a link."""
    if followup.template_version_id is None:
        return {}
    return {
        q.pk: q
        for q in Question.objects.filter(
            version_id=followup.template_version_id, respondent=Respondent.MANAGER
        )
    }


def _clean_email(email: str) -> str:
    email = email.strip()
    if not email:
        raise ValidationError({"email": _("Write the e-mail address to send to.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Write a valid e-mail address, e.g. namn@utforare.se.")}
        ) from None
    return email


def _withdraw(link: AnswerLink, actor: User | None, now: dt.datetime) -> None:
    link.revoked_at = now
    stamp_history(link, actor)
    link.save(update_fields=["revoked_at", "updated_at"])


@transaction.atomic
def answer_link_create(
    *,
    actor: User | None,
    followup: FollowUp,
    email: str,
    base_url: str | None = None,
) -> tuple[AnswerLink, str]:
    """Create a link for the provider and e-mail it once committed. Returns the
    link and its raw token (for the e-mail; never stored). A link already
    unfinished is withdrawn: one link per follow-up works at a time."""
    email = _clean_email(email)
    locked = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if locked.status not in LINK_STATUSES:
        raise ValidationError(
            _(
                "An answer link is sent while the follow-up is being prepared or "
                "visited; this one is %(status)s."
            )
            % {"status": locked.get_status_display().lower()}
        )
    if not manager_questions(locked):
        raise ValidationError(
            _("The follow-up's template has no questions for the unit's manager.")
        )
    now = timezone.now()
    for earlier in AnswerLink.objects.select_for_update().filter(followup=locked):
        if earlier.revoked_at is None and earlier.submitted_at is None:
            _withdraw(earlier, actor, now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = AnswerLink(
        followup=locked,
        token_hash=hash_token(token),
        email=email,
        expires_at=now + dt.timedelta(days=link_days()),
        created_by=actor if actor is not None and actor.pk else None,
    )
    stamp_history(link, actor)
    link.save()
    expires_on = timezone.localtime(link.expires_at).date()
    event_record(
        actor=actor,
        action=events.LINK_CREATED,
        target=locked,
        data={"email": email, "expires_on": expires_on.isoformat()},
    )
    from foljsam.portal.tasks import send_answer_link

    sealed = seal_token(link.pk, token)
    url = base_url if base_url is not None else settings.FOLJSAM_BASE_URL
    transaction.on_commit(
        lambda: send_answer_link.enqueue(link_id=link.pk, sealed=sealed, base_url=url)
    )
    return link, token


@transaction.atomic
def answer_link_revoke(*, actor: User | None, link: AnswerLink) -> AnswerLink:
    """Withdraw a link, e.g. sent to the wrong address. A link whose answers are
    sent in has done its work and is not withdrawn."""
    locked = AnswerLink.objects.select_for_update().get(pk=link.pk)
    if locked.submitted_at is not None:
        raise ValidationError(
            _("The answers are already sent in: the link is used up.")
        )
    if locked.revoked_at is not None:
        raise ValidationError(_("The link is already withdrawn."))
    _withdraw(locked, actor, timezone.now())
    event_record(
        actor=actor,
        action=events.LINK_REVOKED,
        target=locked.followup,
        data={"email": locked.email},
    )
    return locked


def _check(link: AnswerLink, now: dt.datetime) -> None:
    if link.revoked_at is not None:
        raise LinkRevoked(link)
    if link.submitted_at is not None:
        raise LinkUsed(link)
    if link.expires_at <= now:
        raise LinkExpired(link)
    if link.followup.status not in PROTOCOL_STATUSES:
        raise LinkClosed(link)


def answer_link_resolve(token: str) -> AnswerLink:
    """The link a token opens, or the reason it opens nothing. The token is the
    only credential: it is looked up by its hash, and the link reaches its own
    follow-up and nothing else."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise LinkUnknown
    link = (
        AnswerLink.objects.select_related(
            "followup__unit",
            "followup__provider",
            "followup__contract_area",
            "followup__organisation",
            "followup__template_version__template",
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise LinkUnknown
    _check(link, timezone.now())
    return link


def answer_link_open(*, link: AnswerLink) -> AnswerLink:
    """Note when the link was first opened (the officer sees it)."""
    if link.opened_at is None:
        link.opened_at = timezone.now()
        stamp_history(link, None)
        link.save(update_fields=["opened_at", "updated_at"])
    return link


def _lock_live(link: AnswerLink) -> AnswerLink:
    # The follow-up first, as every service that changes a protocol locks it.
    followup = FollowUp.objects.select_for_update().get(pk=link.followup_id)
    locked = AnswerLink.objects.select_for_update().get(pk=link.pk)
    locked.followup = followup
    _check(locked, timezone.now())
    return locked


def _save(
    locked: AnswerLink,
    *,
    revision: int,
    answers: Mapping[int, proto.AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]],
) -> proto.SaveResult:
    asked = manager_questions(locked.followup)
    errors: dict[str, list[str]] = {}
    for question_id in answers:
        if question_id not in asked:
            errors[f"q-{question_id}"] = [_("The question is not asked of you.")]
    for target in uploads:
        if target is not None and target not in asked:
            errors[f"q-{target}-files"] = [_("The question is not asked of you.")]
    if errors:
        raise ValidationError(errors)
    return proto.protocol_save(
        actor=None,
        followup=locked.followup,
        revision=revision,
        answers=answers,
        uploads=uploads,
        by_provider=True,
    )


@transaction.atomic
def answer_link_save(
    *,
    link: AnswerLink,
    revision: int,
    answers: Mapping[int, proto.AnswerInput],
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]] | None = None,
) -> proto.SaveResult:
    """Save the provider's answers and documents as it goes. Refused
    (``AnswerLinkError``) once the link no longer works, (``ProtocolConflict``)
    when someone saved since ``revision``, and (``ValidationError``) when an
    answer or file is wrong; then nothing is written."""
    locked = _lock_live(link)
    return _save(locked, revision=revision, answers=answers, uploads=uploads or {})


@transaction.atomic
def answer_link_submit(
    *,
    link: AnswerLink,
    revision: int | None = None,
    answers: Mapping[int, proto.AnswerInput] | None = None,
    uploads: Mapping[int | None, Sequence[UploadedFile[bytes]]] | None = None,
) -> AnswerLink:
    """Send the answers in: what the form still carries is saved first, then
    the link is used up, in one transaction. A second submit is refused
    (``LinkUsed``)."""
    locked = _lock_live(link)
    if answers or uploads:
        _save(
            locked,
            revision=revision if revision is not None else -1,
            answers=answers or {},
            uploads=uploads or {},
        )
    locked.submitted_at = timezone.now()
    stamp_history(locked, None)
    locked.save(update_fields=["submitted_at", "updated_at"])
    event_record(
        actor=None,
        action=events.LINK_SUBMITTED,
        target=locked.followup,
        data={"email": locked.email},
    )
    return locked
