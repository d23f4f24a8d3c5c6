"""Issue 9's "done when", in Chromium on the demo city: the campaign to every
substance-abuse agreement is sent; three providers answer through their links,
one of them with deviations; the triage list flags that one with its reasons,
and creating visits from it gives follow-ups in the right organisations; expired
and foreign tokens are refused; every page passes axe."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from conftest import make_user
from foljsam.accounts.models import OrganisationKind
from foljsam.accounts.roles import Role
from foljsam.demo.loader import load_demo
from foljsam.followups.choices import Method, Source
from foljsam.followups.models import FollowUp
from foljsam.registry.models import Agreement
from foljsam.screening.choices import CampaignStatus, FlagKind
from foljsam.screening.models import Campaign, Respondent, ScreeningDocument
from tests.browser.conftest import (
    assert_accessible,
    click_button,
    log_in,
    messages_of,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _personal_link(page, respondent: Respondent) -> str:
    """The link as the coordinator copies it from the provider's page."""
    page.goto(f"/screening/respondents/{respondent.pk}/")
    assert_accessible(page)
    link = page.get_by_label("Kopiera den personliga länken").input_value()
    assert link.startswith("http") and "/screening/svar/" in link
    return re.sub(r"^https?://[^/]+", "", link)


def _answer(page, path: str, *, deviant: bool) -> None:
    """Open the link, answer every question, attach the documents (all but one
    when ``deviant``), save, come back, and send in."""
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert_accessible(page)
    radios = page.locator("input[type=radio][value=yes]")
    for n in range(radios.count()):
        radios.nth(n).check()
    if deviant:
        page.locator("input[type=radio][value=no]").first.check()
    for field in page.locator("input[inputmode=decimal]").all():
        field.fill("12")
    for field in page.locator("input[type=date][name^=q-]").all():
        field.fill("2024-01-15")
    for field in page.locator("textarea[id$='-value']").all():
        field.fill("Enligt verksamhetens rutin.")
    uploads = page.locator("input[type=file][name^=q-][name$='-files']").all()
    assert uploads, "the template asks for documents"
    for n, upload in enumerate(uploads):
        if deviant and n == 0:
            continue  # the deviant provider leaves one document out
        upload.set_input_files(
            {"name": f"rutin-{n}.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
    click_button(page, "Spara svaren")
    assert "sparade" in messages_of(page)
    # Resume: the same link shows what was saved.
    page.goto(path)
    assert page.locator("input[type=radio][value=yes]:checked").count() >= 1
    click_button(page, "Spara och skicka in")
    assert page.get_by_text("Inskickat").first.is_visible()
    assert page.locator("input[type=radio]").count() == 0  # read-only now
    assert_accessible(page)


def test_three_providers_answer_and_the_deviant_one_gets_a_site_visit(
    browser_page, live_server
):
    load_demo()
    campaign = Campaign.objects.get(
        status=CampaignStatus.SENT, contract_areas__code="missbruk-vuxna"
    )
    # Sent to every provider with an agreement in force in the area and an
    # address (issue 9: "a campaign to all substance-abuse agreements is sent").
    today = timezone.localdate()
    in_force = set(
        Agreement.objects.valid_on(today)
        .filter(contract_area__code="missbruk-vuxna")
        .values_list("provider_id", flat=True)
    )
    assert set(campaign.respondents.values_list("provider_id", flat=True)) == in_force
    assert not campaign.respondents.exclude(email="").filter(sent_at__isnull=True)
    coordinator = make_user(
        "flow-samordnare",
        Role.CENTRAL_COORDINATOR,
        organisation=campaign.organisation,
    )
    page = browser_page
    log_in(page, coordinator, live_server.url)
    page.goto(f"/screening/{campaign.pk}/")
    assert_accessible(page)
    fresh = list(
        campaign.respondents.filter(
            sent_at__isnull=False, opened_at__isnull=True, revoked_at__isnull=True
        )
        .exclude(email="")
        .order_by("provider__name")[:4]
    )
    assert len(fresh) == 4
    deviant, good_one, good_two, expired = fresh
    paths = {r.pk: _personal_link(page, r) for r in fresh}

    # The providers answer without an account.
    page.context.clear_cookies()
    _answer(page, paths[deviant.pk], deviant=True)
    _answer(page, paths[good_one.pk], deviant=False)
    _answer(page, paths[good_two.pk], deviant=False)
    for respondent in (deviant, good_one, good_two):
        respondent.refresh_from_db()
        assert respondent.submitted_at is not None
    assert deviant.flag_count == 2
    assert good_one.flag_count == good_two.flag_count == 0

    # A foreign token: the deviant's link cannot reach another provider's file.
    foreign = ScreeningDocument.objects.filter(respondent=good_one).first()
    assert foreign is not None
    response = page.goto(f"{paths[deviant.pk]}documents/{foreign.pk}/")
    assert response is not None and response.status == 404
    # An expired token opens nothing.
    expired.expires_at = timezone.now() - timezone.timedelta(minutes=1)
    expired.save(update_fields=["expires_at"])
    response = page.goto(paths[expired.pk])
    assert response is not None and response.status == 410
    assert_accessible(page)
    response = page.goto("/screening/svar/not-a-token/")
    assert response is not None and response.status == 404

    # Triage: the deviant one first among them, with its reasons.
    log_in(page, coordinator, live_server.url)
    page.goto(f"/screening/{campaign.pk}/triage/")
    assert_accessible(page)
    row = page.locator("tr", has=page.get_by_label(deviant.provider.name, exact=True))
    text = row.inner_text()
    assert "Kravet uppfylls inte" in text
    assert "Dokument saknas" in text
    assert "Nej" in text
    good_row = page.locator(
        "tr", has=page.get_by_label(good_one.provider.name, exact=True)
    )
    assert (
        "Inga flaggor" in good_row.inner_text() or "Ekonomisk" in good_row.inner_text()
    )
    page.get_by_label(deviant.provider.name, exact=True).check()
    click_button(page, "Skapa verksamhetsbesök för de valda utförarna")
    assert "verksamhetsbesök" in messages_of(page).lower()
    assert_accessible(page)

    # The site visits: one per active unit of the deviant's agreements, in the
    # organisation the rules name (LOU: the central office keeps it).
    visits = FollowUp.objects.filter(screening_visit__respondent=deviant)
    units = set(
        Agreement.objects.filter(screening_respondents=deviant)
        .values_list("units", flat=True)
        .exclude(units__closed_on__lte=today)
    )
    assert visits.exists()
    assert {v.unit_id for v in visits} <= units
    for visit in visits:
        assert visit.organisation.kind == OrganisationKind.CENTRAL_OFFICE
        if visit.source == Source.SCREENING:
            assert visit.methods == [Method.SITE_VISIT]
    assert not FollowUp.objects.filter(screening_visit__respondent=good_one).exists()
    assert FlagKind.NOT_MET in set(deviant.flags.values_list("kind", flat=True))
    # The follow-up says which campaign chose it.
    page.goto(f"/followups/{visits.first().pk}/")
    assert campaign.name in page.locator("main").inner_text()
    assert_accessible(page)
