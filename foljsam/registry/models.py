"""The city's registry: providers, their units, the agreements that cover them, and
the rules that say who answers for each unit's follow-up and who performs it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

from foljsam.accounts.models import Organisation, OrganisationKind, code_validator
from foljsam.core.history import TrackedQuerySet
from foljsam.core.models import TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.registry.choices import (
    AgreementKind,
    Law,
    ProviderKind,
    Regime,
    Target,
    regime_for_provider_kind,
)
from foljsam.registry.querysets import (
    AgreementQuerySet,
    ContractAreaQuerySet,
    InternalQuerySet,
    ProviderQuerySet,
    UnitQuerySet,
)


def validate_org_number(value: str) -> None:
    try:
        orgnr.validate(value)
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a valid Swedish organisation number."),
            params={"value": value},
            code="invalid_org_number",
        ) from None


class OperatingArea(TimeStampedModel):
    """Verksamhetsområde: the field of social services a contract area belongs to."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = InternalQuerySet["OperatingArea"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("operating area")
        verbose_name_plural = _("operating areas")

    def __str__(self) -> str:
        return self.name


class ContractArea(TimeStampedModel):
    """Avtalsområde / insats, e.g. daily activity under 9 § 10 LSS."""

    code = models.CharField(
        _("code"), max_length=40, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    law = models.CharField(_("law"), max_length=3, choices=Law.choices)
    legal_reference = models.CharField(_("legal reference"), max_length=100, blank=True)
    operating_area = models.ForeignKey(
        OperatingArea,
        verbose_name=_("operating area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract_areas",
    )
    cycle_years = models.PositiveSmallIntegerField(
        _("follow-up cycle (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Every unit must be followed up at least this often."),
    )
    # Sheltered housing, programmes for those leaving criminal networks: where
    # the units are must never be published (issue 8).
    address_protected = models.BooleanField(
        _("addresses protected"),
        default=False,
        help_text=_(
            "The units' addresses are never shown on the public pages or in the "
            "open data (sheltered housing, programmes for defectors)."
        ),
    )

    objects = ContractAreaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contract area")
        verbose_name_plural = _("contract areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(law__in=Law.values),
                name="contract_area_law_valid",
            ),
            models.CheckConstraint(
                condition=Q(cycle_years__gte=1, cycle_years__lte=10),
                name="contract_area_cycle_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Provider(TimeStampedModel):
    """Utförare: a company, a non-profit, or the city itself."""

    Kind = ProviderKind

    org_number = models.CharField(
        _("organisation number"),
        max_length=10,
        unique=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, stored without the hyphen."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=ProviderKind.choices)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "The provider's functional address for the city's questions, e.g. "
            "screening links. Not a care user's."
        ),
    )

    objects = ProviderQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProviderKind.values),
                name="provider_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(org_number__regex=r"^[0-9]{10}$"),
                name="provider_org_number_ten_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def regime(self) -> Regime:
        return regime_for_provider_kind(self.kind)

    @property
    def org_number_display(self) -> str:
        return str(orgnr.format(self.org_number))


class Unit(TimeStampedModel):
    """Verksamhet: the place that is visited and followed up."""

    external_id = models.CharField(_("unit id"), max_length=50, unique=True)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.ForeignKey(
        Organisation,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units_in_district",
        limit_choices_to={"kind": OrganisationKind.DISTRICT_OFFICE},
        help_text=_("The district the unit lies in; empty outside the city."),
    )
    operated_by = models.ForeignKey(
        Organisation,
        verbose_name=_("operated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operated_units",
        help_text=_("For the city's own units: the organisation that runs it."),
    )
    placements = models.PositiveIntegerField(_("placements"), default=0)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "external_id"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=F("opened_on")),
                name="unit_closed_after_opened",
                violation_error_message=_("A unit cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(external_id=""), name="unit_external_id_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["closed_on"], name="unit_closed_on_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def regime(self) -> Regime:
        return self.provider.regime

    def is_active(self, on: dt.date) -> bool:
        opened = self.opened_on is None or self.opened_on <= on
        return opened and (self.closed_on is None or self.closed_on > on)

    def clean(self) -> None:
        super().clean()
        try:
            provider = self.provider
        except Provider.DoesNotExist:
            return  # the field's own validation reports it
        own = provider.kind == Provider.Kind.MUNICIPAL
        if own and self.operated_by_id is None:
            raise ValidationError(
                {"operated_by": _("The city's own units must say who runs them.")}
            )
        if not own and self.operated_by_id is not None:
            raise ValidationError(
                {
                    "operated_by": _(
                        "Only the city's own units are run by a city organisation."
                    )
                }
            )


class Agreement(TimeStampedModel):
    """Avtal, or for the city's own units the mission description standing in for it."""

    Kind = AgreementKind

    reference = models.CharField(
        _("reference"),
        max_length=60,
        unique=True,
        help_text=_("The case number (diarienummer)."),
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AgreementKind.choices)
    signed_by = models.ForeignKey(
        Organisation,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_agreements",
        help_text=_("Empty for a mission description, which nobody signs."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(
        _("reason for termination"),
        blank=True,
        help_text=NO_PERSONAL_DATA,
    )
    units = models.ManyToManyField(
        Unit,
        verbose_name=_("units"),
        related_name="agreements",
        blank=True,
        through="Coverage",
    )

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values),
                name="agreement_kind_valid",
            ),
            # A mission description has no counterparty; every contract has one.
            models.CheckConstraint(
                condition=Q(kind="mission", signed_by__isnull=True)
                | (~Q(kind="mission") & Q(signed_by__isnull=False)),
                name="agreement_signed_unless_mission",
                violation_error_message=_(
                    "A mission description has no signatory; every other agreement "
                    "must say who signed it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="agreement_valid_to_after_from",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(terminated_on__gte=F("valid_from")),
                name="agreement_terminated_after_from",
                violation_error_message=_(
                    "An agreement cannot be terminated before it starts."
                ),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=False) | Q(termination_reason=""),
                name="agreement_reason_only_if_terminated",
                violation_error_message=_(
                    "A reason for termination needs a termination date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(reference=""), name="agreement_reference_not_empty"
            ),
        ]
        indexes = [
            models.Index(
                fields=["valid_from", "valid_to"], name="agreement_validity_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def is_valid_on(self, day: dt.date) -> bool:
        return self.status_on(day) == "valid"

    def status_on(self, day: dt.date) -> str:
        """valid, upcoming, expired or terminated: the same test as ``valid_on``."""
        if self.terminated_on is not None and self.terminated_on <= day:
            return "terminated"
        if self.valid_from > day:
            return "upcoming"
        if self.valid_to is not None and self.valid_to < day:
            return "expired"
        return "valid"

    def clean(self) -> None:
        super().clean()
        try:
            provider = self.provider
        except Provider.DoesNotExist:
            return  # the field's own validation reports it
        municipal = provider.kind == Provider.Kind.MUNICIPAL
        if municipal and self.kind != self.Kind.MISSION:
            raise ValidationError(
                {
                    "kind": _(
                        "The city cannot sign a contract with itself: its own "
                        "units have a mission description."
                    )
                }
            )
        if not municipal and self.kind == self.Kind.MISSION:
            raise ValidationError(
                {"kind": _("Only the city's own units have a mission description.")}
            )


class Coverage(models.Model):
    """That an agreement covers a unit. A model of its own (the table Django made
    for the many-to-many field) so that adding and removing units has history."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="coverage"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="coverage")

    objects = TrackedQuerySet["Coverage"].as_manager()
    history = HistoricalRecords()

    class Meta:
        db_table = "registry_agreement_units"
        verbose_name = _("unit covered")
        verbose_name_plural = _("units covered")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "unit"], name="coverage_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}/{self.unit_id}"

    def clean(self) -> None:
        super().clean()
        if (
            self.agreement_id
            and self.unit_id
            and self.unit.provider_id != self.agreement.provider_id
        ):
            raise ValidationError(
                {"unit": _("The unit belongs to another provider than the agreement.")}
            )


class ResponsibilityRule(TimeStampedModel):
    """Who answers for a unit's follow-up, and who performs it.

    A rule matches on agreement kind, regime, the kind of organisation that runs the
    unit, and contract area; an empty criterion matches anything. The most specific
    matching rule wins (see ``foljsam.registry.responsibility``).
    """

    Target = Target

    agreement_kind = models.CharField(
        _("agreement kind"),
        max_length=12,
        choices=AgreementKind.choices,
        blank=True,
        help_text=_("Empty matches every kind."),
    )
    regime = models.CharField(
        _("regime"),
        max_length=8,
        choices=Regime.choices,
        blank=True,
        help_text=_("Empty matches both."),
    )
    operator_kind = models.CharField(
        _("kind of operating organisation"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_(
            "For the city's own units: the kind of organisation that runs them. "
            "Empty matches any."
        ),
    )
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="responsibility_rules",
        help_text=_("Empty matches every contract area."),
    )
    responsible = models.CharField(
        _("responsible organisation"), max_length=24, choices=Target.choices
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("named responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    performer = models.CharField(
        _("performing organisation"), max_length=24, choices=Target.choices
    )
    performer_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("named performing organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "Why the rule holds, e.g. the decision. Never personal data about care "
            "users."
        ),
    )

    objects = InternalQuerySet["ResponsibilityRule"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement_kind", "regime", "operator_kind", "contract_area_id"]
        verbose_name = _("responsibility rule")
        verbose_name_plural = _("responsibility rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible="named", responsible_organisation__isnull=False)
                | (~Q(responsible="named") & Q(responsible_organisation__isnull=True)),
                name="rule_responsible_named_iff_organisation",
                violation_error_message=_(
                    "Name the responsible organisation when, and only when, the rule "
                    "points at a named organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(performer="named", performer_organisation__isnull=False)
                | (~Q(performer="named") & Q(performer_organisation__isnull=True)),
                name="rule_performer_named_iff_organisation",
                violation_error_message=_(
                    "Name the performing organisation when, and only when, the rule "
                    "points at a named organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(responsible__in=Target.values)
                & Q(performer__in=Target.values),
                name="rule_targets_valid",
            ),
            # Two active rules with the same criteria would contradict each other.
            models.UniqueConstraint(
                fields=["agreement_kind", "regime", "operator_kind", "contract_area"],
                condition=Q(is_active=True, contract_area__isnull=False),
                name="rule_unique_active_criteria_with_area",
                violation_error_message=_(
                    "An active rule with the same criteria already exists."
                ),
            ),
            models.UniqueConstraint(
                fields=["agreement_kind", "regime", "operator_kind"],
                condition=Q(is_active=True, contract_area__isnull=True),
                name="rule_unique_active_criteria_any_area",
                violation_error_message=_(
                    "An active rule with the same criteria already exists."
                ),
            ),
        ]

    def __str__(self) -> str:
        parts = [
            self.get_agreement_kind_display() if self.agreement_kind else "*",
            self.get_regime_display() if self.regime else "*",
            self.get_operator_kind_display() if self.operator_kind else "*",
            str(self.contract_area) if self.contract_area_id else "*",
        ]
        return " / ".join(str(p) for p in parts)
