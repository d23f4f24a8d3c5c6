"""Digital screening in the annual report, counted without a database
(annual_screening.py is pure, as annual.py)."""

from __future__ import annotations

import datetime as dt

from foljsam.reporting.annual import build_report, report_json
from foljsam.reporting.annual_render import methods_text, report_view
from foljsam.reporting.annual_screening import (
    AreaScreening,
    CampaignRow,
    RespondentRow,
    build_screening,
    method_counts,
)
from foljsam.reporting.tests.test_annual import AREA, EMPTY, KTT, UNUSED, done, inputs

MADE_ON = dt.date(2024, 3, 1)


def answered(provider: int, *flags: str, areas=(3,), visits=()) -> RespondentRow:
    return RespondentRow(
        provider_id=provider,
        contract_area_ids=frozenset(areas),
        asked=True,
        answered=True,
        flags=frozenset(flags),
        visits=tuple(visits),
    )


def waiting(provider: int, *, areas=(3,), withdrawn=False) -> RespondentRow:
    return RespondentRow(
        provider_id=provider,
        contract_area_ids=frozenset(areas),
        asked=True,
        answered=False,
        withdrawn=withdrawn,
    )


def campaign(*respondents: RespondentRow, deadline=dt.date(2023, 10, 1), **kw):
    values = {
        "name": "Screening boendestöd 2023",
        "template": "Screening boendestöd",
        "template_version": 2,
        "status": "sent",
        "deadline": deadline,
        "sent_on": dt.date(2023, 9, 1),
        "respondents": respondents,
    }
    values.update(kw)
    return CampaignRow(**values)


BOENDESTOD = campaign(
    answered(1, "not_met", "missing_document", visits=[(3, True), (3, True)]),
    answered(2, "financial", visits=[(3, False)]),
    answered(3),
    # Asked about two areas: counts in both.
    answered(4, "not_met", areas=(3, 1)),
    waiting(5),
    waiting(6, withdrawn=True),
    # No address: never asked, so in no count.
    RespondentRow(7, frozenset({3}), asked=False, answered=False),
)


def test_a_campaign_counts_asked_answered_flags_and_visits() -> None:
    summary = build_screening([BOENDESTOD], [AREA, KTT, EMPTY, UNUSED], MADE_ON)

    (line,) = summary.campaigns
    assert (line.asked, line.answered, line.flagged, line.not_answered) == (
        6,
        4,
        3,
        2,
    )
    assert (line.visits_created, line.visits_linked, line.visits) == (2, 1, 3)
    # The areas its agreements cover, in the report's order.
    assert [a.code for a in line.contract_areas] == ["daglig-verksamhet", "boendestod"]
    # The deadline has passed: the provider still waiting has "no answer"; the
    # one whose link was withdrawn is not on the triage list.
    assert line.flags == (
        ("not_met", 2),
        ("missing_document", 1),
        ("financial", 1),
        ("no_answer", 1),
    )
    assert summary.flags == line.flags
    assert summary.areas[3] == AreaScreening(asked=6, answered=4, flagged=3, visits=3)
    assert summary.areas[1] == AreaScreening(asked=1, answered=1, flagged=1, visits=0)


def test_before_the_deadline_a_missing_answer_is_not_a_flag() -> None:
    summary = build_screening([BOENDESTOD], [EMPTY], made_on=dt.date(2023, 9, 15))

    assert dict(summary.flags).get("no_answer") is None
    assert summary.campaigns[0].not_answered == 2


def test_a_provider_counts_once_per_area_however_many_campaigns_asked_it() -> None:
    second = campaign(answered(1), answered(8, "not_met"), name="Uppföljande")
    summary = build_screening([BOENDESTOD, second], [EMPTY], MADE_ON)

    assert summary.areas[3].asked == 7  # providers 1-6 and 8
    assert summary.areas[3].answered == 5
    # The city's totals add up the campaigns.
    assert (summary.asked, summary.answered, summary.flagged) == (8, 6, 4)
    assert summary.flags[0] == ("not_met", 3)


def test_a_screened_area_is_reported_without_follow_ups() -> None:
    report = build_report(
        inputs(
            [done(1, "complies", "private", "site_visit", "screening")],
            campaigns=[BOENDESTOD],
        )
    )

    assert [a.area.code for a in report.areas] == ["daglig-verksamhet", "boendestod"]
    daily, support = report.areas
    assert support.tally.planned == 0 and support.units == 1
    assert support.screening.answered == 4
    # Screened, so not among the areas without any follow-up.
    assert [a.name for a in report.not_followed_up] == ["Korttidstillsyn"]
    # The methods tally stays in follow-ups; screening comes with its own unit,
    # and a follow-up recorded with the screening method keeps its own row.
    assert daily.methods == (("site_visit", 1), ("screening", 1))
    assert daily.method_counts == (
        ("site_visit", 1, "followups"),
        ("screening", 1, "followups"),
        ("screening", 1, "providers"),
    )
    assert support.method_counts == (("screening", 4, "providers"),)
    assert method_counts((), AreaScreening(asked=3)) == ()


def test_a_year_without_campaigns_reports_none() -> None:
    report = build_report(inputs([done(1, "complies")]))

    assert report.screening.campaigns == ()
    assert [a.name for a in report.not_followed_up] == ["Korttidstillsyn", "Boendestöd"]
    data = report_json(report)
    assert data["screening"]["campaigns"] == []
    assert data["areas"][0]["screening"]["providers_answered"] == 0


def test_the_json_keys() -> None:
    data = report_json(
        build_report(inputs([done(1, "complies")], campaigns=[BOENDESTOD]))
    )

    screening = data["screening"]
    assert screening["providers_asked"] == 6
    assert screening["site_visits"] == {"created": 2, "linked": 1}
    assert screening["flags"] == {
        "not_met": 2,
        "missing_document": 1,
        "financial": 1,
        "no_answer": 1,
    }
    (line,) = screening["campaigns"]
    assert line == {
        "name": "Screening boendestöd 2023",
        "template": "Screening boendestöd",
        "template_version": 2,
        "status": "sent",
        "sent_on": "2023-09-01",
        "deadline": "2023-10-01",
        "contract_areas": ["daglig-verksamhet", "boendestod"],
        "providers_asked": 6,
        "providers_answered": 4,
        "providers_flagged": 3,
        "providers_not_answered": 2,
        "site_visits": {"created": 2, "linked": 1},
        "flags": screening["flags"],
    }
    areas = {a["contract_area"]: a for a in data["areas"]}
    assert areas["boendestod"]["screening"] == {
        "providers_asked": 6,
        "providers_answered": 4,
        "providers_flagged": 3,
        "site_visits": 3,
    }
    # The methods stay a count of follow-ups.
    assert "screening" not in areas["boendestod"]["methods"]


def test_the_words_name_each_count_with_its_unit() -> None:
    # Tests run in Swedish; the words are checked in English here, as written.
    from django.utils import translation

    report = build_report(
        inputs([done(1, "complies", "private", "site_visit")], campaigns=[BOENDESTOD])
    )
    with translation.override("en"):
        view = report_view(report)
        daily, support = view.areas
        assert methods_text(daily.report) == (
            "Site visit (1), Digital screening: 1 provider answered"
        )
        assert support.methods == "Digital screening: 4 providers answered"
        assert support.screening == (
            "4 of 6 providers answered, 3 with flags; 3 site visits chosen."
        )
        assert view.screening.text.startswith(
            "In 2023, 1 screening campaign asked 6 providers; 4 answered (66.7 %)"
        )
        assert view.screening.campaigns[0].template == (
            "Screening boendestöd, version 2"
        )
        assert view.screening.campaigns[0].areas == "Daglig verksamhet, Boendestöd"
        empty = report_view(build_report(inputs([done(1, "complies")])))
        assert empty.screening.text == "No screening campaign was sent for 2023."
