from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "foljsam.screening"
    label = "screening"
    verbose_name = _("Screening campaigns")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.screening import events

        event_labels.register(events.LABELS, events.DETAILS)
