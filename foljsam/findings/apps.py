from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "foljsam.findings"
    label = "findings"
    verbose_name = _("Deficiencies and measures")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.findings import events

        event_labels.register(events.LABELS, events.DETAILS)
