"""The selection runs through the test client: make one, read it, export it,
allocate it again, delete it and publish it. The candidate pages are in
test_candidate_views.py."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from foljsam.accounts.roles import Role
from foljsam.core.worker import run_pending
from foljsam.followups.models import FollowUp
from foljsam.planning.allocation import Options
from foljsam.planning.choices import Picked, RunStatus
from foljsam.planning.exports import CANDIDATE_COLUMNS
from foljsam.planning.models import OrganisationSettings, SelectionRun
from foljsam.planning.publishing import selection_publish
from foljsam.planning.risk import Weights
from foljsam.planning.runs import selection_run_create
from foljsam.planning.tests.support import (
    AS_OF,
    YEAR,
    capacity,
    make_run,
    queries,
    row_text,
    run_form_data,
    text,
)
from foljsam.registry.tests.factories import AgreementFactory, UnitFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("planning:run_create")
SELECTED = {"U1", "U3", "U4", "U5", "E1", "L1"}
ALL = SELECTED | {"U2", "U6", "L2"}


def _units(response) -> set[str]:
    return {
        c.unit.external_id for c in response.context["page_obj"].paginator.object_list
    }


# Making a selection ------------------------------------------------------------


def test_the_form_starts_from_the_last_runs_weights_and_options(
    client, planner, town
) -> None:
    client.force_login(planner)
    first = client.get(CREATE).context["form"]
    assert first.initial["central_keeps_lou"] is True
    assert "w_threshold" not in first.initial  # the defaults are the fields' own
    assert first["w_threshold"].value() == Weights().threshold
    selection_run_create(
        actor=planner,
        year=YEAR,
        as_of=AS_OF,
        weights=Weights(threshold=7.5, placement_cap=20),
        options=Options(avoid_own=True),
        seed=1,
    )
    form = client.get(CREATE).context["form"]
    assert form["w_threshold"].value() == 7.5
    assert form["w_placement_cap"].value() == 20
    assert form["w_overdue_year"].value() == Weights().overdue_year
    assert form["avoid_own"].value() is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"w_signal_recent": -1}, "w_signal_recent"),
        ({"year": None}, "year"),
        ({"year": 1999}, "year"),
        ({"as_of": "den första"}, "as_of"),
        ({"w_placement_cap": 2.5}, "w_placement_cap"),
    ],
)
def test_a_bad_selection_form_makes_no_run(
    client, planner, town, changes, field
) -> None:
    client.force_login(planner)
    response = client.post(CREATE, run_form_data(**changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not SelectionRun.objects.exists()


def test_a_selection_is_made_as_a_draft(client, planner, town) -> None:
    client.force_login(planner)
    response = client.post(
        CREATE, run_form_data(note="Årets urval.", w_threshold=12), follow=True
    )
    run = SelectionRun.objects.get()
    assert response.redirect_chain == [
        (reverse("planning:run_detail", args=[run.pk]), 302)
    ]
    assert (run.status, run.year, run.as_of, run.seed) == (
        RunStatus.DRAFT,
        YEAR,
        AS_OF,
        42,
    )
    assert run.note == "Årets urval."
    assert run.parameters["weights"]["threshold"] == 12
    assert run.created_by == planner
    # U5 scored 13, still above 12.
    assert (
        set(
            run.candidates.filter(selected=True).values_list(
                "unit__external_id", flat=True
            )
        )
        == SELECTED
    )
    assert "Urvalet är gjort: 6 av 9 kandidater." in text(response)


def test_a_published_year_takes_no_new_selection(client, planner, town) -> None:
    selection_publish(actor=planner, run=make_run(planner), base_url="http://x")
    client.force_login(planner)
    response = client.post(CREATE, run_form_data())
    assert response.status_code == 400
    assert "Urvalet för 2027 är redan publicerat." in text(response)
    assert SelectionRun.objects.count() == 1


@pytest.mark.parametrize("persona", ["district_officer", "committee_reader"])
def test_only_the_coordinator_makes_and_changes_selections(
    client, request, planner, town, persona
) -> None:
    run = make_run(planner)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, run_form_data()).status_code == 403
    for name in ("run_reallocate", "run_delete", "run_publish"):
        assert client.post(reverse(f"planning:{name}", args=[run.pk])).status_code == (
            403
        )
    assert SelectionRun.objects.get().status == RunStatus.DRAFT
    assert not FollowUp.objects.filter(year=YEAR).exists()


# Reading it ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["planner", "committee_reader"])
def test_the_summary_shows_areas_loads_and_forecast(
    client, request, planner, town, persona
) -> None:
    run = make_run(planner)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("planning:run_detail", args=[run.pk]))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.selected, summary.candidates, summary.unallocated) == (6, 9, 0)
    assert {row.organisation.code: row.load for row in summary.loads} == {
        "sof": 1,
        "sdf-norr": 3,
        "sdf-soder": 1,
        "sdf-vaster": 1,
    }
    page = text(response)
    assert "6 av 9 verksamheter" in page
    assert "Hela staden" in page
    assert "Ladda ned urvalet (XLSX)" in page
    publish = reverse("planning:run_publish", args=[run.pk])
    assert (publish in response.content.decode()) is (persona == "planner")


@pytest.mark.parametrize("persona", ["district_officer", "organisation_reader"])
def test_a_district_does_not_read_the_citys_selection(
    client, request, planner, town, persona
) -> None:
    run = make_run(planner)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("planning:run_list"),
        reverse("planning:run_detail", args=[run.pk]),
        reverse("planning:run_candidates", args=[run.pk]),
        reverse("planning:run_export", args=[run.pk, "csv"]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_run_list_counts_candidates(client, committee_reader, planner, town):
    run = make_run(planner)
    client.force_login(committee_reader)
    response = client.get(reverse("planning:run_list"))
    (listed,) = response.context["page_obj"]
    assert (listed.pk, listed.candidate_count, listed.selected_count) == (run.pk, 9, 6)
    assert reverse("planning:run_create") not in response.content.decode()


def test_the_units_page_filters_and_gives_reasons(client, planner, town) -> None:
    run = make_run(planner)
    client.force_login(planner)
    url = reverse("planning:run_candidates", args=[run.pk])

    def units(**query) -> set[str]:
        response = client.get(url, query)
        assert response.status_code == 200
        return _units(response)

    assert units() == ALL
    assert units(selected="yes") == SELECTED
    assert units(selected="no") == {"U2", "U6", "L2"}
    assert units(picked=Picked.RISK) == {"U5"}
    assert units(picked=Picked.MANDATORY) == SELECTED - {"U5"}
    assert units(contract_area=town.hvb.pk) == {"L1", "L2"}
    assert units(organisation=town.north.pk) == {"U1", "U3", "U4"}
    assert units(placement="central_keeps_lou") == {"L1"}
    assert units(q="U5") == {"U5"}
    assert units(q="HVB") == {"L1", "L2"}
    assert units(q=town.units["U2"].provider.name) == {"U2"}
    assert units(
        selected="yes", contract_area=town.dv.pk, organisation=town.west.pk
    ) == {"E1"}
    # The reasons say, in Swedish, what the score rests on.
    page = client.get(url)
    assert "senast uppföljd 2023 · försenad sedan 2026 · 10 placeringar" in row_text(
        page, "Daglig verksamhet U1"
    )
    assert "aldrig uppföljd" in row_text(page, "Daglig verksamhet U3")
    assert "följer inte avtalet · 2 öppna brister" in row_text(
        page, "Daglig verksamhet U5"
    )
    # How the performer was chosen, where it is not the rule's plain answer.
    assert "Socialförvaltningen behåller LOU-avtalen" in row_text(page, "HVB L1")


@pytest.mark.parametrize(
    "query",
    [
        "?selected=maybe&picked=nonsense",
        "?contract_area=abc&organisation=-1",
        "?placement=%3Cscript%3E&page=x",
        "?organisation=99999&page=999",
        "?q=" + "x" * 500,
    ],
)
def test_bad_filters_never_break_the_units_page(client, planner, town, query) -> None:
    run = make_run(planner)
    client.force_login(planner)
    response = client.get(reverse("planning:run_candidates", args=[run.pk]) + query)
    assert response.status_code == 200
    assert _units(response) == ALL
    assert b"<script>" not in response.content


def test_an_unknown_run_is_404(client, planner, town) -> None:
    client.force_login(planner)
    for name in ("run_detail", "run_candidates", "run_publish"):
        assert client.get(reverse(f"planning:{name}", args=[987654])).status_code == 404


# Exports -------------------------------------------------------------------------


def test_the_csv_export_has_the_documented_columns_and_the_reasons(
    client, committee_reader, planner, town
) -> None:
    run = make_run(planner)
    client.force_login(committee_reader)
    response = client.get(reverse("planning:run_export", args=[run.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="urval-2027-{run.pk}.csv"'
    )
    reader = csv.reader(io.StringIO(response.content.decode()))
    header = next(reader)
    assert header == [column.name for column in CANDIDATE_COLUMNS]
    assert header[:3] == ["rank", "unit_id", "unit_name"]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in reader}
    assert set(rows) == ALL
    assert rows["U1"]["reasons"].startswith(
        "senast uppföljd 2023 · försenad sedan 2026"
    )
    assert (rows["U1"]["selected"], rows["U1"]["performer"]) == ("yes", "sdf-norr")
    assert (rows["L1"]["allocation"], rows["L1"]["performer"]) == (
        "central_keeps_lou",
        "sof",
    )
    assert rows["U2"]["selected"] == "no"
    # The filters of the units page apply to the download too.
    filtered = client.get(
        reverse("planning:run_export", args=[run.pk, "csv"]), {"selected": "yes"}
    )
    assert len(filtered.content.decode().strip().splitlines()) == 1 + len(SELECTED)


def test_the_xlsx_export_has_the_same_rows(client, planner, town) -> None:
    run = make_run(planner)
    client.force_login(planner)
    response = client.get(reverse("planning:run_export", args=[run.pk, "xlsx"]))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.name for column in CANDIDATE_COLUMNS]
    by_unit = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_unit) == ALL
    assert "aldrig uppföljd" in by_unit["U3"]["reasons"]
    assert by_unit["U5"]["picked"] == "risk"


def test_an_unknown_export_format_is_404(client, planner, town) -> None:
    run = make_run(planner)
    client.force_login(planner)
    for fmt in ("pdf", "CSV", "docx"):
        url = reverse("planning:run_export", args=[run.pk, fmt])
        assert client.get(url).status_code == 404
    url = reverse("planning:run_export", args=[987654, "csv"])
    assert client.get(url).status_code == 404


# Allocating again and deleting ---------------------------------------------------


def test_allocating_again_uses_todays_capacities(client, planner, town) -> None:
    capacity(town.west, 0, 0)
    run = make_run(planner)
    e1 = run.candidates.get(unit=town.units["E1"])
    assert (e1.organisation, e1.placement) == (None, "over_capacity")
    capacity(town.west, 0, 2)
    client.force_login(planner)
    response = client.post(
        reverse("planning:run_reallocate", args=[run.pk]), follow=True
    )
    assert response.redirect_chain == [
        (reverse("planning:run_detail", args=[run.pk]), 302)
    ]
    assert "Fördelat på nytt med dagens kapaciteter: 1 uppföljning flyttad." in text(
        response
    )
    e1.refresh_from_db()
    assert (e1.organisation, e1.placement) == (town.west, "rule")
    assert response.context["summary"].unallocated == 0


def test_a_draft_is_deleted_and_a_published_selection_is_kept(
    client, planner, town
) -> None:
    draft = make_run(planner)
    client.force_login(planner)
    response = client.post(reverse("planning:run_delete", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:run_list")
    assert not SelectionRun.objects.exists()
    published = make_run(planner)
    selection_publish(actor=planner, run=published, base_url="http://x")
    response = client.post(
        reverse("planning:run_delete", args=[published.pk]), follow=True
    )
    assert response.redirect_chain == [
        (reverse("planning:run_detail", args=[published.pk]), 302)
    ]
    assert "Ett publicerat urval kan inte tas bort." in text(response)
    assert SelectionRun.objects.get().status == RunStatus.PUBLISHED


# Publishing ----------------------------------------------------------------------


def test_the_preview_names_who_gets_what_and_who_is_told(client, planner, town) -> None:
    contact = make_user("norr.kontakt", Role.DISTRICT_OFFICER, organisation=town.north)
    make_user("norr.annan", Role.DISTRICT_OFFICER, organisation=town.north)
    OrganisationSettings.objects.get(organisation=town.north).contact_persons.set(
        [contact]
    )
    make_user("soder", Role.DISTRICT_OFFICER, organisation=town.south)
    run = make_run(planner)
    client.force_login(planner)
    response = client.get(reverse("planning:run_publish", args=[run.pk]))
    assert response.status_code == 200
    told = {
        organisation.code: (count, emails)
        for organisation, count, emails in response.context["organisations"]
    }
    assert told == {
        "sdf-norr": (3, ["norr.kontakt@example.org"]),  # the contact person only
        "sdf-soder": (1, ["soder@example.org"]),  # no contact: the officers
        "sdf-vaster": (1, []),
        "sof": (1, []),
    }
    page = text(response)
    assert "Ingen: ingen kontaktperson eller uppföljare med e-postadress" in row_text(
        response, "Västers stadsdelsförvaltning"
    )
    assert "Nya uppföljningar 6" in page
    assert "Publicera 6 uppföljningar" in page
    assert response.context["errors"] == []


def test_the_preview_shows_what_blocks_publishing(client, planner, town) -> None:
    capacity(town.west, 0, 0)
    run = make_run(planner)
    client.force_login(planner)
    url = reverse("planning:run_publish", args=[run.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = text(response)
    assert "Publiceringen kan inte göras än" in page
    assert "1 utvald verksamhet saknar organisation som gör uppföljningen" in page
    candidates = reverse("planning:run_candidates", args=[run.pk])
    assert f"{candidates}?selected=yes&amp;placement=over_capacity" in (
        response.content.decode()
    )
    assert "Publicera 5 uppföljningar" not in page
    # Publishing anyway is refused, and nothing is written.
    response = client.post(url)
    assert response.status_code == 400
    assert "saknar organisation" in text(response)
    assert not FollowUp.objects.filter(year=YEAR).exists()
    assert SelectionRun.objects.get().status == RunStatus.DRAFT


def test_an_older_draft_of_a_published_year_offers_no_publishing(
    client, planner, town
) -> None:
    older = make_run(planner)
    selection_publish(actor=planner, run=make_run(planner), base_url="http://x")
    client.force_login(planner)
    url = reverse("planning:run_publish", args=[older.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Ett annat urval för 2027 är redan publicerat." in text(response)
    assert 'method="post" class="stacked-form"' not in response.content.decode()
    response = client.post(url)
    assert response.status_code == 400
    older.refresh_from_db()
    assert older.status == RunStatus.DRAFT
    assert FollowUp.objects.filter(year=YEAR).count() == 6


def test_publishing_creates_follow_ups_once_and_queues_the_mail(
    client, planner, town, mailoutbox
) -> None:
    make_user("norr", Role.DISTRICT_OFFICER, organisation=town.north)
    run = make_run(planner)
    client.force_login(planner)
    # The year's own deadlines, set before publishing, go with the follow-ups.
    client.post(
        reverse("planning:calendar_edit", args=[YEAR]),
        {
            "send_out_by": "2027-02-15",
            "done_by": "2027-11-30",
            "report_by": "2028-04-15",
        },
    )
    url = reverse("planning:run_publish", args=[run.pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain == [
        (reverse("planning:run_detail", args=[run.pk]), 302)
    ]
    assert "Publicerat: 6 nya uppföljningar" in text(response)
    run.refresh_from_db()
    assert (run.status, run.published_by) == (RunStatus.PUBLISHED, planner)
    followups = FollowUp.objects.filter(year=YEAR)
    assert {f.unit.external_id: f.organisation.code for f in followups} == {
        "U1": "sdf-norr",
        "U3": "sdf-norr",
        "U4": "sdf-norr",
        "U5": "sdf-soder",
        "E1": "sdf-vaster",
        "L1": "sof",
    }
    assert {(f.send_out_by, f.due_by, f.report_by) for f in followups} == {
        (dt.date(2027, 2, 15), dt.date(2027, 11, 30), dt.date(2028, 4, 15))
    }
    assert response.context["summary"].published == 6
    # The e-mail waits in the database for the worker.
    assert mailoutbox == []
    run_pending()
    assert [m.to for m in mailoutbox] == [["norr@example.org"]]
    assert "Daglig verksamhet U1" in mailoutbox[0].body
    assert "http://testserver/followups/?year=2027" in mailoutbox[0].body
    # Publishing again creates nothing and tells nobody.
    page = client.get(url)
    assert "Allt som är utvalt är redan publicerat." in text(page)
    response = client.post(url, follow=True)
    assert "Publicerat: 0 nya uppföljningar" in text(response)
    assert FollowUp.objects.filter(year=YEAR).count() == 6
    run_pending()
    assert len(mailoutbox) == 1


# Query counts ----------------------------------------------------------------------


def _more_units(town, count: int) -> None:
    """More units in North, each under its own LOV agreement, never followed up."""
    for n in range(count):
        unit = UnitFactory(
            external_id=f"N{n}",
            district=town.north,
            opened_on=dt.date(2015, 1, 1),
            placements=n,
        )
        AgreementFactory(
            provider=unit.provider,
            contract_area=town.dv if n % 2 else town.hvb,
            kind="lov",
            signed_by=town.central,
            units=[unit],
            valid_from=dt.date(2015, 1, 1),
        )


@pytest.mark.parametrize("name", ["run_detail", "run_candidates", "run_publish"])
def test_run_pages_do_not_grow_with_the_candidates(client, planner, town, name) -> None:
    client.force_login(planner)
    small = make_run(planner)
    for org in (town.north, town.south, town.west):
        capacity(org, 1, 30)
    _more_units(town, 12)
    large = make_run(planner)
    assert large.candidates.count() == small.candidates.count() + 12
    assert large.candidates.filter(selected=True).count() > 6
    few, many = (
        queries(client, reverse(f"planning:{name}", args=[run.pk]))
        for run in (small, large)
    )
    assert few == many, f"{name}: {few} queries for 9 candidates, {many} for 21"


def test_the_run_list_does_not_grow_with_the_runs(client, planner, town) -> None:
    client.force_login(planner)
    url = reverse("planning:run_list")
    make_run(planner)
    few = queries(client, url)
    for _ in range(3):
        make_run(planner)
    assert queries(client, url) == few
