from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "foljsam.portal"
    label = "portal"
    verbose_name = _("Provider portal")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.portal import events

        event_labels.register(events.LABELS, events.DETAILS)
