"""How a public page is served (issue 8): open to anyone, in the language its
address names, and cacheable.

* The public pages live twice: under ``/`` in Swedish (namespace ``public``)
  and under ``/en/`` in English (namespace ``public_en``). The language is the
  address's, not a cookie's, so that a page is the same for everyone who asks
  for it and a shared cache (the city's proxy, a CDN) may keep it. The language
  link is a plain link to the same page under the other prefix.
* Every answer says ``Cache-Control: public, max-age=300`` and carries an ETag
  made of what the page is built from (``reporting.memo.fingerprint``: the
  publications and the registry rows a public page shows), so a client that asks
  again gets ``304 Not Modified`` without the page being built. A withdrawal
  changes the fingerprint at once; a shared cache may keep the old page for at
  most five minutes (docs/decisions.md).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from foljsam.accounts.models import Organisation
from foljsam.publishing.models import Publication
from foljsam.registry.models import Agreement, ContractArea, Provider, Unit
from foljsam.reporting.memo import fingerprint

MAX_AGE = 5 * 60
NAMESPACES = {"sv": "public", "en": "public_en"}
# The rows a public page is built from.
SOURCES = (Publication, Unit, Provider, ContractArea, Agreement, Organisation)


def language_of(request: HttpRequest) -> str:
    match = request.resolver_match
    return "en" if match is not None and match.namespace == NAMESPACES["en"] else "sv"


def public_url(name: str, *args: Any, language: str | None = None) -> str:
    """The public page ``name`` (without namespace) in ``language`` (the active
    one by default)."""
    language = language or translation.get_language() or "sv"
    namespace = NAMESPACES.get(language[:2], NAMESPACES["sv"])
    return reverse(f"{namespace}:{name}", args=args)


def other_language_url(request: HttpRequest) -> tuple[str, str]:
    """The same page in the other language, and that language's code."""
    other = "sv" if language_of(request) == "en" else "en"
    match = request.resolver_match
    try:
        if match is None or match.url_name is None:
            raise NoReverseMatch
        url = reverse(
            f"{NAMESPACES[other]}:{match.url_name}",
            args=match.args,
            kwargs=match.kwargs,
        )
    except NoReverseMatch:
        url = public_url("search", language=other)
    query = request.META.get("QUERY_STRING", "")
    return (f"{url}?{query}" if query else url), other


def public_page(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Serve ``view`` to anyone, in the address's language, with an ETag and a
    public cache lifetime."""

    @login_not_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = language_of(request)
        request.LANGUAGE_CODE = language
        request.language_from_path = True  # type: ignore[attr-defined]
        etag = f'"{fingerprint(SOURCES)[:32]}-{language}"'
        with translation.override(language):
            if etag in _etags(request):
                response: HttpResponse = HttpResponseNotModified()
            else:
                response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response.headers["ETag"] = etag
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        response.headers["Content-Language"] = language
        return response

    return wrapped


def _etags(request: HttpRequest) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {part.strip().removeprefix("W/") for part in header.split(",") if part}
