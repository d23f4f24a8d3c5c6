"""A provider's results: the latest outcome per unit and contract area, and all its
follow-ups. The city's readers see any provider's; a provider user its own, once
shared with it (``reporting.results``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from foljsam.accounts.access import Capability, requires
from foljsam.core.pagination import paginate
from foljsam.reporting.results import provider_results

READ = (Capability.READ_REGISTRY, Capability.READ_OWN_PROVIDER)


@requires(*READ, any_of=True)
@require_GET
def latest(request: HttpRequest, pk: int) -> HttpResponse:
    results = provider_results(user=request.user, pk=pk)
    context = {
        "title": _("Results: %(provider)s") % {"provider": results.provider_name},
        "results": results,
        "tab": "latest",
        **paginate(request, results.latest),
    }
    return render(request, "reporting/provider_results.html", context)


@requires(*READ, any_of=True)
@require_GET
def followups(request: HttpRequest, pk: int) -> HttpResponse:
    results = provider_results(user=request.user, pk=pk)
    context = {
        "title": _("All follow-ups: %(provider)s")
        % {"provider": results.provider_name},
        "results": results,
        "tab": "followups",
        **paginate(request, results.history),
    }
    return render(request, "reporting/provider_results.html", context)
