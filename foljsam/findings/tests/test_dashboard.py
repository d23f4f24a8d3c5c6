"""The dashboard (issue 6): a district's open follow-ups, overdue complements and
upcoming visits; the whole city's for the central office and the committee."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.findings.dashboard import dashboard
from foljsam.findings.models import Deficiency, Measure
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.requirements.models import RequirementCategory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 30)
URL = "/dashboard/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def overdue_complement(organisation, *, late_by: int = 5, **kwargs) -> Deficiency:
    """A deficiency whose complement was asked for and is ``late_by`` days late."""
    followup = FollowUpFactory(
        organisation=organisation, status=Status.AWAITING_COMPLEMENT, **kwargs
    )
    deficiency = Deficiency.objects.create(
        followup=followup,
        category=RequirementCategory.objects.get(code="rutiner"),
        description="Rutin saknas.",
        due_on=days(-late_by),
    )
    Measure.objects.create(
        deficiency=deficiency,
        kind="complement_requested",
        on=days(-late_by - 30),
        due_on=days(-late_by),
    )
    return deficiency


def rows_of_each_kind(organisation, n: int) -> None:
    """``n`` open follow-ups, ``n`` upcoming visits, ``n`` overdue complements."""
    for i in range(n):
        FollowUpFactory(organisation=organisation, due_by=days(-1 if i % 2 else 30))
        FollowUpFactory(
            organisation=organisation,
            status=Status.PREPARING,
            visit_planned_on=days(i % 30),
        )
        overdue_complement(organisation, late_by=i + 1)


def test_the_district_sees_its_own_and_not_the_other_districts(
    client, district, other_district, district_officer
) -> None:
    late = FollowUpFactory(organisation=district, due_by=days(-1))
    on_time = FollowUpFactory(
        organisation=district, status=Status.VISITED, due_by=days(31)
    )
    visit = FollowUpFactory(
        organisation=district, status=Status.PREPARING, visit_planned_on=days(3)
    )
    overdue = overdue_complement(district, late_by=4)
    theirs = [
        FollowUpFactory(organisation=other_district),
        FollowUpFactory(
            organisation=other_district,
            status=Status.PREPARING,
            visit_planned_on=days(3),
        ),
        overdue_complement(other_district).followup,
    ]
    client.force_login(district_officer)
    response = client.get(URL)
    assert response.status_code == 200
    board = response.context["board"]
    # Earliest deadline first; those without one last.
    assert [r.followup for r in board.open_followups][:2] == [late, on_time]
    assert {r.followup for r in board.open_followups} == {
        late,
        on_time,
        visit,
        overdue.followup,
    }
    assert [r.followup for r in board.open_followups if r.late] == [late]
    assert board.upcoming == [visit]
    assert [(o.deficiency, o.days_overdue) for o in board.overdue] == [(overdue, 4)]
    page = response.content.decode()
    for followup in (late, on_time, visit, overdue.followup):
        assert followup.unit.name in page
    for followup in theirs:
        assert followup.unit.name not in page
    assert (
        reverse("findings:followup_deficiencies", args=[overdue.followup_id])
        + f"#deficiency-{overdue.pk}"
        in page
    )
    assert response.context["form"] is None  # nothing to choose for a district


def test_the_coordinator_sees_the_whole_city_and_may_filter(
    client, district, other_district, coordinator, committee_reader
) -> None:
    ours = overdue_complement(district)
    theirs = overdue_complement(other_district)
    for reader in (coordinator, committee_reader):
        client.force_login(reader)
        board = client.get(URL).context["board"]
        assert {o.deficiency for o in board.overdue} == {ours, theirs}
        assert len(board.open_followups) == 2
    response = client.get(URL, {"organisation": other_district.pk})
    board = response.context["board"]
    assert [o.deficiency for o in board.overdue] == [theirs]
    assert [r.followup for r in board.open_followups] == [theirs.followup]
    assert ours.followup.unit.name not in response.content.decode()


def test_provider_users_are_refused(client, provider_user) -> None:
    client.force_login(provider_user)
    assert client.get(URL).status_code == 403


def test_the_organisation_reader_sees_what_it_answers_for(
    client, education_office, district, organisation_reader
) -> None:
    answered = FollowUpFactory(
        organisation=district, responsible_organisation=education_office
    )
    FollowUpFactory(organisation=district)
    client.force_login(organisation_reader)
    board = client.get(URL).context["board"]
    assert [r.followup for r in board.open_followups] == [answered]


def test_what_counts_as_open_overdue_and_upcoming(district, district_officer) -> None:
    FollowUpFactory(organisation=district, status=Status.COMPLETED, outcome="complies")
    FollowUpFactory(
        organisation=district,
        status=Status.CANCELLED,
        cancel_reason="other",
        cancelled_on=days(-3),
    )
    soon = FollowUpFactory(
        organisation=district, status=Status.ASSIGNED, visit_planned_on=days(30)
    )
    today = FollowUpFactory(
        organisation=district, status=Status.PREPARING, visit_planned_on=TODAY
    )
    FollowUpFactory(  # beyond the 30 days
        organisation=district, status=Status.PREPARING, visit_planned_on=days(31)
    )
    FollowUpFactory(  # planned for a day gone by, never recorded
        organisation=district, status=Status.PREPARING, visit_planned_on=days(-1)
    )
    FollowUpFactory(  # visited already
        organisation=district,
        status=Status.VISITED,
        visit_planned_on=days(2),
        performed_on=days(-1),
    )
    overdue = overdue_complement(district, late_by=1)
    # A complement received after the request: no longer overdue.
    received = overdue_complement(district, late_by=10)
    Measure.objects.create(deficiency=received, kind="complement_received", on=days(-9))
    # The deadline is today: not yet overdue.
    overdue_complement(district, late_by=0)
    # Resolved, or its follow-up completed: not awaited any more.
    resolved = overdue_complement(district, late_by=3)
    resolved.status = "resolved"
    resolved.resolved_on = TODAY
    resolved.save(update_fields=["status", "resolved_on"])
    completed = overdue_complement(district, late_by=3)
    completed.followup.status = Status.COMPLETED
    completed.followup.outcome = "minor_deficiencies_remain"
    completed.followup.save(update_fields=["status", "outcome"])

    board = dashboard(user=district_officer, today=TODAY)
    assert board.upcoming == [today, soon]
    assert [(o.deficiency, o.days_overdue) for o in board.overdue] == [(overdue, 1)]
    statuses = {r.followup.status for r in board.open_followups}
    assert statuses <= {
        Status.ASSIGNED,
        Status.PREPARING,
        Status.VISITED,
        Status.AWAITING_COMPLEMENT,
    }
    assert FollowUp.objects.filter(organisation=district).count() == 12
    assert len(board.open_followups) == 9
    steps = {r.followup.status: r.next_url_name for r in board.open_followups}
    assert steps[Status.PREPARING] == "followups:detail"
    assert steps[Status.AWAITING_COMPLEMENT] == "findings:followup_deficiencies"


@pytest.mark.parametrize("reader", ["district_officer", "coordinator"])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, request, district, reader
) -> None:
    user = request.getfixturevalue(reader)
    client.force_login(user)
    rows_of_each_kind(district, 1)
    with CaptureQueriesContext(connection) as one:
        first = client.get(URL)
    rows_of_each_kind(district, 9)
    with CaptureQueriesContext(connection) as ten:
        second = client.get(URL)
    board = second.context["board"]
    assert len(first.context["board"].overdue) == 1
    assert (len(board.open_followups), len(board.overdue), len(board.upcoming)) == (
        30,
        10,
        10,
    )
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
