"""The measures taken on a deficiency (issue 6): complement requested, received,
approved or rejected; revisit planned or done; escalation to the central office.

Seed 004: "De verksamheter som vid avtalsuppföljning uppvisar brister ges
möjlighet att inom en förutbestämd tidsram åtgärda bristerna." Seed 002:
"Stadsdelsförvaltningarna gör återbesök hos verksamheten i det fall identifierade
brister omgående behöver åtgärdas och uppföljning av åtgärden inte kan vänta till
nästa uppföljning", and "kontaktar socialförvaltningen i de fall de identifierade
bristerna bedöms vara avtalsbrott".

Each measure is a row that never changes; the deficiency keeps its current
deadline (``due_on``) and status for the lists and reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core import files
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.core.models import StoredFile
from foljsam.findings import events
from foljsam.findings.choices import DeficiencyStatus, MeasureKind, Resolution
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups import lifecycle
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp

DEFAULT_COMPLEMENT_DAYS = 30
# Complements are asked for and handled while the follow-up is being assessed.
MEASURE_STATUSES = frozenset(
    {Status.VISITED, Status.ASSESSING, Status.AWAITING_COMPLEMENT}
)


def default_due_on(today: dt.date | None = None) -> dt.date:
    """Issue 6: "complement request, with a deadline (default 30 days)"."""
    return (today or timezone.localdate()) + dt.timedelta(days=DEFAULT_COMPLEMENT_DAYS)


def _locked(deficiency: Deficiency) -> Deficiency:
    locked = (
        Deficiency.objects.select_for_update(of=("self",))
        .select_related("followup", "category")
        .get(pk=deficiency.pk)
    )
    if locked.followup.status not in MEASURE_STATUSES:
        raise ValidationError(
            _(
                "Measures are recorded while the follow-up is assessed; this one "
                "is %(status)s."
            )
            % {"status": locked.followup.get_status_display().lower()}
        )
    return locked


def _require_open(deficiency: Deficiency) -> None:
    if deficiency.status != DeficiencyStatus.OPEN:
        raise ValidationError(_("The deficiency is already resolved."))


def _last(deficiency: Deficiency, *kinds: str) -> Measure | None:
    return (
        Measure.objects.filter(deficiency=deficiency, kind__in=kinds)
        .order_by("-on", "-pk")
        .first()
    )


def _record(
    *,
    actor: User | None,
    deficiency: Deficiency,
    kind: MeasureKind,
    on: dt.date,
    due_on: dt.date | None = None,
    note: str = "",
    stored: Sequence[StoredFile] = (),
    by_provider: bool = False,
) -> Measure:
    measure = Measure(
        deficiency=deficiency,
        kind=kind,
        on=on,
        due_on=due_on,
        note=note.strip(),
        by_provider=by_provider,
        recorded_by=actor,
    )
    stamp_history(measure, actor)
    measure.save()
    if stored:
        measure.files.set(stored)
    event_record(
        actor=actor,
        action=events.MEASURE,
        target=deficiency.followup,
        data={
            "deficiency": deficiency.pk,
            "category": deficiency.category.name,
            "kind": str(kind),
            "on": on.isoformat(),
            "due_on": due_on.isoformat() if due_on else "",
            "files": ", ".join(f.original_name for f in stored),
        },
    )
    return measure


def _save(deficiency: Deficiency, actor: User | None, *fields: str) -> None:
    stamp_history(deficiency, actor)
    deficiency.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def complements_request(
    *,
    actor: User | None,
    followup: FollowUp,
    deficiencies: Sequence[Deficiency],
    due_on: dt.date,
    note: str = "",
    on: dt.date | None = None,
) -> list[Measure]:
    """Ask the provider to complement: a new or revised routine, an action plan
    (seed 004: "inom en förutbestämd tidsram"). The follow-up then awaits the
    complements. ``on`` records a request already sent (by letter, last week);
    it cannot be in the future."""
    if not deficiencies:
        raise ValidationError(
            {"deficiencies": _("Choose the deficiencies to complement.")}
        )
    today = on or timezone.localdate()
    if today > timezone.localdate():
        raise ValidationError({"on": _("The request cannot be dated in the future.")})
    if due_on <= today:
        raise ValidationError({"due_on": _("The deadline must be after today.")})
    locked_followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    measures = []
    for deficiency in deficiencies:
        locked = _locked(deficiency)
        if locked.followup_id != locked_followup.pk:
            raise ValidationError(_("The deficiency belongs to another follow-up."))
        _require_open(locked)
        measures.append(
            _record(
                actor=actor,
                deficiency=locked,
                kind=MeasureKind.COMPLEMENT_REQUESTED,
                on=today,
                due_on=due_on,
                note=note,
            )
        )
        locked.due_on = due_on
        _save(locked, actor, "due_on")
    if locked_followup.status != Status.AWAITING_COMPLEMENT:
        if locked_followup.status == Status.VISITED:
            locked_followup = lifecycle.followup_start_assessment(
                actor=actor, followup=locked_followup
            )
        lifecycle.followup_mark_awaiting_complement(
            actor=actor, followup=locked_followup, due_on=due_on
        )
    return measures


@files.atomic_with_files()
def complement_receive(
    *,
    actor: User | None,
    deficiency: Deficiency,
    note: str,
    uploads: Sequence[UploadedFile[bytes]] = (),
    by_provider: bool = False,
    on: dt.date | None = None,
) -> Measure:
    """The provider's complement: a document, an action plan, a written answer.
    Sent in the portal by the provider, or recorded by the officer."""
    locked = _locked(deficiency)
    _require_open(locked)
    if _last(locked, MeasureKind.COMPLEMENT_REQUESTED) is None:
        raise ValidationError(_("No complement has been asked for."))
    if not note.strip() and not uploads:
        raise ValidationError(
            {"note": _("Write what was done, attach a document, or both.")}
        )
    stored = files.store_uploads(list(uploads), actor=actor) if uploads else []
    return _record(
        actor=actor,
        deficiency=locked,
        kind=MeasureKind.COMPLEMENT_RECEIVED,
        on=on or timezone.localdate(),
        note=note,
        stored=stored,
        by_provider=by_provider,
    )


@transaction.atomic
def complement_decide(
    *,
    actor: User | None,
    deficiency: Deficiency,
    approve: bool,
    note: str = "",
    new_due_on: dt.date | None = None,
    on: dt.date | None = None,
) -> Measure:
    """Approve the complement (the deficiency is resolved by complement) or
    reject it, with a new deadline if the provider may try again."""
    locked = _locked(deficiency)
    _require_open(locked)
    received = _last(locked, MeasureKind.COMPLEMENT_RECEIVED)
    decided = _last(
        locked, MeasureKind.COMPLEMENT_APPROVED, MeasureKind.COMPLEMENT_REJECTED
    )
    if received is None or (
        decided is not None and (decided.on, decided.pk) > (received.on, received.pk)
    ):
        raise ValidationError(_("There is no new complement to decide on."))
    today = on or timezone.localdate()
    if today < received.on or today > timezone.localdate():
        raise ValidationError(
            {"on": _("The decision is dated between the complement and today.")}
        )
    if approve:
        measure = _record(
            actor=actor,
            deficiency=locked,
            kind=MeasureKind.COMPLEMENT_APPROVED,
            on=today,
            note=note,
        )
        locked.status = DeficiencyStatus.RESOLVED
        locked.resolved_on = today
        locked.resolution = Resolution.COMPLEMENT
        locked.due_on = None
        _save(locked, actor, "status", "resolved_on", "resolution", "due_on")
        return measure
    if not note.strip():
        raise ValidationError({"note": _("Say why the complement is not enough.")})
    if new_due_on is not None and new_due_on <= today:
        raise ValidationError({"new_due_on": _("The deadline must be after today.")})
    measure = _record(
        actor=actor,
        deficiency=locked,
        kind=MeasureKind.COMPLEMENT_REJECTED,
        on=today,
        note=note,
    )
    if new_due_on is not None:
        _record(
            actor=actor,
            deficiency=locked,
            kind=MeasureKind.COMPLEMENT_REQUESTED,
            on=today,
            due_on=new_due_on,
        )
        locked.due_on = new_due_on
        _save(locked, actor, "due_on")
    return measure


@transaction.atomic
def revisit_plan(
    *, actor: User | None, deficiency: Deficiency, on: dt.date, note: str = ""
) -> Measure:
    """Plan a revisit: the deficiency must be put right at once and cannot wait
    for the next follow-up (seed 002)."""
    locked = _locked(deficiency)
    _require_open(locked)
    if on < timezone.localdate():
        raise ValidationError({"on": _("A revisit is planned for today or later.")})
    measure = _record(
        actor=actor,
        deficiency=locked,
        kind=MeasureKind.REVISIT_PLANNED,
        on=on,
        note=note,
    )
    locked.revisit_on = on
    _save(locked, actor, "revisit_on")
    return measure


@transaction.atomic
def revisit_record(
    *,
    actor: User | None,
    deficiency: Deficiency,
    on: dt.date,
    resolved: bool,
    note: str = "",
) -> Measure:
    """The revisit took place; the deficiency was put right, or not yet."""
    locked = _locked(deficiency)
    _require_open(locked)
    if on > timezone.localdate():
        raise ValidationError({"on": _("The revisit cannot be in the future.")})
    measure = _record(
        actor=actor,
        deficiency=locked,
        kind=MeasureKind.REVISIT_DONE,
        on=on,
        note=note,
    )
    locked.revisit_on = None
    fields = ["revisit_on"]
    if resolved:
        locked.status = DeficiencyStatus.RESOLVED
        locked.resolved_on = on
        locked.resolution = Resolution.REVISIT
        locked.due_on = None
        fields += ["status", "resolved_on", "resolution", "due_on"]
    _save(locked, actor, *fields)
    return measure


@transaction.atomic
def deficiency_escalate(
    *, actor: User | None, deficiency: Deficiency, note: str
) -> Measure:
    """Send the deficiency to the central office, which alone deals with the
    provider when a breach of contract is suspected (seed 002:
    "Socialförvaltningen ansvarar för kontakten med verksamheterna i det fall
    rättelse krävs eller avtalet ska hävas")."""
    locked = _locked(deficiency)
    _require_open(locked)
    if locked.escalated_on is not None:
        raise ValidationError(_("The deficiency is already with the central office."))
    if not note.strip():
        raise ValidationError(
            {"note": _("Say why the deficiency may be a breach of contract.")}
        )
    today = timezone.localdate()
    measure = _record(
        actor=actor,
        deficiency=locked,
        kind=MeasureKind.ESCALATED,
        on=today,
        note=note,
    )
    locked.escalated_on = today
    _save(locked, actor, "escalated_on")
    return measure
