from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from foljsam.core.models import TimeStampedModel

CODE_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
code_validator = RegexValidator(
    CODE_PATTERN,
    _(
        "Use lower-case letters a-z, digits, '-', '_' or '.', starting with a "
        "letter or digit."
    ),
)


class OrganisationKind(models.TextChoices):
    CENTRAL_OFFICE = "central_office", _("Central office")
    DISTRICT_OFFICE = "district_office", _("District office")
    EDUCATION_OFFICE = "education_office", _("Education office")
    OTHER = "other", _("Other organisation")


class Organisation(TimeStampedModel):
    """A part of the city that signs agreements, runs units or does follow-ups."""

    Kind = OrganisationKind

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
            # "The central office" must mean one organisation: responsibility
            # rules name it by kind, not by code.
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="central_office"),
                name="organisation_one_central_office",
                violation_error_message=_(
                    "Only one organisation can be the central office."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(code=""), name="organisation_code_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Belongs to at most one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
