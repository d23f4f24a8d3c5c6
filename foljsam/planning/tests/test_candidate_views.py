"""A selection's candidate through the test client: who may read it, the
coordinator's changes before and after publishing, and the way from a follow-up
to why it was selected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.followups.choices import Status
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.planning.choices import Picked, Placement
from foljsam.planning.models import Candidate
from foljsam.planning.publishing import selection_publish
from foljsam.planning.tests.support import make_run, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(town, planner):
    return make_run(planner)


@pytest.fixture
def published(run, planner):
    selection_publish(actor=planner, run=run, base_url="http://x")
    return run


@pytest.fixture
def north_officer(town):
    return make_user("norr", Role.DISTRICT_OFFICER, organisation=town.north)


@pytest.fixture
def south_officer(town):
    return make_user("soder", Role.DISTRICT_OFFICER, organisation=town.south)


def _candidate(run, town, name: str) -> Candidate:
    return run.candidates.select_related("followup").get(unit=town.units[name])


def _state(candidate: Candidate) -> tuple:
    candidate.refresh_from_db()
    return (
        candidate.selected,
        candidate.picked,
        candidate.organisation_id,
        candidate.change_note,
    )


def _url(name: str, candidate: Candidate) -> str:
    return reverse(f"planning:{name}", args=[candidate.pk])


# Reading --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["planner", "committee_reader"])
def test_the_selections_readers_read_every_candidate(
    client, request, run, town, persona
) -> None:
    client.force_login(request.getfixturevalue(persona))
    u1 = _candidate(run, town, "U1")
    response = client.get(_url("candidate_detail", u1))
    assert response.status_code == 200
    page = text(response)
    assert "Daglig verksamhet U1 i urvalet för 2027" in page
    assert "senast uppföljd 2023 · försenad sedan 2026 · 10 placeringar" in page
    # How the performer was chosen, in words.
    assert (
        "Norrs stadsdelsförvaltning \u2013 stadsdelen där verksamheten ligger" in page
    )
    changes = _url("candidate_reassign", u1) in response.content.decode()
    assert changes is (persona == "planner")
    # An unselected unit can be added; a selected one reassigned or taken out.
    u2 = client.get(_url("candidate_detail", _candidate(run, town, "U2")))
    assert (
        _url("candidate_add", _candidate(run, town, "U2")) in u2.content.decode()
    ) is (persona == "planner")


def test_a_district_reads_the_candidates_that_became_its_follow_ups(
    client, run, town, planner, north_officer, south_officer, district_officer
) -> None:
    u1 = _candidate(run, town, "U1")
    client.force_login(north_officer)
    # Before publishing, the selection is the central office's own.
    assert client.get(_url("candidate_detail", u1)).status_code == 404
    selection_publish(actor=planner, run=run, base_url="http://x")
    response = client.get(_url("candidate_detail", u1))
    assert response.status_code == 200
    assert "senast uppföljd 2023" in text(response)
    assert _url("candidate_remove", u1) not in response.content.decode()
    # Not the rest of the city's selection: not South's unit, not the unselected.
    for name in ("U5", "U2"):
        url = _url("candidate_detail", _candidate(run, town, name))
        assert client.get(url).status_code == 404
    for other in (south_officer, district_officer):
        client.force_login(other)
        assert client.get(_url("candidate_detail", u1)).status_code == 404


def test_a_district_that_answers_for_a_follow_up_reads_its_candidate(
    client, published, town, planner, north_officer
) -> None:
    """North answers for U1 while South performs it: both see why."""
    u1 = _candidate(published, town, "U1")
    followup = u1.followup
    followup.responsible_organisation = town.north
    followup.save()
    client.force_login(planner)
    client.post(
        _url("candidate_reassign", u1),
        {"organisation": town.south.pk, "note": "Jäv i Norr."},
    )
    client.force_login(north_officer)
    assert client.get(_url("candidate_detail", u1)).status_code == 200
    reason = reverse("planning:followup_reason", args=[followup.pk])
    assert client.get(reason)["Location"] == _url("candidate_detail", u1)


def test_the_central_office_answers_for_its_lou_unit_and_a_district_does_not(
    client, published, town, south_officer
) -> None:
    """L1 lies in South, but the central office performs it and answers for
    it: South has no part in its follow-up."""
    client.force_login(south_officer)
    l1 = _candidate(published, town, "L1")
    assert client.get(_url("candidate_detail", l1)).status_code == 404


def test_providers_never_see_candidates(client, run, town, provider_user) -> None:
    client.force_login(provider_user)
    assert client.get(
        _url("candidate_detail", _candidate(run, town, "U1"))
    ).status_code == (403)


# The way from a follow-up --------------------------------------------------------


def test_the_reason_link_leads_to_the_candidate_for_those_who_see_it(
    client, published, town, planner, committee_reader, north_officer, south_officer
) -> None:
    u1 = _candidate(published, town, "U1")
    url = reverse("planning:followup_reason", args=[u1.followup_id])
    for reader in (planner, committee_reader, north_officer):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == _url("candidate_detail", u1)
    client.force_login(north_officer)
    detail = client.get(reverse("followups:detail", args=[u1.followup_id]))
    assert url in detail.content.decode()
    client.force_login(south_officer)
    assert client.get(url).status_code == 404
    # A follow-up recorded afterwards was never selected.
    client.force_login(planner)
    history = FollowUp.objects.filter(source="history").first()
    assert history is not None
    url = reverse("planning:followup_reason", args=[history.pk])
    assert client.get(url).status_code == 404
    planned_without_run = FollowUpFactory(organisation=town.north)
    url = reverse("planning:followup_reason", args=[planned_without_run.pk])
    assert client.get(url).status_code == 404


# Changes before publishing --------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "unit", "form", "extra"),
    [
        ("candidate_add", "U2", "note_form", {}),
        ("candidate_remove", "U5", "note_form", {}),
        ("candidate_reassign", "U1", "reassign_form", {"organisation": "south"}),
    ],
)
@pytest.mark.parametrize("note", [None, "", "   "])
def test_a_change_without_a_note_is_refused_on_the_note(
    client, planner, run, town, action, unit, form, extra, note
) -> None:
    candidate = _candidate(run, town, unit)
    before = _state(candidate)
    data = {k: getattr(town, v).pk for k, v in extra.items()}
    if note is not None:
        data["note"] = note
    client.force_login(planner)
    response = client.post(_url(action, candidate), data)
    assert response.status_code == 400
    assert list(response.context[form].errors) == ["note"]
    assert "Detta fält måste fyllas i." in response.context[form].errors["note"]
    assert _state(candidate) == before


def test_the_coordinator_adds_reassigns_and_takes_out(client, planner, run, town):
    client.force_login(planner)
    u2 = _candidate(run, town, "U2")
    response = client.post(
        _url("candidate_add", u2), {"note": "Signal från handläggare."}, follow=True
    )
    assert response.redirect_chain == [(_url("candidate_detail", u2), 302)]
    assert "Verksamheten är tillagd i urvalet." in text(response)
    u2.refresh_from_db()
    assert (u2.selected, u2.picked, u2.auto_picked) == (True, Picked.ADDED, "")
    assert (u2.organisation, u2.placement) == (town.south, Placement.MOVED_CAPACITY)
    assert u2.change_note == "Signal från handläggare."
    assert "Söders stadsdelsförvaltning \u2013 flyttad: hemstadsdelen var full" in (
        text(response)
    )

    u1 = _candidate(run, town, "U1")
    response = client.post(
        _url("candidate_reassign", u1),
        {"organisation": town.west.pk, "note": "Jäv i Norr."},
        follow=True,
    )
    assert "Uppföljningen går till Västers stadsdelsförvaltning." in text(response)
    u1.refresh_from_db()
    assert (u1.organisation, u1.placement, u1.auto_organisation) == (
        town.west,
        Placement.MANUAL,
        town.north,
    )
    assert u1.placement_detail == {"moved_from": town.north.pk}
    assert (
        "Västers stadsdelsförvaltning \u2013 vald av samordnaren "
        "(regeln angav Norrs stadsdelsförvaltning)"
    ) in text(response)

    u5 = _candidate(run, town, "U5")
    response = client.post(
        _url("candidate_remove", u5), {"note": "Besöktes i november."}, follow=True
    )
    assert "Verksamheten är borttagen ur urvalet." in text(response)
    u5.refresh_from_db()
    assert (u5.selected, u5.picked, u5.organisation, u5.auto_picked) == (
        False,
        "",
        None,
        Picked.RISK,
    )
    # The units page marks what the coordinator changed.
    units = client.get(reverse("planning:run_candidates", args=[run.pk]))
    assert text(units).count("ändrad") == 2  # U2 added, U5 taken out


def test_a_change_the_candidate_no_longer_allows_says_why(
    client, planner, run, town
) -> None:
    """A page left open: the unit was taken out meanwhile. The refusal is shown
    even though the form posted is no longer on the page."""
    client.force_login(planner)
    u2 = _candidate(run, town, "U2")
    before = _state(u2)
    response = client.post(
        _url("candidate_reassign", u2),
        {"organisation": town.south.pk, "note": "Till Söder."},
    )
    assert response.status_code == 400
    assert "Bara en utvald verksamhet kan ges till någon." in text(response)
    response = client.post(_url("candidate_remove", u2), {"note": "Ut."})
    assert response.status_code == 400
    assert "Verksamheten finns inte i urvalet." in text(response)
    assert _state(u2) == before


def test_the_two_forms_of_a_selected_unit_have_their_own_fields(
    client, planner, run, town
) -> None:
    client.force_login(planner)
    content = client.get(
        _url("candidate_detail", _candidate(run, town, "U1"))
    ).content.decode()
    assert content.count('id="id_note"') == 1
    assert content.count('id="id_reassign_note"') == 1
    assert content.count('for="id_reassign_note"') == 1


@pytest.mark.parametrize("persona", ["committee_reader", "district_officer"])
def test_only_the_coordinator_changes_candidates(
    client, request, run, town, persona
) -> None:
    client.force_login(request.getfixturevalue(persona))
    u1 = _candidate(run, town, "U1")
    before = _state(u1)
    for action in ("candidate_add", "candidate_remove", "candidate_reassign"):
        response = client.post(
            _url(action, u1), {"note": "Försök.", "organisation": town.south.pk}
        )
        assert response.status_code == 403
    assert _state(u1) == before


# Changes after publishing ---------------------------------------------------------


def test_after_publishing_the_follow_ups_move_and_are_cancelled(
    client, planner, published, town, north_officer
) -> None:
    client.force_login(planner)
    u1 = _candidate(published, town, "U1")
    client.post(
        _url("candidate_reassign", u1),
        {"organisation": town.south.pk, "note": "Jäv i Norr."},
    )
    followup = FollowUp.objects.get(pk=u1.followup_id)
    assert (followup.organisation, followup.status) == (town.south, Status.ASSIGNED)
    u4 = _candidate(published, town, "U4")
    client.post(_url("candidate_remove", u4), {"note": "Avtalet upphör."})
    followup = FollowUp.objects.get(pk=u4.followup_id)
    assert (followup.status, followup.cancel_reason) == (Status.CANCELLED, "other")
    assert "Avtalet upphör." in followup.note
    # North no longer has U1; it still answers for nothing of South's.
    client.force_login(north_officer)
    assert client.get(_url("candidate_detail", u1)).status_code == 404
    listed = client.get(reverse("followups:list"))
    units = {f.unit.external_id for f in listed.context["page_obj"]}
    assert units == {"U3", "U4"}
    # An added unit gets its follow-up when the changes are published.
    client.force_login(planner)
    u2 = _candidate(published, town, "U2")
    client.post(_url("candidate_add", u2), {"note": "Signal."})
    response = client.post(reverse("planning:run_publish", args=[published.pk]))
    assert response.status_code == 302
    u2.refresh_from_db()
    assert u2.followup is not None
    assert u2.followup.organisation == u2.organisation


def test_a_completed_follow_up_can_no_longer_be_taken_out(
    client, planner, published, town
) -> None:
    from foljsam.followups.services import followup_record_result

    u3 = _candidate(published, town, "U3")
    followup_record_result(
        actor=planner,
        followup=u3.followup,
        outcome="complies",
        performed_on=None,
        methods=["site_visit"],
    )
    client.force_login(planner)
    before = _state(u3)
    response = client.post(_url("candidate_remove", u3), {"note": "Ut."})
    assert response.status_code == 400
    assert "kan inte längre ändras" in text(response)
    assert _state(u3) == before
    assert FollowUp.objects.get(pk=u3.followup_id).status == Status.COMPLETED
