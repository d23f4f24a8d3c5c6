from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "foljsam.followups"
    label = "followups"
    verbose_name = _("Follow-ups")

    def ready(self) -> None:
        from foljsam.core import event_labels
        from foljsam.followups import events
        from foljsam.followups.selectors import last_follow_ups
        from foljsam.registry import followup_history

        event_labels.register(events.LABELS, events.DETAILS)
        followup_history.register(last_follow_ups)
