from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability, can
from foljsam.accounts.roles import Role
from foljsam.core.history import TrackedQuerySet
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


class OrganisationQuerySet(TrackedQuerySet["Organisation"]):
    def visible_to(self, user: Any) -> OrganisationQuerySet:
        """The city's organisations are for those who read the registry."""
        return self if can(user, Capability.READ_REGISTRY) else self.none()


class Organisation(TimeStampedModel):
    """A part of the city that signs agreements, runs units or does follow-ups."""

    Kind = OrganisationKind

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

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


class TrackedUserManager(UserManager["User"]):
    """Django's user manager (create_user …) on a queryset that keeps history."""

    def get_queryset(self) -> TrackedQuerySet[User]:
        return TrackedQuerySet(self.model, using=self._db)


class User(AbstractUser):
    """A person who logs in: belongs to one organisation of the city, or, as a
    provider user, to one provider."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    # Named by string: accounts never imports the registry; the link is data.
    provider = models.ForeignKey(
        "registry.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Only for provider users: the provider they answer for."),
    )
    oidc_subject = models.CharField(
        _("identity at the city's identity provider"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
    )

    objects: ClassVar[TrackedUserManager] = TrackedUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Another user has this e-mail address."),
            ),
        ]

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The user's roles; prefetch ``role_grants`` to read them without a query."""
        if not self.pk:
            return frozenset()
        return frozenset(Role(grant.role) for grant in self.role_grants.all())

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


class UserRole(models.Model):
    """One role of one user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    objects = TrackedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="user_role_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class UserSession(models.Model):
    """A session a user logged in with, so that deactivating the user can end every
    one of them (accounts/sessions.py). Written on login, deleted on logout; not a
    domain record, so it keeps no history."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="login_sessions",
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("logged in at"), auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
