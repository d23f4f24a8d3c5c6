"""The financial and seriousness check (ekonomisk kontroll och seriositetskontroll,
issue 6): per provider and date, eight items, each with a result, its source, the
date it was checked and an evidence file.

Seed 004: "Med anledning av ökat fokus på välfärdsbrott genomfördes även en utökad
seriositets- och ekonomisk kontroll med hjälp av UC kreditupplysning. Bland annat
kontrollerades F-skatt, registrering, arbetsgivaravgifter, skatteskulder och
ekonomisk stabilitet." A check is usually done for a follow-up ("Inför varje
verksamhetsbesök ... genomfört ekonomisk kontroll"), but may stand alone, as in a
digital screening ("En ekonomisk kontroll ingår också i den övergripande
screeningen"). It is an organisation's work, scoped as follow-ups are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.complaints.models import Signal
from foljsam.core.models import StoredFile, TimeStampedModel
from foljsam.core.privacy import NO_PERSONAL_DATA
from foljsam.financial.choices import (
    LOOKUP_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    Item,
    Result,
)
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Provider


class FinancialCheckQuerySet(ScopedQuerySet["FinancialCheck"]):
    """The central office and the committee see every check; a district office
    the checks it made and those of the follow-ups it performs or answers for."""

    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "organisation_id",
        "followup__organisation_id",
        "followup__responsible_organisation_id",
    )
    provider_capability = None


class FinancialCheck(TimeStampedModel):
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="financial_checks",
    )
    checked_on = models.DateField(_("checked on"))
    followup = models.ForeignKey(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financial_checks",
        help_text=_("The follow-up the check was made for, if any."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("checked by organisation"),
        on_delete=models.PROTECT,
        related_name="financial_checks",
    )
    lookup = models.CharField(
        _("filled in by"),
        max_length=LOOKUP_MAX_LENGTH,
        default="manual",
        help_text=_("The lookup that filled in the items when the check started."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NO_PERSONAL_DATA)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FinancialCheckQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("financial check")
        verbose_name_plural = _("financial checks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(lookup=""), name="financialcheck_lookup_not_empty"
            ),
        ]
        indexes = [
            models.Index(
                fields=["provider", "checked_on"], name="financialcheck_provider_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.checked_on:%Y-%m-%d}"


class CheckItemQuerySet(ScopedQuerySet["CheckItem"]):
    """Seen as the check it belongs to is seen."""

    city_wide = Capability.READ_ALL_FOLLOWUPS
    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = tuple(
        f"financial_check__{path}" for path in FinancialCheckQuerySet.organisation_paths
    )
    provider_capability = None


class CheckItem(TimeStampedModel):
    """One item of a check. Every check has all eight, "not checked" until an
    officer (or the lookup) records them; a flag becomes a risk signal in the
    register of complaints and signals (issue 5), linked here."""

    Item = Item
    Result = Result

    # Not "check": a field of that name would hide Django's ``Model.check()``.
    financial_check = models.ForeignKey(
        FinancialCheck,
        verbose_name=_("financial check"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    item = models.CharField(_("item"), max_length=32, choices=Item.choices)
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default=Result.NOT_CHECKED
    )
    source = models.CharField(
        _("source"),
        max_length=SOURCE_MAX_LENGTH,
        blank=True,
        help_text=_("Where it was looked up: UC, Skatteverket, Bolagsverket, ..."),
    )
    checked_on = models.DateField(_("date checked"), null=True, blank=True)
    evidence = models.ForeignKey(
        StoredFile,
        verbose_name=_("evidence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True, help_text=NO_PERSONAL_DATA)
    # SET_NULL: a signal removed by an administrator (personal data written by
    # mistake) must not take the check with it.
    signal = models.ForeignKey(
        Signal,
        verbose_name=_("risk signal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="financial_check_items",
    )

    objects = CheckItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_check", "pk"]
        verbose_name = _("check item")
        verbose_name_plural = _("check items")
        constraints = [
            models.UniqueConstraint(
                fields=["financial_check", "item"], name="checkitem_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(item__in=Item.values), name="checkitem_item_valid"
            ),
            models.CheckConstraint(
                condition=Q(result__in=Result.values), name="checkitem_result_valid"
            ),
            # A result other than "not checked" says when it was checked.
            models.CheckConstraint(
                condition=Q(result=Result.NOT_CHECKED) | Q(checked_on__isnull=False),
                name="checkitem_checked_has_date",
                violation_error_message=_(
                    "An item that was checked has the date it was checked."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {self.get_result_display()}"

    @property
    def is_flagged(self) -> bool:
        return self.result == Result.FLAGGED
