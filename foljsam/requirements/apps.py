from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "foljsam.requirements"
    label = "requirements"
    verbose_name = _("Requirements and templates")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.requirements import events

        event_labels.register(events.LABELS, events.DETAILS)
