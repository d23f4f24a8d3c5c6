"""The provider portal (issue 6): "Provider users see their units' follow-up
reports, deficiencies and deadlines, and upload complements. They see nothing
else."

Every read goes through ``portal.selectors``, which start from
``visible_to(request.user)`` and show a follow-up only once complements are asked
for or it is completed; never the internal note or the officers' names.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from foljsam.accounts.access import Capability, requires
from foljsam.core import files
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.findings import measures
from foljsam.followups.models import FollowUp
from foljsam.portal import selectors
from foljsam.portal.forms import ComplementForm


def _prefix(deficiency_pk: int) -> str:
    return f"complement-{deficiency_pk}"


@requires(Capability.READ_PROVIDER_FOLLOWUPS)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    rows = selectors.portal_followups(user=request.user)
    context = {
        "title": _("Follow-up results"),
        "today": timezone.localdate(),
        **paginate(request, rows),
    }
    return render(request, "portal/home.html", context)


def _render(
    request: HttpRequest,
    followup: FollowUp,
    *,
    bound: dict[int, ComplementForm] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    page = selectors.portal_page(user=request.user, followup=followup, today=today)
    for item in page.deficiencies:
        if item.can_send:
            pk = item.deficiency.pk
            item.form = (bound or {}).get(pk) or ComplementForm(prefix=_prefix(pk))
    context = {
        "followup": followup,
        "page": page,
        "today": today,
        "error": error,
    }
    return render(request, "portal/followup.html", context, status=status)


@requires(Capability.READ_PROVIDER_FOLLOWUPS)
@require_GET
def followup(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, selectors.portal_followup(user=request.user, pk=pk))


@requires(Capability.READ_PROVIDER_FOLLOWUPS)
@require_POST
def complement(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a complement to one deficiency (its id in the form): a note, files,
    or both. Nothing is stored unless every file passes."""
    followup = selectors.portal_followup(user=request.user, pk=pk)
    try:
        deficiency_pk = int(request.POST.get("deficiency", ""))
    except ValueError:
        raise Http404 from None
    page = selectors.portal_page(
        user=request.user, followup=followup, today=timezone.localdate()
    )
    item = next(
        (d for d in page.deficiencies if d.deficiency.pk == deficiency_pk), None
    )
    if item is None:
        raise Http404
    if not item.can_send:
        return _render(
            request,
            followup,
            error=_("No complement is asked for this deficiency at the moment."),
            status=400,
        )
    form = ComplementForm(request.POST, request.FILES, prefix=_prefix(deficiency_pk))
    if form.is_valid():
        uploads = form.cleaned_data["attachments"]
        try:
            with files.atomic_with_files():
                measures.complement_receive(
                    actor=request.user,  # type: ignore[arg-type]
                    deficiency=item.deficiency,
                    note=form.cleaned_data["note"],
                    uploads=uploads,
                    by_provider=True,
                )
        except ValidationError as refused:
            add_errors(form, refused)
        else:
            if uploads:
                messages.success(
                    request,
                    ngettext(
                        "Your complement is sent, with %(count)d document.",
                        "Your complement is sent, with %(count)d documents.",
                        len(uploads),
                    )
                    % {"count": len(uploads)},
                )
            else:
                messages.success(request, _("Your complement is sent."))
            url = reverse("portal:followup", args=[followup.pk])
            return redirect(f"{url}#deficiency-{deficiency_pk}")
    return _render(request, followup, bound={deficiency_pk: form}, status=400)


@requires(Capability.READ_PROVIDER_FOLLOWUPS)
@require_GET
def complement_file(request: HttpRequest, pk: int, file_pk: int) -> Any:
    followup = selectors.portal_followup(user=request.user, pk=pk)
    stored = selectors.complement_file(
        user=request.user, followup=followup, file_pk=file_pk
    )
    return files.file_response(stored)
