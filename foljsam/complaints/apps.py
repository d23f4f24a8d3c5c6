from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "foljsam.complaints"
    label = "complaints"
    verbose_name = _("Complaints and signals")

    def ready(self) -> None:
        from foljsam.complaints import events
        from foljsam.core import event_labels

        event_labels.register(events.LABELS, events.DETAILS)
