"""Issue 9 in the browser: a provider opens its screening link without an
account, answers (saved as it goes), comes back to the saved answers, attaches
the document asked for and sends in; then the same link shows the answers
read-only. A link that opens nothing says so. Every page passes axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from foljsam.screening.models import Respondent, ScreeningAnswer, ScreeningDocument
from foljsam.screening.tests import factories as f
from tests.browser.conftest import assert_accessible, click_button, messages_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def respondent(
    coordinator: Any, central_office: Any, django_capture_on_commit_callbacks: Any
) -> Respondent:
    area, _providers = f.population(signed_by=central_office, providers=2)
    campaign = f.send(
        f.draft_campaign(actor=coordinator, area=area),
        coordinator,
        django_capture_on_commit_callbacks,
    )
    return campaign.respondents.order_by("pk")[0]


def test_a_provider_answers_saves_attaches_and_sends_in(
    respondent: Respondent, browser_page: Any, live_server: Any, tmp_path: Path
) -> None:
    page = browser_page
    yes_no, second, number, document = f.questions(respondent.campaign.template_version)
    url = f"/screening/svar/{f.token_of(respondent)}/"
    routine = tmp_path / "rutin-hot-och-vald.pdf"
    routine.write_bytes(f.PDF)

    page.goto(url)
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith(respondent.campaign.name)
    )
    assert page.locator(".main-nav").count() == 0  # no logged-in menu
    assert page.locator(f"#q-{document.pk} input[type=radio]").count() == 0
    assert_accessible(page)

    # Saved as it goes: the autosave says so without leaving the page.
    page.locator(f"#q-{yes_no.pk} input[value=no]").check()
    page.fill(f"#q-{yes_no.pk}-comment", "Ansökan om tillstånd är inskickad.")
    page.locator("[data-autosave-status]").filter(has_text="Sparat").wait_for()
    page.reload()
    page.wait_for_load_state()
    assert page.locator(f"#q-{yes_no.pk} input[value=no]").is_checked()
    assert page.input_value(f"#q-{yes_no.pk}-comment") == (
        "Ansökan om tillstånd är inskickad."
    )

    # The document asked for, with the Save button.
    page.set_input_files(f"#q-{document.pk}-files", str(routine))
    click_button(page, "Spara svaren")
    assert "1 nytt dokument" in messages_of(page)
    assert page.get_by_role("link", name="rutin-hot-och-vald.pdf").count() == 1
    assert_accessible(page)

    # Sending in with a required question unanswered: said, on the question.
    click_button(page, "Spara och skicka in")
    summary = page.locator(".error-summary")
    assert summary.locator(f'a[href="#q-{second.pk}"]').count() == 1
    assert_accessible(page)

    page.locator(f"#q-{second.pk} input[value=yes]").check()
    page.fill(f"#q-{number.pk}-value", "14")
    click_button(page, "Spara och skicka in")
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert respondent.flag_count == 1  # "no" on the first question
    assert ScreeningAnswer.objects.get(question=number).value == "14"
    assert ScreeningDocument.objects.filter(respondent=respondent).count() == 1

    # The same link now reads the answers and takes none.
    page.goto(url)
    assert page.locator("#sent-in").count() == 1
    assert page.locator("main form").count() == 0
    assert page.get_by_role("link", name="rutin-hot-och-vald.pdf").count() == 1
    assert_accessible(page)

    # A link that opens nothing.
    response = page.goto("/screening/svar/inte-en-riktig-lank/")
    assert response is not None and response.status == 404
    assert respondent.provider.name not in page.content()
    assert_accessible(page)
