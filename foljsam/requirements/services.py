"""Every change to the catalogue and the templates goes through a function here.

The rule they keep (issue 4, seeds 001 and 002): all providers are judged against
the same questions, whatever their regime ("Uppföljningen genomförs enligt
gemensam mall och metod", seed 002), so a version that may have been used is
never changed: a new version is made by copying it. The models refuse such a
change too (``FrozenVersionError``); the services refuse it first, in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.models import User
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.registry.models import ContractArea
from foljsam.requirements import events
from foljsam.requirements.checks import blocking, check_version
from foljsam.requirements.choices import CHOICE_TYPES, DEFAULT_NOT_MET, VersionStatus
from foljsam.requirements.content import content_checksum
from foljsam.requirements.models import (
    Question,
    Requirement,
    Section,
    Template,
    TemplateVersion,
)
from foljsam.requirements.selectors import version_content


def _locked_draft(version: TemplateVersion) -> TemplateVersion:
    """The version, locked for this transaction; refused unless a draft."""
    locked = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ValidationError(
            _(
                "Version %(number)d is published and can no longer change. Make a "
                "new version by copying it."
            )
            % {"number": locked.number}
        )
    return locked


# Requirements -------------------------------------------------------------------


@transaction.atomic
def requirement_save(
    *,
    actor: User | None,
    requirement: Requirement,
    contract_areas: Iterable[ContractArea] | None = None,
) -> Requirement:
    """Create or change a requirement. One that a published version uses keeps its
    code, title, text and source: what was asked must stay readable as it was.
    Its guidance, category, contract areas and use may change."""
    changed = requirement.frozen_changes()
    if changed:
        labels = [
            str(getattr(Requirement._meta.get_field(f), "verbose_name", f))
            for f in changed
        ]
        raise ValidationError(
            {
                field: _(
                    "A published template version uses this requirement, so its "
                    "%(fields)s cannot change. Add a new requirement instead, and "
                    "take this one out of use."
                )
                % {"fields": ", ".join(labels)}
                for field in changed
            }
        )
    requirement.full_clean()
    stamp_history(requirement, actor)
    requirement.save()
    if contract_areas is not None:
        requirement.contract_areas.set(contract_areas)
    return requirement


# Templates and versions ---------------------------------------------------------


@transaction.atomic
def template_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    purpose: str,
    description: str = "",
    contract_areas: Iterable[ContractArea] = (),
) -> TemplateVersion:
    """A new template, with an empty draft as its version 1."""
    template = Template(code=code, name=name, purpose=purpose, description=description)
    template.full_clean()
    stamp_history(template, actor)
    template.save()
    template.contract_areas.set(contract_areas)
    version = TemplateVersion(template=template, number=1)
    stamp_history(version, actor)
    version.save()
    event_record(
        actor=actor,
        action=events.TEMPLATE_CREATED,
        target=template,
        data={"number": 1},
    )
    return version


@transaction.atomic
def template_update(
    *,
    actor: User | None,
    template: Template,
    contract_areas: Iterable[ContractArea] | None = None,
) -> Template:
    """Name, description and contract areas; the code is the template's identity
    between cities and does not change here."""
    template.full_clean()
    stamp_history(template, actor)
    template.save()
    if contract_areas is not None:
        template.contract_areas.set(contract_areas)
    return template


@transaction.atomic
def version_update_note(
    *, actor: User | None, version: TemplateVersion, note: str
) -> TemplateVersion:
    locked = _locked_draft(version)
    locked.note = note.strip()
    stamp_history(locked, actor)
    locked.save(update_fields=["note", "updated_at"])
    return locked


@transaction.atomic
def version_publish(*, actor: User | None, version: TemplateVersion) -> TemplateVersion:
    """Publish a draft after the checks (``checks.check_version``) find no error;
    freeze it with the checksum of its content. The template's earlier published
    version is retired at the same moment: new follow-ups use the new one, and
    those that used the old one keep it."""
    locked = _locked_draft(version)
    doc = version_content(locked)
    errors = blocking(check_version(doc))
    if errors:
        raise ValidationError(
            [f"{problem.where}: {problem.message}" for problem in errors]
        )
    now = timezone.now()
    retired = []
    for older in TemplateVersion.objects.select_for_update().filter(
        template_id=locked.template_id, status=VersionStatus.PUBLISHED
    ):
        older.status = VersionStatus.RETIRED
        older.retired_at = now
        stamp_history(older, actor, f"superseded by version {locked.number}")
        older.save(update_fields=["status", "retired_at", "updated_at"])
        retired.append(older.number)
    locked.status = VersionStatus.PUBLISHED
    locked.published_at = now
    locked.published_by = actor
    locked.checksum = content_checksum(doc)
    stamp_history(locked, actor)
    locked.save(
        update_fields=[
            "status",
            "published_at",
            "published_by",
            "checksum",
            "updated_at",
        ]
    )
    event_record(
        actor=actor,
        action=events.VERSION_PUBLISHED,
        target=locked.template,
        data={"number": locked.number, "checksum": locked.checksum, "retired": retired},
    )
    return locked


@transaction.atomic
def version_retire(*, actor: User | None, version: TemplateVersion) -> TemplateVersion:
    """Hide a published version from new follow-ups; follow-ups that used it keep
    it, and it stays readable."""
    locked = TemplateVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Only a published version can be retired."))
    locked.status = VersionStatus.RETIRED
    locked.retired_at = timezone.now()
    stamp_history(locked, actor)
    locked.save(update_fields=["status", "retired_at", "updated_at"])
    event_record(
        actor=actor,
        action=events.VERSION_RETIRED,
        target=locked.template,
        data={"number": locked.number},
    )
    return locked


def _copy_content(source: TemplateVersion, target: TemplateVersion) -> None:
    """Copy sections and questions, keeping their identifiers: the same question
    in two versions is recognisably the same (for the comparison, and for
    following a question's answers over the years)."""
    section_map: dict[int, Section] = {}
    for section in Section.objects.filter(version=source).order_by("position", "id"):
        copy = Section(
            version=target,
            uid=section.uid,
            position=section.position,
            title=section.title,
            intro=section.intro,
        )
        copy.save()
        section_map[section.pk] = copy
    for question in Question.objects.filter(version=source).order_by("position", "id"):
        Question(
            version=target,
            section=section_map[question.section_id],
            uid=question.uid,
            position=question.position,
            text=question.text,
            help_text=question.help_text,
            answer_type=question.answer_type,
            required=question.required,
            respondent=question.respondent,
            requirement_id=question.requirement_id,
            choices=question.choices,
            not_met_answers=question.not_met_answers,
        ).save()


@transaction.atomic
def version_copy(*, actor: User | None, version: TemplateVersion) -> TemplateVersion:
    """A new draft with the content of ``version``, numbered after the template's
    last version. A template has one draft at a time."""
    template = Template.objects.select_for_update().get(pk=version.template_id)
    if TemplateVersion.objects.filter(
        template=template, status=VersionStatus.DRAFT
    ).exists():
        raise ValidationError(
            _("The template already has a draft; finish or delete it first.")
        )
    last = TemplateVersion.objects.filter(template=template).aggregate(n=Max("number"))
    draft = TemplateVersion(
        template=template, number=(last["n"] or 0) + 1, copied_from=version
    )
    stamp_history(draft, actor)
    draft.save()
    _copy_content(version, draft)
    event_record(
        actor=actor,
        action=events.VERSION_COPIED,
        target=template,
        data={"number": draft.number, "copied_from": version.number},
    )
    return draft


@transaction.atomic
def version_delete_draft(
    *, actor: User | None, version: TemplateVersion
) -> Template | None:
    """Throw a draft away. A template left with no version goes with it."""
    locked = _locked_draft(version)
    template = locked.template
    number = locked.number
    Question.objects.filter(version=locked).delete()
    Section.objects.filter(version=locked).delete()
    locked.delete()
    event_record(
        actor=actor,
        action=events.VERSION_DELETED,
        target=template,
        data={"number": number},
    )
    if not TemplateVersion.objects.filter(template=template).exists():
        stamp_history(template, actor)
        template.delete()
        return None
    return template


# Sections -----------------------------------------------------------------------


def _renumber(
    items: Sequence[Section] | Sequence[Question], actor: User | None
) -> None:
    for position, item in enumerate(items, 1):
        if item.position != position:
            item.position = position
            stamp_history(item, actor)
            item.save(update_fields=["position", "updated_at"])


@transaction.atomic
def section_save(
    *,
    actor: User | None,
    version: TemplateVersion,
    section: Section | None = None,
    title: str,
    intro: str = "",
) -> Section:
    """Add a section at the end of a draft, or change one."""
    locked = _locked_draft(version)
    if section is None:
        last = Section.objects.filter(version=locked).aggregate(n=Max("position"))
        section = Section(version=locked, position=(last["n"] or 0) + 1)
    elif section.version_id != locked.pk:
        raise ValidationError(_("The section belongs to another version."))
    section.title = title.strip()
    section.intro = intro.strip()
    section.full_clean()
    stamp_history(section, actor)
    section.save()
    return section


@transaction.atomic
def section_move(*, actor: User | None, section: Section, offset: int) -> Section:
    """Move a section up (-1) or down (+1) among its version's sections."""
    _locked_draft(section.version)
    sections = list(
        Section.objects.filter(version_id=section.version_id).order_by("position", "id")
    )
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = index + offset
    if 0 <= target < len(sections):
        sections.insert(target, sections.pop(index))
    _renumber(sections, actor)
    return section


@transaction.atomic
def section_delete(*, actor: User | None, section: Section) -> None:
    """Delete a section and its questions from a draft."""
    locked = _locked_draft(section.version)
    for question in Question.objects.filter(section=section):
        stamp_history(question, actor)
        question.delete()
    stamp_history(section, actor)
    section.delete()
    _renumber(
        list(Section.objects.filter(version=locked).order_by("position", "id")), actor
    )


# Questions ----------------------------------------------------------------------


def choices_from_lines(
    text: str, previous: Sequence[dict[str, str]] = ()
) -> list[dict[str, str]]:
    """Choices from one label per line. A label that was there before keeps its
    value, so that renaming one choice does not rename the others' answers; a new
    one gets the next free value (c1, c2, …)."""
    kept = {c["label"]: c["value"] for c in previous}
    used = {c["value"] for c in previous}
    result: list[dict[str, str]] = []
    counter = 1
    for line in text.splitlines():
        label = line.strip()
        if not label or any(c["label"] == label for c in result):
            continue
        value = kept.get(label)
        if value is None or any(c["value"] == value for c in result):
            while f"c{counter}" in used:
                counter += 1
            value = f"c{counter}"
            used.add(value)
        result.append({"value": value, "label": label})
    return result


@transaction.atomic
def question_save(
    *,
    actor: User | None,
    section: Section,
    question: Question | None = None,
    text: str,
    help_text: str = "",
    answer_type: str,
    required: bool = True,
    respondent: str,
    requirement: Requirement | None,
    choices: Sequence[dict[str, str]] = (),
    not_met_answers: Sequence[str] | None = None,
) -> Question:
    """Add a question at the end of a section, or change one (moving it to
    ``section`` if that is another of the draft's sections). Unless the author
    says, "no" and "partly" mean not met for a yes/no question, and a missing
    document for a document request."""
    locked = _locked_draft(section.version)
    if question is None:
        question = Question(version=locked, section=section, position=0)
    elif question.version_id != locked.pk:
        raise ValidationError(_("The question belongs to another version."))
    moved = question.pk is None or question.section_id != section.pk
    if moved:
        last = Question.objects.filter(section=section).aggregate(n=Max("position"))
        question.position = (last["n"] or 0) + 1
    old_section_id = question.section_id
    question.section = section
    question.text = text.strip()
    question.help_text = help_text.strip()
    question.answer_type = answer_type
    question.required = required
    question.respondent = respondent
    question.requirement = requirement
    question.choices = list(choices) if answer_type in CHOICE_TYPES else []
    if not_met_answers is None:
        not_met_answers = DEFAULT_NOT_MET.get(answer_type, ())
    question.not_met_answers = [
        answer
        for answer in not_met_answers
        if answer in {value for value, _label in question.answer_options}
    ]
    question.full_clean(exclude=["version", "section"])
    stamp_history(question, actor)
    question.save()
    if moved and old_section_id and old_section_id != section.pk:
        _renumber(
            list(
                Question.objects.filter(section_id=old_section_id).order_by(
                    "position", "id"
                )
            ),
            actor,
        )
    return question


@transaction.atomic
def question_move(*, actor: User | None, question: Question, offset: int) -> Question:
    """Move a question up (-1) or down (+1). At the top or bottom of its section
    it goes on into the section before or after, so a keyboard user can take a
    question anywhere with the two buttons."""
    _locked_draft(question.version)
    siblings = list(
        Question.objects.filter(section_id=question.section_id).order_by(
            "position", "id"
        )
    )
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    target = index + offset
    if 0 <= target < len(siblings):
        siblings.insert(target, siblings.pop(index))
        _renumber(siblings, actor)
        return question
    sections = list(
        Section.objects.filter(version_id=question.version_id).order_by(
            "position", "id"
        )
    )
    s_index = next(i for i, s in enumerate(sections) if s.pk == question.section_id)
    s_target = s_index + offset
    if not 0 <= s_target < len(sections):
        return question  # already first or last in the template
    destination = sections[s_target]
    others = list(
        Question.objects.filter(section=destination).order_by("position", "id")
    )
    siblings.pop(index)
    question.section = destination
    others = [question, *others] if offset > 0 else [*others, question]
    question.position = 0
    stamp_history(question, actor)
    question.save(update_fields=["section", "position", "updated_at"])
    _renumber(others, actor)
    _renumber(siblings, actor)
    return question


@transaction.atomic
def question_delete(*, actor: User | None, question: Question) -> None:
    _locked_draft(question.version)
    section_id = question.section_id
    stamp_history(question, actor)
    question.delete()
    _renumber(
        list(Question.objects.filter(section_id=section_id).order_by("position", "id")),
        actor,
    )
