"""The follow-up pages: "Våra uppföljningar" (a district's own, or every one for
the central office and the committee), a follow-up and its history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.followups.choices import Status
from foljsam.followups.services import followup_cancel, followup_reassign
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.tests.factories import (
    CentralOfficeFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("followups:list")


def _listed(response) -> set[int]:
    return {f.pk for f in response.context["page_obj"].paginator.object_list}


def _row(response, text: str) -> str:
    """The table row that mentions ``text``."""
    rows = re.findall(r"<tr>.*?</tr>", response.content.decode(), flags=re.S)
    found = [row for row in rows if text in row]
    assert len(found) == 1, f"{len(found)} rows mention {text!r}"
    return found[0]


@pytest.fixture
def work(district, other_district, education_office):
    """Follow-ups of three organisations: Södermalm performs one and answers for
    one the central office performs; Bromma performs one."""
    central = CentralOfficeFactory()
    return {
        "performs": FollowUpFactory(organisation=district),
        "answers_for": FollowUpFactory(
            organisation=central, responsible_organisation=district
        ),
        "other": FollowUpFactory(
            organisation=other_district, responsible_organisation=central
        ),
    }


# Who sees what -------------------------------------------------------------------


def test_a_district_officer_sees_what_their_organisation_performs_or_answers_for(
    client, district_officer, work
) -> None:
    client.force_login(district_officer)
    response = client.get(LIST)
    assert response.status_code == 200
    assert _listed(response) == {work["performs"].pk, work["answers_for"].pk}
    assert "<h1>Våra uppföljningar</h1>" in response.content.decode()
    # No organisation filter or column: it would mean nothing to them ...
    assert "organisation" not in response.context["form"].fields
    assert 'name="organisation"' not in response.content.decode()
    # ... and passing one anyway does not widen the list.
    widened = client.get(LIST, {"organisation": work["other"].organisation_id})
    assert _listed(widened) == {work["performs"].pk, work["answers_for"].pk}


@pytest.mark.parametrize("persona", ["coordinator", "committee_reader"])
def test_the_central_office_and_the_committee_see_every_follow_up(
    client, request, persona, work
) -> None:
    client.force_login(request.getfixturevalue(persona))
    response = client.get(LIST)
    assert response.status_code == 200
    assert _listed(response) == {f.pk for f in work.values()}
    content = response.content.decode()
    assert "<h1>Uppföljningar</h1>" in content
    assert 'name="organisation"' in content
    assert "Utförs av" in content


def test_an_organisation_reader_of_another_organisation_sees_none(
    client, organisation_reader, work
) -> None:
    client.force_login(organisation_reader)
    response = client.get(LIST)
    assert response.status_code == 200
    assert _listed(response) == set()
    assert "Inget matchar filtret." in response.content.decode()


@pytest.mark.parametrize("persona", ["provider_user", "system_administrator"])
def test_providers_and_the_system_administrator_are_refused(
    client, request, persona, work
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    detail = reverse("followups:detail", args=[work["performs"].pk])
    assert client.get(detail).status_code == 403


def test_the_detail_page_is_there_for_its_own_organisation_only(
    client, district_officer, committee_reader, work
) -> None:
    client.force_login(district_officer)
    for own in ("performs", "answers_for"):
        response = client.get(reverse("followups:detail", args=[work[own].pk]))
        assert response.status_code == 200
        assert work[own].unit.name in response.content.decode()
    other = reverse("followups:detail", args=[work["other"].pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("followups:detail", args=[987654])).status_code == 404
    client.force_login(committee_reader)
    assert client.get(other).status_code == 200


def test_the_history_tab_needs_view_history_and_a_visible_follow_up(
    client, district_officer, committee_reader, coordinator, district, work
) -> None:
    own = work["performs"]
    history = reverse("followups:history", args=[own.pk])
    kungsholmen = OrganisationFactory(name="Kungsholmens stadsdelsförvaltning")
    followup_reassign(
        actor=coordinator, followup=own, organisation=kungsholmen, note="Jäv."
    )
    followup_reassign(actor=coordinator, followup=own, organisation=district, note="")
    client.force_login(district_officer)
    page = client.get(reverse("followups:detail", args=[own.pk]))
    assert history in page.content.decode()
    response = client.get(history)
    assert response.status_code == 200
    # The events name the organisations, not their ids.
    details = [dict(e.details) for e in response.context["page_obj"] if e.details]
    assert {"Från": "Kungsholmens stadsdelsförvaltning", "Till": district.name} == {
        k: v for k, v in details[0].items() if k in {"Från", "Till"}
    }
    assert details[1]["Från"] == district.name
    assert details[1]["Anteckning"] == "Jäv."
    assert f"<dt>Till</dt><dd>{kungsholmen.name}</dd>" in response.content.decode()
    other = reverse("followups:history", args=[work["other"].pk])
    assert client.get(other).status_code == 404
    # The committee reads the follow-up but not who changed it.
    client.force_login(committee_reader)
    page = client.get(reverse("followups:detail", args=[own.pk]))
    assert page.status_code == 200
    assert history not in page.content.decode()
    assert client.get(history).status_code == 403


def test_a_cancelled_follow_up_history_reads_in_words(
    client, coordinator, work
) -> None:
    followup_cancel(
        actor=coordinator,
        followup=work["other"],
        reason="agreement_terminated",
        on=dt.date(2027, 3, 1),
        note="Uppsagt i mars.",
    )
    client.force_login(coordinator)
    response = client.get(reverse("followups:history", args=[work["other"].pk]))
    (details,) = [dict(e.details) for e in response.context["page_obj"] if e.details]
    assert details == {
        "Skäl": "Avtalet sades upp",
        "Datum": "2027-03-01",
        "Anteckning": "Uppsagt i mars.",
    }


# Filters ---------------------------------------------------------------------------


@pytest.fixture
def varied(district):
    """Follow-ups that differ in one thing each."""
    hvb = ContractAreaFactory(code="hvb", name="HVB")
    other = OrganisationFactory(name="Skarpnäcks stadsdelsförvaltning")
    provider = ProviderFactory(name="Solrosen Omsorg AB")
    return {
        "open_2027": FollowUpFactory(organisation=district, year=2027),
        "preparing_2027": FollowUpFactory(
            organisation=district, year=2027, status=Status.PREPARING
        ),
        "done_2026": FollowUpFactory(
            organisation=district,
            year=2026,
            status=Status.COMPLETED,
            outcome="complies",
            source="history",
        ),
        "cancelled_2026": FollowUpFactory(
            organisation=district,
            year=2026,
            status=Status.CANCELLED,
            cancel_reason="unit_closed",
            cancelled_on=dt.date(2026, 6, 1),
        ),
        "hvb": FollowUpFactory(organisation=district, year=2025, contract_area=hvb),
        "elsewhere": FollowUpFactory(organisation=other, year=2025),
        "named": FollowUpFactory(
            organisation=district,
            year=2025,
            unit=UnitFactory(
                external_id="SOL-17", name="Gruppbostad Solrosen", provider=provider
            ),
        ),
    }


def test_each_filter_narrows_the_list(client, coordinator, varied) -> None:
    client.force_login(coordinator)

    def names(**query) -> set[str]:
        response = client.get(LIST, query)
        assert response.status_code == 200
        wanted = _listed(response)
        return {name for name, f in varied.items() if f.pk in wanted}

    assert names() == set(varied)
    assert names(year=2026) == {"done_2026", "cancelled_2026"}
    assert names(status="open") == {
        "open_2027",
        "preparing_2027",
        "hvb",
        "elsewhere",
        "named",
    }
    assert names(status="completed") == {"done_2026"}
    assert names(status="cancelled") == {"cancelled_2026"}
    assert names(contract_area=varied["hvb"].contract_area_id) == {"hvb"}
    assert names(organisation=varied["elsewhere"].organisation_id) == {"elsewhere"}
    assert names(q="solros") == {"named"}  # the unit's or the provider's name
    assert names(q="SOL-17") == {"named"}  # the unit's id
    assert names(year=2027, status="preparing") == {"preparing_2027"}
    # The year list holds the years there are follow-ups in, newest first.
    years = client.get(LIST).context["form"].fields["year"].choices
    assert [value for value, _label in years] == ["", 2027, 2026, 2025]


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("?year=abc&status=nonsense", "all"),
        ("?year=1999", "all"),
        ("?contract_area=-1&organisation=x", "all"),
        ("?status=%00&q=" + "x" * 500, "all"),
        ("?organisation=99999&page=999", "all"),
        ("?q=<script>alert(1)</script>&page=x", "none"),
    ],
)
def test_bad_filter_values_never_break_the_list(
    client, coordinator, varied, query, rows
) -> None:
    client.force_login(coordinator)
    response = client.get(LIST + query)
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    # A bad value is shown on its field and otherwise ignored.
    expected = {f.pk for f in varied.values()} if rows == "all" else set()
    assert _listed(response) == expected


def test_a_bad_value_is_reported_on_its_field(client, coordinator, varied) -> None:
    client.force_login(coordinator)
    response = client.get(LIST, {"year": "abc", "contract_area": "-1"})
    assert set(response.context["form"].errors) == {"year", "contract_area"}
    assert 'class="field-error"' in response.content.decode()


# Overdue -------------------------------------------------------------------------


def test_an_open_follow_up_past_its_deadline_is_marked_late(
    client, district_officer, district
) -> None:
    today = timezone.localdate()
    late = FollowUpFactory(
        organisation=district,
        unit=UnitFactory(name="Sen verksamhet"),
        send_out_by=today - dt.timedelta(days=60),
        due_by=today - dt.timedelta(days=1),
    )
    FollowUpFactory(
        organisation=district,
        unit=UnitFactory(name="Klar verksamhet"),
        status=Status.COMPLETED,
        outcome="complies",
        send_out_by=today - dt.timedelta(days=60),
        due_by=today - dt.timedelta(days=1),
    )
    FollowUpFactory(
        organisation=district,
        unit=UnitFactory(name="Kommande verksamhet"),
        send_out_by=today - dt.timedelta(days=60),
        due_by=today,  # due today is not late yet
    )
    client.force_login(district_officer)
    response = client.get(LIST)
    assert "försenad" in _row(response, "Sen verksamhet")
    assert "försenad" not in _row(response, "Klar verksamhet")
    assert "försenad" not in _row(response, "Kommande verksamhet")
    detail = client.get(reverse("followups:detail", args=[late.pk])).content.decode()
    assert "<strong>försenad</strong>" in detail


# Query count ---------------------------------------------------------------------


def _list_queries(client, url: str) -> int:
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["coordinator", "district_officer"])
def test_the_list_query_count_does_not_grow_with_rows(
    client, request, district, persona
) -> None:
    client.force_login(request.getfixturevalue(persona))
    central = CentralOfficeFactory()

    def add(count: int) -> None:
        for n in range(count):
            done = n % 2 == 0
            FollowUpFactory(
                organisation=district if n % 3 else central,
                responsible_organisation=central if n % 3 else district,
                status=Status.COMPLETED if done else Status.ASSIGNED,
                outcome="complies" if done else "",
                due_by=dt.date(2027, 12, 31),
            )

    add(3)
    few = _list_queries(client, LIST)
    add(9)
    many = _list_queries(client, LIST)
    assert len(_listed(client.get(LIST))) == 12
    assert few == many, f"{few} queries for 3 rows, {many} for 12"
