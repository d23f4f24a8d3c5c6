from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "foljsam.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from foljsam.accounts import checks, events  # noqa: F401 (checks register)
        from foljsam.core import event_labels

        event_labels.register(events.LABELS, events.DETAILS)

        # Security log lines, session timeouts and session records on login,
        # logout, failed login and lockout.
        from foljsam.accounts import signals

        signals.connect()
