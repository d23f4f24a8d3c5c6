"""Reminders of complement deadlines (issue 6): before the deadline to the
provider, and once it has passed to the provider and the performing district;
never twice for the same deadline."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.core.cli import command_argv
from foljsam.core.worker import run_pending
from foljsam.findings import measures, services
from foljsam.findings.models import Deficiency, Reminder
from foljsam.findings.reminders import reminders_due, reminders_send
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import protocol_followup
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db

REQUESTED = dt.date(2026, 11, 2)
DUE = dt.date(2026, 12, 2)
WEEK_BEFORE = dt.date(2026, 11, 25)  # FOLJSAM_REMINDER_DAYS_BEFORE = 7
DAY_AFTER = dt.date(2026, 12, 3)


def at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(
        dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC), tick=False
    )


def _requested(
    district, officer, provider, *descriptions: str
) -> tuple[FollowUp, list[Deficiency]]:
    """A visited follow-up of one of the provider's units, with deficiencies
    whose complements were requested on REQUESTED, due on DUE."""
    with at(REQUESTED):
        followup = protocol_followup(
            organisation=district, provider=provider, status=Status.VISITED
        )
        category = RequirementCategory.objects.get(code="rutiner")
        found = [
            services.deficiency_add(
                actor=officer,
                followup=followup,
                category=category,
                severity="minor",
                description=text,
            )
            for text in descriptions
        ]
        measures.complements_request(
            actor=officer, followup=followup, deficiencies=found, due_on=DUE
        )
    return followup, found


def _send(day: dt.date) -> int:
    with at(day):
        due = reminders_send(day)
        run_pending()
    return len(due)


def test_a_week_before_each_provider_gets_one_message(
    settings,
    district,
    district_officer,
    provider,
    provider_user,
    other_provider,
    other_provider_user,
    mailoutbox,
) -> None:
    assert settings.FOLJSAM_REMINDER_DAYS_BEFORE == 7
    followup, _found = _requested(
        district,
        district_officer,
        provider,
        "Rutin för synpunkter saknas.",
        "Brandskyddsrutinen är inte uppdaterad.",
    )
    other, _ = _requested(
        district, district_officer, other_provider, "Ledningssystem saknas."
    )
    assert _send(WEEK_BEFORE - dt.timedelta(days=1)) == 0  # eight days before
    assert mailoutbox == []

    assert _send(WEEK_BEFORE) == 3
    assert sorted(m.to for m in mailoutbox) == [
        ["utforare.andra@example.org"],
        ["utforare@example.org"],
    ]
    own = next(m for m in mailoutbox if m.to == ["utforare@example.org"])
    assert followup.unit.name in own.body and other.unit.name not in own.body
    assert "Rutin för synpunkter saknas." in own.body
    assert "Brandskyddsrutinen är inte uppdaterad." in own.body
    assert own.body.count("2 december 2026") == 2  # each deficiency's deadline
    assert "http://127.0.0.1:8000/" in own.body
    # Nobody at the district is told before the deadline.
    assert all("uppfoljare@example.org" not in m.to for m in mailoutbox)
    assert set(Reminder.objects.values_list("kind", "due_on")) == {
        ("before_deadline", DUE)
    }

    # Again the same day, and the next: nothing more.
    assert _send(WEEK_BEFORE) == 0
    assert _send(WEEK_BEFORE + dt.timedelta(days=1)) == 0
    assert len(mailoutbox) == 2
    assert Reminder.objects.count() == 3


def test_a_missed_day_is_caught_up(
    district, district_officer, provider, provider_user, mailoutbox
) -> None:
    _requested(district, district_officer, provider, "Rutin saknas.")
    # The daily run did not run a week before; five days before it reminds.
    assert _send(DUE - dt.timedelta(days=5)) == 1
    assert len(mailoutbox) == 1


def test_after_the_deadline_the_provider_and_the_district_are_told(
    district,
    district_officer,
    other_district_officer,
    coordinator,
    provider,
    provider_user,
    mailoutbox,
) -> None:
    # A reader of the district holds no follow-up role: not told.
    make_user("lasare.sodermalm", Role.ORGANISATION_READER, organisation=district)
    followup, (deficiency,) = _requested(
        district, district_officer, provider, "Rutin saknas."
    )
    assert _send(WEEK_BEFORE) == 1
    assert _send(DUE) == 0  # the deadline day itself: not yet passed
    mailoutbox.clear()

    assert _send(DAY_AFTER) == 1
    assert sorted(m.to for m in mailoutbox) == [
        ["uppfoljare@example.org"],
        ["utforare@example.org"],
    ]
    to_district = next(m for m in mailoutbox if m.to == ["uppfoljare@example.org"])
    assert followup.unit.name in to_district.body
    assert provider.name in to_district.body
    assert (
        f"/findings/followups/{followup.pk}/#deficiency-{deficiency.pk}"
        in to_district.body
    )
    to_provider = next(m for m in mailoutbox if m.to == ["utforare@example.org"])
    assert to_provider.subject != to_district.subject
    assert "2 december 2026" in to_provider.body

    assert _send(DAY_AFTER + dt.timedelta(days=10)) == 0
    assert len(mailoutbox) == 2
    assert set(Reminder.objects.values_list("kind", "due_on")) == {
        ("before_deadline", DUE),
        ("deadline_passed", DUE),
    }


def test_a_complement_received_in_time_gets_no_notice(
    district, district_officer, provider, provider_user, mailoutbox
) -> None:
    _followup, (first, second) = _requested(
        district, district_officer, provider, "Rutin saknas.", "Plan saknas."
    )
    with at(WEEK_BEFORE - dt.timedelta(days=1)):
        measures.complement_receive(
            actor=None, deficiency=first, note="Ny rutin.", by_provider=True
        )
    with at(WEEK_BEFORE):
        assert [r.deficiency for r in reminders_due(WEEK_BEFORE)] == [second]
    with at(DUE):  # sent on the last day: in time
        measures.complement_receive(
            actor=None, deficiency=second, note="Ny plan.", by_provider=True
        )
    assert _send(DAY_AFTER) == 0
    assert mailoutbox == []


def test_a_rejected_complement_with_a_new_deadline_gets_new_reminders(
    district, district_officer, provider, provider_user, mailoutbox
) -> None:
    new_due = dt.date(2026, 12, 20)
    _followup, (deficiency,) = _requested(
        district, district_officer, provider, "Rutin saknas."
    )
    assert _send(WEEK_BEFORE) == 1
    with at(dt.date(2026, 11, 28)):
        measures.complement_receive(
            actor=None, deficiency=deficiency, note="Rutin.", by_provider=True
        )
    with at(dt.date(2026, 11, 29)):
        measures.complement_decide(
            actor=district_officer,
            deficiency=deficiency,
            approve=False,
            note="Datum saknas.",
            new_due_on=new_due,
        )
    assert _send(DAY_AFTER) == 0  # the old deadline was met, the new not yet near
    assert _send(new_due - dt.timedelta(days=7)) == 1
    assert _send(new_due + dt.timedelta(days=1)) == 1
    assert "20 december 2026" in mailoutbox[-1].body
    assert sorted(Reminder.objects.values_list("kind", "due_on")) == [
        ("before_deadline", DUE),
        ("before_deadline", new_due),
        ("deadline_passed", new_due),
    ]
    assert len(mailoutbox) == 4  # provider, provider, provider and district


def test_completed_and_resolved_deficiencies_are_not_reminded(
    district, district_officer, provider, provider_user, mailoutbox
) -> None:
    followup, (kept, resolved) = _requested(
        district, district_officer, provider, "Rutin saknas.", "Plan saknas."
    )
    with at(dt.date(2026, 11, 10)):
        measures.revisit_plan(
            actor=district_officer, deficiency=resolved, on=dt.date(2026, 11, 10)
        )
        measures.revisit_record(
            actor=district_officer,
            deficiency=resolved,
            on=dt.date(2026, 11, 10),
            resolved=True,
        )
        services.followup_complete(
            actor=district_officer,
            followup=followup,
            outcome="minor_deficiencies_remain",
        )
    kept.refresh_from_db()
    assert kept.status == "open" and kept.due_on == DUE
    # The follow-up is completed: no complement can be sent any more.
    assert _send(WEEK_BEFORE) == 0
    assert _send(DAY_AFTER) == 0
    assert mailoutbox == []


def test_remind_dry_run_prints_and_sends_nothing(
    district, district_officer, provider, provider_user, mailoutbox
) -> None:
    followup, _found = _requested(district, district_officer, provider, "Rutin saknas.")
    out = io.StringIO()
    call_command("remind", "--dry-run", "--date", "2026-11-25", stdout=out)
    assert provider.name in out.getvalue()
    assert followup.unit.name in out.getvalue()
    assert "2026-12-02" in out.getvalue()
    assert Reminder.objects.count() == 0
    assert run_pending() == 0
    assert mailoutbox == []

    out = io.StringIO()
    call_command("remind", "--date", "2026-11-25", stdout=out)
    assert followup.unit.name in out.getvalue()
    assert Reminder.objects.count() == 1
    assert run_pending() == 1
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError):
        call_command("remind", "--date", "25/11/2026")


def test_the_cli_reaches_remind() -> None:
    assert "remind" in get_commands()
    assert command_argv(["remind", "--dry-run"], set(get_commands())) == [
        "remind",
        "--dry-run",
    ]
