"""The register's pages: list, detail, record, change, history.

Every read goes through a selector scoped to the user: another organisation's
signal does not exist for a district officer (404). The import has its own module
(``import_views``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from foljsam.accounts.access import Capability, requires
from foljsam.accounts.models import User
from foljsam.complaints import selectors
from foljsam.complaints.forms import SignalFilterForm, SignalForm
from foljsam.complaints.models import Signal
from foljsam.complaints.services import FREE_TEXT, signal_register, signal_update
from foljsam.core.forms import add_errors
from foljsam.core.pagination import paginate
from foljsam.core.timeline import timeline

READ = (Capability.READ_ALL_SIGNALS, Capability.READ_OWN_SIGNALS)
RECORD = Capability.RECORD_SIGNALS


@requires(*READ, any_of=True)
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    form = SignalFilterForm(request.GET, user=request.user)
    signals = selectors.signal_list(
        user=request.user,
        filters=selectors.SignalFilters(
            q=form.text("q"),
            source=form.text("source"),
            status=form.text("status"),
            category=form.pk("category"),
            contract_area=form.pk("contract_area"),
            provider=form.pk("provider"),
            year=form.value("year"),
        ),
    )
    context = {
        "title": _("Complaints and signals"),
        "form": form,
        **paginate(request, signals),
    }
    return render(request, "complaints/signal_list.html", context)


@requires(*READ, any_of=True)
@require_GET
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_detail(user=request.user, pk=pk)
    return render(request, "complaints/signal_detail.html", {"signal": signal})


def _form_page(
    request: HttpRequest, form: SignalForm, title: str, signal: Signal | None
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "signal": signal,
        "personal_data_fields": FREE_TEXT,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/signal_form.html", context, status=status)


@requires(RECORD)
@require_http_methods(["GET", "POST"])
def signal_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = SignalForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            signal = signal_register(actor=user, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The signal %(reference)s is recorded.")
                % {"reference": signal.reference},
            )
            return redirect("complaints:signal_detail", pk=signal.pk)
    return _form_page(request, form, _("Record a signal"), None)


@requires(RECORD)
@require_http_methods(["GET", "POST"])
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    signal = selectors.signal_detail(user=user, pk=pk)
    form = SignalForm(request.POST or None, user=user, instance=signal)
    if request.method == "POST" and form.is_valid():
        try:
            signal = signal_update(actor=user, signal=signal, **form.values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The signal is saved."))
            return redirect("complaints:signal_detail", pk=signal.pk)
    title = _("Change signal %(reference)s") % {"reference": signal.reference}
    return _form_page(request, form, title, signal)


@requires(Capability.VIEW_HISTORY)
@require_GET
def signal_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who recorded and changed the signal, and when; for those who see the
    Historik tabs and may see this signal (otherwise 404, as the detail page)."""
    signal = selectors.signal_detail(user=request.user, pk=pk)
    context = {
        "object": signal,
        "title": str(signal),
        "detail_url": reverse("complaints:signal_detail", args=[pk]),
        **paginate(request, timeline(signal)),
    }
    return render(request, "core/history.html", context)
