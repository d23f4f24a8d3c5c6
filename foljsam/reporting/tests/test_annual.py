"""The annual report's counting, without a database (annual.py is pure)."""

from __future__ import annotations

import datetime as dt

from foljsam.reporting.annual import (
    AreaInfo,
    FinancialSummary,
    FollowUpRow,
    Inputs,
    PlanLine,
    build_report,
    percent,
    report_json,
    tally,
)

AREA = AreaInfo(1, "daglig-verksamhet", "Daglig verksamhet", "LSS", "9 § 10 LSS", 3)
KTT = AreaInfo(2, "korttidstillsyn", "Korttidstillsyn", "LSS", "9 § 7 LSS", 3)
EMPTY = AreaInfo(3, "boendestod", "Boendestöd", "SoL", "4 kap. 1 § SoL", 3)
UNUSED = AreaInfo(4, "ingenting", "Utan verksamheter", "SoL", "", 3)


def done(area: int, outcome: str, regime: str = "private", *methods: str):
    return FollowUpRow(area, regime, "completed", outcome, "", tuple(methods))


def cancelled(area: int, reason: str, regime: str = "private"):
    return FollowUpRow(area, regime, "cancelled", "", reason)


def inputs(followups, **kwargs) -> Inputs:
    values = {
        "year": 2023,
        "made_on": dt.date(2024, 3, 1),
        "areas": [AREA, KTT, EMPTY, UNUSED],
        "followups": followups,
        "units": {
            1: frozenset(range(100, 110)),
            2: frozenset({200, 201}),
            3: frozenset({300}),
        },
        "last_performed": {},
        "deficiencies": {},
        "category_names": {},
        "actions": {},
        "financial": {},
    }
    values.update(kwargs)
    return Inputs(**values)


def test_shares_are_percent_of_performed_with_one_decimal() -> None:
    t = tally(
        [done(1, "complies")] * 19
        + [done(1, "complies_after_complement")] * 15
        + [cancelled(1, "agreement_terminated")]
    )

    assert (t.planned, t.performed, t.not_performed_total) == (35, 34, 1)
    assert t.shares == {
        "complies": 55.9,
        "complies_after_complement": 44.1,
        "minor_deficiencies_remain": 0.0,
        "does_not_comply": 0.0,
    }
    assert t.not_performed == {"agreement_terminated": 1, "unit_closed": 0, "other": 0}
    assert percent(1, 0) == 0.0


def test_open_follow_ups_are_planned_but_neither_performed_nor_cancelled() -> None:
    t = tally(
        [
            FollowUpRow(1, "private", "assessing", "", ""),
            # A completed follow-up without an outcome is not counted as performed.
            FollowUpRow(1, "private", "completed", "", ""),
            cancelled(1, ""),  # no reason given: counted as another reason
        ]
    )

    assert (t.planned, t.performed, t.in_progress) == (3, 0, 2)
    assert t.not_performed["other"] == 1


def test_areas_without_follow_ups_appear_only_in_coverage() -> None:
    report = build_report(
        inputs(
            [done(1, "complies", "private", "site_visit"), done(2, "complies", "own")],
            last_performed={
                (100, 1): 2023,
                (101, 1): 2021,
                (102, 1): 2020,
                (300, 3): 2022,
            },
        )
    )

    assert [a.area.code for a in report.areas] == [
        "daglig-verksamhet",
        "korttidstillsyn",
    ]
    assert [r.area.code for r in report.coverage_rows] == [
        "daglig-verksamhet",
        "korttidstillsyn",
        "boendestod",
    ]
    assert [a.name for a in report.not_followed_up] == ["Boendestöd"]
    daily = report.areas[0]
    # 2023 and 2021 lie within a three-year cycle counted at the end of 2023;
    # 2020 does not.
    assert (daily.coverage.covered, daily.coverage.total) == (2, 10)
    assert (report.coverage.covered, report.coverage.total) == (3, 13)
    assert report.units == 12


def test_regimes_side_by_side_and_the_areas_words() -> None:
    report = build_report(
        inputs(
            [
                done(2, "complies", "own"),
                done(2, "complies_after_complement", "own"),
                done(1, "does_not_comply", "private"),
                cancelled(1, "unit_closed", "private"),
            ]
        )
    )

    own, private = report.regimes["own"], report.regimes["private"]
    assert (own.planned, own.performed, private.planned, private.performed) == (
        2,
        2,
        2,
        1,
    )
    assert own.outcomes["complies"] == 1 and private.outcomes["does_not_comply"] == 1
    assert {a.area.code: a.regime for a in report.areas} == {
        "daglig-verksamhet": "private",
        "korttidstillsyn": "own",
    }


def test_methods_deficiencies_actions_and_checks_per_area() -> None:
    report = build_report(
        inputs(
            [
                done(1, "complies", "private", "site_visit", "document_review"),
                done(1, "complies_after_complement", "private", "site_visit"),
                FollowUpRow(1, "private", "assigned", "", "", ("site_visit",)),
            ],
            deficiencies={1: {"rutiner": 2, "ledningssystem": 5}, 2: {"rutiner": 1}},
            category_names={
                "rutiner": "Skriftliga rutiner",
                "ledningssystem": "Ledningssystem",
            },
            actions={1: {"correction_request": 2, "penalty": 1}},
            financial={1: FinancialSummary(3, 1, (("f_tax", 1),))},
        )
    )

    daily = report.areas[0]
    # Only performed follow-ups count their methods.
    assert daily.methods == (("site_visit", 2), ("document_review", 1))
    assert [(d.code, d.count) for d in daily.deficiencies] == [
        ("ledningssystem", 5),
        ("rutiner", 2),
    ]
    assert (daily.correction_requests, daily.penalties, daily.terminations) == (2, 1, 0)
    assert [(d.code, d.count) for d in report.deficiencies] == [
        ("ledningssystem", 5),
        ("rutiner", 3),
    ]
    assert report.financial.checks == 3 and report.financial.items == (("f_tax", 1),)


def test_the_json_has_the_issues_keys() -> None:
    plan = PlanLine(
        2024,
        "boendestod",
        "Boendestöd",
        "site_visit",
        "all",
        None,
        "joint",
        "Första gången.",
        "Plan 2024-2026",
    )
    data = report_json(
        build_report(
            inputs(
                [done(1, "complies"), cancelled(1, "agreement_terminated")],
                deficiencies={1: {"rutiner": 1}},
                category_names={"rutiner": "Rutiner"},
                actions={1: {"correction_request": 1}},
                plan=[plan],
            )
        )
    )

    assert data["year"] == 2023
    assert (data["planned"], data["performed"]) == (2, 1)
    assert data["not_performed"] == {
        "agreement_terminated": 1,
        "unit_closed": 0,
        "other": 0,
    }
    area = data["areas"][0]
    assert {
        "contract_area",
        "name",
        "units",
        "planned",
        "performed",
        "outcomes",
        "shares",
        "deficiency_categories",
        "correction_requests",
    } <= set(area)
    assert area["contract_area"] == "daglig-verksamhet" and area["units"] == 10
    assert area["shares"]["complies"] == 100.0
    assert area["deficiency_categories"] == {"rutiner": 1}
    assert area["correction_requests"] == 1
    assert set(data["regimes"]) == {"own", "private"}
    assert set(data["regimes"]["own"]) >= {"planned", "performed", "outcomes"}
    assert data["plan"][0]["contract_area"] == "boendestod"
