"""The public comparison pages (issue 8): find a unit, and a unit's published
results. Open to anyone, in the language of the address, cacheable
(``http.public_page``); what they read is ``public``'s."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from foljsam.core.pagination import paginate
from foljsam.publishing import public
from foljsam.publishing.http import language_of, other_language_url, public_page
from foljsam.publishing.public_forms import PublicSearchForm

PER_PAGE = 25


def _page_context(request: HttpRequest, section: str) -> dict[str, Any]:
    url, language = other_language_url(request)
    return {
        "other_language_url": url,
        "other_language": language,
        "public_section": section,
        # Names of the registry (contract areas, districts) are Swedish.
        "names_lang": "" if language_of(request) == "sv" else "sv",
    }


@public_page
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(
        request.GET, choices=public.search_choices(user=request.user)
    )
    units = public.search(user=request.user, filters=form.filters())
    context = {
        **_page_context(request, "search"),
        "form": form,
        "filtered": any(form.data.get(name) for name in form.fields),
        **paginate(request, units, per_page=PER_PAGE),
    }
    page = context["page_obj"]
    if form.filters().provider is not None and len(page.object_list):
        context["provider_name"] = page.object_list[0].provider_name
    return render(request, "publishing/public_search.html", context)


@public_page
@require_safe
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    page = public.unit_page(user=request.user, pk=pk, language=language_of(request))
    context = {
        **_page_context(request, "search"),
        "unit": page,
        "outcomes": public.outcome_meanings(),
    }
    return render(request, "publishing/public_unit.html", context)
