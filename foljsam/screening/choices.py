"""The closed lists of screening campaigns (issue 9)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignStatus(models.TextChoices):
    """A campaign is prepared as a draft (its population and addresses checked),
    then sent through the worker, and closed when the office is done with it."""

    DRAFT = "draft", pgettext_lazy("campaign", "Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", pgettext_lazy("campaign", "Sent")
    CLOSED = "closed", pgettext_lazy("campaign", "Closed")


class Population(models.TextChoices):
    """Whom a campaign asks (issue 9): every agreement in force in one or more
    contract areas, or a hand-picked list of agreements."""

    AREAS = "areas", _("All agreements in force in the chosen contract areas")
    PICKED = "picked", _("A hand-picked list of agreements")


class RespondentState(models.TextChoices):
    """Where a provider's answer stands, read off its dates."""

    NOT_SENT = "not_sent", _("Not sent yet")
    NO_ADDRESS = "no_address", _("No e-mail address")
    SENT = "sent", pgettext_lazy("respondent", "Sent, not opened")
    OPENED = "opened", _("Opened, not sent in")
    ANSWERED = "answered", _("Answered")
    REVOKED = "revoked", pgettext_lazy("link", "Withdrawn")


class FlagKind(models.TextChoices):
    """Why a provider's answers call for a closer look (issue 9: "'not met'
    answers, missing documents, and financial-check flags"), and a provider that
    never answered."""

    NOT_MET = "not_met", _("Requirement not met")
    MISSING_DOCUMENT = "missing_document", _("Document missing")
    FINANCIAL = "financial", _("Financial check")
    NO_ANSWER = "no_answer", _("No answer by the deadline")


# A campaign's name and its message to the providers.
NAME_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 3000
