"""Every change to a financial check goes through a function here, which records
who did it (history) and what happened (an event) in the same transaction.

Seed 004: before each visit the office "genomfört ekonomisk kontroll där
kreditbetyg, F-skatt, arbetsgivaravgifter, skulder och registrering av utförarens
företag har ingått. Förvaltningen har även kontrollerat uteslutningsgrunder i
upphandlingslagstiftningen via ett webbaserat verktyg, 'Kapitel 13'." A check
starts with all eight items, filled in by the lookup adapter where it can
(``lookup.py``); the officer records the rest. A flagged item becomes a risk
signal in the register of issue 5 ("De verksamheter som i den övergripande
kontrollen visar på avvikelser eller brister kommer att väljas ut för
verksamhetsbesök"): exactly one per item, closed when the item is later found OK.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import Organisation, User
from foljsam.complaints.choices import CLOSED_STATUSES, SignalSource, SignalStatus
from foljsam.complaints.models import Signal, SignalCategory
from foljsam.complaints.rules import personal_number_in, personal_number_message
from foljsam.complaints.services import signal_close, signal_register, signal_update
from foljsam.core import files
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.financial import events
from foljsam.financial.choices import (
    LOOKUP_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    Item,
    Result,
)
from foljsam.financial.lookup import FinancialLookup, ProviderFacts, load_lookup
from foljsam.financial.models import CheckItem, FinancialCheck
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider

# The register's category for flags (complaints/migrations/0002_default_categories:
# "Ekonomi och seriositet"); recreated if a city removed it.
SIGNAL_CATEGORY = ("ekonomi", "Ekonomi och seriositet")
NOTE_MAX_LENGTH = 5000


def _may_perform(actor: User | None) -> None:
    """Checks are part of performing follow-ups (district officers and the central
    coordinator). ``None`` is the command line or the demo, acting for nobody."""
    if actor is not None and not can(actor, Capability.PERFORM_FOLLOWUPS):
        raise PermissionDenied


def _text_problems(
    problems: dict[str, list[str]], name: str, text: str, limit: int
) -> None:
    if len(text) > limit:
        problems.setdefault(name, []).append(
            _("At most %(max)d characters are allowed; this has %(length)d.")
            % {"max": limit, "length": len(text)}
        )
    found = personal_number_in(text)
    if found:
        problems.setdefault(name, []).append(personal_number_message(found))


def start_problems(
    *,
    actor: User | None,
    provider: Provider,
    on: dt.date,
    followup: FollowUp | None,
    organisation: Organisation,
    note: str,
    today: dt.date,
) -> dict[str, list[str]]:
    """What is wrong with starting a check, by field: a district office checks a
    provider for one of its follow-ups (the central office any provider); the
    follow-up is of that provider; the date is not in the future; a district
    office checks for itself."""
    problems: dict[str, list[str]] = {}
    city_wide = actor is None or can(actor, Capability.READ_ALL_FOLLOWUPS)
    if followup is None and not city_wide:
        problems["followup"] = [
            _(
                "A district office checks a provider for one of its follow-ups: "
                "choose the follow-up."
            )
        ]
    if followup is not None and followup.provider_id != provider.pk:
        problems["provider"] = [
            _("The follow-up is of another provider, %(provider)s.")
            % {"provider": followup.provider.name}
        ]
    if on > today:
        problems["checked_on"] = [_("The date of the check cannot be in the future.")]
    if actor is not None and not city_wide and organisation.pk != actor.organisation_id:
        problems["organisation"] = [
            _("You can only record checks for your own organisation.")
        ]
    _text_problems(problems, "note", note, NOTE_MAX_LENGTH)
    return problems


@transaction.atomic
def financial_check_start(
    *,
    actor: User | None,
    provider: Provider,
    on: dt.date,
    followup: FollowUp | None = None,
    organisation: Organisation,
    note: str = "",
    lookup: FinancialLookup | None = None,
) -> FinancialCheck:
    """Start a check of ``provider`` on ``on`` with all eight items, filled in by
    the lookup adapter (``FOLJSAM_FINANCIAL_LOOKUP``, or ``lookup``); flags it
    finds become risk signals at once. Seed 004: "Inför varje verksamhetsbesök
    har förvaltningen ... genomfört ekonomisk kontroll"; a check may also stand
    alone ("En ekonomisk kontroll ingår också i den övergripande screeningen"),
    which only the central office does."""
    _may_perform(actor)
    if (
        followup is not None
        and actor is not None
        and not FollowUp.objects.visible_to(actor).filter(pk=followup.pk).exists()
    ):
        raise PermissionDenied
    note = note.strip()
    problems = start_problems(
        actor=actor,
        provider=provider,
        on=on,
        followup=followup,
        organisation=organisation,
        note=note,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    adapter = lookup or load_lookup()
    findings = {
        finding.item: finding
        for finding in adapter.lookup(
            ProviderFacts(org_number=provider.org_number, name=provider.name)
        )
    }
    check = FinancialCheck(
        provider=provider,
        checked_on=on,
        followup=followup,
        organisation=organisation,
        lookup=(adapter.name or "manual")[:LOOKUP_MAX_LENGTH],
        note=note,
        created_by=actor,
    )
    stamp_history(check, actor)
    check.save()
    items = []
    for value in Item.values:
        item = CheckItem(financial_check=check, item=value)
        finding = findings.get(value)
        if finding is not None:
            item.result = finding.result
            item.source = finding.source.strip()[:SOURCE_MAX_LENGTH]
            item.note = finding.note.strip()
            if finding.result != Result.NOT_CHECKED:
                item.checked_on = on
        item.signal = _signal_follows(actor, item, check)
        stamp_history(item, actor)
        item.save()
        items.append(item)
    flagged = [item for item in items if item.is_flagged]
    event_record(
        actor=actor,
        action=events.STARTED,
        target=check,
        data={
            "checked_on": on.isoformat(),
            "lookup": check.lookup,
            "followup": followup.pk if followup is not None else None,
            "flagged": len(flagged),
        },
    )
    return check


def item_problems(
    *,
    result: str,
    source: str,
    checked_on: dt.date | None,
    note: str,
    today: dt.date,
) -> dict[str, list[str]]:
    """What is wrong with a recorded item, by field: a known result; a checked
    item says where and when it was checked; never in the future; no personal
    data in the note."""
    problems: dict[str, list[str]] = {}
    if result not in Result.values:
        problems["result"] = [_("Choose a result.")]
    checked = result in {Result.OK, Result.FLAGGED}
    if checked and not source:
        problems["source"] = [
            _("Say where the item was checked, for example UC or Skatteverket.")
        ]
    if len(source) > SOURCE_MAX_LENGTH:
        problems.setdefault("source", []).append(
            _("At most %(max)d characters are allowed; this has %(length)d.")
            % {"max": SOURCE_MAX_LENGTH, "length": len(source)}
        )
    if checked and checked_on is None:
        problems["checked_on"] = [_("Give the date the item was checked.")]
    if checked_on is not None and checked_on > today:
        problems["checked_on"] = [_("The date checked cannot be in the future.")]
    _text_problems(problems, "note", note, NOTE_MAX_LENGTH)
    return problems


def check_item_record(
    *,
    actor: User | None,
    item: CheckItem,
    result: str,
    source: str,
    checked_on: dt.date | None,
    note: str,
    evidence_upload: UploadedFile[bytes] | None = None,
) -> CheckItem:
    """Record one item of a check: its result, source, date and note, and an
    evidence file (the UC report, an extract from Bolagsverket, the result page of
    Kapitel 13). A flag becomes a risk signal, one per item; recorded OK later,
    the signal is closed with a note. Everything is checked before anything is
    written; the file is removed again if the transaction rolls back."""
    _may_perform(actor)
    with files.atomic_with_files():
        return _record(
            actor=actor,
            item=item,
            result=result,
            source=source,
            checked_on=checked_on,
            note=note,
            evidence_upload=evidence_upload,
        )


def _record(
    *,
    actor: User | None,
    item: CheckItem,
    result: str,
    source: str,
    checked_on: dt.date | None,
    note: str,
    evidence_upload: UploadedFile[bytes] | None,
) -> CheckItem:
    locked = CheckItem.objects.select_for_update().get(pk=item.pk)
    check = FinancialCheck.objects.select_related(
        "provider", "organisation", "followup"
    ).get(pk=locked.financial_check_id)
    if (
        actor is not None
        and not FinancialCheck.objects.visible_to(actor).filter(pk=check.pk).exists()
    ):
        raise PermissionDenied
    source = " ".join(source.split())
    note = note.strip()
    if result == Result.NOT_CHECKED:
        checked_on = None  # not checked has no date checked
    problems = item_problems(
        result=result,
        source=source,
        checked_on=checked_on,
        note=note,
        today=timezone.localdate(),
    )
    if evidence_upload is not None:
        try:
            files.check_upload(evidence_upload)
        except ValidationError as error:
            problems.setdefault("evidence", []).extend(error.messages)
    if problems:
        raise ValidationError(problems)
    stored = (
        files.store_upload(evidence_upload, actor=actor)
        if evidence_upload is not None
        else None
    )
    locked.result = result
    locked.source = source
    locked.checked_on = checked_on
    locked.note = note
    if stored is not None:
        locked.evidence = stored
    signal = _signal_follows(actor, locked, check)
    locked.signal = signal
    stamp_history(locked, actor)
    locked.save()
    event_record(
        actor=actor,
        action=events.ITEM_RECORDED,
        target=check,
        data={
            "item": locked.item,
            "result": result,
            "source": source,
            "checked_on": checked_on.isoformat() if checked_on else None,
            "evidence": stored.original_name if stored is not None else "",
            "signal": signal.reference if signal is not None else "",
        },
    )
    return locked


# Flags become risk signals ------------------------------------------------------


def _category() -> SignalCategory:
    code, name = SIGNAL_CATEGORY
    category = SignalCategory.objects.filter(code=code).first()
    if category is None:
        category = SignalCategory(code=code, name=name, position=100)
        category.save()
    return category


def _signal_organisation(actor: User | None, check: FinancialCheck) -> Organisation:
    """A signal belongs to the organisation that recorded it (issue 5): the
    check's, unless the officer recording the flag is of another organisation
    that may not record for it (a district working on the central office's check
    of its follow-up), whose own signal it then is."""
    if (
        actor is None
        or actor.organisation is None
        or actor.organisation_id == check.organisation_id
        or can(actor, Capability.READ_ALL_SIGNALS)
    ):
        return check.organisation
    return actor.organisation


def _summary(item: CheckItem, check: FinancialCheck) -> str:
    """Names the provider and the item, never a person; in the city's language,
    whatever language the officer reads in."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "The financial check of %(provider)s on %(date)s flagged: %(item)s "
            "(source: %(source)s)."
        ) % {
            "provider": check.provider.name,
            "date": formats.date_format(check.checked_on, "Y-m-d"),
            "item": item.get_item_display(),
            "source": item.source or check.lookup,
        }


def _with_line(text: str, line: str) -> str:
    return f"{text}\n{line}".strip()


def _signal_follows(
    actor: User | None, item: CheckItem, check: FinancialCheck
) -> Signal | None:
    """Keep the item's risk signal in step with its (not yet saved) result: a
    flag without a signal registers one (source "flag from a financial check",
    for the provider, and the follow-up's unit and contract area when the check
    belongs to one); a flag whose signal was closed reopens it; an item found OK
    closes an open one.
    Returns the signal the item now points at."""
    signal = item.signal
    day = item.checked_on or check.checked_on
    if item.result == Result.FLAGGED:
        if signal is None:
            return _register(actor, item, check, day)
        if signal.status in CLOSED_STATUSES:
            with translation.override(settings.LANGUAGE_CODE):
                line = _("Flagged again in the financial check on %(date)s.") % {
                    "date": day.isoformat()
                }
            return signal_update(
                actor=actor,
                signal=signal,
                status=SignalStatus.RECEIVED,
                closed_on=None,
                handling_note=_with_line(signal.handling_note, line),
            )
    elif (
        item.result == Result.OK
        and signal is not None
        and signal.status not in CLOSED_STATUSES
    ):
        with translation.override(settings.LANGUAGE_CODE):
            line = _("The item was found OK in the financial check on %(date)s.") % {
                "date": day.isoformat()
            }
        return signal_close(
            actor=actor,
            signal=signal,
            closed_on=max(day, signal.received_on),
            handling_note=_with_line(signal.handling_note, line),
        )
    return signal


def _register(
    actor: User | None, item: CheckItem, check: FinancialCheck, day: dt.date
) -> Signal:
    followup = check.followup
    signal = signal_register(
        actor=actor,
        organisation=_signal_organisation(actor, check),
        provider=check.provider,
        unit=followup.unit if followup is not None else None,
        contract_area=followup.contract_area if followup is not None else None,
        received_on=day,
        source=SignalSource.FINANCIAL_CHECK,
        category=_category(),
        summary=_summary(item, check),
    )
    return signal
