"""The open data's metadata as DCAT-AP-SE (issue 8), so that Sveriges dataportal
(dataportal.se) can harvest it and pass it on to data.europa.eu.

Pure: ``catalogue`` builds the JSON-LD document from plain values (``Facts``);
the view gathers them (opendata.py) and serialises the dict.

What it says, following DCAT-AP-SE 3.0.1 (docs.dataportal.se/dcat/sv/):

* a ``dcat:Catalog`` with its mandatory title, description, publisher, licence
  (Sweden requires CC0 on the catalogue) and dataset, and the recommended
  homepage, language, release and modification dates and theme taxonomy;
* one ``dcat:Dataset``: title and description in Swedish and English, publisher,
  contact point, keywords, theme, spatial and temporal coverage, update
  frequency, access rights, dates, landing page and two distributions;
* two ``dcat:Distribution`` (CSV and JSON): access and download URL, format (EU
  file-type authority), media type (IANA), licence (CC0), availability, title
  and description;
* the publisher, a ``foaf:Agent`` with its name and type, identified as the
  portal asks (``http://dataportal.se/organisation/SE<orgnr>``), and the
  contact point, a ``vcard:Organization`` with a name and an e-mail address.

Every resource the portal merges by identifier (catalogue, dataset,
distributions, publisher, contact point) has an absolute IRI, never a blank node
(dataportal.se's harvesting rules). The IRIs are built from the open data page's
Swedish address, so they do not change with the language of the request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
PUBLISHER_TYPE_LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
DATAPORTAL_ORGANISATION = "http://dataportal.se/organisation/SE"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Free text, in Swedish and English (DCAT-AP-SE: translate at least to English).
CATALOGUE_TITLE = {
    "sv": "Uppföljning av utförare inom socialtjänsten",
    "en": "Follow-up of social-care providers",
}
CATALOGUE_DESCRIPTION = {
    "sv": (
        "Öppna data från stadens uppföljning av de utförare inom socialtjänsten "
        "(SoL och LSS) som staden köper från eller driver själv."
    ),
    "en": (
        "Open data from the city's follow-up of the social-care providers (SoL "
        "and LSS) that it buys from or runs itself."
    ),
}
DATASET_TITLE = {
    "sv": "Publicerade resultat av avtalsuppföljningar",
    "en": "Published results of contract follow-ups",
}
DATASET_DESCRIPTION = {
    "sv": (
        "Resultatet av varje uppföljning som socialförvaltningen har godkänt för "
        "publicering: verksamheten och utföraren, avtalsområdet, när och hur "
        "uppföljningen gjordes, utfallet och en sammanfattning i klartext. Ett "
        "återkallat resultat försvinner ur datamängden direkt. Datamängden "
        "innehåller inga personuppgifter."
    ),
    "en": (
        "The result of every follow-up that the social services' central office "
        "has approved for publication: the unit and its provider, the contract "
        "area, when and how the follow-up was done, its outcome and a summary in "
        "plain words. A withdrawn result leaves the dataset at once. The dataset "
        "holds no personal data."
    ),
}
KEYWORDS = {
    "sv": (
        "avtalsuppföljning",
        "socialtjänst",
        "utförare",
        "valfrihetssystem",
        "SoL",
        "LSS",
    ),
    "en": (
        "contract follow-up",
        "social services",
        "care providers",
        "freedom of choice",
        "SoL",
        "LSS",
    ),
}
THEMES = ("SOCI", "GOVE")  # population and society; government and public sector
LANGUAGES = ("SWE", "ENG")
FREQUENCY = "UPDATE_CONT"  # the files are made on request from the current results


@dataclass(frozen=True, slots=True)
class Distribution:
    key: str  # the fragment of its IRI: "csv", "json"
    url: str
    file_type: str  # EU file-type authority code: "CSV", "JSON"
    media_type: str  # IANA: "text/csv", "application/json"
    title: dict[str, str]
    description: dict[str, str]


DISTRIBUTION_TEXTS = {
    "csv": (
        {"sv": "Resultaten som CSV", "en": "The results as CSV"},
        {
            "sv": (
                "En rad per publicerat resultat, UTF-8, kommaseparerad, med "
                "kolumnnamn på första raden."
            ),
            "en": (
                "One row per published result, UTF-8, comma-separated, with the "
                "column names in the first row."
            ),
        },
    ),
    "json": (
        {"sv": "Resultaten som JSON", "en": "The results as JSON"},
        {
            "sv": "Samma resultat som CSV-filen, som en lista av objekt.",
            "en": "The same results as the CSV file, as a list of objects.",
        },
    ),
}


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the metadata says that is not fixed above."""

    landing_page: str  # the open data page (Swedish address)
    homepage: str  # the publisher's or the public site's start page
    csv_url: str
    json_url: str
    publisher_name: str
    publisher_org_number: str  # ten digits, or "" (then the IRI is local)
    contact_email: str
    spatial: str  # a GeoNames URI
    issued: dt.datetime | None = None  # the first result published
    modified: dt.datetime | None = None  # the latest result published
    first_performed: dt.date | None = None
    last_performed: dt.date | None = None


def _texts(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": lang} for lang, text in values.items()]


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _datetime(value: dt.datetime) -> dict[str, str]:
    return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def _date(value: dt.date) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def iris(landing_page: str) -> dict[str, str]:
    """The IRIs of the catalogue, dataset, distributions and contact point."""
    return {
        key: f"{landing_page}#{key}"
        for key in ("catalog", "dataset", "csv", "json", "contact", "publisher")
    }


def publisher_iri(facts: Facts) -> str:
    digits = "".join(c for c in facts.publisher_org_number if c.isdigit())
    if len(digits) == 10:
        return f"{DATAPORTAL_ORGANISATION}{digits}"
    return iris(facts.landing_page)["publisher"]


def distributions(facts: Facts) -> tuple[Distribution, ...]:
    made = []
    for key, url, file_type, media_type in (
        ("csv", facts.csv_url, "CSV", "text/csv"),
        ("json", facts.json_url, "JSON", "application/json"),
    ):
        title, description = DISTRIBUTION_TEXTS[key]
        made.append(Distribution(key, url, file_type, media_type, title, description))
    return tuple(made)


def catalogue(facts: Facts) -> dict[str, Any]:
    """The DCAT-AP-SE catalogue as a JSON-LD document (a dict for json.dumps)."""
    ids = iris(facts.landing_page)
    publisher = publisher_iri(facts)
    licence = _ref(CC0)
    languages = [_ref(f"{EU}language/{code}") for code in LANGUAGES]
    dated: dict[str, Any] = {}
    if facts.issued is not None:
        dated["dct:issued"] = _datetime(facts.issued)
    if facts.modified is not None:
        dated["dct:modified"] = _datetime(facts.modified)
    shipped = distributions(facts)

    catalog: dict[str, Any] = {
        "@id": ids["catalog"],
        "@type": "dcat:Catalog",
        "dct:title": _texts(CATALOGUE_TITLE),
        "dct:description": _texts(CATALOGUE_DESCRIPTION),
        "dct:publisher": _ref(publisher),
        "dct:license": licence,
        "dct:language": languages,
        "foaf:homepage": _ref(facts.homepage),
        "dcat:themeTaxonomy": _ref(f"{EU}data-theme"),
        "dcat:dataset": _ref(ids["dataset"]),
        **dated,
    }
    agent = {
        "@id": publisher,
        "@type": "foaf:Agent",
        "foaf:name": facts.publisher_name,
        "dct:type": _ref(PUBLISHER_TYPE_LOCAL_AUTHORITY),
    }
    contact = {
        "@id": ids["contact"],
        "@type": "vcard:Organization",
        "vcard:fn": facts.publisher_name,
        "vcard:hasEmail": _ref(f"mailto:{facts.contact_email}"),
    }
    dataset: dict[str, Any] = {
        "@id": ids["dataset"],
        "@type": "dcat:Dataset",
        "dct:title": _texts(DATASET_TITLE),
        "dct:description": _texts(DATASET_DESCRIPTION),
        "dct:publisher": _ref(publisher),
        "dcat:contactPoint": _ref(ids["contact"]),
        "dcat:keyword": [
            {"@value": word, "@language": lang}
            for lang, words in KEYWORDS.items()
            for word in words
        ],
        "dcat:theme": [_ref(f"{EU}data-theme/{code}") for code in THEMES],
        "dct:spatial": _ref(facts.spatial),
        "dct:accrualPeriodicity": _ref(f"{EU}frequency/{FREQUENCY}"),
        "dct:accessRights": _ref(f"{EU}access-right/PUBLIC"),
        "dct:language": languages,
        "dcat:landingPage": _ref(facts.landing_page),
        "dcat:distribution": [_ref(ids[d.key]) for d in shipped],
        **dated,
    }
    if facts.first_performed is not None and facts.last_performed is not None:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(facts.first_performed),
            "dcat:endDate": _date(facts.last_performed),
        }
    graph: list[dict[str, Any]] = [catalog, agent, contact, dataset]
    for distribution in shipped:
        graph.append(
            {
                "@id": ids[distribution.key],
                "@type": "dcat:Distribution",
                "dct:title": _texts(distribution.title),
                "dct:description": _texts(distribution.description),
                "dcat:accessURL": _ref(distribution.url),
                "dcat:downloadURL": _ref(distribution.url),
                "dct:format": _ref(f"{EU}file-type/{distribution.file_type}"),
                "dcat:mediaType": _ref(f"{IANA}{distribution.media_type}"),
                "dct:license": licence,
                "dcatap:availability": _ref(f"{EU}planned-availability/STABLE"),
                "foaf:page": _ref(f"{facts.landing_page}#schema"),
            }
        )
    return {"@context": CONTEXT, "@graph": graph}
