"""Every URL of the project, with how to reach it: the catalogue the page tests and
the accessibility test walk. A URL pattern missing here fails ``test_catalogue``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from foljsam.accounts.models import Organisation
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[], str]
    kind: str = "page"  # page | download | action (POST only) | public
    permission: str = ""  # a permission needed beyond being logged in


def _first(model: Any) -> int:
    return int(model.objects.order_by("pk").values_list("pk", flat=True)[0])


def _ktt_unit() -> int:
    return int(
        Unit.objects.filter(agreements__contract_area__code="korttidstillsyn")
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


PAGES: list[Page] = [
    Page("home", lambda: reverse("home")),
    Page("registry:map", lambda: reverse("registry:map")),
    Page(
        "registry:map_export",
        lambda: reverse("registry:map_export", args=["csv"]),
        "download",
    ),
    Page("registry:gaps", lambda: reverse("registry:gaps")),
    Page(
        "registry:gaps_export",
        lambda: reverse("registry:gaps_export", args=["xlsx"]),
        "download",
    ),
    Page("registry:unit_list", lambda: reverse("registry:unit_list")),
    Page(
        "registry:unit_detail",
        lambda: reverse("registry:unit_detail", args=[_ktt_unit()]),
    ),
    Page("registry:provider_list", lambda: reverse("registry:provider_list")),
    Page(
        "registry:provider_detail",
        lambda: reverse("registry:provider_detail", args=[_first(Provider)]),
    ),
    Page("registry:agreement_list", lambda: reverse("registry:agreement_list")),
    Page(
        "registry:agreement_detail",
        lambda: reverse("registry:agreement_detail", args=[_first(Agreement)]),
    ),
    Page("registry:contract_area_list", lambda: reverse("registry:contract_area_list")),
    Page(
        "registry:contract_area_detail",
        lambda: reverse("registry:contract_area_detail", args=[_first(ContractArea)]),
    ),
    Page("registry:organisation_list", lambda: reverse("registry:organisation_list")),
    Page(
        "registry:organisation_detail",
        lambda: reverse("registry:organisation_detail", args=[_first(Organisation)]),
    ),
    Page("registry:rule_list", lambda: reverse("registry:rule_list")),
    Page(
        "registry:import",
        lambda: reverse("registry:import"),
        permission="registry.import_registry",
    ),
    Page(
        "registry:import_confirm",
        lambda: reverse("registry:import_confirm"),
        "action",
        permission="registry.import_registry",
    ),
    Page(
        "registry:import_template",
        lambda: reverse("registry:import_template"),
        "download",
        permission="registry.import_registry",
    ),
    Page("login", lambda: reverse("login"), "public"),
    Page(
        "oidc_authentication_init",
        lambda: reverse("oidc_authentication_init"),
        "public",
    ),
    Page(
        "oidc_authentication_callback",
        lambda: reverse("oidc_authentication_callback"),
        "public",
    ),
    Page("logout", lambda: reverse("logout"), "action"),
    Page("set_language", lambda: reverse("set_language"), "action"),
]

BY_NAME = {page.name: page for page in PAGES}
