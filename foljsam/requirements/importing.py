"""Importing a shared template (the JSON exchange format, ``exchange.py``).

All or nothing, like the registry import: every problem in the file and against
the city's own catalogue is found first, and only a file without any is written,
in one transaction. The template arrives as a draft, for the city to read and
publish itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.registry.models import ContractArea
from foljsam.requirements import events
from foljsam.requirements.content import TemplateDoc
from foljsam.requirements.exchange import ExchangeIssue, template_from_json
from foljsam.requirements.models import (
    Question,
    Requirement,
    RequirementCategory,
    Section,
    Template,
    TemplateVersion,
)


@dataclass
class TemplateImport:
    issues: list[ExchangeIssue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    doc: TemplateDoc | None = None
    version: TemplateVersion | None = None
    number: int | None = None  # the version number it gets (or would get)
    template_created: bool = False
    requirements_created: list[str] = field(default_factory=list)
    requirements_reused: list[str] = field(default_factory=list)
    categories_created: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues


def parse_template_file(
    content: bytes,
) -> tuple[TemplateDoc | None, list[ExchangeIssue]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, [ExchangeIssue("", _("The file is not UTF-8 text."))]
    except json.JSONDecodeError as error:
        return None, [
            ExchangeIssue(
                "",
                _("The file is not valid JSON (line %(line)d, column %(col)d): %(msg)s")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg},
            )
        ]
    return template_from_json(data)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {key: list(messages) for key, messages in error.message_dict.items()}
    return {"": list(error.messages)}


def _check(result: TemplateImport, obj: object, path: str, exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)  # type: ignore[attr-defined]
    except ValidationError as error:
        for key, messages in _messages(error).items():
            for message in messages:
                result.issues.append(
                    ExchangeIssue(
                        f"{path}.{key}" if key and key != "__all__" else path, message
                    )
                )


def template_import(
    *,
    actor: User | None,
    doc: TemplateDoc,
    dry_run: bool = False,
    source: str = "",
) -> TemplateImport:
    """Write a shared template as a new draft.

    Requirements are matched on their code: one the city already has is reused
    as it stands (the city's own text wins; a difference is told as a notice),
    one it lacks is added, with its category (matched on code the same way).
    Contract areas are matched on code; those the city does not have are left
    out, with a notice. A template the city has already (same code) gets the
    content as its next version; one it lacks is created.
    """
    result = TemplateImport(doc=doc)
    with transaction.atomic():
        categories = {c.code: c for c in RequirementCategory.objects.all()}
        requirements = {
            r.code: r for r in Requirement.objects.select_related("category")
        }
        areas = {a.code: a for a in ContractArea.objects.all()}
        template = Template.objects.select_for_update().filter(code=doc.code).first()

        def known_areas(codes: tuple[str, ...], path: str) -> list[ContractArea]:
            missing = [code for code in codes if code not in areas]
            if missing:
                result.notices.append(
                    _("%(path)s: the city has no contract area %(codes)s; left out.")
                    % {"path": path, "codes": ", ".join(missing)}
                )
            return [areas[code] for code in codes if code in areas]

        new_categories = []
        for index, category in enumerate(doc.categories, 1):
            if category.code in categories:
                continue
            category_row = RequirementCategory(
                code=category.code, name=category.name, position=100 + index
            )
            _check(result, category_row, f"categories[{index}]", [])
            new_categories.append(category_row)
        new_requirements = []
        for index, item in enumerate(doc.requirements, 1):
            path = f"requirements[{index}]"
            existing = requirements.get(item.code)
            if existing is not None:
                result.requirements_reused.append(item.code)
                if (existing.title, existing.text) != (item.title, item.text):
                    result.notices.append(
                        _(
                            "%(path)s: the city's requirement %(code)s reads "
                            "differently; the city's text is kept."
                        )
                        % {"path": path, "code": item.code}
                    )
                continue
            requirement_row = Requirement(
                code=item.code,
                title=item.title,
                text=item.text,
                guidance=item.guidance,
                source_kind=item.source_kind,
                source_reference=item.source_reference,
            )
            _check(result, requirement_row, path, ["category"])
            new_requirements.append(
                (requirement_row, item.category, known_areas(item.contract_areas, path))
            )
        if template is None:
            head = Template(
                code=doc.code,
                name=doc.name,
                purpose=doc.purpose,
                description=doc.description,
            )
            _check(result, head, "template", [])
        else:
            head = template
            if TemplateVersion.objects.filter(
                template=template, status="draft"
            ).exists():
                result.issues.append(
                    ExchangeIssue(
                        "template.code",
                        _(
                            "The template %(code)s already has a draft here; publish "
                            "or delete it before importing a new version."
                        )
                        % {"code": doc.code},
                    )
                )
            if template.purpose != doc.purpose:
                result.issues.append(
                    ExchangeIssue(
                        "template.purpose",
                        _("The template %(code)s has another purpose here (%(here)s).")
                        % {"code": doc.code, "here": template.get_purpose_display()},
                    )
                )
        template_areas = known_areas(doc.contract_areas, "template.contract_areas")
        for s_index, section in enumerate(doc.sections, 1):
            _check(
                result,
                Section(uid=section.uid, title=section.title, intro=section.intro),
                f"sections[{s_index}]",
                ["version"],
            )
        # What it comes to, told by a dry run as well as by the import itself.
        result.template_created = template is None
        result.categories_created = [c.code for c in new_categories]
        result.requirements_created = [r.code for r, _c, _a in new_requirements]
        last = 0
        if template is not None:
            versions = TemplateVersion.objects.filter(template=template)
            last = versions.aggregate(n=Max("number"))["n"] or 0
        result.number = last + 1
        if result.issues or dry_run:
            return result

        for category_row in new_categories:
            stamp_history(category_row, actor, source)
            category_row.save()
            categories[category_row.code] = category_row
        for requirement_row, category_code, row_areas in new_requirements:
            requirement_row.category = categories[category_code]
            stamp_history(requirement_row, actor, source)
            requirement_row.save()
            requirement_row.contract_areas.set(row_areas)
            requirements[requirement_row.code] = requirement_row
        if template is None:
            stamp_history(head, actor, source)
            head.save()
            head.contract_areas.set(template_areas)
        version = TemplateVersion(template=head, number=result.number, note=doc.note)
        stamp_history(version, actor, source)
        version.save()
        for s_position, section in enumerate(doc.sections, 1):
            section_row = Section(
                version=version,
                uid=section.uid,
                position=s_position,
                title=section.title,
                intro=section.intro,
            )
            stamp_history(section_row, actor, source)
            section_row.save()
            for q_position, question in enumerate(section.questions, 1):
                question_row = Question(
                    version=version,
                    section=section_row,
                    uid=question.uid,
                    position=q_position,
                    text=question.text,
                    help_text=question.help_text,
                    answer_type=question.answer_type,
                    required=question.required,
                    respondent=question.respondent,
                    requirement=requirements.get(question.requirement),
                    choices=[
                        {"value": c.value, "label": c.label} for c in question.choices
                    ],
                    not_met_answers=list(question.not_met_answers),
                )
                stamp_history(question_row, actor, source)
                question_row.save()
        event_record(
            actor=actor,
            action=events.TEMPLATE_IMPORTED,
            target=head,
            data={"number": version.number, "source": source},
        )
        result.version = version
        result.applied = True
    return result
