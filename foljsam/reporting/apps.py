from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "foljsam.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.reporting.importing import events

        event_labels.register(events.LABELS, events.DETAILS)
