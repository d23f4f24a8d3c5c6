"""The public comparison pages (issue 8): find a unit, a unit's page, in Swedish
and English, open to anyone and cacheable."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.followups.models import FollowUp
from foljsam.publishing import public_views
from foljsam.publishing.models import Publication
from foljsam.publishing.services import (
    publication_propose,
    publication_publish,
    publication_withdraw,
)
from foljsam.publishing.tests.factories import (
    SUMMARY,
    published_result,
    shared_followup,
)
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CityFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
    org_number,
)

pytestmark = pytest.mark.django_db


def get(name: str, *args: Any, language: str = "sv", query: str = "") -> Any:
    namespace = "public" if language == "sv" else "public_en"
    return Client().get(reverse(f"{namespace}:{name}", args=args) + query)


def sv(message: str) -> str:
    """A message of these pages in Swedish (as the catalogue has it)."""
    with translation.override("sv"):
        return html.unescape(gettext(message))


def text(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def publish(followup: FollowUp, summary: str = SUMMARY, **kwargs: Any) -> Publication:
    publication_propose(actor=None, followup=followup, summary=summary)
    return publication_publish(actor=None, followup=followup, summary=summary, **kwargs)


def quick(**kwargs: Any) -> Publication:
    """A published result without deficiencies (quicker to make)."""
    kwargs.setdefault("with_open_deficiency", False)
    kwargs.setdefault("outcome", "complies")
    return published_result(**kwargs)


# Find a unit -------------------------------------------------------------------


def test_the_search_lists_the_units_with_a_published_result() -> None:
    publication = published_result(
        unit=UnitFactory(name="Solgläntans gruppbostad"),
        performed_on=dt.date(2026, 3, 12),
    )
    shared_followup(unit=UnitFactory(name="Ännu inte publicerad"))
    proposed = shared_followup(unit=UnitFactory(name="Bara föreslagen"))
    publication_propose(actor=None, followup=proposed, summary="Förslag.")

    page = text(get("search"))
    unit = publication.followup.unit
    assert "Solgläntans gruppbostad" in page
    assert reverse("public:unit", args=[unit.pk]) in page
    assert unit.provider.name in page
    assert unit.district.name in page
    assert publication.followup.contract_area.name in page
    assert "12 mars 2026" in page
    assert "Följer avtalet efter komplettering" in page
    assert "Ännu inte publicerad" not in page
    assert "Bara föreslagen" not in page


def test_the_search_shows_the_latest_result_of_each_unit() -> None:
    unit = UnitFactory(name="Två resultat")
    old = quick(unit=unit, year=2024, performed_on=dt.date(2024, 5, 2))
    new = shared_followup(
        unit=unit,
        year=2026,
        performed_on=dt.date(2026, 2, 3),
        outcome="does_not_comply",
        with_open_deficiency=False,
    )
    publish(new)
    page = text(get("search"))
    assert page.count("Två resultat") == 1
    assert "3 februari 2026" in page
    assert "Följer inte avtalet" in page
    assert "2 maj 2024" not in page
    # Both contract areas are named.
    assert old.followup.contract_area.name in page
    assert new.contract_area.name in page


def test_the_search_filters_by_name_area_district_and_provider() -> None:
    district = OrganisationFactory(name="Norra stadsdelen")
    provider = ProviderFactory(name="Omsorgen AB")
    first = quick(unit=UnitFactory(name="Eken", district=district))
    second = quick(unit=UnitFactory(name="Björken", provider=provider))
    third = quick(unit=UnitFactory(name="Granen"))

    def names(query: str) -> set[str]:
        page = text(get("search", query=query))
        return {n for n in ("Eken", "Björken", "Granen") if f">{n}</a>" in page}

    assert names("") == {"Eken", "Björken", "Granen"}
    assert names("?q=bjö") == {"Björken"}
    assert names("?q=omsorgen") == {"Björken"}  # the provider's name
    assert names(f"?district={district.pk}") == {"Eken"}
    assert names(f"?provider={provider.pk}") == {"Björken"}
    # The provider is no list (a city buys from thousands): a unit's page links
    # to its other units.
    unit_page = text(get("unit", second.followup.unit_id))
    assert f"?provider={provider.pk}" in unit_page
    assert "Omsorgen AB" in text(get("search", query=f"?provider={provider.pk}"))
    area = third.followup.contract_area_id
    assert names(f"?contract_area={area}") == {"Granen"}
    assert names(f"?contract_area={area}&q=eken") == set()
    assert first and second  # made for their units


def test_the_choices_are_only_what_has_a_published_result() -> None:
    quick(unit=UnitFactory(name="Publicerad"))
    hidden_district = OrganisationFactory(name="Dolda stadsdelen")
    hidden_provider = ProviderFactory(name="Dolda Utförare AB")
    hidden = shared_followup(
        unit=UnitFactory(district=hidden_district, provider=hidden_provider),
        with_open_deficiency=False,
    )
    hidden.contract_area.name = "Dolt avtalsområde"
    hidden.contract_area.save()
    ContractAreaFactory(name="Område utan resultat")

    page = text(get("search"))
    for name in (
        "Dolda stadsdelen",
        "Dolda Utförare AB",
        "Dolt avtalsområde",
        "Område utan resultat",
    ):
        assert name not in page


@pytest.mark.parametrize(
    "query",
    [
        "?contract_area=abc&district=-1&provider=abc&page=x",
        "?q=" + "x" * 500,
        "?district=%00&page=999",
        "?provider=<script>",
    ],
)
def test_bad_input_is_shown_on_the_field_never_a_500(query: str) -> None:
    quick(unit=UnitFactory(name="Finns"))
    page = text(get("search", query=query))
    assert "<script>" not in get("search", query=query).content.decode()
    assert 'class="field-error"' in get("search", query=query).content.decode()
    assert "Finns" in page  # the invalid filter is left out


def test_nothing_found_says_so() -> None:
    quick(unit=UnitFactory(name="Finns"))
    page = text(get("search", query="?q=ingenting-alls"))
    assert sv("No unit with a published result matches the search.") in page
    assert "<table" not in page


def test_the_search_is_paginated(monkeypatch) -> None:
    monkeypatch.setattr(public_views, "PER_PAGE", 2)
    for name in ("Alfa", "Beta", "Gamma"):
        quick(unit=UnitFactory(name=name))
    first = text(get("search"))
    assert "Visar 1\u20132 av 3" in first
    assert "Alfa" in first and "Gamma" not in first
    second = text(get("search", query="?page=2"))
    assert "Gamma" in second and "Alfa" not in second


def test_the_query_count_does_not_grow_with_results() -> None:
    """The ETag's fingerprint, the lists of choices (their fingerprint, and two
    queries unless they are kept), the count, the page's units, their results
    and which are protected: eight queries for 3 results or 15, six when the
    choices are kept; a unit's page, the fingerprint and two."""

    def counts() -> list[int]:
        found = []
        unit = Publication.objects.published().order_by("pk").first()
        assert unit is not None
        for url in (
            reverse("public:search"),
            reverse("public:search") + "?q=verksamhet&contract_area=1&district=x",
            reverse("public:unit", args=[unit.followup.unit_id]),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert Client().get(url).status_code == 200, url
            found.append(len(queries))
        return found

    for _n in range(3):
        quick()
    few = counts()
    for _n in range(12):
        quick()
    assert Publication.objects.published().count() == 15
    assert counts() == few
    # The second search finds its lists of choices kept (``search_choices``).
    assert few == [8, 6, 3]


# A unit's page -------------------------------------------------------------------


def test_a_unit_page_shows_the_unit_and_its_published_results() -> None:
    provider = ProviderFactory(name="Omsorgen AB", org_number=org_number(42))
    unit = UnitFactory(
        name="Solgläntan",
        provider=provider,
        address="Solvägen 3",
        postal_code="123 45",
        city="Stockholm",
        district=OrganisationFactory(name="Västra stadsdelen"),
    )
    old = quick(
        unit=unit,
        year=2023,
        performed_on=dt.date(2023, 4, 5),
        summary="Tidigare uppföljning utan anmärkning.",
    )
    latest = shared_followup(unit=unit, year=2026, performed_on=dt.date(2026, 3, 12))
    latest.contract_area, latest.agreement = (
        old.followup.contract_area,
        old.followup.agreement,
    )
    latest.save()
    publish(latest, summary="Senaste sammanfattningen.")
    # Another contract area, only proposed: not shown.
    proposed = shared_followup(unit=unit, with_open_deficiency=False)
    publication_propose(actor=None, followup=proposed, summary="Bara ett förslag.")

    page = text(get("unit", unit.pk))
    assert "<h1>Solgläntan</h1>" in page
    assert "Omsorgen AB" in page
    assert provider.org_number[:6] + "-" + provider.org_number[6:] in page
    assert "Solvägen 3, 123 45 Stockholm" in page
    assert "Västra stadsdelen" in page
    assert old.followup.contract_area.name in page
    # The latest result, then the earlier one.
    assert "Senaste sammanfattningen." in page
    assert "12 mars 2026" in page
    assert "Verksamhetsbesök, Granskning av rutiner och underlag" in page
    assert "Följer avtalet efter komplettering" in page
    earlier = sv("Earlier results")
    assert page.index("Senaste sammanfattningen.") < page.index(earlier)
    assert page.index(earlier) < page.index("Tidigare uppföljning utan anmärkning.")
    assert "5 april 2023" in page
    # What the outcomes mean, and whose follow-ups they are.
    assert sv("About the results") in page
    assert "Följer inte avtalet" in page
    # Nothing of the proposal.
    assert "Bara ett förslag." not in page
    assert proposed.contract_area.name not in page


def test_a_unit_without_a_published_result_is_404() -> None:
    followup = shared_followup(with_open_deficiency=False)
    assert get("unit", followup.unit_id).status_code == 404
    publication_propose(actor=None, followup=followup, summary="Förslag.")
    assert get("unit", followup.unit_id).status_code == 404
    assert get("unit", 987654).status_code == 404
    assert get("unit", 987654, language="en").status_code == 404


@pytest.mark.parametrize(
    "how", ["its result's area", "another agreement's area", "another follow-up's"]
)
def test_where_a_protected_unit_lies_is_never_shown(how: str) -> None:
    """Street, postal code, town and district: not on its page, not in the list,
    and a search by its district does not find it."""
    district = OrganisationFactory(name="Skyddsdistriktet")
    unit = UnitFactory(
        name="Skyddat boende",
        address="Gömda gatan 7",
        postal_code="999 99",
        city="Skyddsby",
        district=district,
    )
    publication = quick(unit=unit)
    quick(unit=UnitFactory(name="Grannen", district=district))
    if how == "its result's area":
        area = publication.followup.contract_area
        area.address_protected = True
        area.save()
    elif how == "another agreement's area":
        AgreementFactory(
            provider=unit.provider,
            contract_area=ContractAreaFactory(address_protected=True),
            units=[unit],
        )
    else:  # a follow-up in a protected area, not published
        area = shared_followup(unit=unit, with_open_deficiency=False).contract_area
        area.address_protected = True
        area.save()
    hidden = ("Gömda gatan", "999 99", "Skyddsby", "Skyddsdistriktet")
    for language in ("sv", "en"):
        page = text(get("unit", unit.pk, language=language))
        assert "Skyddat boende" in page
        assert not [part for part in hidden if part in page]
    assert sv("Not published: where the unit lies is protected.") in text(
        get("unit", unit.pk)
    )
    listing = text(get("search"))
    assert "Skyddat boende" in listing
    # The district is offered (the neighbour lies there) but finds only it.
    by_district = text(get("search", query=f"?district={district.pk}"))
    assert "Grannen" in by_district
    assert "Skyddat boende" not in by_district
    # The list names no district for the protected unit: only the neighbour's.
    assert listing.count("Skyddsdistriktet") == 2  # the choice and the neighbour


def test_a_sole_traders_number_is_never_shown() -> None:
    number = org_number(1, prefix="800")  # a personal identity number
    provider = ProviderFactory(name="Anna Andersson Omsorg", org_number=number)
    unit = UnitFactory(provider=provider)
    quick(unit=unit)
    for language in ("sv", "en"):
        page = text(get("unit", unit.pk, language=language))
        assert "Anna Andersson Omsorg" in page
        assert number not in page
        assert number[:6] not in page
        assert sv("Organisation number") not in page
        assert "Organisation number" not in page


def test_the_citys_own_unit_speaks_of_its_mission_description() -> None:
    unit = UnitFactory(provider=CityFactory(), operated_by=OrganisationFactory())
    publication = quick(unit=unit)
    assert publication.regime == "own"
    page = text(get("unit", unit.pk))
    assert "Följer uppdragsbeskrivningen" in page
    assert sv("the city's own unit") in page
    assert "Följer uppdragsbeskrivningen" in text(get("search"))


def test_a_result_of_the_units_earlier_provider_says_so() -> None:
    unit = UnitFactory()
    earlier = unit.provider
    quick(unit=unit, year=2022, performed_on=dt.date(2022, 3, 1))
    unit.provider = ProviderFactory(name="Nya Ägaren AB")
    unit.save()
    page = text(get("unit", unit.pk))
    assert "Nya Ägaren AB" in page
    assert sv("Provider at the time") in page
    assert earlier.name in page


def test_the_english_page_shows_the_english_summary_or_marks_the_swedish() -> None:
    translated = shared_followup(with_open_deficiency=False, outcome="complies")
    publish(translated, summary_en="Followed up on site; complies.")
    swedish = quick(summary="Endast på svenska.")

    page = get("unit", translated.unit_id, language="en")
    body = text(page)
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in body
    assert "Followed up on site; complies." in body
    assert "Complies with the agreement" in body
    assert SUMMARY not in body
    assert reverse("public_en:search") in body
    # The way back to Swedish is the same page under the Swedish address.
    assert f'href="{reverse("public:unit", args=[translated.unit_id])}"' in body

    body = text(get("unit", swedish.followup.unit_id, language="en"))
    assert (
        '<div class="public-result__summary" lang="sv"><p>Endast på svenska.</p>'
        in body
    )
    # The Swedish page shows the Swedish summary, unmarked.
    body = text(get("unit", swedish.followup.unit_id))
    assert '<div class="public-result__summary"><p>Endast på svenska.</p>' in body
    assert "Followed up" not in text(get("unit", translated.unit_id))


# Fast and cacheable ------------------------------------------------------------


def test_a_second_request_with_the_etag_gets_304() -> None:
    publication = quick()
    for name, args in (("search", ()), ("unit", (publication.followup.unit_id,))):
        first = get(name, *args)
        assert first.status_code == 200
        assert first["Cache-Control"] in {
            "public, max-age=300",
            "max-age=300, public",
        }
        etag = first["ETag"]
        again = Client().get(
            reverse(f"public:{name}", args=args), headers={"If-None-Match": etag}
        )
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag
        # Each language is its own page.
        english = get(name, *args, language="en")
        assert english["ETag"] != etag


def test_withdrawing_changes_the_etag_and_removes_the_result() -> None:
    publication = quick(unit=UnitFactory(name="Återkallad"))
    kept = quick(unit=UnitFactory(name="Kvar"))
    unit_url = reverse("public:unit", args=[publication.followup.unit_id])
    before = Client().get(unit_url)
    assert before.status_code == 200
    search = get("search")
    assert "Återkallad" in text(search)

    publication_withdraw(
        actor=None, followup=publication.followup, reason="Fel i sammanfattningen."
    )
    after = Client().get(unit_url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 404
    again = Client().get(
        reverse("public:search"), headers={"If-None-Match": search["ETag"]}
    )
    assert again.status_code == 200
    assert again["ETag"] != search["ETag"]
    assert "Återkallad" not in text(again)
    assert "Kvar" in text(again)
    assert kept.status == "published"


def test_an_anonymous_visitor_gets_no_cookie_and_no_csrf_token() -> None:
    publication = quick()
    for url in (
        reverse("public:search"),
        reverse("public:search") + "?q=x&contract_area=abc",
        reverse("public:unit", args=[publication.followup.unit_id]),
        reverse("public_en:unit", args=[publication.followup.unit_id]),
    ):
        response = Client().get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_logged_in_reader_sees_the_same_public_pages(coordinator) -> None:
    """The city's readers see every publication internally; the public pages
    show them only the published ones, like anyone else."""
    publication = quick(unit=UnitFactory(name="Publicerad"))
    proposed = shared_followup(
        unit=UnitFactory(name="Föreslagen"), with_open_deficiency=False
    )
    publication_propose(actor=None, followup=proposed, summary="Förslag.")
    client = Client()
    client.force_login(coordinator)
    page = client.get(reverse("public:search")).content.decode()
    assert "Publicerad" in page and "Föreslagen" not in page
    assert (
        client.get(reverse("public:unit", args=[proposed.unit_id])).status_code == 404
    )
    assert (
        client.get(
            reverse("public:unit", args=[publication.followup.unit_id])
        ).status_code
        == 200
    )
