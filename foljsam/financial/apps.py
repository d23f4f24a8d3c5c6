from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancialConfig(AppConfig):
    name = "foljsam.financial"
    verbose_name = _("Financial and seriousness checks")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.financial import events

        event_labels.register(events.LABELS, events.DETAILS)
