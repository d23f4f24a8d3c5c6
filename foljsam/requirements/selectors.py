"""Every read of the catalogue and the templates that depends on who asks.

Each selector scopes through ``visible_to(user)`` and fetches what its page shows
in a fixed number of queries, however many questions a template has.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from foljsam.accounts.access import Viewer
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import VersionStatus
from foljsam.requirements.content import (
    CategoryDoc,
    Choice,
    QuestionDoc,
    RequirementDoc,
    SectionDoc,
    TemplateDoc,
)
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)


@dataclass(frozen=True)
class RequirementFilters:
    q: str = ""
    category: int | None = None
    contract_area: int | None = None
    source_kind: str = ""
    active: str = ""  # "", "yes", "no"


def requirement_list(
    *, user: Viewer, filters: RequirementFilters | None = None
) -> QuerySet[Requirement]:
    f = filters or RequirementFilters()
    rows = (
        Requirement.objects.visible_to(user)
        .select_related("category")
        .prefetch_related("contract_areas")
        .annotate(question_count=Count("questions", distinct=True))
    )
    if f.q:
        rows = rows.filter(
            Q(code__icontains=f.q) | Q(title__icontains=f.q) | Q(text__icontains=f.q)
        )
    if f.category:
        rows = rows.filter(category_id=f.category)
    if f.contract_area:
        rows = rows.filter(
            Q(contract_areas=f.contract_area) | Q(contract_areas__isnull=True)
        ).distinct()
    if f.source_kind:
        rows = rows.filter(source_kind=f.source_kind)
    if f.active in {"yes", "no"}:
        rows = rows.filter(is_active=f.active == "yes")
    return rows.order_by("category__position", "code")


def requirement_detail(*, user: Viewer, pk: int) -> Requirement:
    requirement = (
        Requirement.objects.visible_to(user)
        .select_related("category")
        .prefetch_related("contract_areas")
        .filter(pk=pk)
        .first()
    )
    if requirement is None:
        raise Http404
    return requirement


def requirement_usage(
    *, user: Viewer, requirement: Requirement
) -> list[TemplateVersion]:
    """The versions the user may see whose questions check this requirement."""
    return list(
        TemplateVersion.objects.visible_to(user)
        .filter(questions__requirement=requirement)
        .select_related("template")
        .distinct()
        .order_by("template__name", "-number")
    )


def category_choices(*, user: Viewer) -> QuerySet[RequirementCategory]:
    return RequirementCategory.objects.visible_to(user)


@dataclass(frozen=True)
class TemplateFilters:
    q: str = ""
    purpose: str = ""
    contract_area: int | None = None


def template_list(
    *, user: Viewer, filters: TemplateFilters | None = None
) -> QuerySet[Template]:
    f = filters or TemplateFilters()
    versions = TemplateVersion.objects.visible_to(user).order_by("-number")
    rows = (
        Template.objects.visible_to(user)
        .prefetch_related("contract_areas", Prefetch("versions", queryset=versions))
        .annotate(
            published_number=Max(
                "versions__number",
                filter=Q(versions__status=VersionStatus.PUBLISHED),
            )
        )
    )
    if f.q:
        rows = rows.filter(Q(name__icontains=f.q) | Q(code__icontains=f.q))
    if f.purpose:
        rows = rows.filter(purpose=f.purpose)
    if f.contract_area:
        rows = rows.filter(
            Q(contract_areas=f.contract_area) | Q(contract_areas__isnull=True)
        ).distinct()
    return rows.order_by("name")


def template_detail(*, user: Viewer, pk: int) -> Template:
    versions = (
        TemplateVersion.objects.visible_to(user)
        .select_related("published_by", "copied_from")
        .annotate(question_count=Count("questions"))
        .order_by("-number")
    )
    template = (
        Template.objects.visible_to(user)
        .prefetch_related("contract_areas", Prefetch("versions", queryset=versions))
        .filter(pk=pk)
        .first()
    )
    if template is None:
        raise Http404
    return template


def version_detail(*, user: Viewer, pk: int) -> TemplateVersion:
    """A version with its sections and questions, ready to show."""
    questions = Question.objects.select_related(
        "requirement", "requirement__category"
    ).order_by("position", "id")
    sections = Section.objects.prefetch_related(
        Prefetch("questions", queryset=questions)
    ).order_by("position", "id")
    version = (
        TemplateVersion.objects.visible_to(user)
        .select_related("template", "published_by", "copied_from")
        .prefetch_related(
            "template__contract_areas", Prefetch("sections", queryset=sections)
        )
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404
    return version


def versions_for_new_followups(
    *,
    user: Viewer,
    purpose: str | None = None,
    contract_area: ContractArea | None = None,
) -> QuerySet[TemplateVersion]:
    """What a new follow-up may use: published versions, never drafts or retired
    ones. A template for no particular contract area serves every area."""
    rows = (
        TemplateVersion.objects.visible_to(user)
        .filter(status=VersionStatus.PUBLISHED)
        .select_related("template")
    )
    if purpose:
        rows = rows.filter(template__purpose=purpose)
    if contract_area is not None:
        rows = rows.filter(
            Q(template__contract_areas=contract_area)
            | Q(template__contract_areas__isnull=True)
        ).distinct()
    return rows.order_by("template__name", "-number")


def version_content(version: TemplateVersion) -> TemplateDoc:
    """The version as plain data (see ``content.TemplateDoc``): five queries,
    whatever its size."""
    template = Template.objects.prefetch_related("contract_areas").get(
        pk=version.template_id
    )
    sections = list(Section.objects.filter(version=version).order_by("position", "id"))
    questions = list(
        Question.objects.filter(version=version).order_by("position", "id")
    )
    used = {q.requirement_id for q in questions if q.requirement_id is not None}
    requirements = list(
        Requirement.objects.filter(pk__in=used)
        .select_related("category")
        .prefetch_related("contract_areas")
        .order_by("code")
    )
    by_pk = {r.pk: r for r in requirements}
    by_section: dict[int, list[QuestionDoc]] = {s.pk: [] for s in sections}
    for q in questions:
        requirement = by_pk.get(q.requirement_id) if q.requirement_id else None
        by_section[q.section_id].append(
            QuestionDoc(
                uid=str(q.uid),
                text=q.text,
                help_text=q.help_text,
                answer_type=q.answer_type,
                required=q.required,
                respondent=q.respondent,
                requirement=requirement.code if requirement else "",
                choices=tuple(
                    Choice(str(c["value"]), str(c["label"])) for c in q.choices
                ),
                not_met_answers=tuple(q.not_met_answers),
            )
        )
    categories = {r.category.code: r.category.name for r in requirements}
    return TemplateDoc(
        code=template.code,
        name=template.name,
        purpose=template.purpose,
        description=template.description,
        contract_areas=tuple(sorted(a.code for a in template.contract_areas.all())),
        number=version.number,
        status=version.status,
        note=version.note,
        published_at=version.published_at.isoformat() if version.published_at else None,
        checksum=version.checksum,
        sections=tuple(
            SectionDoc(
                uid=str(s.uid),
                title=s.title,
                intro=s.intro,
                questions=tuple(by_section[s.pk]),
            )
            for s in sections
        ),
        requirements=tuple(
            RequirementDoc(
                code=r.code,
                title=r.title,
                text=r.text,
                guidance=r.guidance,
                source_kind=r.source_kind,
                source_reference=r.source_reference,
                category=r.category.code,
                contract_areas=tuple(sorted(a.code for a in r.contract_areas.all())),
                is_active=r.is_active,
            )
            for r in requirements
        ),
        categories=tuple(
            CategoryDoc(code, name) for code, name in sorted(categories.items())
        ),
    )


def section_detail(*, user: Viewer, pk: int) -> Section:
    section = (
        Section.objects.visible_to(user)
        .select_related("version__template")
        .filter(pk=pk)
        .first()
    )
    if section is None:
        raise Http404
    return section


def question_detail(*, user: Viewer, pk: int) -> Question:
    question = (
        Question.objects.visible_to(user)
        .select_related("version__template", "section", "requirement")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    return question


def version_by_code(
    *, user: Viewer, code: str, number: int | None = None
) -> TemplateVersion | None:
    """A template's version by the template's code: the numbered one, or else the
    one in use (the newest published), or else the newest of all."""
    versions = TemplateVersion.objects.visible_to(user).filter(template__code=code)
    if number is not None:
        return versions.filter(number=number).first()
    return (
        versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
        or versions.order_by("-number").first()
    )
