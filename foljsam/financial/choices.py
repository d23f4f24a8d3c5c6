"""The closed lists of the financial and seriousness check, apart from the models
so that the lookup adapters (``lookup.py``) can use them without the ORM."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Item(models.TextChoices):
    """What a check looks at. Seed 004: "ekonomisk kontroll där kreditbetyg,
    F-skatt, arbetsgivaravgifter, skulder och registrering av utförarens företag
    har ingått", the board ("leverantörernas ekonomi och styrelse"), and
    "uteslutningsgrunder i upphandlingslagstiftningen via ett webbaserat verktyg,
    'Kapitel 13'". VAT registration is the issue's addition."""

    CREDIT_RATING = "credit_rating", _("Credit rating")
    F_TAX = "f_tax", _("F-tax")
    VAT = "vat", _("VAT registration")
    EMPLOYER_REGISTRATION = (
        "employer_registration",
        _("Employer registration and contributions"),
    )
    TAX_DEBTS = "tax_debts", _("Tax debts")
    COMPANY_REGISTRATION = "company_registration", _("Company registration")
    BOARD = "board", _("Board")
    EXCLUSION_GROUNDS = "exclusion_grounds", _("Exclusion grounds (Kapitel 13)")


class Result(models.TextChoices):
    OK = "ok", _("OK")
    FLAGGED = "flagged", _("Flagged")
    NOT_CHECKED = "not_checked", _("Not checked")


# Where each item is usually looked up: the source an officer is offered when the
# item has none yet. Names of registers, the same in every language.
SUGGESTED_SOURCE: dict[str, str] = {
    Item.CREDIT_RATING: "UC",
    Item.F_TAX: "Skatteverket",
    Item.VAT: "Skatteverket",
    Item.EMPLOYER_REGISTRATION: "Skatteverket",
    Item.TAX_DEBTS: "Kronofogden",
    Item.COMPANY_REGISTRATION: "Bolagsverket",
    Item.BOARD: "Bolagsverket",
    Item.EXCLUSION_GROUNDS: "Kapitel 13",
}

SOURCE_MAX_LENGTH = 100
LOOKUP_MAX_LENGTH = 60
