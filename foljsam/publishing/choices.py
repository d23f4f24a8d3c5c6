"""The closed lists of publishing."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicationStatus(models.TextChoices):
    """A result's way to the public comparison pages: proposed by the officer who
    performed the follow-up, then published by the central office, or sent back
    with a reason; a published result can be withdrawn, and proposed or published
    again later."""

    PROPOSED = "proposed", _("Proposed for publication")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Sent back")
    WITHDRAWN = "withdrawn", pgettext_lazy("publication", "Withdrawn")


# The public summary's greatest length: a paragraph or two that a citizen reads.
SUMMARY_MAX_LENGTH = 1500
