"""Forms for managing users. The rules about roles live in ``access``; the forms
show them on the right field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Capability, access_problems, can
from foljsam.accounts.models import Organisation, User
from foljsam.accounts.roles import Role
from foljsam.core.forms import FilterForm


def _provider_field() -> forms.ModelChoiceField[Any]:
    # The provider model is reached through the user's foreign key: accounts does
    # not import the registry.
    provider_model = User._meta.get_field("provider").remote_field.model
    return forms.ModelChoiceField(
        label=_("Provider"),
        queryset=provider_model._default_manager.order_by("name"),
        required=False,
        empty_label=_("None"),
        help_text=_("Only for provider users."),
    )


class _AccessFields(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
        help_text=_("For everyone but provider users."),
    )

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"] = _provider_field()
        if not can(actor, Capability.GRANT_ADMINISTRATION):
            self.fields["roles"].choices = [  # type: ignore[attr-defined]
                (value, label)
                for value, label in Role.choices
                if value != Role.SYSTEM_ADMINISTRATOR
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = access_problems(
            roles={Role(role) for role in cleaned.get("roles", [])},
            has_organisation=cleaned.get("organisation") is not None,
            has_provider=cleaned.get("provider") is not None,
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned

    def chosen_roles(self) -> set[Role]:
        return {Role(role) for role in self.cleaned_data["roles"]}


class InviteForm(_AccessFields):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["email", "first_name", "last_name", "roles", "organisation"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Another user has this e-mail address."))
        return str(email)


class AccessForm(_AccessFields):
    """Change an existing user's roles, organisation and provider."""

    @classmethod
    def for_user(cls, user: User, *, actor: User, data: Any = None) -> AccessForm:
        return cls(
            data,
            actor=actor,
            initial={
                "roles": sorted(user.roles),
                "organisation": user.organisation_id,
                "provider": user.provider_id,
            },
        )


class UserFilterForm(FilterForm):
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All")), *Role.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All")),
            ("active", _("Active")),
            ("invited", _("Invited, not started")),
            ("inactive", _("Deactivated")),
        ],
        required=False,
    )
