"""Every URL of the project, with how to reach it and who may: the one catalogue
that the page tests, the accessibility test, the header test and the access matrix
walk. A URL pattern missing here fails ``test_catalogue_lists_every_url``.

``access`` says who may use a URL (see ``ACCESS``); ``target`` says what kind of
object its argument is, so that the access matrix can try an object the persona
owns and one it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from foljsam.accounts.access import Capability
from foljsam.accounts.models import Organisation, User
from foljsam.accounts.tokens import invitation_tokens
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit

# Who may use a URL: the capabilities that open it (any of them), or a word.
ACCESS: dict[str, frozenset[Capability] | str] = {
    "internal": frozenset({Capability.READ_REGISTRY}),
    "either": frozenset({Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER}),
    "history": frozenset({Capability.VIEW_HISTORY}),
    "import": frozenset({Capability.IMPORT_REGISTRY}),
    "manage": frozenset({Capability.MANAGE_USERS}),
    "logged_in": "any logged-in user",
    "public": "anyone, logged in or not",
}

TARGET_MODELS: dict[str, Any] = {
    "unit": Unit,
    "provider": Provider,
    "agreement": Agreement,
    "contract_area": ContractArea,
    "organisation": Organisation,
    "user": User,
}


@dataclass(frozen=True)
class Page:
    name: str
    access: str
    kind: str = "page"  # page | download | action (POST only) | form (GET and POST)
    target: str | None = None
    args: tuple[str, ...] = ()

    def url(self, pk: int | None = None) -> str:
        """The URL, for ``pk`` or for a sample object in the database."""
        if self.name == "accounts:invitation":
            return invitation_url(User.objects.filter(is_active=True).first())
        if self.name == "password_reset_confirm":
            return reverse(self.name, args=["MQ", "set-password"])
        if self.target is None:
            return reverse(self.name, args=list(self.args))
        if pk is None:
            pk = sample(self.target)
        return reverse(self.name, args=[pk])

    @property
    def writes(self) -> bool:
        return self.kind in {"action", "form"}


def invitation_url(user: User | None) -> str:
    if user is None:
        return reverse("accounts:invitation", args=["MQ", "no-token"])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    return reverse("accounts:invitation", args=[uid, token])


def sample(target: str) -> int:
    """An object to show: for units a KTT school, the demo's most telling case."""
    model = TARGET_MODELS[target]
    objects = model._default_manager.order_by("pk")
    if target == "unit":
        ktt = objects.filter(agreements__contract_area__code="korttidstillsyn")
        objects = ktt if ktt.exists() else objects
    return int(objects.values_list("pk", flat=True)[0])


PAGES: list[Page] = [
    Page("home", "either"),
    Page("registry:map", "internal"),
    Page("registry:map_export", "internal", "download", args=("csv",)),
    Page("registry:gaps", "internal"),
    Page("registry:gaps_export", "internal", "download", args=("xlsx",)),
    Page("registry:unit_list", "either"),
    Page("registry:unit_detail", "either", target="unit"),
    Page("registry:unit_history", "history", target="unit"),
    Page("registry:provider_list", "either"),
    Page("registry:provider_detail", "either", target="provider"),
    Page("registry:provider_history", "history", target="provider"),
    Page("registry:agreement_list", "either"),
    Page("registry:agreement_detail", "either", target="agreement"),
    Page("registry:agreement_history", "history", target="agreement"),
    Page("registry:contract_area_list", "internal"),
    Page("registry:contract_area_detail", "internal", target="contract_area"),
    Page("registry:contract_area_history", "history", target="contract_area"),
    Page("registry:organisation_list", "internal"),
    Page("registry:organisation_detail", "internal", target="organisation"),
    Page("registry:organisation_history", "history", target="organisation"),
    Page("registry:rule_list", "internal"),
    Page("registry:import", "import", "form"),
    Page("registry:import_confirm", "import", "action"),
    Page("registry:import_template", "import", "download"),
    Page("accounts:user_list", "manage"),
    Page("accounts:user_invite", "manage", "form"),
    Page("accounts:user_detail", "manage", target="user"),
    Page("accounts:user_history", "manage", target="user"),
    Page("accounts:user_access", "manage", "action", target="user"),
    Page("accounts:user_deactivate", "manage", "action", target="user"),
    Page("accounts:user_reactivate", "manage", "action", target="user"),
    Page("accounts:user_resend", "manage", "action", target="user"),
    Page("accounts:invitation", "public", "form"),
    Page("login", "public", "form"),
    Page("logout", "logged_in", "action"),
    Page("password_change", "logged_in", "form"),
    Page("password_change_done", "logged_in"),
    Page("password_reset", "public", "form"),
    Page("password_reset_done", "public"),
    Page("password_reset_confirm", "public", "form"),
    Page("password_reset_complete", "public"),
    Page("oidc_authentication_init", "public"),
    Page("oidc_authentication_callback", "public"),
    Page("set_language", "public", "action"),
]

BY_NAME = {page.name: page for page in PAGES}
