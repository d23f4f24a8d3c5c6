"""The DCAT-AP-SE metadata (issue 8): valid JSON-LD that rdflib reads into the
expected triples, with every property DCAT-AP-SE makes mandatory (and the
recommended ones), checked by SHACL shapes (dcat_ap_se_shapes.ttl) and
directly; and the file the site serves says the same of the real results."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.term import BNode, Node

from foljsam.publishing import dcat
from foljsam.publishing.services import publication_withdraw
from foljsam.publishing.tests.factories import published_result

# rdflib's closed namespaces warn when pytest looks at them: plain ones here.
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SHAPES = Graph().parse(Path(__file__).with_name("dcat_ap_se_shapes.ttl"))
# rdflib's JSON-LD parser still uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph:DeprecationWarning")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DESCRIPTION_EN = dcat.DATASET_DESCRIPTION["en"]
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BASE = "https://foljsam.stad.example"
LANDING = f"{BASE}/jamfor/oppna-data/"

FACTS = dcat.Facts(
    landing_page=LANDING,
    homepage=f"{BASE}/jamfor/",
    csv_url=f"{LANDING}resultat.csv",
    json_url=f"{LANDING}resultat.json",
    publisher_name="Stockholms stad, socialförvaltningen",
    publisher_org_number="2120000142",
    contact_email="oppna-data@stad.example",
    spatial="http://sws.geonames.org/2673730",
    issued=dt.datetime(2026, 3, 1, 9, 30, tzinfo=STOCKHOLM),
    modified=dt.datetime(2026, 11, 30, 14, 5, 7, tzinfo=STOCKHOLM),
    first_performed=dt.date(2025, 10, 2),
    last_performed=dt.date(2026, 10, 20),
)
CATALOG = URIRef(f"{LANDING}#catalog")
DATASET = URIRef(f"{LANDING}#dataset")
CSV = URIRef(f"{LANDING}#csv")
JSON = URIRef(f"{LANDING}#json")
CONTACT = URIRef(f"{LANDING}#contact")
PUBLISHER = URIRef("http://dataportal.se/organisation/SE2120000142")


def seconds(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=0)


def graph_of(document: dict | str) -> Graph:
    text = document if isinstance(document, str) else json.dumps(document)
    return Graph().parse(data=text, format="json-ld")


def shacl(graph: Graph, *, allow_warnings: bool = False) -> tuple[bool, Graph, str]:
    conforms, results, text = validate(
        graph, shacl_graph=SHAPES, allow_warnings=allow_warnings
    )
    return bool(conforms), results, text


def violations(results: Graph) -> set[tuple[Node, Node]]:
    """(focus node, path) of every result of severity Violation."""
    return {
        (results.value(r, SH.focusNode), results.value(r, SH.resultPath))
        for r in results.subjects(SH.resultSeverity, SH.Violation)
    }


def test_the_catalogue_is_json_ld_with_the_expected_triples() -> None:
    g = graph_of(dcat.catalogue(FACTS))
    expected = [
        (CATALOG, RDF.type, DCAT.Catalog),
        (CATALOG, DCTERMS.license, CC0),
        (CATALOG, DCTERMS.publisher, PUBLISHER),
        (CATALOG, DCAT.dataset, DATASET),
        (CATALOG, FOAF.homepage, URIRef(f"{BASE}/jamfor/")),
        (CATALOG, DCTERMS.language, URIRef(f"{EU}language/SWE")),
        (CATALOG, DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")),
        (PUBLISHER, RDF.type, FOAF.Agent),
        (PUBLISHER, FOAF.name, Literal("Stockholms stad, socialförvaltningen")),
        (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal(dcat.DATASET_TITLE["sv"], lang="sv")),
        (DATASET, DCTERMS.title, Literal(dcat.DATASET_TITLE["en"], lang="en")),
        (DATASET, DCTERMS.description, Literal(DESCRIPTION_EN, lang="en")),
        (DATASET, DCTERMS.publisher, PUBLISHER),
        (DATASET, DCAT.contactPoint, CONTACT),
        (DATASET, DCAT.keyword, Literal("avtalsuppföljning", lang="sv")),
        (DATASET, DCAT.theme, URIRef(f"{EU}data-theme/SOCI")),
        (DATASET, DCTERMS.spatial, URIRef("http://sws.geonames.org/2673730")),
        (DATASET, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/UPDATE_CONT")),
        (DATASET, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")),
        (DATASET, DCAT.landingPage, URIRef(LANDING)),
        (DATASET, DCAT.distribution, CSV),
        (DATASET, DCAT.distribution, JSON),
        (CONTACT, RDF.type, VCARD.Organization),
        (CONTACT, VCARD.hasEmail, URIRef("mailto:oppna-data@stad.example")),
        (CSV, RDF.type, DCAT.Distribution),
        (CSV, DCAT.accessURL, URIRef(f"{LANDING}resultat.csv")),
        (CSV, DCAT.downloadURL, URIRef(f"{LANDING}resultat.csv")),
        (CSV, DCTERMS["format"], URIRef(f"{EU}file-type/CSV")),
        (CSV, DCAT.mediaType, URIRef(f"{IANA}text/csv")),
        (CSV, DCTERMS.license, CC0),
        (JSON, DCAT.downloadURL, URIRef(f"{LANDING}resultat.json")),
        (JSON, DCTERMS["format"], URIRef(f"{EU}file-type/JSON")),
        (JSON, DCAT.mediaType, URIRef(f"{IANA}application/json")),
        (JSON, DCATAP.availability, URIRef(f"{EU}planned-availability/STABLE")),
    ]
    missing = [triple for triple in expected if triple not in g]
    assert not missing, missing
    modified = g.value(DATASET, DCTERMS.modified)
    assert modified.datatype == XSD.dateTime
    assert modified.toPython() == FACTS.modified
    assert g.value(CATALOG, DCTERMS.modified) == modified
    period = g.value(DATASET, DCTERMS.temporal)
    assert g.value(period, DCAT.startDate).toPython() == dt.date(2025, 10, 2)
    assert g.value(period, DCAT.endDate).toPython() == dt.date(2026, 10, 20)


def test_every_mandatory_and_recommended_property_passes_the_shapes() -> None:
    conforms, _results, text = shacl(graph_of(dcat.catalogue(FACTS)))
    assert conforms, text


def test_the_harvested_resources_are_never_blank_nodes() -> None:
    """Sveriges dataportal merges catalogues, datasets, distributions,
    publishers and contact points by their IRIs."""
    g = graph_of(dcat.catalogue(FACTS))
    kinds = (
        DCAT.Catalog,
        DCAT.Dataset,
        DCAT.Distribution,
        FOAF.Agent,
        VCARD.Organization,
    )
    nodes = {node for kind in kinds for node in g.subjects(RDF.type, kind)}
    assert nodes == {CATALOG, DATASET, CSV, JSON, PUBLISHER, CONTACT}
    assert not any(isinstance(node, BNode) for node in nodes)


@pytest.mark.parametrize(
    ("subject", "path"),
    [
        (CATALOG, DCTERMS.title),
        (CATALOG, DCTERMS.description),
        (CATALOG, DCTERMS.publisher),
        (CATALOG, DCTERMS.license),
        (CATALOG, DCAT.dataset),
        (DATASET, DCTERMS.title),
        (DATASET, DCTERMS.description),
        (DATASET, DCTERMS.publisher),
        (CSV, DCAT.accessURL),
        (JSON, DCTERMS["format"]),
        (PUBLISHER, FOAF.name),
        (CONTACT, VCARD.hasEmail),
    ],
)
def test_the_shapes_refuse_a_missing_mandatory_property(subject, path) -> None:
    """The shapes bite: without a mandatory property the file is invalid."""
    g = graph_of(dcat.catalogue(FACTS))
    g.remove((subject, path, None))
    conforms, results, _text = shacl(g, allow_warnings=True)
    assert not conforms
    assert (subject, path) in violations(results)


def test_the_catalogue_licence_must_be_cc0() -> None:
    g = graph_of(dcat.catalogue(FACTS))
    by = URIRef("http://creativecommons.org/licenses/by/4.0/")
    g.set((CATALOG, DCTERMS.license, by))
    conforms, results, _text = shacl(g, allow_warnings=True)
    assert not conforms
    assert (CATALOG, DCTERMS.license) in violations(results)


def test_before_any_result_is_published_the_file_is_still_valid() -> None:
    """No dates yet: only recommended properties are missing (warnings)."""
    empty = dcat.Facts(
        **{
            **{f: getattr(FACTS, f) for f in FACTS.__dataclass_fields__},
            "issued": None,
            "modified": None,
            "first_performed": None,
            "last_performed": None,
        }
    )
    g = graph_of(dcat.catalogue(empty))
    assert g.value(DATASET, DCTERMS.modified) is None
    conforms, results, text = shacl(g, allow_warnings=True)
    assert conforms, text
    assert not violations(results)


def test_a_publisher_without_an_organisation_number_gets_a_local_iri() -> None:
    local = dcat.Facts(
        **{
            **{f: getattr(FACTS, f) for f in FACTS.__dataclass_fields__},
            "publisher_org_number": "",
        }
    )
    g = graph_of(dcat.catalogue(local))
    assert g.value(DATASET, DCTERMS.publisher) == URIRef(f"{LANDING}#publisher")
    assert shacl(g)[0]


# The file the site serves -----------------------------------------------------


@pytest.mark.django_db
def test_the_served_file_describes_the_published_results(client, settings) -> None:
    settings.FOLJSAM_PUBLIC_BASE_URL = BASE
    first = published_result(performed_on=dt.date(2026, 2, 3))
    second = published_result(performed_on=dt.date(2026, 5, 6), year=2026)
    response = client.get("/jamfor/oppna-data/dcat.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    g = graph_of(response.content.decode())
    conforms, _results, text = shacl(g)
    assert conforms, text
    assert g.value(DATASET, DCTERMS.modified).toPython() == seconds(second.published_at)
    assert g.value(DATASET, DCTERMS.issued).toPython() == seconds(first.published_at)
    period = g.value(DATASET, DCTERMS.temporal)
    assert g.value(period, DCAT.startDate).toPython() == dt.date(2026, 2, 3)
    assert g.value(period, DCAT.endDate).toPython() == dt.date(2026, 5, 6)
    # Each distribution's download works and holds the results.
    for distribution in (CSV, JSON):
        url = str(g.value(distribution, DCAT.downloadURL))
        assert url.startswith(BASE)
        download = client.get(url.removeprefix(BASE))
        assert download.status_code == 200
        assert first.followup.unit.external_id in download.content.decode()

    # Withdrawn, the later result no longer counts, and the dataset was modified
    # when it was withdrawn (later than any publication still standing); the
    # English address serves the same metadata, with the same (Swedish)
    # identifiers.
    with time_machine.travel(second.published_at + dt.timedelta(hours=2)):
        withdrawn = publication_withdraw(
            actor=None, followup=second.followup, reason="Fel enhet."
        )
    g = graph_of(client.get("/en/jamfor/oppna-data/dcat.jsonld").content.decode())
    assert (CATALOG, RDF.type, DCAT.Catalog) in g
    modified = g.value(DATASET, DCTERMS.modified).toPython()
    assert modified == seconds(withdrawn.withdrawn_at)
    assert modified > seconds(second.published_at)
    period = g.value(DATASET, DCTERMS.temporal)
    assert g.value(period, DCAT.endDate).toPython() == dt.date(2026, 2, 3)


@pytest.mark.django_db
def test_without_a_configured_address_the_request_names_the_host(client) -> None:
    published_result()
    response = client.get("/jamfor/oppna-data/dcat.jsonld")
    g = graph_of(response.content.decode())
    catalog = URIRef("http://testserver/jamfor/oppna-data/#catalog")
    assert (catalog, RDF.type, DCAT.Catalog) in g
    assert shacl(g)[0]
