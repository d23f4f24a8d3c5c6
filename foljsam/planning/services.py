"""Changes to the multi-year plan, the calendar and each organisation's capacity
and contact persons. The selection runs have their own module (``runs``), and so
has publishing (``publishing``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from foljsam.accounts.models import Organisation, User
from foljsam.core.history import stamp_history
from foljsam.planning.models import (
    OrganisationSettings,
    Plan,
    PlanEntry,
    YearCalendar,
)


@transaction.atomic
def plan_save(*, actor: User | None, plan: Plan) -> Plan:
    """Create or change a multi-year plan (seed 004: "I följande planering framgår
    vilka områden som kommer att prioriteras under åren 2024 - 2026"). Its years
    cannot shrink past the years its entries are for."""
    plan.full_clean()
    if plan.pk is not None:
        outside = (
            PlanEntry.objects.filter(plan_id=plan.pk)
            .exclude(year__gte=plan.first_year, year__lte=plan.last_year)
            .values_list("year", flat=True)
            .distinct()
        )
        if outside:
            raise ValidationError(
                _(
                    "The plan has entries for %(years)s: remove them before "
                    "shortening the plan."
                )
                % {"years": ", ".join(str(y) for y in sorted(outside))}
            )
    stamp_history(plan, actor)
    plan.save()
    return plan


@transaction.atomic
def plan_delete(*, actor: User | None, plan: Plan) -> None:
    for entry in plan.entries.all():
        stamp_history(entry, actor)
        entry.delete()
    stamp_history(plan, actor)
    plan.delete()


@transaction.atomic
def plan_entry_save(*, actor: User | None, entry: PlanEntry) -> PlanEntry:
    """Prioritise a contract area in a year of the plan, how and why."""
    entry.full_clean()
    stamp_history(entry, actor)
    entry.save()
    return entry


@transaction.atomic
def plan_entry_delete(*, actor: User | None, entry: PlanEntry) -> None:
    stamp_history(entry, actor)
    entry.delete()


@transaction.atomic
def calendar_save(
    *,
    actor: User | None,
    year: int,
    send_out_by: dt.date,
    done_by: dt.date,
    report_by: dt.date,
) -> YearCalendar:
    """Set the year's deadlines. Follow-ups already published keep theirs."""
    calendar = YearCalendar.objects.filter(year=year).first() or YearCalendar(year=year)
    calendar.send_out_by = send_out_by
    calendar.done_by = done_by
    calendar.report_by = report_by
    calendar.full_clean()
    stamp_history(calendar, actor)
    calendar.save()
    return calendar


@transaction.atomic
def organisation_settings_save(
    *,
    actor: User | None,
    organisation: Organisation,
    min_per_year: int,
    max_per_year: int | None,
    contact_persons: Iterable[User] = (),
) -> OrganisationSettings:
    """Set how many follow-ups an organisation takes a year (seed 002: "2-4
    verksamheter att följa upp varje år") and whom to tell when it gets them.
    Contact persons belong to the organisation."""
    contacts = list(contact_persons)
    strangers = [u for u in contacts if u.organisation_id != organisation.pk]
    if strangers:
        raise ValidationError(
            {
                "contact_persons": _("%(names)s do not belong to %(organisation)s.")
                % {
                    "names": ", ".join(
                        u.get_full_name() or u.username for u in strangers
                    ),
                    "organisation": organisation.name,
                }
            }
        )
    settings = OrganisationSettings.objects.filter(
        organisation=organisation
    ).first() or OrganisationSettings(organisation=organisation)
    settings.min_per_year = min_per_year
    settings.max_per_year = max_per_year
    settings.full_clean()
    stamp_history(settings, actor)
    settings.save()
    settings.contact_persons.set(contacts)
    return settings
