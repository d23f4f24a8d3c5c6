"""The open data (issue 8): the page that describes it, the results as CSV and
JSON, and the DCAT-AP-SE metadata. Open to anyone (``public_page``); the files
are the same in both languages (codes, Swedish labels), only the page is
translated."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from foljsam.publishing import dcat, opendata
from foljsam.publishing.http import other_language_url, public_page, public_url


def _shared(response: HttpResponse) -> HttpResponse:
    """Open data may be read by any web page (no cookies are involved)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@public_page
def overview(request: HttpRequest) -> HttpResponse:
    url, language = other_language_url(request)
    return render(
        request,
        "publishing/open_data.html",
        {
            "about": opendata.summary(request.user),
            "fields": opendata.FIELDS,
            "csv_url": public_url("open_data_csv"),
            "json_url": public_url("open_data_json"),
            "dcat_url": public_url("open_data_dcat"),
            "licence_url": f"{opendata.CC0}deed.{translation.get_language()}",
            "public_section": "open_data",
            "other_language_url": url,
            "other_language": language,
        },
    )


@public_page
def results_csv(request: HttpRequest) -> HttpResponse:
    rows = opendata.results(request)
    response = HttpResponse(
        opendata.csv_document(rows), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{opendata.CSV_FILENAME}"'
    )
    return _shared(response)


@public_page
def results_json(request: HttpRequest) -> HttpResponse:
    rows = opendata.results(request)
    body = opendata.json_document(
        rows,
        dataset=opendata.dataset_header(request, rows),
        now=timezone.now(),
    )
    return _shared(HttpResponse(body, content_type="application/json"))


@public_page
def catalogue(request: HttpRequest) -> HttpResponse:
    facts = opendata.dcat_facts(request, opendata.summary(request.user))
    body = json.dumps(dcat.catalogue(facts), ensure_ascii=False, indent=2) + "\n"
    return _shared(HttpResponse(body, content_type="application/ld+json"))
