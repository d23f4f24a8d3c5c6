"""Choice lists of the registry, kept apart from the models so that pure modules
(``responsibility``, ``coverage``) can use them without touching the ORM."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Law(models.TextChoices):
    SOL = "SoL", "SoL"
    LSS = "LSS", "LSS"


class Regime(models.TextChoices):
    """Regiform. Derived from the provider, never stored on a unit."""

    OWN = "own", _("Own operation")
    PRIVATE = "private", _("Private operation")


class ProviderKind(models.TextChoices):
    COMPANY = "company", _("Company")
    NONPROFIT = "nonprofit", _("Non-profit organisation")
    MUNICIPAL = "municipal", _("The city itself")


class AgreementKind(models.TextChoices):
    LOV = "lov", _("LOV contract")
    LOU = "lou", _("LOU framework agreement")
    ENTREPRENAD = "entreprenad", _("Contracted operation (entreprenad)")
    INDIVIDUAL = "individual", _("Individual agreement")
    MISSION = "mission", _("Mission description")


class Target(models.TextChoices):
    """Which organisation a responsibility rule points at."""

    CENTRAL_OFFICE = "central_office", _("The central office")
    UNIT_DISTRICT = "unit_district", _("The district where the unit lies")
    SIGNING_ORGANISATION = "signing_organisation", _("The signing organisation")
    OPERATING_ORGANISATION = (
        "operating_organisation",
        _("The organisation that runs the unit"),
    )
    NAMED = "named", _("A named organisation")


def regime_for_provider_kind(kind: str) -> Regime:
    """Own operation is whatever the city itself provides; all else is private."""
    return Regime.OWN if kind == ProviderKind.MUNICIPAL else Regime.PRIVATE
