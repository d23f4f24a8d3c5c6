"""The requirement catalogue and the versioned follow-up templates (issue 4).

A template (uppföljningsmall) has numbered versions. A version is a draft while it
is being built and frozen from the moment it is published: its sections and
questions can no longer change, whatever the route (a service, the admin, the
ORM). Follow-ups (issue 6) point at a version, so what an officer answered stays
readable against the very questions they were asked.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.models import code_validator
from foljsam.core.models import TimeStampedModel
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import (
    CHOICE_TYPES,
    FIXED_ANSWERS,
    AnswerType,
    Purpose,
    Respondent,
    SourceKind,
    VersionStatus,
)
from foljsam.requirements.querysets import (
    CatalogueQuerySet,
    ContentQuerySet,
    FrozenVersionError,
    TemplateVersionQuerySet,
)


class RequirementCategory(TimeStampedModel):
    """A managed list (the admin keeps it): staff and competence, supervision,
    written routines and so on. Reports group deficiencies by it (issue 7)."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CatalogueQuerySet["RequirementCategory"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("requirement category")
        verbose_name_plural = _("requirement categories")

    def __str__(self) -> str:
        return self.name


# What a published version's questions show of a requirement; these cannot change
# while such a version uses it (see ``Requirement.save``).
REQUIREMENT_FROZEN_FIELDS = ("code", "title", "text", "source_kind", "source_reference")


class Requirement(TimeStampedModel):
    """One requirement a provider must meet: from a tender document, a mission
    description or a statute."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_("A short stable code, e.g. ska-klagomal."),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("requirement text"))
    guidance = models.TextField(
        _("guidance for the follow-up officer"),
        blank=True,
        help_text=_("What to look for, what to ask for, what is enough."),
    )
    source_kind = models.CharField(
        _("source"), max_length=24, choices=SourceKind.choices
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=200,
        blank=True,
        help_text=_(
            "The document and section, or the statute, e.g. "
            "“Förfrågningsunderlag avsnitt 5.3” or "
            "“14 kap. 1 § SoL”."
        ),
    )
    category = models.ForeignKey(
        RequirementCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    contract_areas = models.ManyToManyField(
        ContractArea,
        verbose_name=_("contract areas"),
        blank=True,
        related_name="requirements",
        help_text=_("Empty means every contract area."),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("A requirement no longer in use is not offered for new questions."),
    )

    objects = CatalogueQuerySet["Requirement"].as_manager()
    history = HistoricalRecords(m2m_fields=[contract_areas])

    class Meta:
        ordering = ["code"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(source_kind__in=SourceKind.values),
                name="requirement_source_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def frozen_changes(self) -> list[str]:
        """The frozen fields this unsaved state changes, when a published version
        uses the requirement; empty otherwise."""
        if self._state.adding:
            return []
        stored: dict[str, Any] | None = (
            Requirement.objects.filter(pk=self.pk)
            .values(*REQUIREMENT_FROZEN_FIELDS)
            .first()
        )
        if not stored:
            return []
        changed = [
            f for f in REQUIREMENT_FROZEN_FIELDS if stored[f] != getattr(self, f)
        ]
        if not changed:
            return []
        used = Question.objects.filter(requirement_id=self.pk).exclude(
            version__status=VersionStatus.DRAFT
        )
        return changed if used.exists() else []

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.frozen_changes():
            raise FrozenVersionError(
                f"Requirement {self.code} is used by a published template version."
            )
        super().save(*args, **kwargs)


class Template(TimeStampedModel):
    """Uppföljningsmall: one purpose, for one or more contract areas. Its content
    lives in its versions."""

    code = models.CharField(
        _("code"),
        max_length=60,
        unique=True,
        validators=[code_validator],
        help_text=_("A stable identifier, kept when the template is shared."),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    description = models.TextField(_("description"), blank=True)
    contract_areas = models.ManyToManyField(
        ContractArea,
        verbose_name=_("contract areas"),
        blank=True,
        related_name="templates",
        help_text=_("Empty means every contract area."),
    )

    objects = CatalogueQuerySet["Template"].as_manager()
    history = HistoricalRecords(m2m_fields=[contract_areas])

    class Meta:
        ordering = ["name"]
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=Purpose.values),
                name="template_purpose_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


# A published version's own fields that never change again; only its status (to
# retired and back) and the retirement stamp may.
VERSION_FROZEN_FIELDS = (
    "template_id",
    "number",
    "note",
    "published_at",
    "published_by_id",
    "checksum",
)


class TemplateVersion(TimeStampedModel):
    template = models.ForeignKey(
        Template,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
    )
    note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Shown in the version list; say what is new in this version."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    checksum = models.CharField(
        _("checksum"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the content as published."),
    )

    objects = TemplateVersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="template_version_number_unique",
                violation_error_message=_("The template already has this version."),
            ),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(status="draft"),
                name="template_one_draft",
                violation_error_message=_("The template already has a draft."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values),
                name="template_version_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="template_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = (
                TemplateVersion.objects.filter(pk=self.pk)
                .values("status", *VERSION_FROZEN_FIELDS)
                .first()
            )
            if stored is not None and stored["status"] != VersionStatus.DRAFT:
                changed = [
                    f for f in VERSION_FROZEN_FIELDS if stored[f] != getattr(self, f)
                ]
                if changed or self.status == VersionStatus.DRAFT:
                    raise FrozenVersionError(
                        f"Version {self.number} is published; it cannot change "
                        f"({', '.join(changed) or 'status'})."
                    )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if not TemplateVersion.objects.filter(
            pk=self.pk, status=VersionStatus.DRAFT
        ).exists():
            raise FrozenVersionError("Only a draft version can be deleted.")
        return super().delete(*args, **kwargs)


class VersionContent(TimeStampedModel):
    """Sections and questions: content of one version, frozen with it."""

    version = models.ForeignKey(
        TemplateVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    uid = models.UUIDField(
        _("identifier"),
        default=uuid.uuid4,
        help_text=_("Stable across versions and cities: the same question keeps it."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True

    def _require_draft(self, *version_ids: int | None) -> None:
        ids = {v for v in version_ids if v is not None}
        if (
            TemplateVersion.objects.filter(pk__in=ids)
            .exclude(status=VersionStatus.DRAFT)
            .exists()
        ):
            raise FrozenVersionError("A published template version cannot change.")

    def save(self, *args: Any, **kwargs: Any) -> None:
        stored_version = None
        if self.pk is not None:
            stored_version = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("version_id", flat=True)
                .first()
            )
        self._require_draft(self.version_id, stored_version)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._require_draft(self.version_id)
        return super().delete(*args, **kwargs)


class Section(VersionContent):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions.")
    )

    objects = ContentQuerySet["Section"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "uid"], name="section_uid_unique_in_version"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(VersionContent):
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(
        _("help text"), blank=True, help_text=_("Shown with the question.")
    )
    answer_type = models.CharField(
        _("answer type"),
        max_length=20,
        choices=AnswerType.choices,
        default=AnswerType.YES_NO,
    )
    required = models.BooleanField(_("required"), default=True)
    respondent = models.CharField(
        _("asked"),
        max_length=10,
        choices=Respondent.choices,
        default=Respondent.MANAGER,
    )
    requirement = models.ForeignKey(
        Requirement,
        verbose_name=_("requirement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("For choice questions: a list of {value, label}."),
    )
    not_met_answers = models.JSONField(
        _("answers that mean “requirement not met”"),
        default=list,
        blank=True,
    )

    objects = ContentQuerySet["Question"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "section__position", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "uid"], name="question_uid_unique_in_version"
            ),
            models.CheckConstraint(
                condition=Q(answer_type__in=AnswerType.values),
                name="question_answer_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(respondent__in=Respondent.values),
                name="question_respondent_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.section_id is not None and self.version_id is not None:
            section_version = (
                Section.objects.filter(pk=self.section_id)
                .values_list("version_id", flat=True)
                .first()
            )
            if section_version != self.version_id:
                raise ValueError("A question belongs to its section's version.")
        super().save(*args, **kwargs)

    @property
    def answer_options(self) -> list[tuple[str, str]]:
        """The fixed answers of this question (value, label): a yes/no question's,
        a document request's, or a choice question's own choices."""
        if self.answer_type in CHOICE_TYPES:
            return [(str(c["value"]), str(c["label"])) for c in self.choices]
        fixed = FIXED_ANSWERS.get(self.answer_type)
        return [(c.value, str(c.label)) for c in fixed] if fixed else []
