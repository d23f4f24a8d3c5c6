"""The public comparison pages (issue 8) pass axe-core at WCAG 2.1 A and AA in
Chromium, logged out, in Swedish and in English: the search with results, with
a filter that finds nothing and with an invalid filter; a unit's page with its
latest and earlier results, and one whose summary is only in Swedish. The skip
link is the first Tab stop, and focus is visible."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from foljsam.publishing.services import publication_propose, publication_publish
from foljsam.publishing.tests.factories import published_result, shared_followup
from foljsam.registry.tests.factories import CityFactory, UnitFactory
from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _check(page, url: str, expected_status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == expected_status, url
    violations = axe_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"


def _results() -> tuple[int, int]:
    """A unit with a latest and an earlier result (the latest with an English
    summary), and one of the city's own units with a Swedish summary only."""
    unit = UnitFactory(name="Solgläntans gruppbostad")
    earlier = published_result(
        unit=unit,
        year=2023,
        performed_on=dt.date(2023, 4, 5),
        outcome="complies",
        with_open_deficiency=False,
    )
    latest = shared_followup(unit=unit, year=2026, performed_on=dt.date(2026, 3, 12))
    latest.contract_area = earlier.followup.contract_area
    latest.agreement = earlier.followup.agreement
    latest.save()
    summary = "Verksamheten följdes upp med platsbesök. Bristerna är åtgärdade."
    publication_propose(actor=None, followup=latest, summary=summary)
    publication_publish(
        actor=None,
        followup=latest,
        summary=summary,
        summary_en="The unit was visited. The deficiencies have been put right.",
    )
    own = published_result(
        unit=UnitFactory(name="Stadens korttidshem", provider=CityFactory()),
        outcome="minor_deficiencies_remain",
    )
    return unit.pk, own.followup.unit_id


def test_the_public_pages_pass_axe_in_both_languages(browser_page) -> None:
    unit, own = _results()
    page = browser_page
    for namespace in ("public", "public_en"):
        search = reverse(f"{namespace}:search")
        _check(page, search)
        assert page.get_by_role("link", name="Solgläntans gruppbostad").count() == 1
        _check(page, search + "?q=finns-inte")
        assert page.get_by_role("table").count() == 0
        _check(page, search + "?contract_area=abc&page=9")
        _check(page, reverse(f"{namespace}:unit", args=[unit]))
        _check(page, reverse(f"{namespace}:unit", args=[own]))
        _check(page, reverse(f"{namespace}:unit", args=[987654]), 404)
    # In English, a summary only in Swedish says so to assistive technology.
    page.goto(reverse("public_en:unit", args=[own]))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".public-result__summary[lang='sv']").count() == 1


def test_the_search_form_works_by_keyboard(browser_page) -> None:
    _results()
    page = browser_page
    page.goto(reverse("public:search"))
    page.locator("#id_q").fill("solglänt")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=solgl" in page.url
    assert page.get_by_role("link", name="Solgläntans gruppbostad").count() == 1
    assert page.get_by_role("link", name="Stadens korttidshem").count() == 0
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("namespace", ["public", "public_en"])
def test_skip_link_is_the_first_tab_stop_and_focus_is_visible(
    browser_page, namespace: str
) -> None:
    unit, _own = _results()
    page = browser_page
    for url in (
        reverse(f"{namespace}:search"),
        reverse(f"{namespace}:unit", args=[unit]),
    ):
        page.goto(url)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")
        assert page.evaluate(
            "document.activeElement.getBoundingClientRect().top >= 0"
        ), "the skip link must become visible when focused"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        # The next stops, in the content, show their focus too.
        for _stop in range(2):
            page.keyboard.press("Tab")
            outline = page.evaluate(
                "getComputedStyle(document.activeElement).outlineStyle"
            )
            assert outline not in ("", "none"), page.evaluate(
                "document.activeElement.outerHTML"
            )
