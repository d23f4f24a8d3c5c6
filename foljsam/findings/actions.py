"""What the central office decides under an agreement (issue 6): a correction
request (a letter, with a deadline), a penalty (an amount), a termination; and
the provider's own notice of termination.

Seed 002: "Socialförvaltningen ansvarar för kontakten med verksamheterna i det
fall rättelse krävs eller avtalet ska hävas." Seed 004: "Beroende på bristens
omfattning och allvarlighetsgrad kan andra åtgärder vidtas, till exempel begäran
om rättelse, viten eller hävning." Never for the city's own units (seed 004,
KTT): "I och med att det inte föreligger någon avtalsrelation har det inte heller
varit möjligt att på samma sätt som för privata utförare begära in
kompletteringar eller rättelse".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.findings import events
from foljsam.findings.choices import ActionKind
from foljsam.findings.models import ContractAction, Deficiency
from foljsam.followups.models import FollowUp
from foljsam.registry.choices import AgreementKind, Regime


def refusal_for(followup: FollowUp, kind: str) -> str:
    """Why no decision of this kind can be taken on this follow-up's unit, or ""
    when it can: the city's own units have a mission description, not an
    agreement."""
    regime = followup.provider.regime
    agreement = followup.agreement
    if regime == Regime.OWN or (
        agreement is not None and agreement.kind == AgreementKind.MISSION
    ):
        return _(
            "%(unit)s is run by the city itself (%(regime)s) under a mission "
            "description (uppdragsbeskrivning), not an agreement. A %(decision)s "
            "can only be issued under an agreement: record the findings and "
            "recommendations instead, and tell the organisation that runs the unit."
        ) % {
            "unit": followup.unit.name,
            "regime": Regime.OWN.label.lower(),
            "decision": ActionKind(kind).label.lower(),
        }
    if agreement is None:
        return _(
            "The follow-up names no agreement: a %(decision)s is issued under an "
            "agreement."
        ) % {"decision": ActionKind(kind).label.lower()}
    return ""


@transaction.atomic
def contract_action_decide(
    *,
    actor: User | None,
    followup: FollowUp,
    kind: str,
    reasons: str,
    deficiencies: Sequence[Deficiency] = (),
    decided_on: dt.date | None = None,
    due_on: dt.date | None = None,
    amount: Decimal | None = None,
    effective_on: dt.date | None = None,
) -> ContractAction:
    """Record the central office's decision (or the provider's notice). Only the
    central office decides; never against a unit under a mission description."""
    if actor is not None and not can(actor, Capability.DECIDE_CONTRACT_ACTIONS):
        raise PermissionDenied
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Choose a decision.")})
    locked = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("provider", "agreement", "unit")
        .get(pk=followup.pk)
    )
    refusal = refusal_for(locked, kind)
    if refusal:
        raise ValidationError(refusal, code="mission_description")
    decided_on = decided_on or timezone.localdate()
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = _("Give the grounds for the decision.")
    if kind == ActionKind.CORRECTION_REQUEST and (
        due_on is None or due_on <= decided_on
    ):
        errors["due_on"] = _(
            "A correction request gives a deadline after the day of the decision."
        )
    if kind == ActionKind.PENALTY and (amount is None or amount <= 0):
        errors["amount"] = _("A penalty has an amount in kronor.")
    if kind in {ActionKind.TERMINATION, ActionKind.PROVIDER_NOTICE} and (
        effective_on is None
    ):
        errors["effective_on"] = _("Give the day the agreement ends.")
    if any(d.followup_id != locked.pk for d in deficiencies):
        errors["deficiencies"] = _("Choose deficiencies of this follow-up.")
    if errors:
        raise ValidationError(errors)
    action = ContractAction(
        followup=locked,
        agreement=locked.agreement,
        kind=kind,
        decided_on=decided_on,
        due_on=due_on if kind == ActionKind.CORRECTION_REQUEST else None,
        amount=amount if kind == ActionKind.PENALTY else None,
        effective_on=effective_on
        if kind in {ActionKind.TERMINATION, ActionKind.PROVIDER_NOTICE}
        else None,
        reasons=reasons.strip(),
        decided_by=actor,
    )
    stamp_history(action, actor)
    action.save()
    if deficiencies:
        action.deficiencies.set(deficiencies)
    event_record(
        actor=actor,
        action=events.ACTION,
        target=locked,
        data={
            "action": action.pk,
            "kind": kind,
            "on": decided_on.isoformat(),
            "due_on": action.due_on.isoformat() if action.due_on else "",
            "amount": str(action.amount) if action.amount else "",
        },
    )
    return action
