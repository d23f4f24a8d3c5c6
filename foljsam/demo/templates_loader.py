"""Load the demo city's requirement catalogue and templates (issue 4) through the
services, as an author in the editor would, and publish each template's first
version; the daily-activity protocol also gets a version 2 draft, so that the
demo shows a draft and a comparison of versions.

Idempotent: a requirement whose code exists is reused as it stands (the city may
have edited it), and a template whose code exists is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from foljsam.demo.requirements_content import REQUIREMENTS, Req
from foljsam.demo.screening_content import FINANCIAL_REQUIREMENTS, OTHER_TEMPLATES
from foljsam.demo.template_types import Q, T
from foljsam.demo.templates_common_content import VISIT_PROTOCOLS_COMMON
from foljsam.demo.templates_content import (
    DAGLIG_VERKSAMHET,
    DV_DOCUMENTATION,
    DV_DOCUMENTATION_TO,
    DV_RESTRAINT,
    DV_RESTRAINT_V2,
    DV_RESTRAINT_V2_HELP,
    DV_V2_NOTE,
    DV_VIOLENCE,
    DV_VIOLENCE_TO,
    VISIT_PROTOCOLS_LOV,
)
from foljsam.demo.templates_lou_content import VISIT_PROTOCOLS_LOU
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import CHOICE_TYPES
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.services import (
    choices_from_lines,
    question_save,
    requirement_save,
    section_save,
    template_create,
    version_copy,
    version_publish,
    version_update_note,
)

ALL_REQUIREMENTS: tuple[Req, ...] = (*REQUIREMENTS, *FINANCIAL_REQUIREMENTS)
ALL_TEMPLATES: tuple[T, ...] = (
    *VISIT_PROTOCOLS_LOV,
    *VISIT_PROTOCOLS_COMMON,
    *VISIT_PROTOCOLS_LOU,
    *OTHER_TEMPLATES,
)


def _areas(codes: Iterable[str], found: dict[str, ContractArea]) -> list[ContractArea]:
    missing = sorted(set(codes) - set(found))
    if missing:
        raise RuntimeError(f"The demo city has no contract area {', '.join(missing)}.")
    return [found[code] for code in codes]


def _requirements(areas: dict[str, ContractArea]) -> dict[str, Requirement]:
    """Every demo requirement, created where its code is new."""
    existing = Requirement.objects.in_bulk(
        [r.code for r in ALL_REQUIREMENTS], field_name="code"
    )
    categories = RequirementCategory.objects.in_bulk(field_name="code")
    result: dict[str, Requirement] = {}
    for req in ALL_REQUIREMENTS:
        if req.code in existing:
            result[req.code] = existing[req.code]
            continue
        if req.category not in categories:
            raise RuntimeError(f"The requirement category {req.category} is missing.")
        result[req.code] = requirement_save(
            actor=None,
            requirement=Requirement(
                code=req.code,
                title=req.title,
                text=req.text,
                guidance=req.guidance,
                source_kind=req.source_kind,
                source_reference=req.source_reference,
                category=categories[req.category],
            ),
            contract_areas=_areas(req.areas, areas),
        )
    return result


def _add_question(
    section: Section, q: Q, requirements: dict[str, Requirement]
) -> Question:
    choices = choices_from_lines("\n".join(q.choices))
    not_met: list[str] | None = None
    if q.not_met is not None:
        if q.answer_type in CHOICE_TYPES:
            value = {c["label"]: c["value"] for c in choices}
            not_met = [value[label] for label in q.not_met]
        else:
            not_met = list(q.not_met)
    return question_save(
        actor=None,
        section=section,
        text=q.text,
        help_text=q.help,
        answer_type=q.answer_type,
        required=q.required,
        respondent=q.respondent,
        requirement=requirements[q.requirement],
        choices=choices,
        not_met_answers=not_met,
    )


def _build(
    template: T,
    requirements: dict[str, Requirement],
    areas: dict[str, ContractArea],
) -> TemplateVersion:
    version = template_create(
        actor=None,
        code=template.code,
        name=template.name,
        purpose=template.purpose,
        description=template.description,
        contract_areas=_areas(template.areas, areas),
    )
    if template.note:
        version = version_update_note(actor=None, version=version, note=template.note)
    for s in template.sections:
        section = section_save(
            actor=None, version=version, title=s.title, intro=s.intro
        )
        for q in s.questions:
            _add_question(section, q, requirements)
    return version


def _daily_activity_v2(
    published: TemplateVersion, requirements: dict[str, Requirement]
) -> TemplateVersion:
    """Version 2 of the daily-activity protocol, left a draft: one question
    reworded, one added (the city's programme against violence in close
    relationships, which seed 004 found unknown to some providers) and one
    moved to another section."""
    draft = version_copy(actor=None, version=published)
    draft = version_update_note(actor=None, version=draft, note=DV_V2_NOTE)
    sections = {s.title: s for s in Section.objects.filter(version=draft)}
    restraint = Question.objects.get(version=draft, text=DV_RESTRAINT)
    question_save(
        actor=None,
        section=restraint.section,
        question=restraint,
        text=DV_RESTRAINT_V2,
        help_text=DV_RESTRAINT_V2_HELP,
        answer_type=restraint.answer_type,
        required=restraint.required,
        respondent=restraint.respondent,
        requirement=restraint.requirement,
        not_met_answers=restraint.not_met_answers,
    )
    _add_question(sections[DV_VIOLENCE_TO], DV_VIOLENCE, requirements)
    documentation = Question.objects.get(version=draft, text=DV_DOCUMENTATION)
    question_save(
        actor=None,
        section=sections[DV_DOCUMENTATION_TO],
        question=documentation,
        text=documentation.text,
        help_text=documentation.help_text,
        answer_type=documentation.answer_type,
        required=documentation.required,
        respondent=documentation.respondent,
        requirement=documentation.requirement,
        not_met_answers=documentation.not_met_answers,
    )
    return draft


def load_templates() -> int:
    """The demo requirements and templates; returns how many templates were
    created (0 on a second run)."""
    with transaction.atomic():
        areas = ContractArea.objects.in_bulk(field_name="code")
        requirements = _requirements(areas)
        existing = set(
            Template.objects.filter(
                code__in=[t.code for t in ALL_TEMPLATES]
            ).values_list("code", flat=True)
        )
        created = 0
        for template in ALL_TEMPLATES:
            if template.code in existing:
                continue
            published = version_publish(
                actor=None, version=_build(template, requirements, areas)
            )
            if template is DAGLIG_VERKSAMHET:
                _daily_activity_v2(published, requirements)
            created += 1
        return created
