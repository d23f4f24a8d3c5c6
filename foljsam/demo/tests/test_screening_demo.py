"""The demo city's screening campaigns (issue 9): this year's, sent to every
provider in force in "missbruk-vuxna" that has an address and partly answered,
with providers left whose links a browser test can answer; and last year's,
closed, with its site visits, for the annual report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from foljsam.demo import city
from foljsam.demo import screening as demo
from foljsam.demo.loader import DemoResult, load_demo
from foljsam.registry.models import Agreement, Provider
from foljsam.requirements.choices import AnswerType
from foljsam.screening import answering, services
from foljsam.screening.choices import CampaignStatus, RespondentState
from foljsam.screening.models import Campaign, CampaignVisit, Respondent

pytestmark = pytest.mark.django_db

DEMO_DAY = dt.datetime(2026, 11, 30, 12, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def demo_city() -> Iterator[DemoResult]:
    with time_machine.travel(DEMO_DAY, tick=False):
        yield load_demo()


def this_year() -> Campaign:
    return Campaign.objects.get(year=DEMO_DAY.year, status=CampaignStatus.SENT)


def test_the_campaign_asks_every_provider_in_force_and_sends_where_it_can(
    demo_city: DemoResult,
) -> None:
    campaign = this_year()
    assert campaign.name == "Screening missbruk vuxna 2026"
    assert campaign.status == CampaignStatus.SENT
    assert campaign.template_version.template.code == "screening-missbruk"
    assert campaign.deadline == dt.date(2026, 12, 21)
    assert campaign.organisation.code == "sof"
    assert campaign.created_by is not None
    assert campaign.created_by.username == "samordnare"
    in_force = set(
        Agreement.objects.valid_on(DEMO_DAY.date())
        .filter(contract_area__code="missbruk-vuxna")
        .values_list("provider_id", flat=True)
    )
    respondents = list(campaign.respondents.select_related("provider"))
    assert {r.provider_id for r in respondents} == in_force
    with_address = {r.provider_id for r in respondents if r.provider.contact_email}
    sent = {r.provider_id for r in respondents if r.sent_at is not None}
    assert sent == with_address
    assert len(in_force - with_address) == 3
    assert (campaign.send_total, campaign.send_done) == (len(sent), len(sent))
    # The links' e-mail went nowhere: not to the console, not to the outbox.
    assert not any(m.subject.endswith(campaign.name) for m in mail.outbox)

    # A second load makes no campaign more.
    with time_machine.travel(DEMO_DAY, tick=False):
        load_demo()
    assert Campaign.objects.count() == 3
    assert Provider.objects.filter(contact_email="").count() == 3
    # Next year's LOV screening waits as a draft, its population worked out.
    draft = Campaign.objects.get(status=CampaignStatus.DRAFT)
    assert draft.year == DEMO_DAY.year + 1
    assert draft.respondents.exists()
    assert not draft.respondents.filter(sent_at__isnull=False).exists()


def test_the_answers_are_as_designed_and_some_links_are_left_unopened(
    demo_city: DemoResult,
) -> None:
    respondents = list(this_year().respondents.all())
    states = Counter(r.state() for r in respondents)

    assert states[RespondentState.ANSWERED] == demo.ANSWERED
    assert states[RespondentState.OPENED] == demo.OPENED
    assert states[RespondentState.NO_ADDRESS] == city.MISSBRUK_WITHOUT_EMAIL
    flagged = [r for r in respondents if r.flag_count]
    assert len(flagged) == demo.FLAGGED
    assert all(r.submitted_at for r in flagged)
    kinds = Counter(f.kind for r in flagged for f in r.flags.all())
    assert kinds["not_met"] and kinds["missing_document"]
    # Those who met every requirement attached every document asked for.
    complete = [r for r in respondents if r.submitted_at and not r.flag_count]
    asked = demo._asked(this_year().template_version)
    documents = sum(1 for q in asked if q.answer_type == AnswerType.DOCUMENT)
    assert all(r.documents.count() == documents for r in complete)

    # Providers are left for a browser test to answer through their links.
    waiting = list(
        Respondent.objects.filter(
            campaign=this_year(), sent_at__isnull=False, opened_at__isnull=True
        ).exclude(email="")
    )
    assert len(waiting) >= 5
    with time_machine.travel(DEMO_DAY, tick=False):
        for respondent in waiting[:3]:
            token = services.token_for(respondent)
            assert token is not None
            assert answering.resolve(token) == respondent


def test_last_years_campaign_is_closed_with_its_site_visits(
    demo_city: DemoResult,
) -> None:
    campaign = Campaign.objects.get(year=DEMO_DAY.year - 1)
    assert campaign.status == CampaignStatus.CLOSED
    assert campaign.deadline == dt.date(2025, 3, 7)
    assert campaign.sent_at is not None and campaign.sent_at.year == 2025
    respondents = list(campaign.respondents.all())
    answered = [r for r in respondents if r.submitted_at]
    assert len(respondents) - len(answered) == demo.LAST_YEAR_UNANSWERED
    assert all(r.submitted_at.year == 2025 for r in answered)  # type: ignore[union-attr]
    assert sum(1 for r in answered if r.flag_count) == demo.LAST_YEAR_FLAGGED
    chosen = list(CampaignVisit.objects.filter(respondent__campaign=campaign))
    assert len(chosen) == 2
    # The follow-ups the year's selection had made, performed since.
    assert all(not v.created and v.followup.year == 2025 for v in chosen)
    assert all(v.respondent.flag_count for v in chosen)
