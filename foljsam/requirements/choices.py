"""The closed lists of the requirement catalogue and the templates (issue 4)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    """Where a requirement comes from: seed 001 puts the mission description of the
    city's own units on a par with the tender documents of private ones."""

    TENDER_DOCUMENT = "tender_document", _("Tender document")
    MISSION_DESCRIPTION = "mission_description", _("Mission description")
    STATUTE = "statute", _("Statute")
    CITY_POLICY = "city_policy", _("City programme or policy")


class Purpose(models.TextChoices):
    VISIT_PROTOCOL = "visit_protocol", _("Visit protocol (site or digital)")
    SCREENING = "screening", _("Self-report / screening questionnaire")
    USER_QUALITY = "user_quality", _("Quality questions to users")
    FINANCIAL_CHECK = "financial_check", _("Financial and seriousness check")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", _("Yes / no / partly / not applicable")
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    DOCUMENT = "document", _("Document request")


class YesNo(models.TextChoices):
    """The answers of a yes/no question."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    PARTLY = "partly", _("Partly")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DocumentAnswer(models.TextChoices):
    """What a document request can come to."""

    RECEIVED = "received", _("Received")
    MISSING = "missing", _("Not received")


class Respondent(models.TextChoices):
    """Who is asked. Users are asked as a group, never named (seed 004: "utifrån
    samtycke ställdes även ett fåtal frågor till enskilda")."""

    MANAGER = "manager", _("Manager")
    STAFF = "staff", _("Staff")
    USERS = "users", _("Users")


CHOICE_TYPES = frozenset({AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE})

# The answers that can mean "requirement not met", for the types that have fixed
# answers; a choice question's are its own choices; free answers have none.
FIXED_ANSWERS: dict[str, type[models.TextChoices]] = {
    AnswerType.YES_NO: YesNo,
    AnswerType.DOCUMENT: DocumentAnswer,
}

# What a new question of a type counts as "not met" unless the author says otherwise.
DEFAULT_NOT_MET: dict[str, tuple[str, ...]] = {
    AnswerType.YES_NO: (YesNo.NO, YesNo.PARTLY),
    AnswerType.DOCUMENT: (DocumentAnswer.MISSING,),
}
