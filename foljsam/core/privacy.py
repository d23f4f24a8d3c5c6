"""Follow-ups are about organisations. Every free-text field that could invite
personal data about care users carries this warning (non-negotiable 6)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_PERSONAL_DATA = _(
    "About the organisation only: never personal data about care users."
)
