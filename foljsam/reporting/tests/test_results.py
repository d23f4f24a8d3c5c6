"""A provider's results (issue 7, for issue 8): the latest performed outcome per
unit and contract area, and the history of its follow-ups; the city's readers
see any provider's, a provider user its own once shared with it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foljsam.accounts.access import SYSTEM
from foljsam.followups.choices import Status, outcome_label
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.tests.factories import (
    CityFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.reporting.results import (
    ProviderResults,
    provider_results,
    result_followups,
    summarise,
)

pytestmark = pytest.mark.django_db

NOTE = "Intern anteckning: chefen verkade stressad."


def _followup(unit, area, year, status, *, on=None, outcome="", **kwargs) -> FollowUp:
    cancelled = status == Status.CANCELLED
    return FollowUpFactory(
        unit=unit,
        contract_area=area,
        year=year,
        status=status,
        outcome=outcome,
        performed_on=on,
        methods=kwargs.pop("methods", ["site_visit"]),
        cancel_reason="agreement_terminated" if cancelled else "",
        cancelled_on=dt.date(year, 3, 1) if cancelled else None,
        note=NOTE,
        **kwargs,
    )


@pytest.fixture
def history(provider, other_provider, district, other_district) -> dict[str, FollowUp]:
    """The provider's follow-ups over four years, by two districts; and one of
    another provider's."""
    area = ContractAreaFactory(name="Daglig verksamhet")
    other_area = ContractAreaFactory(name="Korttidstillsyn")
    unit = UnitFactory(provider=provider, name="Ateljén")
    second = UnitFactory(provider=provider, name="Bageriet")
    f = {
        "2022": _followup(
            unit, area, 2022, Status.SHARED, on=dt.date(2022, 5, 1),
            outcome="does_not_comply", organisation=district,
        ),
        # Planned for 2023, visited in January 2024: counts for 2024.
        "2023": _followup(
            unit, area, 2023, Status.SHARED, on=dt.date(2024, 1, 20),
            outcome="complies_after_complement", organisation=other_district,
            methods=["site_visit", "document_review"],
        ),
        # Recorded afterwards without a date: counts for the year it was planned.
        "2024": _followup(
            unit, area, 2024, Status.COMPLETED, outcome="complies",
            organisation=district,
        ),
        "other_area": _followup(
            unit, other_area, 2025, Status.COMPLETED, on=dt.date(2025, 9, 1),
            outcome="minor_deficiencies_remain", organisation=district,
        ),
        "second": _followup(
            second, area, 2025, Status.SHARED, on=dt.date(2025, 4, 2),
            outcome="complies", organisation=other_district,
        ),
        "cancelled": _followup(second, area, 2026, Status.CANCELLED),
        "open": _followup(second, other_area, 2026, Status.VISITED),
        "elsewhere": _followup(
            UnitFactory(provider=other_provider), area, 2025, Status.SHARED,
            on=dt.date(2025, 2, 2), outcome="complies",
        ),
    }  # fmt: skip
    return f


def _latest(results: ProviderResults) -> list[tuple[str, str, int, str]]:
    return [
        (r.unit_name, r.contract_area_name, r.year, r.outcome) for r in results.latest
    ]


def test_the_city_sees_the_latest_result_per_unit_and_area_and_every_follow_up(
    history, provider
) -> None:
    results = provider_results(user=SYSTEM, pk=provider.pk)
    # 2024's undated follow-up and 2023's visit in 2024 both count for 2024: the
    # one with a date is the later.
    assert _latest(results) == [
        ("Ateljén", "Daglig verksamhet", 2023, "complies_after_complement"),
        ("Ateljén", "Korttidstillsyn", 2025, "minor_deficiencies_remain"),
        ("Bageriet", "Daglig verksamhet", 2025, "complies"),
    ]
    ids = {row.followup_id for row in results.history}
    assert ids == {
        history[k].pk
        for k in ("2022", "2023", "2024", "other_area", "second", "cancelled")
    }
    assert [row.year for row in results.history] == [2026, 2025, 2025, 2024, 2023, 2022]
    cancelled = next(r for r in results.history if r.status == Status.CANCELLED)
    assert cancelled.outcome == "" and cancelled.not_performed_reason == (
        "agreement_terminated"
    )
    assert cancelled.not_performed_label
    visited = next(r for r in results.history if r.year == 2023)
    assert visited.methods == ("site_visit", "document_review")
    assert len(visited.method_labels) == 2
    assert visited.performed_on == dt.date(2024, 1, 20)


def test_the_provider_sees_only_what_was_shared_with_it(
    history, provider, provider_user
) -> None:
    results = provider_results(user=provider_user, pk=provider.pk)
    assert {r.followup_id for r in results.history} == {
        history["2022"].pk,
        history["2023"].pk,
        history["second"].pk,
    }
    assert _latest(results) == [
        ("Ateljén", "Daglig verksamhet", 2023, "complies_after_complement"),
        ("Bageriet", "Daglig verksamhet", 2025, "complies"),
    ]


def test_another_providers_results_do_not_exist_for_a_provider_user(
    client, history, other_provider, provider_user
) -> None:
    client.force_login(provider_user)
    for name in ("reporting:provider_results", "reporting:provider_followups"):
        assert client.get(reverse(name, args=[other_provider.pk])).status_code == 404


def test_every_district_reads_every_result_of_the_provider(
    client, history, provider, district_officer
) -> None:
    """Not only its own follow-ups: results are the registry's record."""
    client.force_login(district_officer)
    page = client.get(
        reverse("reporting:provider_followups", args=[provider.pk])
    ).content.decode()
    assert page.count("<tr>") - 1 == 6  # the header's row, then one per follow-up
    assert "Bageriet" in page


def test_the_city_s_own_units_are_judged_against_their_mission_description(
    district,
) -> None:
    city = CityFactory()
    unit = UnitFactory(provider=city, operated_by=district)
    area = ContractAreaFactory()
    _followup(
        unit, area, 2025, Status.SHARED, outcome="complies", on=dt.date(2025, 3, 3)
    )
    results = provider_results(user=SYSTEM, pk=city.pk)
    own = results.latest[0]
    private = provider_results(
        user=SYSTEM, pk=_followup(UnitFactory(), area, 2025, Status.SHARED,
                                  outcome="complies").provider_id
    ).latest[0]  # fmt: skip
    assert own.outcome == private.outcome == "complies"
    assert own.outcome_label != private.outcome_label
    assert own.outcome_label == outcome_label("complies", "own")


def test_nothing_internal_is_in_the_summary_or_on_the_page(
    client, history, provider, provider_user, coordinator
) -> None:
    results = provider_results(user=SYSTEM, pk=provider.pk)
    assert NOTE not in repr(results)
    fields = {f.name for f in dataclasses.fields(results.history[0])}
    assert not fields & {"note", "outcome_reason", "organisation", "created_by"}
    for user in (coordinator, provider_user):
        client.force_login(user)
        for name in ("reporting:provider_results", "reporting:provider_followups"):
            page = client.get(reverse(name, args=[provider.pk])).content.decode()
            assert NOTE not in page


def test_issue_8_may_pass_its_own_follow_ups(history, provider) -> None:
    only_2022 = summarise(provider, FollowUp.objects.filter(year=2022))
    assert [r.followup_id for r in only_2022.history] == [history["2022"].pk]


def test_the_results_are_the_followups_the_reader_may_see(
    history, provider_user, other_provider_user, committee_reader
) -> None:
    assert set(result_followups(provider_user)) == {
        history["2022"],
        history["2023"],
        history["second"],
    }
    assert set(result_followups(other_provider_user)) == {history["elsewhere"]}
    assert history["open"] not in set(result_followups(committee_reader))


def test_the_pages_and_the_links_to_them(
    client, history, provider, provider_user, coordinator
) -> None:
    url = reverse("reporting:provider_results", args=[provider.pk])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Ateljén" in page and "Korttidstillsyn" in page
    assert reverse("reporting:provider_followups", args=[provider.pk]) in page
    detail = reverse("registry:provider_detail", args=[provider.pk])
    assert url in client.get(detail).content.decode()
    client.force_login(provider_user)
    assert url in client.get(detail).content.decode()
    assert url in client.get(reverse("portal:home")).content.decode()
    page = client.get(url).content.decode()
    assert "Korttidstillsyn" not in page  # completed, not yet shared


@pytest.mark.parametrize(
    "name", ["reporting:provider_results", "reporting:provider_followups"]
)
def test_the_query_count_does_not_grow_with_the_follow_ups(
    client, provider, coordinator, provider_user, name
) -> None:
    area = ContractAreaFactory()
    for user in (coordinator, provider_user):
        client.force_login(user)
        counts = []
        for n in (2, 12):
            for i in range(n):
                unit = UnitFactory(provider=provider)
                _followup(unit, area, 2020 + i % 6, Status.SHARED, outcome="complies")
                _followup(unit, area, 2026, Status.CANCELLED)
            url = reverse(name, args=[provider.pk])
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (user, counts)
