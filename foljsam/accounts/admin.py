from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["is_active", "is_superuser", "organisation"]
    raw_id_fields = ["provider"]
    list_select_related = ["organisation"]
    # Django's two-pane widget fails axe-core (WCAG 2.1 AA); a plain multiple
    # select does not.
    filter_horizontal = ()
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Organisation and login"),
            {
                "fields": ["organisation", "provider", "oidc_subject"],
                "description": _(
                    "Roles are set on Följsam's user pages. To let a local account "
                    "log in with the city's login, write the identity provider's "
                    "subject (sub) here."
                ),
            },
        ),
    )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    # As for users: the plain multiple select passes axe-core, the two-pane does not.
    filter_horizontal = ()
