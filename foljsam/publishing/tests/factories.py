"""Results on their way to the public pages, full of what must never be
published: the leak tests look for every one of these ``SECRETS``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from foljsam.accounts.models import User
from foljsam.accounts.tests.factories import OrganisationFactory, UserFactory
from foljsam.findings.measures import complement_receive, complements_request
from foljsam.findings.services import deficiency_register
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.publishing.models import Publication
from foljsam.publishing.services import publication_propose, publication_publish
from foljsam.registry.tests.factories import AgreementFactory, UnitFactory
from foljsam.requirements.models import RequirementCategory

# Internal texts a shared follow-up carries; none may ever reach the public.
SECRETS = {
    "note": "HEMLIG-ANTECKNING chefen verkade stressad",
    "outcome_reason": "HEMLIG-MOTIVERING bedömningen avviker",
    "deficiency": "HEMLIG-BRIST dokumentationen saknades i tre akter",
    "request": "HEMLIG-BEGÄRAN skicka in rutinen",
    "complement": "HEMLIG-KOMPLETTERING här är vår åtgärdsplan",
    "file": "hemlig-atgardsplan.pdf",
    "officer": "Hemliga Handläggarsson",
    "officer_email": "hemlig.handlaggare@stad.example",
}
SUMMARY = (
    "Verksamheten följdes upp med platsbesök. Den följer avtalet efter komplettering."
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def shared_followup(
    *,
    unit: Any = None,
    organisation: Any = None,
    year: int = 2026,
    performed_on: dt.date = dt.date(2026, 3, 12),
    outcome: str = "complies_after_complement",
    with_open_deficiency: bool = True,
    answered: bool = True,
) -> FollowUp:
    """A follow-up shared with its provider, performed by a named officer, with
    an internal note and (unless told otherwise) an open deficiency whose
    complement (an action plan, a file) the provider has sent."""
    unit = unit or UnitFactory()
    organisation = organisation or OrganisationFactory()
    # One officer for every result of a test (the e-mail address is unique).
    officer = User.objects.filter(
        email__iexact=SECRETS["officer_email"]
    ).first() or UserFactory(
        first_name="Hemliga",
        last_name="Handläggarsson",
        email=SECRETS["officer_email"],
        organisation=organisation,
    )
    agreement = AgreementFactory(provider=unit.provider, units=[unit])
    followup = FollowUpFactory(
        unit=unit,
        contract_area=agreement.contract_area,
        agreement=agreement,
        organisation=organisation,
        year=year,
        status=FollowUp.Status.VISITED,
        performed_on=performed_on,
        methods=["site_visit", "document_review"],
        note=SECRETS["note"],
        created_by=officer,
    )
    if with_open_deficiency:
        deficiency = deficiency_register(
            actor=officer,
            followup=followup,
            category=RequirementCategory.objects.get(code="rutiner"),
            description=SECRETS["deficiency"],
        )
        complements_request(
            actor=officer,
            followup=followup,
            deficiencies=[deficiency],
            due_on=timezone.localdate() + dt.timedelta(days=30),
            note=SECRETS["request"],
        )
        if answered:
            complement_receive(
                actor=officer,
                deficiency=deficiency,
                note=SECRETS["complement"],
                uploads=[SimpleUploadedFile(SECRETS["file"], PDF, "application/pdf")],
                by_provider=True,
            )
    followup.refresh_from_db()
    followup.status = FollowUp.Status.SHARED
    followup.outcome = outcome
    followup.proposed_outcome = outcome
    followup.outcome_reason = SECRETS["outcome_reason"]
    followup.completed_on = performed_on + dt.timedelta(days=20)
    followup.shared_on = performed_on + dt.timedelta(days=21)
    followup.save()
    return followup


def published_result(*, summary: str = SUMMARY, **kwargs: Any) -> Publication:
    """A shared follow-up (``shared_followup``) proposed by its officer and
    published by the central office."""
    followup = shared_followup(**kwargs)
    publication_propose(actor=None, followup=followup, summary=summary)
    return publication_publish(actor=None, followup=followup, summary=summary)
