"""The open data (issue 8): every published result, and nothing else, as CSV and
JSON with stable identifiers, in a fixed number of queries; the page that
describes it; the schema as documented."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from foljsam.followups.choices import outcome_label
from foljsam.publishing import opendata
from foljsam.publishing.models import Publication
from foljsam.publishing.services import (
    publication_decline,
    publication_propose,
    publication_publish,
    publication_withdraw,
)
from foljsam.publishing.tests.factories import (
    SECRETS,
    SUMMARY,
    published_result,
    shared_followup,
)
from foljsam.registry.tests.factories import ProviderFactory, UnitFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/jamfor/oppna-data/resultat.csv"
JSON_URL = "/jamfor/oppna-data/resultat.json"
PAGE_URL = "/jamfor/oppna-data/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DOCS = Path(__file__).resolve().parents[3] / "docs" / "formats.md"


def csv_rows(client, url: str = CSV_URL) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def json_results(client) -> list[dict]:
    return json.loads(client.get(JSON_URL).content)["results"]


def test_a_published_result_in_the_csv(client) -> None:
    publication = published_result()
    unit = publication.followup.unit
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="resultat.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert response["ETag"]
    text = response.content.decode("utf-8")
    assert not text.startswith("\ufeff"), "no byte-order mark"
    header, *_rows = text.splitlines()
    assert header.split(",") == list(opendata.NAMES)

    [row] = csv_rows(client)
    with translation.override("sv"):
        label = outcome_label("complies_after_complement", "private")
    provider = publication.followup.provider.org_number
    assert row == {
        "result_id": str(publication.pk),
        "unit_id": unit.external_id,
        "unit_name": unit.name,
        "provider_name": publication.followup.provider.name,
        "provider_org_number": f"{provider[:6]}-{provider[6:]}",
        "address": "Testgatan 1",
        "postal_code": "116 28",
        "city": "Stockholm",
        "district": unit.district.name,
        "contract_area_code": publication.followup.contract_area.code,
        "contract_area_name": publication.followup.contract_area.name,
        "law": "LSS",
        "regime": "private",
        "year": "2026",
        "performed_on": "2026-03-12",
        "methods": "site_visit;document_review",
        "outcome": "complies_after_complement",
        "outcome_label": label,
        "summary": SUMMARY,
        "summary_en": "",
        "published_at": row["published_at"],
        "url": f"http://testserver/jamfor/enhet/{unit.pk}/",
    }
    published_at = dt.datetime.fromisoformat(row["published_at"])
    assert published_at == publication.published_at.replace(microsecond=0)
    assert (
        published_at.utcoffset()
        == publication.published_at.astimezone(STOCKHOLM).utcoffset()
    )


def test_the_same_result_in_the_json(client) -> None:
    followup = shared_followup()
    publication_propose(actor=None, followup=followup, summary=SUMMARY)
    publication = publication_publish(
        actor=None,
        followup=followup,
        summary="Följdes upp med platsbesök.",
        summary_en="A site visit.",
    )
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert set(document) == {"dataset", "license", "generated_at", "results"}
    assert document["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert dt.datetime.fromisoformat(document["generated_at"]).utcoffset() is not None
    dataset = document["dataset"]
    assert dataset["count"] == 1
    assert dataset["landing_page"] == "http://testserver/jamfor/oppna-data/"
    assert dataset["metadata"] == "http://testserver/jamfor/oppna-data/dcat.jsonld"
    [result] = document["results"]
    assert list(result) == list(opendata.NAMES)
    assert result["result_id"] == publication.pk
    assert result["year"] == 2026
    assert result["methods"] == ["site_visit", "document_review"]
    assert result["summary"] == "Följdes upp med platsbesök."
    assert result["summary_en"] == "A site visit."
    assert result["performed_on"] == "2026-03-12"
    assert dataset["modified"] == result["published_at"]
    # The CSV says the same, as text.
    [row] = csv_rows(client)
    for name in opendata.NAMES:
        if name == "methods":
            assert row[name] == ";".join(result[name])
        else:
            assert row[name] == str(result[name] if result[name] is not None else "")


def test_only_published_results_and_a_withdrawn_one_leaves_at_once(client) -> None:
    kept = published_result()
    proposed = shared_followup()
    publication_propose(actor=None, followup=proposed, summary=SUMMARY)
    declined = shared_followup()
    publication_propose(actor=None, followup=declined, summary=SUMMARY)
    publication_decline(actor=None, followup=declined, reason="Skriv om.")
    withdrawn = published_result()
    first = client.get(CSV_URL)
    assert {r["result_id"] for r in csv_rows(client)} == {
        str(kept.pk),
        str(withdrawn.pk),
    }

    publication_withdraw(actor=None, followup=withdrawn.followup, reason="Fel.")
    # The answer a client kept is no longer current: it gets the new file.
    again = client.get(CSV_URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert {r["result_id"] for r in csv_rows(client)} == {str(kept.pk)}
    assert [r["result_id"] for r in json_results(client)] == [kept.pk]

    # Published again, it comes back under the same identifier.
    publication_publish(actor=None, followup=withdrawn.followup, summary=SUMMARY)
    assert [r["result_id"] for r in json_results(client)] == [kept.pk, withdrawn.pk]


def test_an_unchanged_file_is_not_sent_again(client) -> None:
    published_result()
    first = client.get(JSON_URL)
    again = client.get(JSON_URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_sole_traders_number_is_never_published(client) -> None:
    sole_trader = ProviderFactory(org_number="4601011238", name="Anna Andersson")
    published_result(unit=UnitFactory(provider=sole_trader))
    [row] = csv_rows(client)
    assert row["provider_org_number"] == ""
    assert json_results(client)[0]["provider_org_number"] is None
    for url in (CSV_URL, JSON_URL):
        assert "4601011238" not in client.get(url).content.decode()
        assert "460101-1238" not in client.get(url).content.decode()


def test_a_protected_address_is_never_published(client) -> None:
    """Sheltered housing: no street, postal code, town or district (the public
    pages' rule, ``public.PROTECTED``), for all the unit's results."""
    unit = UnitFactory(address="Skyddade gatan 9", postal_code="199 99", city="Ort")
    protected = published_result(unit=unit)
    area = protected.followup.contract_area
    area.address_protected = True
    area.save()
    published_result()
    rows = {row["unit_id"]: row for row in csv_rows(client)}
    hidden = rows[unit.external_id]
    assert hidden["unit_name"] == unit.name
    assert [hidden[k] for k in ("address", "postal_code", "city", "district")] == [
        "",
        "",
        "",
        "",
    ]
    assert all(row["address"] for key, row in rows.items() if key != unit.external_id)
    result = next(r for r in json_results(client) if r["unit_id"] == unit.external_id)
    assert [result[k] for k in ("address", "postal_code", "city", "district")] == [
        None,
        None,
        None,
        None,
    ]
    for url in (CSV_URL, JSON_URL):
        text = client.get(url).content.decode()
        assert "Skyddade gatan" not in text
        assert unit.district.name not in text


def test_nothing_internal_ever_reaches_the_open_data(client) -> None:
    published_result()
    proposed = shared_followup()
    publication_propose(actor=None, followup=proposed, summary=SUMMARY)
    withdrawn = published_result()
    publication_withdraw(
        actor=None, followup=withdrawn.followup, reason=SECRETS["note"]
    )
    for url in (CSV_URL, JSON_URL, "/jamfor/oppna-data/dcat.jsonld", PAGE_URL):
        text = client.get(url).content.decode()
        for secret in SECRETS.values():
            assert secret not in text, (url, secret)
            assert escape(secret) not in text, (url, secret)


def test_a_cell_that_looks_like_a_formula_is_neutralised_in_the_csv(client) -> None:
    published_result(summary="=HYPERLINK(1) är inte en formel här.")
    [row] = csv_rows(client)
    assert row["summary"] == "'=HYPERLINK(1) är inte en formel här."
    assert json_results(client)[0]["summary"] == "=HYPERLINK(1) är inte en formel här."


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL, PAGE_URL])
def test_the_query_count_does_not_grow_with_the_results(client, url) -> None:
    counts = []
    for results in (1, 4):
        while Publication.objects.published().count() < results:
            published_result()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 3, (
        "the fingerprint for the ETag, then the rows (and, for the page, when "
        "the set last changed)"
    )


def test_everyone_gets_the_same_rows(client, coordinator) -> None:
    published_result()
    proposed = shared_followup()
    publication_propose(actor=None, followup=proposed, summary=SUMMARY)
    anonymous = client.get(CSV_URL).content
    client.force_login(coordinator)
    assert client.get(CSV_URL).content == anonymous


def test_a_configured_address_makes_every_url(client, settings) -> None:
    settings.FOLJSAM_PUBLIC_BASE_URL = "https://jamfor.stad.example"
    publication = published_result()
    [row] = csv_rows(client)
    unit = publication.followup.unit.pk
    assert row["url"] == f"https://jamfor.stad.example/jamfor/enhet/{unit}/"
    dataset = json.loads(client.get(JSON_URL).content)["dataset"]
    assert dataset["id"] == "https://jamfor.stad.example/jamfor/oppna-data/#dataset"


def test_the_english_addresses_serve_the_same_files(client) -> None:
    published_result()
    swedish = client.get(CSV_URL)
    english = client.get("/en" + CSV_URL)
    assert english.status_code == 200
    assert english.content == swedish.content
    assert english["Content-Language"] == "en"
    english_json = json.loads(client.get("/en" + JSON_URL).content)
    assert english_json["results"] == json_results(client)


def test_the_page_describes_the_data(client) -> None:
    published_result()
    published_result()
    for prefix, language in (("", "sv"), ("/en", "en")):
        response = client.get(prefix + PAGE_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        for url in (CSV_URL, JSON_URL, "/jamfor/oppna-data/dcat.jsonld"):
            assert f'href="{prefix}{url}"' in html
        assert 'rel="license"' in html
        assert "https://creativecommons.org/publicdomain/zero/1.0/deed." in html
        for name in opendata.NAMES:
            assert f"<code>{name}</code>" in html
        with translation.override(language):
            for field in opendata.FIELDS:
                assert escape(str(field.description)) in html
        assert 'href="' + prefix + PAGE_URL + '" aria-current="page"' in html
        # The page names the number of results (two).
        assert "2" in html


def test_the_page_works_without_results(client) -> None:
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    csv_text = client.get(CSV_URL).content.decode()
    assert csv_text.splitlines() == [",".join(opendata.NAMES)]
    assert json.loads(client.get(JSON_URL).content)["results"] == []


def test_the_columns_are_documented() -> None:
    """docs/formats.md describes every column of the open data."""
    docs = DOCS.read_text(encoding="utf-8")
    section = docs[docs.index("## Open data") :]
    section = section[: section.index("\n## ", 1)]
    for name in opendata.NAMES:
        assert f"`{name}`" in section, name
