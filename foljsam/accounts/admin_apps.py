"""Django's admin app with Följsam's site (see ``admin_site``). Kept apart because
an app config is imported before the models are ready."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class FoljsamAdminConfig(AdminConfig):
    default_site = "foljsam.accounts.admin_site.FoljsamAdminSite"
