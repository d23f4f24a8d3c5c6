"""The roles a person can hold in Följsam (issue 3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do in Följsam (issue 3). A user has one or more."""

    CENTRAL_COORDINATOR = "central_coordinator", _("Central coordinator")
    DISTRICT_OFFICER = "district_officer", _("Follow-up officer")
    ORGANISATION_READER = "organisation_reader", _("Organisation reader")
    COMMITTEE_READER = "committee_reader", _("Committee reader")
    PROVIDER_USER = "provider_user", _("Provider user")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("System administrator")
