"""The closed lists of planning, apart from the models so that the pure rule
modules (``risk``, ``allocation``, ``forecast``) can use them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanMethod(models.TextChoices):
    """How a prioritised contract area is followed up (seed 004's plan)."""

    SITE_VISIT = "site_visit", _("Site visits")
    SCREENING = "screening", _("Digital screening")
    BOTH = "both", _("Digital screening, then site visits where it shows deviations")


class PlanScope(models.TextChoices):
    ALL = "all", _("Every unit")
    SELECTION = "selection", _("A risk-based selection")


class PlanLead(models.TextChoices):
    """Who does the work (seed 004 heads its plan "Socialförvaltningen" and
    "Gemensam uppföljning")."""

    CENTRAL_OFFICE = "central_office", _("The central office")
    JOINT = "joint", _("The central office with the district offices")


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Picked(models.TextChoices):
    """Why a candidate is in the selection."""

    MANDATORY = "mandatory", _("Due within its cycle")
    PLAN_ALL = "plan_all", _("The plan takes every unit in the area")
    PLAN_TARGET = "plan_target", _("Among the highest risks for the plan's number")
    RISK = "risk", _("Risk above the threshold")
    ADDED = "added", _("Added by the coordinator")


class Placement(models.TextChoices):
    """How the allocation chose the organisation that performs a follow-up."""

    RULE = "rule", _("As the responsibility rule says")
    HOME_DISTRICT = "home_district", _("The district where the unit lies")
    CENTRAL_KEEPS_LOU = (
        "central_keeps_lou",
        _("The central office keeps LOU agreements"),
    )
    MOVED_CAPACITY = "moved_capacity", _("Moved: the home district was full")
    MOVED_RUNS_UNIT = "moved_runs_unit", _("Moved: the district runs the unit itself")
    MOVED_BALANCE = "moved_balance", _("Moved to give another district its minimum")
    OUTSIDE_CITY = (
        "outside_city",
        _("The unit lies outside the city: given to the district with most room"),
    )
    MANUAL = "manual", _("Chosen by the coordinator")
    OVER_CAPACITY = "over_capacity", _("Not allocated: no organisation has room")
    NO_PERFORMER = "no_performer", _("Not allocated: no rule names who performs")
