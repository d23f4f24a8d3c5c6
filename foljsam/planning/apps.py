from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "foljsam.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.planning import events

        event_labels.register(events.LABELS, events.DETAILS)
