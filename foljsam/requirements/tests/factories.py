"""Building templates for tests: through the services, as the editor does."""

from __future__ import annotations

from collections.abc import Sequence

import factory
from factory.django import DjangoModelFactory

from foljsam.requirements.choices import AnswerType, Purpose, Respondent, SourceKind
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    TemplateVersion,
)
from foljsam.requirements.services import question_save, section_save, template_create


class RequirementFactory(DjangoModelFactory[Requirement]):
    class Meta:
        model = Requirement
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"krav-{n}")
    title = factory.Sequence(lambda n: f"Krav {n}")
    text = "Utföraren ska ha en skriftlig rutin."
    source_kind = SourceKind.TENDER_DOCUMENT
    source_reference = "Förfrågningsunderlag avsnitt 5"
    category = factory.LazyFunction(
        lambda: RequirementCategory.objects.get(code="rutiner")
    )


def build_version(
    *,
    code: str = "mall-dv",
    name: str = "Uppföljning daglig verksamhet",
    purpose: str = Purpose.VISIT_PROTOCOL,
    sections: Sequence[tuple[str, Sequence[str]]] = (
        ("Rutiner", ("Finns rutin för hot och våld?", "Finns rutin för Lex Sarah?")),
        ("Personal", ("Har personalen extern handledning?",)),
    ),
) -> TemplateVersion:
    """A draft with yes/no questions, each checking a requirement of its own."""
    version = template_create(actor=None, code=code, name=name, purpose=purpose)
    for title, questions in sections:
        section = section_save(actor=None, version=version, title=title)
        for text in questions:
            question_save(
                actor=None,
                section=section,
                text=text,
                answer_type=AnswerType.YES_NO,
                respondent=Respondent.MANAGER,
                requirement=RequirementFactory(),
            )
    return version


def first_question(version: TemplateVersion) -> Question:
    return Question.objects.filter(version=version).order_by(
        "section__position", "position"
    )[0]


def first_section(version: TemplateVersion) -> Section:
    return Section.objects.filter(version=version).order_by("position")[0]
