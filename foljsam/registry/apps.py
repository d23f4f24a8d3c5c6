from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "foljsam.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.registry import events

        event_labels.register(events.LABELS, events.DETAILS)
