"""Screening campaigns as the tests need them, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from foljsam.accounts.models import Organisation, User
from foljsam.core.worker import run_pending
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)
from foljsam.requirements.choices import AnswerType, Purpose
from foljsam.requirements.choices import Respondent as Asked
from foljsam.requirements.models import Question, Section, TemplateVersion
from foljsam.requirements.services import question_save, version_publish
from foljsam.requirements.tests.factories import RequirementFactory, build_version
from foljsam.screening import answering, sending, services
from foljsam.screening.choices import Population
from foljsam.screening.models import Campaign, Respondent

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf_upload(name: str = "rutin.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def screening_version(code: str = "screening-test") -> TemplateVersion:
    """A published screening version: two yes/no questions, a number and a
    document request."""
    version = build_version(
        code=code,
        name="Screening missbruk",
        purpose=Purpose.SCREENING,
        sections=[
            ("Verksamheten", ["Har verksamheten IVO-tillstånd?", "Finns handledning?"])
        ],
    )
    section = Section.objects.get(version=version)
    question_save(
        actor=None,
        section=section,
        text="Hur många platser har verksamheten?",
        answer_type=AnswerType.NUMBER,
        respondent=Asked.MANAGER,
        requirement=RequirementFactory(),
    )
    question_save(
        actor=None,
        section=section,
        text="Rutin för hot och våld.",
        answer_type=AnswerType.DOCUMENT,
        respondent=Asked.MANAGER,
        requirement=RequirementFactory(),
    )
    return version_publish(actor=None, version=version)


def questions(version: TemplateVersion) -> list[Question]:
    return list(
        Question.objects.filter(version=version).order_by(
            "section__position", "position"
        )
    )


def population(
    *,
    area: ContractArea | None = None,
    providers: int = 3,
    signed_by: Organisation,
    district: Organisation | None = None,
    kind: str = Agreement.Kind.LOU,
    email: bool = True,
) -> tuple[ContractArea, list[Provider]]:
    """``providers`` providers in ``area``, each with one agreement in force and
    one unit (in ``district``)."""
    area = area or ContractAreaFactory(code="missbruk-vuxna", name="Missbruk vuxna")
    made = []
    for _n in range(providers):
        provider: Provider = ProviderFactory()
        if email:
            provider.contact_email = f"kontakt{provider.pk}@utforare.se"
            provider.save(update_fields=["contact_email"])
        unit: Unit = UnitFactory(
            provider=provider, **({"district": district} if district else {})
        )
        AgreementFactory(
            provider=provider,
            contract_area=area,
            kind=kind,
            signed_by=signed_by,
            units=[unit],
        )
        made.append(provider)
    return area, made


def campaign_input(**overrides: Any) -> services.CampaignInput:
    values: dict[str, Any] = {
        "name": "Screening missbruk 2026",
        "year": timezone.localdate().year,
        "template_version_id": None,
        "population": Population.AREAS,
        "contract_area_ids": [],
        "picked": "",
        "deadline": timezone.localdate() + dt.timedelta(days=30),
        "message": "Svara senast på förfallodagen.",
    }
    values.update(overrides)
    return services.CampaignInput(**values)


def draft_campaign(
    *, actor: Any, area: ContractArea, version: TemplateVersion | None = None
) -> Campaign:
    version = version or screening_version()
    return services.campaign_create(
        actor=actor,
        given=campaign_input(
            template_version_id=version.pk, contract_area_ids=[area.pk]
        ),
    )


def send(campaign: Campaign, actor: Any, capture: Any) -> Campaign:
    """Send through the worker, as in production."""
    with capture(execute=True):
        services.campaign_send(
            actor=actor, campaign=campaign, base_url="http://testserver"
        )
    run_pending()
    campaign.refresh_from_db()
    return campaign


def token_of(respondent: Respondent) -> str:
    respondent.refresh_from_db()
    token = services.token_for(respondent)
    assert token is not None
    return token


def answer_all(
    respondent: Respondent, *, not_met: bool = False, document: bool = True
) -> Respondent:
    """Answer every question and send in (``not_met``: the first yes/no is no)."""
    respondent.refresh_from_db()
    found = answering.content(respondent)
    answers = {}
    uploads: dict[int | None, list[Any]] = {}
    for n, row in enumerate(found.rows):
        kind = row.question.answer_type
        if kind == AnswerType.YES_NO:
            value = "no" if (not_met and n == 0) else "yes"
        elif kind == AnswerType.NUMBER:
            value = "12"
        elif kind == AnswerType.DOCUMENT:
            value = ""
            if document:
                uploads[row.question.pk] = [pdf_upload()]
        else:
            value = "Svar"
        answers[row.question.pk] = answering.proto.AnswerInput(value=value)
    return answering.answers_submit(
        respondent=respondent,
        revision=respondent.revision,
        answers=answers,
        uploads=uploads,
    )


def access_sides(
    *, actor: User, areas: list[Any], providers: list[Any], organisations: list[Any]
) -> dict[str, dict[str, int]]:
    """For the access matrix (tests/test_access.py): per side, a sent campaign
    (of the side's organisation) to the side's provider, whose link is live and
    holds a document; and a draft."""
    version = screening_version()
    document_question = next(
        q for q in questions(version) if q.answer_type == AnswerType.DOCUMENT
    )
    found: dict[str, dict[str, int]] = {
        "campaign": {},
        "draft_campaign": {},
        "respondent": {},
        "screening_document": {},
    }
    for side, area, owner, organisation in zip(
        "ab", areas, providers, organisations, strict=True
    ):
        owner.contact_email = f"kontakt-{side}@utforare.example.org"
        owner.save(update_fields=["contact_email"])
        for target in ("draft_campaign", "campaign"):
            campaign = draft_campaign(actor=actor, area=area, version=version)
            campaign.organisation = organisation
            campaign.save(update_fields=["organisation"])
            found[target][side] = campaign.pk
        # Sent as the worker would: the test's transaction never commits, so
        # the task queued after commit is run here by hand.
        services.campaign_send(
            actor=actor, campaign=campaign, base_url="http://testserver"
        )
        sending.send_links(campaign.pk, "http://testserver")
        respondent = campaign.respondents.get()
        answering.answers_save(
            respondent=respondent,
            revision=respondent.revision,
            answers={},
            uploads={document_question.pk: [pdf_upload()]},
        )
        found["respondent"][side] = respondent.pk
        found["screening_document"][side] = respondent.documents.get().pk
    return found
