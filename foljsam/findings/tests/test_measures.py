"""Deficiencies and their measures, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from foljsam.findings import actions, measures, services
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.followups import protocol as proto
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import protocol_followup
from foljsam.registry.tests.factories import CityFactory
from foljsam.requirements.models import Question, RequirementCategory

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _visited(district, **kwargs) -> FollowUp:
    return protocol_followup(organisation=district, status=Status.VISITED, **kwargs)


def _not_met(followup, officer) -> list[Question]:
    questions = list(
        Question.objects.filter(version=followup.template_version).order_by(
            "section__position", "position"
        )
    )
    proto.protocol_save(
        actor=officer,
        followup=followup,
        revision=followup.protocol_revision,
        answers={
            questions[0].pk: proto.AnswerInput("no", "Rutin saknas."),
            questions[1].pk: proto.AnswerInput("partly"),
            questions[2].pk: proto.AnswerInput("yes"),
        },
    )
    return questions


def test_not_met_answers_propose_and_the_officer_confirms(
    district, district_officer
) -> None:
    followup = protocol_followup(organisation=district, status=Status.PREPARING)
    q1, _q2, q3 = _not_met(followup, district_officer)
    followup.refresh_from_db()
    with pytest.raises(ValidationError):  # not before the visit
        services.deficiency_confirm(
            actor=district_officer,
            followup=followup,
            question=q1,
            severity="minor",
            description="",
        )
    FollowUp.objects.filter(pk=followup.pk)
    followup.status = Status.VISITED
    followup.save(update_fields=["status"])
    deficiency = services.deficiency_confirm(
        actor=district_officer,
        followup=followup,
        question=q1,
        severity="serious",
        description="",
    )
    assert deficiency.requirement == q1.requirement
    assert deficiency.category == q1.requirement.category
    assert deficiency.description == "Rutin saknas."  # the answer's comment
    with pytest.raises(ValidationError):  # once per answer
        services.deficiency_confirm(
            actor=district_officer,
            followup=followup,
            question=q1,
            severity="minor",
            description="",
        )
    with pytest.raises(ValidationError):  # "yes" proposes nothing
        services.deficiency_confirm(
            actor=district_officer,
            followup=followup,
            question=q3,
            severity="minor",
            description="",
        )


def test_complement_requested_received_approved_gives_complies_after_complement(
    district, district_officer
) -> None:
    followup = _visited(district)
    category = RequirementCategory.objects.get(code="rutiner")
    first = services.deficiency_add(
        actor=district_officer,
        followup=followup,
        category=category,
        severity="minor",
        description="Rutin för synpunkter saknas.",
    )
    second = services.deficiency_add(
        actor=district_officer,
        followup=followup,
        category=category,
        severity="minor",
        description="Brandskyddsrutin är inte uppdaterad.",
    )
    assert services.proposal_for(followup) == "minor_deficiencies_remain"
    with pytest.raises(ValidationError) as refused:
        measures.complements_request(
            actor=district_officer,
            followup=followup,
            deficiencies=[first],
            due_on=dt.date(2026, 11, 30),
        )
    assert "due_on" in refused.value.message_dict
    requested = measures.complements_request(
        actor=district_officer,
        followup=followup,
        deficiencies=[first, second],
        due_on=measures.default_due_on(),
    )
    assert [m.due_on for m in requested] == [dt.date(2026, 12, 30)] * 2
    followup.refresh_from_db()
    assert followup.status == Status.AWAITING_COMPLEMENT
    with pytest.raises(ValidationError):  # nothing received yet
        measures.complement_decide(
            actor=district_officer, deficiency=first, approve=True
        )
    measures.complement_receive(
        actor=None,
        deficiency=first,
        note="Ny rutin bifogas.",
        by_provider=True,
        uploads=[SimpleUploadedFile("rutin.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    measures.complement_decide(actor=district_officer, deficiency=first, approve=True)
    first.refresh_from_db()
    assert (first.status, first.resolution, first.due_on) == (
        "resolved",
        "complement",
        None,
    )
    assert services.proposal_for(followup) == "minor_deficiencies_remain"
    measures.complement_receive(
        actor=district_officer, deficiency=second, note="Uppdaterad."
    )
    with pytest.raises(ValidationError) as refused:  # a rejection says why
        measures.complement_decide(
            actor=district_officer, deficiency=second, approve=False
        )
    assert "note" in refused.value.message_dict
    measures.complement_decide(
        actor=district_officer,
        deficiency=second,
        approve=False,
        note="Datum saknas.",
        new_due_on=dt.date(2027, 1, 15),
    )
    second.refresh_from_db()
    assert (second.status, second.due_on) == ("open", dt.date(2027, 1, 15))
    measures.complement_receive(
        actor=None, deficiency=second, note="Med datum.", by_provider=True
    )
    measures.complement_decide(actor=district_officer, deficiency=second, approve=True)
    assert services.proposal_for(followup) == "complies_after_complement"
    kinds = list(
        Measure.objects.filter(deficiency=second)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "complement_requested",
        "complement_received",
        "complement_rejected",
        "complement_requested",
        "complement_received",
        "complement_approved",
    ]
    done = services.followup_complete(
        actor=district_officer, followup=followup, outcome="complies_after_complement"
    )
    assert done.status == Status.COMPLETED and done.proposed_outcome == done.outcome


def test_revisit_and_escalation(district, district_officer) -> None:
    followup = _visited(district)
    category = RequirementCategory.objects.get(code="rutiner")
    deficiency = services.deficiency_add(
        actor=district_officer,
        followup=followup,
        category=category,
        severity="possible_breach",
        description="Bemanningen följer inte avtalet.",
    )
    measures.revisit_plan(
        actor=district_officer, deficiency=deficiency, on=dt.date(2026, 12, 10)
    )
    deficiency.refresh_from_db()
    assert deficiency.revisit_on == dt.date(2026, 12, 10)
    with pytest.raises(ValidationError):
        measures.revisit_record(
            actor=district_officer,
            deficiency=deficiency,
            on=dt.date(2026, 12, 10),
            resolved=True,
        )  # in the future
    measures.deficiency_escalate(
        actor=district_officer, deficiency=deficiency, note="Avtalsbrott?"
    )
    with pytest.raises(ValidationError):
        measures.deficiency_escalate(
            actor=district_officer, deficiency=deficiency, note="Igen"
        )
    deficiency.refresh_from_db()
    assert deficiency.escalated_on == dt.date(2026, 11, 30)
    assert services.proposal_for(followup) == "does_not_comply"


def test_only_the_central_office_decides_and_never_on_own_units(
    district, district_officer, coordinator
) -> None:
    private = _visited(district)
    with pytest.raises(PermissionDenied):
        actions.contract_action_decide(
            actor=district_officer,
            followup=private,
            kind="correction_request",
            reasons="Brister kvarstår.",
            due_on=dt.date(2027, 1, 31),
        )
    with pytest.raises(ValidationError) as refused:
        actions.contract_action_decide(
            actor=coordinator, followup=private, kind="correction_request", reasons="x"
        )
    assert "due_on" in refused.value.message_dict
    action = actions.contract_action_decide(
        actor=coordinator,
        followup=private,
        kind="correction_request",
        reasons="Rutiner saknas trots komplettering.",
        due_on=dt.date(2027, 1, 31),
    )
    assert action.agreement == private.agreement
    penalty = actions.contract_action_decide(
        actor=coordinator,
        followup=private,
        kind="penalty",
        reasons="Rättelse uteblev.",
        amount=Decimal("25000"),
    )
    assert penalty.amount == Decimal("25000.00")

    own = _visited(district, provider=CityFactory())
    for kind in ("correction_request", "penalty", "termination", "provider_notice"):
        with pytest.raises(ValidationError) as refused:
            actions.contract_action_decide(
                actor=coordinator,
                followup=own,
                kind=kind,
                reasons="x",
                due_on=dt.date(2027, 1, 31),
                amount=Decimal(1),
                effective_on=dt.date(2027, 3, 1),
            )
        text = " ".join(refused.value.messages)
        assert "mission description" in text or "uppdragsbeskrivning" in text
        assert own.unit.name in text
    assert ContractAction.objects.filter(followup=own).count() == 0
    assert Deficiency.objects.count() == 0
