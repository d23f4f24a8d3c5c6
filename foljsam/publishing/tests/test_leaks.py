"""The leak test (issue 8): nothing unpublished or internal ever reaches a public
page: not the follow-up's note, its reasons, deficiencies, complements, files or
officers, not the results that are only shared, proposed, sent back or
withdrawn, not where a protected unit lies (street, postal code, town,
district), and nothing of the reader.

It walks every URL of ``publishing.public_urls`` (whatever is added there), in
both languages, logged out and as every persona: the city's readers see every
publication internally, so a page that forgot to keep to the published ones
would show them here.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.publishing import public_urls
from foljsam.publishing.http import NAMESPACES
from foljsam.publishing.models import Publication
from foljsam.publishing.services import (
    publication_decline,
    publication_propose,
    publication_withdraw,
)
from foljsam.publishing.tests.factories import (
    SECRETS,
    published_result,
    shared_followup,
)
from foljsam.registry.tests.factories import ProviderFactory, UnitFactory
from tests.test_access import PERSONAS

pytestmark = pytest.mark.django_db

PATTERNS: list[URLPattern] = [
    p for p in public_urls.urlpatterns if isinstance(p, URLPattern) and p.name
]


@dataclass
class World:
    published_unit: int
    hidden_units: list[int]
    publications: list[int]
    # Texts no public page may hold.
    forbidden: list[str] = field(default_factory=list)


def _hide(followup: Any, label: str, world: World) -> None:
    """Give the follow-up's unit, provider, district, address and contract area
    names of their own, which must never be seen."""
    unit = followup.unit
    unit.name = f"DOLD-VERKSAMHET {label}"
    unit.address = f"Dolda gatan {label}"
    unit.save()
    provider = unit.provider
    provider.name = f"DOLD-UTFÖRARE {label} AB"
    provider.save()
    district = unit.district
    district.name = f"DOLD-STADSDEL {label}"
    district.save()
    area = followup.contract_area
    area.name = f"DOLT-AVTALSOMRÅDE {label}"
    area.save()
    world.hidden_units.append(unit.pk)
    world.forbidden += [unit.name, unit.address, provider.name, district.name]
    world.forbidden.append(area.name)


@pytest.fixture
def world(district, provider) -> World:
    shown = published_result(unit=UnitFactory(name="Publicerad verksamhet"))
    world = World(
        published_unit=shown.followup.unit_id,
        hidden_units=[],
        publications=[shown.pk],
        forbidden=[*SECRETS.values(), "Hemliga", "Handläggarsson"],
    )
    # A result shared with its provider, never proposed.
    _hide(shared_followup(organisation=district), "DELAD", world)
    # Proposed, by a provider whose user is among the personas.
    proposed = shared_followup(
        unit=UnitFactory(provider=provider), organisation=district
    )
    publication_propose(actor=None, followup=proposed, summary="FÖRSLAG-EJ-GODKÄNT")
    _hide(proposed, "FÖRESLAGEN", world)
    world.forbidden.append("FÖRSLAG-EJ-GODKÄNT")
    # Sent back, with a reason (the internal note).
    declined = shared_followup(organisation=district)
    publication_propose(actor=None, followup=declined, summary="ÅTERSÄNT-FÖRSLAG")
    publication_decline(
        actor=None, followup=declined, reason="HEMLIGT-SKÄL sammanfattningen"
    )
    _hide(declined, "ÅTERSÄND", world)
    world.forbidden += ["ÅTERSÄNT-FÖRSLAG", "HEMLIGT-SKÄL"]
    # Published, then withdrawn, with a reason.
    withdrawn = published_result(
        unit=UnitFactory(provider=ProviderFactory()),
        summary="ÅTERKALLAD-SAMMANFATTNING",
    )
    publication_withdraw(
        actor=None, followup=withdrawn.followup, reason="HEMLIG-ÅTERKALLELSE fel"
    )
    _hide(withdrawn.followup, "ÅTERKALLAD", world)
    world.forbidden += ["ÅTERKALLAD-SAMMANFATTNING", "HEMLIG-ÅTERKALLELSE"]
    # Published, where the unit's address is protected (sheltered housing).
    protected = published_result(
        unit=UnitFactory(
            name="Skyddat boende",
            district=OrganisationFactory(name="Skyddsstadsdelen"),
            address="Skyddade gatan 9",
            postal_code="199 99",
            city="Hemlighult",
        )
    )
    area = protected.followup.contract_area
    area.address_protected = True
    area.save()
    world.forbidden += ["Skyddade gatan", "199 99", "Hemlighult", "Skyddsstadsdelen"]
    world.publications += list(
        Publication.objects.exclude(pk=shown.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert Publication.objects.published().count() == 2
    return world


def _body(response: Any) -> str:
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = html.unescape(raw.decode("utf-8", errors="replace"))
    if "json" in response.get("Content-Type", ""):
        # What a JSON escape (\u00e4) would hide.
        text += json.dumps(json.loads(raw), ensure_ascii=False)
    return text


def _urls(pattern: URLPattern, namespace: str, world: World) -> list[tuple[str, Any]]:
    """The pattern's addresses with what each must answer: every unit and
    publication for a pattern with arguments (200 or 404 unless known)."""
    name = f"{namespace}:{pattern.name}"
    converters = pattern.pattern.converters  # type: ignore[attr-defined]
    if not converters:
        return [(reverse(name), 200)]
    if pattern.name == "unit":
        return [(reverse(name, args=[world.published_unit]), 200)] + [
            (reverse(name, args=[pk]), 404) for pk in world.hidden_units
        ]
    pks = sorted({world.published_unit, *world.hidden_units, *world.publications})
    return [(reverse(name, args=[pk] * len(converters)), None) for pk in pks]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_no_public_page_shows_anything_unpublished_or_internal(
    pattern: URLPattern, world: World, request: pytest.FixtureRequest
) -> None:
    wrong = []
    for persona in PERSONAS:
        client = Client()
        forbidden = list(world.forbidden)
        if persona != "anonymous":
            user = request.getfixturevalue(persona)
            client.force_login(user)
            # A public page is the same for everyone: nothing of the reader.
            forbidden += [user.email, user.get_full_name() or user.email]
        for namespace in NAMESPACES.values():
            for url, expected in _urls(pattern, namespace, world):
                response = client.get(url)
                status = response.status_code
                if (expected is not None and status != expected) or status not in {
                    200,
                    404,
                }:
                    wrong.append(f"{url} as {persona}: {status}, expected {expected}")
                    continue
                body = _body(response)
                wrong += [
                    f"{url} as {persona} shows {text!r}"
                    for text in forbidden
                    if text.casefold() in body.casefold()
                ]
                if status == 200 and "csrfmiddlewaretoken" in body:
                    wrong.append(f"{url} as {persona}: a CSRF token")
    assert not wrong, "\n".join(wrong)


def test_the_walk_sees_what_is_published(world: World) -> None:
    """The test above is not empty: the published result is on its pages."""
    page = Client().get(reverse("public:unit", args=[world.published_unit]))
    text = html.unescape(page.content.decode())
    assert "Publicerad verksamhet" in text
    assert "Verksamheten följdes upp med platsbesök." in text
    search = html.unescape(Client().get(reverse("public:search")).content.decode())
    assert "Publicerad verksamhet" in search
    assert "Skyddat boende" in search
    assert {p.name for p in PATTERNS} >= {"search", "unit"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_pages_open_logged_out_and_for_every_persona(
    persona: str, request: pytest.FixtureRequest
) -> None:
    publication = published_result()
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    unit = publication.followup.unit_id
    for namespace in NAMESPACES.values():
        for url in (
            reverse(f"{namespace}:search"),
            reverse(f"{namespace}:unit", args=[unit]),
        ):
            assert client.get(url).status_code == 200, url
            assert client.head(url).status_code == 200, url
