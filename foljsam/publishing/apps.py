from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "foljsam.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.publishing import events

        event_labels.register(events.LABELS, events.DETAILS)
