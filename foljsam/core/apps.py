from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "foljsam.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models import fields

        # Django 6.1's empty choice of a <select>, "- Select an option -", has no
        # Swedish in Django's own catalogue yet: use words of our own, translated.
        fields.BLANK_CHOICE_LABEL = _("- Choose -")
