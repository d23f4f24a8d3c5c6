"""Follow-ups as the portal shows them, made through the services."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from foljsam.findings import measures, services
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import protocol_followup
from foljsam.requirements.choices import AnswerType, Respondent
from foljsam.requirements.models import RequirementCategory, Section, TemplateVersion
from foljsam.requirements.services import question_save, version_publish
from foljsam.requirements.tests.factories import RequirementFactory, build_version

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf_upload(name: str = "rutin.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def complement_followup(
    *,
    organisation: Any,
    provider: Any = None,
    deficiencies: int = 1,
    sent: int = 0,
) -> FollowUp:
    """A follow-up awaiting complements on ``deficiencies`` deficiencies, of which
    the first ``sent`` already have the provider's complement with a file."""
    followup = protocol_followup(
        organisation=organisation, provider=provider, status="visited"
    )
    category = RequirementCategory.objects.get(code="rutiner")
    found = [
        services.deficiency_add(
            actor=None,
            followup=followup,
            category=category,
            severity="minor",
            description=f"Skriftlig rutin nummer {n} saknas.",
        )
        for n in range(1, deficiencies + 1)
    ]
    measures.complements_request(
        actor=None,
        followup=followup,
        deficiencies=found,
        due_on=measures.default_due_on(),
        note="Skicka den nya rutinen.",
    )
    for deficiency in found[:sent]:
        measures.complement_receive(
            actor=None,
            deficiency=deficiency,
            note="Ny rutin bifogas.",
            uploads=[pdf_upload()],
            by_provider=True,
        )
    followup.refresh_from_db()
    return followup


def mixed_version(code: str = "mall-blandad") -> TemplateVersion:
    """A published version with two questions for the manager and one for the
    staff."""
    version = build_version(
        code=code,
        sections=[("Rutiner", ["Finns rutin för hot och våld?", "Finns rutin?"])],
    )
    section = Section.objects.get(version=version)
    question_save(
        actor=None,
        section=section,
        text="Känner personalen till rutinen?",
        answer_type=AnswerType.YES_NO,
        respondent=Respondent.STAFF,
        requirement=RequirementFactory(),
    )
    return version_publish(actor=None, version=version)


def answer_followup(*, organisation: Any, provider: Any = None) -> FollowUp:
    """A follow-up being prepared, whose template asks the manager two questions
    and the staff one."""
    return protocol_followup(
        organisation=organisation,
        provider=provider,
        status="preparing",
        version=mixed_version(f"mall-svar-{FollowUp.objects.count()}"),
    )
