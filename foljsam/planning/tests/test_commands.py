"""``foljsam plan select``, ``foljsam plan publish`` and ``foljsam worker``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command, get_commands

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.core.cli import command_argv
from foljsam.followups.models import FollowUp
from foljsam.planning.choices import RunStatus
from foljsam.planning.models import SelectionRun
from foljsam.planning.tests.support import AS_OF, YEAR, capacity, make_run

pytestmark = pytest.mark.django_db


def run(*args: str, **options: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def _line(out: str, unit_id: str) -> str:
    (line,) = [ln for ln in out.splitlines() if f"  {unit_id} " in ln]
    return line


def test_the_cli_reaches_the_planning_commands() -> None:
    known = set(get_commands())
    assert command_argv(["plan", "select", "--year", "2027"], known) == [
        "plan_select",
        "--year",
        "2027",
    ]
    assert command_argv(["plan", "publish", "--year", "2027"], known) == [
        "plan_publish",
        "--year",
        "2027",
    ]
    assert command_argv(["worker", "--batch"], known) == ["worker", "--batch"]


def test_a_dry_run_prints_the_selection_and_stores_nothing(town) -> None:
    out, err = run("plan_select", year=YEAR, as_of=AS_OF, seed=42, dry_run=True)
    assert "Urval för 2027 per 2026-12-01 (slumpfrö 42): 6 av 9 verksamheter." in out
    assert "  Daglig verksamhet: 5" in out and "  HVB: 1" in out
    assert "aldrig uppföljd" in _line(out, "U3")
    assert "sdf-norr" in _line(out, "U3")
    assert "senast uppföljd 2023 · försenad sedan 2026" in _line(out, "U1")
    assert "följer inte avtalet · 2 öppna brister" in _line(out, "U5")
    assert "sof" in _line(out, "L1")
    for unselected in ("U2", "U6", "L2"):
        assert f"  {unselected} " not in out
    assert "Provkörning: ingenting sparades." in out
    assert err == ""
    assert not SelectionRun.objects.exists()


def test_plan_select_stores_a_draft_and_says_how_to_publish(town) -> None:
    out, _err = run("plan_select", year=YEAR, as_of=AS_OF, seed=42)
    stored = SelectionRun.objects.get()
    assert (stored.status, stored.year, stored.as_of, stored.seed) == (
        RunStatus.DRAFT,
        YEAR,
        AS_OF,
        42,
    )
    assert stored.created_by is None
    assert stored.candidates.filter(selected=True).count() == 6
    assert (
        f"Sparat som utkast till urval #{stored.pk}. Publicera det med: foljsam plan "
        "publish --year 2027"
    ) in out
    # --avoid-own gives West's own unit to another district.
    out, _err = run("plan_select", year=YEAR, as_of=AS_OF, seed=42, avoid_own=True)
    assert "sdf-soder" in _line(out, "E1")


def test_plan_select_says_what_has_no_organisation(town) -> None:
    capacity(town.west, 0, 0)
    out, err = run("plan_select", year=YEAR, as_of=AS_OF, seed=42, dry_run=True)
    assert "1 utvald verksamhet saknar organisation som gör uppföljningen" in err
    assert "  -  " in _line(out, "E1")


def test_plan_select_refuses_a_published_year(town, planner) -> None:
    run("plan_select", year=YEAR, as_of=AS_OF, seed=42)
    run("plan_publish", year=YEAR)
    with pytest.raises(CommandError, match="Urvalet för 2027 är redan publicerat"):
        run("plan_select", year=YEAR, as_of=AS_OF)
    assert SelectionRun.objects.count() == 1


def test_plan_publish_publishes_the_latest_draft_once(town, planner) -> None:
    older = make_run(planner)
    capacity(town.west, 0, 0)  # the older draft would put E1 in West
    latest = make_run(planner, avoid_own=True)
    out, _err = run("plan_publish", year=YEAR)
    older.refresh_from_db()
    latest.refresh_from_db()
    assert (older.status, latest.status) == (RunStatus.DRAFT, RunStatus.PUBLISHED)
    assert latest.published_by is None
    assert out.splitlines()[:3] == [
        "  Norrs stadsdelsförvaltning: 3",
        "  Socialförvaltningen: 1",
        "  Söders stadsdelsförvaltning: 2",
    ]
    assert (
        f"Urval #{latest.pk} för 2027 publicerat: 6 nya uppföljningar, 0 fanns redan."
    ) in out
    assert FollowUp.objects.filter(year=YEAR).count() == 6
    # Again: the published one, nothing new, and it says so.
    out, _err = run("plan_publish", year=YEAR)
    assert (
        f"Urval #{latest.pk} för 2027 publicerat: 0 nya uppföljningar, 6 fanns redan."
    ) in out
    assert FollowUp.objects.filter(year=YEAR).count() == 6


def test_plan_publish_refuses_without_a_selection(town) -> None:
    with pytest.raises(CommandError, match="Det finns inget urval för 2027"):
        run("plan_publish", year=YEAR)
    make_run(None)
    with pytest.raises(CommandError, match="Det finns inget urval för 2027"):
        run("plan_publish", year=YEAR, run=987654)


def test_plan_publish_refuses_a_selection_that_cannot_be_published(
    town, planner
) -> None:
    capacity(town.west, 0, 0)
    make_run(planner)
    with pytest.raises(CommandError, match="1 utvald verksamhet saknar organisation"):
        run("plan_publish", year=YEAR)
    assert not FollowUp.objects.filter(year=YEAR).exists()
    assert SelectionRun.objects.get().status == RunStatus.DRAFT


# The worker's loop closes a connection that is not in autocommit, as a process
# that runs for days should: the test runs outside a transaction, as it does.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_queued_mail(town, planner, mailoutbox) -> None:
    make_user("norr", Role.DISTRICT_OFFICER, organisation=town.north)
    make_user("soder", Role.DISTRICT_OFFICER, organisation=town.south)
    make_run(planner)
    run("plan_publish", year=YEAR)
    assert mailoutbox == []
    run("worker", batch=True)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "norr@example.org",
        "soder@example.org",
    ]
    north = next(m for m in mailoutbox if m.to == ["norr@example.org"])
    assert north.subject == "Följsam: era uppföljningar för 2027"
    assert "Norrs stadsdelsförvaltning har fått 3 uppföljningar för 2027" in north.body
    # Nothing is left: a second run sends nothing more.
    run("worker", batch=True)
    assert len(mailoutbox) == 2
