"""The open data (issue 8): every published result as rows, for the CSV and the
JSON, and the facts the DCAT-AP-SE metadata tells about them.

Every read starts from ``Publication.objects.visible_to(user)`` and keeps only the
published results: anyone, logged in or not, gets the same rows, and a withdrawn
result is gone from the next request on. The rows come from one query of named
columns (``values()``), so nothing but what is listed in ``FIELDS`` is ever read:
never the internal note, who proposed or decided, or anything of the follow-up
but the unit, the provider at the time and the contract area. Where a unit lies
is left out when its address is protected, as on the public pages.

The columns are documented in docs/formats.md ("Open data") and on the open data
page, both from ``FIELDS``. Identifiers are stable: ``result_id`` is the
publication's id, which a result keeps when it is withdrawn and published again;
``unit_id`` is the city's own code for the unit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.access import Viewer
from foljsam.core.exports import Cell, Column, csv_text
from foljsam.followups.choices import outcome_label
from foljsam.publishing import dcat, rules
from foljsam.publishing.http import public_url
from foljsam.publishing.models import Publication, PublicationQuerySet
from foljsam.publishing.public import PROTECTED

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CSV_FILENAME = "resultat.csv"


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One published result, as the open data shows it."""

    result_id: int
    unit_id: str
    unit_name: str
    provider_name: str
    provider_org_number: str  # "" for a sole trader (rules.public_org_number)
    address: str
    postal_code: str
    city: str
    district: str
    contract_area_code: str
    contract_area_name: str
    law: str
    regime: str
    year: int
    performed_on: dt.date
    methods: tuple[str, ...]
    outcome: str
    outcome_label: str  # in Swedish
    summary: str
    summary_en: str
    published_at: dt.datetime  # in Swedish time
    url: str


@dataclass(frozen=True, slots=True)
class Field:
    """A column of the CSV and a key of the JSON, with its type and meaning."""

    name: str
    kind: Promise
    description: Promise


TEXT, INTEGER, DATE, MOMENT, CODE, CODES, URL = (
    _("text"),
    _("integer"),
    _("date (YYYY-MM-DD)"),
    _("date and time (ISO 8601, with offset)"),
    _("code"),
    _("list of codes"),
    _("URL"),
)

FIELDS: tuple[Field, ...] = (
    Field(
        "result_id",
        INTEGER,
        _(
            "The result's identifier. It stays the same if the result is "
            "withdrawn and published again."
        ),
    ),
    Field("unit_id", TEXT, _("The city's code for the unit.")),
    Field("unit_name", TEXT, _("The unit's name.")),
    Field(
        "provider_name",
        TEXT,
        _("The provider that ran the unit when it was followed up."),
    ),
    Field(
        "provider_org_number",
        TEXT,
        _(
            "The provider's organisation number (NNNNNN-NNNN). Empty for a sole "
            "trader, whose number is a personal identity number."
        ),
    ),
    Field(
        "address",
        TEXT,
        _(
            "The unit's street address. Empty, like the postal code, town and "
            "district, where addresses are protected (such as sheltered housing)."
        ),
    ),
    Field("postal_code", TEXT, _("The unit's postal code.")),
    Field("city", TEXT, _("The unit's postal town.")),
    Field(
        "district",
        TEXT,
        _("The district office of the area the unit lies in; empty outside the city."),
    ),
    Field("contract_area_code", CODE, _("The contract area's code.")),
    Field("contract_area_name", TEXT, _("The contract area's name.")),
    Field("law", CODE, _("The law the service is given under: SoL or LSS.")),
    Field(
        "regime",
        CODE,
        _("own (run by the city itself) or private (bought from a provider)."),
    ),
    Field("year", INTEGER, _("The year the follow-up was planned for.")),
    Field("performed_on", DATE, _("The day the follow-up was performed.")),
    Field(
        "methods",
        CODES,
        _(
            "How the unit was followed up: site_visit, digital_visit, survey, "
            "self_report, document_review, screening, financial_check. In the "
            "CSV separated by semicolons, in the JSON a list."
        ),
    ),
    Field(
        "outcome",
        CODE,
        _(
            "complies, complies_after_complement, minor_deficiencies_remain or "
            "does_not_comply."
        ),
    ),
    Field("outcome_label", TEXT, _("The outcome in words, in Swedish.")),
    Field(
        "summary",
        TEXT,
        _("The public summary in Swedish, as the central office approved it."),
    ),
    Field(
        "summary_en",
        TEXT,
        _("The summary in English: empty in the CSV and null in the JSON if none."),
    ),
    Field(
        "published_at",
        MOMENT,
        _("When the central office published the result, in Swedish time."),
    ),
    Field("url", URL, _("The unit's public page with this result.")),
)
NAMES = tuple(field.name for field in FIELDS)

# The columns one query reads, nothing else: the publication's own snapshot and
# the unit, the provider at the time and the contract area of its follow-up.
_COLUMNS = (
    "pk",
    "followup__unit_id",
    "followup__unit__external_id",
    "followup__unit__name",
    "followup__unit__address",
    "followup__unit__postal_code",
    "followup__unit__city",
    "followup__unit__district__name",
    "followup__provider__name",
    "followup__provider__org_number",
    "followup__contract_area__code",
    "followup__contract_area__name",
    "followup__contract_area__law",
    "regime",
    "year",
    "performed_on",
    "methods",
    "outcome",
    "summary",
    "summary_en",
    "published_at",
)


def published(user: Viewer) -> PublicationQuerySet:
    """The published results ``user`` sees: the same for everyone."""
    return Publication.objects.visible_to(user).published()


def public_base(request: HttpRequest) -> str:
    """Scheme and host of the public site: FOLJSAM_PUBLIC_BASE_URL when set, so
    that the harvested URIs never change with the address a request used."""
    configured: str = settings.FOLJSAM_PUBLIC_BASE_URL
    return configured or request.build_absolute_uri("/").rstrip("/")


def absolute(request: HttpRequest, name: str, *args: Any) -> str:
    """The absolute Swedish address of the public page ``name``."""
    return public_base(request) + public_url(name, *args, language="sv")


def results(request: HttpRequest) -> list[ResultRow]:
    """Every published result, oldest first: one query. Where a unit lies is
    left out when its address is protected (``public.PROTECTED``, the public
    pages' own rule: any of its agreements or follow-ups in a contract area whose
    addresses are protected)."""
    base = public_base(request)
    protected = Exists(Publication.objects.filter(PROTECTED, pk=OuterRef("pk")))
    rows = (
        published(request.user)
        .annotate(address_protected=protected)
        .order_by("pk")
        .values(*_COLUMNS, "address_protected")
    )
    with translation.override("sv"):
        return [_row(values, base) for values in rows]


def _row(values: dict[str, Any], base: str) -> ResultRow:
    regime = values["regime"]
    hidden = values["address_protected"]
    return ResultRow(
        result_id=values["pk"],
        unit_id=values["followup__unit__external_id"],
        unit_name=values["followup__unit__name"],
        provider_name=values["followup__provider__name"],
        provider_org_number=rules.public_org_number(
            values["followup__provider__org_number"]
        ),
        address="" if hidden else values["followup__unit__address"],
        postal_code="" if hidden else values["followup__unit__postal_code"],
        city="" if hidden else values["followup__unit__city"],
        district="" if hidden else values["followup__unit__district__name"] or "",
        contract_area_code=values["followup__contract_area__code"],
        contract_area_name=values["followup__contract_area__name"],
        law=values["followup__contract_area__law"],
        regime=regime,
        year=values["year"],
        performed_on=values["performed_on"],
        methods=tuple(str(m) for m in values["methods"] or ()),
        outcome=values["outcome"],
        outcome_label=outcome_label(values["outcome"], regime),
        summary=values["summary"],
        summary_en=values["summary_en"],
        published_at=timezone.localtime(values["published_at"], STOCKHOLM),
        url=base + public_url("unit", values["followup__unit_id"], language="sv"),
    )


def moment(value: dt.datetime) -> str:
    return value.astimezone(STOCKHOLM).isoformat(timespec="seconds")


def _cell(row: ResultRow, name: str) -> Cell:
    value = getattr(row, name)
    if name == "methods":
        return ";".join(value)
    if name == "published_at":
        return moment(value)
    return cast(Cell, value)


def _column(name: str) -> Column[ResultRow]:
    return Column(name, lambda row: _cell(row, name))


COLUMNS: tuple[Column[ResultRow], ...] = tuple(_column(name) for name in NAMES)


def csv_document(rows: Iterable[ResultRow]) -> str:
    """The CSV: UTF-8 without a byte-order mark, comma-separated, a header row
    (docs/formats.md, "CSV and XLSX conventions for every export")."""
    return csv_text(COLUMNS, rows)


def _json_row(row: ResultRow) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name in NAMES:
        value = getattr(row, name)
        if name == "methods":
            value = list(value)
        elif name == "performed_on":
            value = value.isoformat()
        elif name == "published_at":
            value = moment(value)
        elif name in {
            "provider_org_number",
            "summary_en",
            "district",
            "address",
            "postal_code",
            "city",
        }:
            value = value or None
        item[name] = value
    return item


def json_document(
    rows: Sequence[ResultRow], *, dataset: dict[str, Any], now: dt.datetime
) -> str:
    """The JSON: the dataset's description, the licence, when it was made, and
    the results (the CSV's columns as keys)."""
    document = {
        "dataset": dataset,
        "license": CC0,
        "generated_at": moment(now),
        "results": [_json_row(row) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class Summary:
    """What the published results add up to, for the metadata and the page."""

    count: int
    first_published: dt.datetime | None
    last_published: dt.datetime | None
    first_performed: dt.date | None
    last_performed: dt.date | None
    # The latest publication or withdrawal: when the dataset last changed.
    last_changed: dt.datetime | None = None


def summary(user: Viewer) -> Summary:
    """How many results are published, their first and latest dates, and when
    the published set last changed (a publication or a withdrawal): two
    queries."""
    found = published(user).aggregate(
        count=Count("pk"),
        first_published=Min("published_at"),
        last_published=Max("published_at"),
        first_performed=Min("performed_on"),
        last_performed=Max("performed_on"),
    )
    moments = [found["last_published"], Publication.objects.last_withdrawal()]
    changed = max((m for m in moments if m is not None), default=None)
    return Summary(**found, last_changed=changed)


def dcat_facts(request: HttpRequest, about: Summary) -> dcat.Facts:
    landing = absolute(request, "open_data")
    homepage: str = settings.FOLJSAM_PUBLISHER_HOMEPAGE
    return dcat.Facts(
        landing_page=landing,
        homepage=homepage or absolute(request, "search"),
        csv_url=absolute(request, "open_data_csv"),
        json_url=absolute(request, "open_data_json"),
        publisher_name=settings.FOLJSAM_PUBLISHER_NAME,
        publisher_org_number=settings.FOLJSAM_PUBLISHER_ORG_NUMBER,
        contact_email=settings.FOLJSAM_OPEN_DATA_CONTACT_EMAIL,
        spatial=settings.FOLJSAM_OPEN_DATA_SPATIAL,
        issued=_local(about.first_published),
        modified=_local(about.last_changed),
        first_performed=about.first_performed,
        last_performed=about.last_performed,
    )


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else value.astimezone(STOCKHOLM)


def dataset_header(request: HttpRequest, rows: Sequence[ResultRow]) -> dict[str, Any]:
    """The JSON's ``dataset``: what it is, where it is described, and when its
    results were first and last published (from the rows: no query)."""
    landing = absolute(request, "open_data")
    published_at = [row.published_at for row in rows]
    return {
        "id": dcat.iris(landing)["dataset"],
        "title": dcat.DATASET_TITLE["sv"],
        "title_en": dcat.DATASET_TITLE["en"],
        "publisher": settings.FOLJSAM_PUBLISHER_NAME,
        "landing_page": landing,
        "metadata": absolute(request, "open_data_dcat"),
        "count": len(rows),
        "issued": moment(min(published_at)) if published_at else None,
        "modified": moment(max(published_at)) if published_at else None,
    }
