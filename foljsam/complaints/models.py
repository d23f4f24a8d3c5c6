"""The register of complaints and other signals about providers (issue 5): the
risk inputs of the year's selection.

Seed 004 picks units "antingen på grund av att staden har många placeringar hos en
enskild utförare eller för att socialförvaltningen har fått in notiser, frågor
eller avvikelser kopplade till en utförare". Each entry is about an organisation,
never about a care user: the summary warns against personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation, code_validator
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.complaints.choices import CLOSED_STATUSES, SignalSource, SignalStatus
from foljsam.core.history import TrackedQuerySet
from foljsam.core.models import TimeStampedModel
from foljsam.registry.models import ContractArea, Provider, Unit

SUMMARY_MAX_LENGTH = 1000


class SignalCategory(TimeStampedModel):
    """What a signal is about: a managed list, kept in the admin."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TrackedQuerySet["SignalCategory"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("signal category")
        verbose_name_plural = _("signal categories")

    def __str__(self) -> str:
        return self.name


class SignalQuerySet(ScopedQuerySet["Signal"]):
    """The central office sees every signal; a district office those it recorded."""

    city_wide = Capability.READ_ALL_SIGNALS
    organisation_capability = Capability.READ_OWN_SIGNALS
    organisation_paths = ("organisation_id",)
    provider_capability = None


class Signal(TimeStampedModel):
    Source = SignalSource
    Status = SignalStatus

    reference = models.CharField(
        _("reference"),
        max_length=60,
        unique=True,
        help_text=_("The case number (diarienummer), or the register's own number."),
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        help_text=_("Empty when the signal is about the provider as a whole."),
    )
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        help_text=_("Empty when it concerns every contract area of the provider."),
    )
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=20, choices=SignalSource.choices)
    category = models.ForeignKey(
        SignalCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_(
            "What the signal is about, in a few sentences about the organisation. "
            "Never names, personal identity numbers or other personal data about "
            "care users."
        ),
    )
    status = models.CharField(
        _("handling status"),
        max_length=16,
        choices=SignalStatus.choices,
        default=SignalStatus.RECEIVED,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    handling_note = models.TextField(
        _("handling"),
        blank=True,
        help_text=_("What was done about it. Never personal data about care users."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("recorded by organisation"),
        on_delete=models.PROTECT,
        related_name="signals",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=SignalSource.values),
                name="signal_source_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignalStatus.values),
                name="signal_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status__in=sorted(CLOSED_STATUSES)) & Q(closed_on__isnull=False)
                )
                | (~Q(status__in=sorted(CLOSED_STATUSES)) & Q(closed_on__isnull=True)),
                name="signal_closed_iff_date",
                violation_error_message=_(
                    "A closed or dismissed signal has a closing date; an open one "
                    "has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(closed_on__gte=F("received_on")),
                name="signal_closed_after_received",
                violation_error_message=_(
                    "A signal cannot be closed before it was received."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(reference=""), name="signal_reference_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["received_on"], name="signal_received_idx"),
            models.Index(fields=["unit", "received_on"], name="signal_unit_idx"),
            models.Index(
                fields=["provider", "received_on"], name="signal_provider_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        super().clean()
        unit = self.unit if self.unit_id is not None else None
        if (
            unit is not None
            and self.provider_id is not None
            and unit.provider_id != self.provider_id
        ):
            raise ValidationError({"unit": _("The unit belongs to another provider.")})
