"""Planning (issue 5): the multi-year plan, the calendar, each organisation's
capacity and contact persons, and the year's selection runs.

Seed 002: "Socialförvaltningen ansvarar för urval av verksamheter som ska följas
upp samt fördelningen av verksamheter till stadsdelsförvaltningarna och
socialförvaltningen", and "Målet bör vara att varje verksamhet följs upp minst vart
tredje år, vilket innebär att varje förvaltning (inklusive socialförvaltningen)
tilldelas 2-4 verksamheter att följa upp varje år."
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation
from foljsam.accounts.scoping import ScopedQuerySet
from foljsam.core.history import TrackedQuerySet
from foljsam.core.models import TimeStampedModel
from foljsam.followups.models import FollowUp
from foljsam.planning.choices import (
    Picked,
    Placement,
    PlanLead,
    PlanMethod,
    PlanScope,
    RunStatus,
)
from foljsam.registry.models import Agreement, ContractArea, Unit

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class PlanQuerySet[M: models.Model](ScopedQuerySet[M]):
    """The plan and the calendar are the city's common ground: every internal
    role reads them."""

    city_wide = Capability.READ_PLANS
    provider_capability = None


class SelectionQuerySet[M: models.Model](ScopedQuerySet[M]):
    """Selection runs and their allocation: the central office and the committee.
    A district office sees its own part through its follow-ups."""

    city_wide = Capability.READ_SELECTIONS
    provider_capability = None


class CandidateQuerySet(SelectionQuerySet["Candidate"]):
    """A district office also sees the candidates that became its published
    follow-ups: why the unit was chosen, and why it was given to them."""

    organisation_capability = Capability.READ_OWN_FOLLOWUPS
    organisation_paths = (
        "followup__organisation_id",
        "followup__responsible_organisation_id",
    )


class Plan(TimeStampedModel):
    """Flerårsplan: which contract areas are followed up which year, how and why
    (seed 004, "Plan för uppföljning 2024-2026")."""

    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=YEAR_VALIDATORS
    )
    reference = models.CharField(
        _("reference"),
        max_length=60,
        blank=True,
        help_text=_("The case number of the report the plan was part of."),
    )
    decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        help_text=_("When the committee took the plan; empty while it is proposed."),
    )
    summary = models.TextField(
        _("aim and background"),
        blank=True,
        help_text=_("Never personal data about care users."),
    )

    objects = PlanQuerySet["Plan"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year", "-pk"]
        verbose_name = _("multi-year plan")
        verbose_name_plural = _("multi-year plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year"))
                & Q(last_year__lte=F("first_year") + 4),
                name="plan_years_in_order",
                violation_error_message=_(
                    "A plan runs from its first year to a last year at most four "
                    "years later."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_year}\u2013{self.last_year})"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


class PlanEntry(TimeStampedModel):
    """One prioritised contract area in one year of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="entries"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.PROTECT,
        related_name="plan_entries",
    )
    method = models.CharField(
        _("method"),
        max_length=12,
        choices=PlanMethod.choices,
        default=PlanMethod.SITE_VISIT,
    )
    scope = models.CharField(
        _("which units"),
        max_length=12,
        choices=PlanScope.choices,
        default=PlanScope.SELECTION,
    )
    target_count = models.PositiveIntegerField(
        _("number of units"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "For a selection: how many units at least, the highest risks first. "
            "Empty: the units that are due and those above the risk threshold."
        ),
    )
    lead = models.CharField(
        _("who does it"),
        max_length=16,
        choices=PlanLead.choices,
        default=PlanLead.CENTRAL_OFFICE,
    )
    rationale = models.TextField(
        _("why"),
        help_text=_(
            "Why the area is prioritised this year. Never personal data about care "
            "users."
        ),
    )

    objects = PlanQuerySet["PlanEntry"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "contract_area__name"]
        verbose_name = _("plan entry")
        verbose_name_plural = _("plan entries")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "contract_area"],
                name="plan_entry_unique_area_year",
                violation_error_message=_(
                    "The plan already prioritises this contract area this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(method__in=PlanMethod.values),
                name="plan_entry_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(scope="selection") | Q(target_count__isnull=True),
                name="plan_entry_target_only_for_selection",
                violation_error_message=_(
                    "A number of units is for a selection, not when every unit is "
                    "followed up."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.contract_area}"

    def clean(self) -> None:
        super().clean()
        if self.plan_id and self.year and self.year not in self.plan.years:
            raise ValidationError(
                {
                    "year": _("The plan covers %(first)d to %(last)d.")
                    % {"first": self.plan.first_year, "last": self.plan.last_year}
                }
            )


def default_calendar(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """Seed 002: templates to the districts "senast den 31 januari", the follow-up
    done "senast den 31 december det år uppföljningen avser", the report to the
    committee "senast den 30 april" the year after."""
    return dt.date(year, 1, 31), dt.date(year, 12, 31), dt.date(year + 1, 4, 30)


class YearCalendar(TimeStampedModel):
    """The year's deadlines, where they differ from seed 002's."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=YEAR_VALIDATORS
    )
    send_out_by = models.DateField(_("templates sent out by"))
    done_by = models.DateField(_("follow-ups done by"))
    report_by = models.DateField(_("annual report by"))

    objects = PlanQuerySet["YearCalendar"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")
        constraints = [
            models.CheckConstraint(
                condition=Q(done_by__gte=F("send_out_by"))
                & Q(report_by__gte=F("done_by")),
                name="calendar_dates_in_order",
                violation_error_message=_(
                    "The dates come in order: sending out, then done, then the report."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


# Seed 002: "varje förvaltning ... tilldelas 2-4 verksamheter att följa upp varje
# år". Organisations other than district offices have no limit unless set.
DEFAULT_DISTRICT_CAPACITY = (2, 4)


class OrganisationSettings(TimeStampedModel):
    """How many follow-ups an organisation takes a year, and who is told when it
    gets them (seed 002: "stadsdelsförvaltningarnas kontaktpersoner")."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_settings",
    )
    min_per_year = models.PositiveSmallIntegerField(_("at least per year"), default=2)
    max_per_year = models.PositiveSmallIntegerField(
        _("at most per year"),
        null=True,
        blank=True,
        default=4,
        help_text=_("Empty: no limit."),
    )
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="contact_for",
        help_text=_(
            "Told by e-mail when the year's follow-ups are published. Without "
            "any, the organisation's follow-up officers are told."
        ),
    )

    objects = TrackedQuerySet["OrganisationSettings"].as_manager()
    history = HistoricalRecords(m2m_fields=[contact_persons])

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("capacity and contact persons")
        verbose_name_plural = _("capacities and contact persons")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_per_year__isnull=True)
                | Q(max_per_year__gte=F("min_per_year")),
                name="settings_min_not_above_max",
                violation_error_message=_(
                    "The least number per year cannot be above the most."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class SelectionRun(TimeStampedModel):
    """Urval: one run of the risk-based selection and the allocation for a year,
    stored with everything it used, so that it can be run again to the same
    result."""

    Status = RunStatus

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    as_of = models.DateField(
        _("as of"), help_text=_("The registry and the signals as on this day.")
    )
    seed = models.PositiveIntegerField(
        _("seed"), help_text=_("Orders equal risks the same way every time.")
    )
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Never personal data about care users.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
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

    objects = SelectionQuerySet["SelectionRun"].as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status="published"),
                name="selection_one_published_per_year",
                violation_error_message=_(
                    "The year already has a published selection."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values),
                name="selection_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="selection_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} #{self.pk}"

    @property
    def is_published(self) -> bool:
        return self.status == RunStatus.PUBLISHED


class Candidate(models.Model):
    """One unit in one contract area, as a selection run saw it: its inputs, its
    score, whether it was selected and why, and who was given the follow-up."""

    run = models.ForeignKey(
        SelectionRun,
        verbose_name=_("selection"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    contract_area = models.ForeignKey(
        ContractArea,
        verbose_name=_("contract area"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inputs = models.JSONField(_("inputs"), default=dict)
    factors = models.JSONField(_("risk factors"), default=dict)
    score = models.FloatField(_("risk score"), default=0)
    due_year = models.PositiveSmallIntegerField(_("due"), null=True, blank=True)
    mandatory = models.BooleanField(_("due within its cycle"), default=False)
    rank = models.PositiveIntegerField(_("rank"), default=0)
    selected = models.BooleanField(_("selected"), default=False)
    picked = models.CharField(
        _("why selected"), max_length=16, choices=Picked.choices, blank=True
    )
    # What the run itself decided, before the coordinator's changes: the run is
    # reproduced against these (``planning.selection.replay``).
    auto_picked = models.CharField(
        _("selected by the run"), max_length=16, choices=Picked.choices, blank=True
    )
    auto_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("allocated by the run"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("performed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    placement = models.CharField(
        _("allocation"), max_length=24, choices=Placement.choices, blank=True
    )
    placement_detail = models.JSONField(_("allocation detail"), default=dict)
    change_note = models.TextField(
        _("coordinator's note"),
        blank=True,
        help_text=_("Why it was changed. Never personal data about care users."),
    )
    followup = models.OneToOneField(
        FollowUp,
        verbose_name=_("follow-up"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate",
    )

    objects = CandidateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["run", "rank"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "unit", "contract_area"],
                name="candidate_unique_in_run",
            ),
            models.CheckConstraint(
                condition=Q(selected=True) | Q(picked=""),
                name="candidate_picked_only_if_selected",
            ),
        ]
        indexes = [
            models.Index(fields=["run", "selected", "rank"], name="candidate_sel_idx"),
            models.Index(fields=["run", "organisation"], name="candidate_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.unit_id}/{self.contract_area_id}"
