"""The demo city's digital screening of the substance-abuse agreements (issue 9;
seed 004: "En större digital screening av samtliga avtal inom insatser för
personer med missbruk planeras").

The central coordinator sends the published template "screening-missbruk" to
every provider with an agreement in force in "missbruk-vuxna", to answer within
three weeks. The campaign is then some way along, as a coordinator would find it
after a week or two:

* ``ANSWERED`` providers have sent their answers in, most of them meeting every
  requirement, ``FLAGGED`` of them with deviations (a "no" or "partly" on a
  yes/no question, a document not attached), so that the triage list has
  something to sort;
* ``OPENED`` have opened their link and saved some answers without sending in;
* the rest have not opened their link: a browser test answers some of them
  through their links, and a reminder has someone to go to;
* the providers without a contact e-mail (``demo.city``) were never sent one,
  and the campaign page says so.

Last year's screening of the LOV agreements for housing support ran in the
spring and is closed, with two site visits chosen from its triage, for that
year's annual report (``load_last_year``).

Everything goes through the screening services, as the coordinator and the
providers would: ``services.campaign_create`` and ``campaign_send``, the links
issued by ``sending.send_links`` called here rather than by the worker, and
``answering.answers_save`` and ``answers_submit`` as the answer page calls them.
The links' e-mail is thrown away (the demo's console would otherwise show some
ninety messages while it loads). Answers are drawn from a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone

from foljsam.accounts.models import User
from foljsam.core.history import stamp_history
from foljsam.demo.financial_data import demo_pdf
from foljsam.financial.choices import SUGGESTED_SOURCE, Item, Result
from foljsam.financial.lookup import ManualLookup
from foljsam.financial.models import CheckItem
from foljsam.financial.services import check_item_record, financial_check_start
from foljsam.followups import protocol as proto
from foljsam.followups.choices import Source
from foljsam.followups.models import FollowUp
from foljsam.registry.models import ContractArea
from foljsam.requirements.choices import AnswerType, VersionStatus, YesNo
from foljsam.requirements.models import Question, TemplateVersion
from foljsam.screening import answering, links, sending, services, visits
from foljsam.screening.choices import Population
from foljsam.screening.models import Campaign, Respondent

AREA = "missbruk-vuxna"
TEMPLATE = "screening-missbruk"
ANSWER_DAYS = 21
ANSWERED = 25
FLAGGED = 6  # of those who answered
OPENED = 10  # opened and saved, not sent in
SEED = 9  # issue 9
DRAFT_AREA = "daglig-verksamhet"
DRAFT_DAYS = 60

MESSAGE = (
    "Socialförvaltningen genomför en digital screening av samtliga ramavtal inom "
    "insatser för vuxna med missbruk. Svara på frågorna och bifoga de rutiner och "
    "dokument som efterfrågas senast sista svarsdagen. Svaren och en ekonomisk "
    "kontroll ligger till grund för urvalet till verksamhetsbesök under våren. "
    "Skriv inga uppgifter om enskilda brukare i svaren eller dokumenten. Frågor "
    "besvaras av avtalsuppföljningen på socialförvaltningen."
)
# A deviation's comment, by the answer that deviates.
COMMENTS: dict[str, str] = {
    YesNo.NO.value: "Arbetet har inte kommit igång; vi återkommer med en tidsplan.",
    YesNo.PARTLY.value: "Finns delvis. Arbetet ska vara klart under första kvartalet.",
}
# The help text of the questions where "not applicable" is a fair answer.
NOT_APPLICABLE_HINT = "ej tillämpligt"


@contextmanager
def _no_mail() -> Iterator[None]:
    """The links' e-mail goes nowhere while the demo loads."""
    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    ):
        yield


def _ascii(text: str) -> str:
    """The PDF's text is plain ASCII, without the brackets PDF strings use."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain if ch not in "()\\")


def _upload(question: Question, provider: str) -> SimpleUploadedFile:
    title = _ascii(" ".join(question.text.rstrip(".").split()[:5]))
    name = f"{'-'.join(title.lower().split())[:40] or 'dokument'}.pdf"
    return SimpleUploadedFile(
        name, demo_pdf(f"{title} - {_ascii(provider)[:40]}"), "application/pdf"
    )


def _value(question: Question, rng: random.Random) -> str:
    """A plausible answer that meets the requirement."""
    kind = question.answer_type
    if kind == AnswerType.YES_NO:
        if NOT_APPLICABLE_HINT in question.help_text and rng.random() < 0.3:
            return YesNo.NOT_APPLICABLE
        return YesNo.YES
    if kind == AnswerType.NUMBER:
        text = question.text.lower()
        if "klagomål" in text:
            return str(rng.randint(0, 9))
        if "årsarbetare" in text:
            return str(rng.randint(3, 28))
        return str(rng.randint(4, 16))
    if question.answer_options:
        not_met = {str(v) for v in question.not_met_answers or []}
        met = [v for v, _label in question.answer_options if v not in not_met]
        return rng.choice(met) if met else ""
    if kind == AnswerType.DATE:
        start = dt.date(2016, 1, 1).toordinal()
        return dt.date.fromordinal(
            rng.randint(start, dt.date(2025, 6, 30).toordinal())
        ).isoformat()
    return "Se bifogad beskrivning."


def _answers(
    questions: Sequence[Question],
    rng: random.Random,
    *,
    provider: str,
    deviate: frozenset[int] = frozenset(),
    only: int | None = None,
) -> tuple[dict[int, proto.AnswerInput], dict[int | None, list[SimpleUploadedFile]]]:
    """Answers to the first ``only`` questions (all when None), with documents
    attached; a question in ``deviate`` gets a "not met" answer, or no document."""
    answers: dict[int, proto.AnswerInput] = {}
    uploads: dict[int | None, list[SimpleUploadedFile]] = {}
    for question in questions[:only]:
        if question.answer_type == AnswerType.DOCUMENT:
            if question.pk not in deviate:
                uploads[question.pk] = [_upload(question, provider)]
            continue
        if question.pk in deviate:
            value = rng.choice([str(v) for v in question.not_met_answers])
            comment = COMMENTS.get(value, "")
            answers[question.pk] = proto.AnswerInput(value=value, comment=comment)
        else:
            answers[question.pk] = proto.AnswerInput(value=_value(question, rng))
    return answers, uploads


def _deviations(
    questions: Sequence[Question], rng: random.Random, index: int
) -> frozenset[int]:
    """One to three deviations: alternately a "not met" answer, a missing
    document, or both."""
    yes_no = [q.pk for q in questions if q.answer_type == AnswerType.YES_NO]
    documents = [q.pk for q in questions if q.answer_type == AnswerType.DOCUMENT]
    chosen: set[int] = set()
    if index % 3 != 1:
        chosen.update(rng.sample(yes_no, 1 + index % 2))
    if index % 3 != 0:
        chosen.update(rng.sample(documents, 1))
    return frozenset(chosen)


def _asked(version: TemplateVersion) -> list[Question]:
    """The questions a provider answers, in the template's order."""
    return [
        question
        for _section, rows in proto.version_content(version).sections
        for _number, question, _options in rows
        if answering.asked(question)
    ]


def _version(code: str) -> TemplateVersion:
    return TemplateVersion.objects.get(
        template__code=code, status=VersionStatus.PUBLISHED
    )


def _send(
    coordinator: User,
    *,
    name: str,
    year: int,
    version: TemplateVersion,
    area: str,
    deadline: dt.date,
    message: str,
) -> Campaign:
    """A campaign to every agreement in force in ``area``, created and sent."""
    base_url = settings.FOLJSAM_BASE_URL
    with _no_mail():
        campaign = services.campaign_create(
            actor=coordinator,
            given=services.CampaignInput(
                name=name,
                year=year,
                template_version_id=version.pk,
                population=Population.AREAS,
                contract_area_ids=[ContractArea.objects.get(code=area).pk],
                picked="",
                deadline=deadline,
                message=message,
            ),
        )
        services.campaign_send(actor=coordinator, campaign=campaign, base_url=base_url)
        # The worker's task, run here: the demo's worker finds nothing left.
        sending.send_links(campaign.pk, base_url)
    campaign.refresh_from_db()
    return campaign


def _submit(
    respondent: Respondent,
    questions: Sequence[Question],
    rng: random.Random,
    deviate: frozenset[int] = frozenset(),
) -> None:
    answers, uploads = _answers(
        questions, rng, provider=respondent.provider.name, deviate=deviate
    )
    answering.respondent_open(respondent=respondent)
    answering.answers_submit(
        respondent=respondent,
        revision=respondent.revision,
        answers=answers,
        uploads=uploads,
    )


def _save(
    respondent: Respondent, questions: Sequence[Question], rng: random.Random
) -> None:
    answers, uploads = _answers(
        questions,
        rng,
        provider=respondent.provider.name,
        only=rng.randint(2, len(questions) - 2),
    )
    answering.respondent_open(respondent=respondent)
    answering.answers_save(
        respondent=respondent,
        revision=respondent.revision,
        answers=answers,
        uploads=uploads,
    )


def _sent(campaign: Campaign) -> list[Respondent]:
    return list(
        Respondent.objects.filter(campaign=campaign, sent_at__isnull=False)
        .select_related("provider")
        .prefetch_related("agreements")
        .order_by("provider__org_number")
    )


def load_screening(*, today: dt.date, coordinator: User) -> Campaign | None:
    """Last year's campaign, closed, and this year's, sent and partly answered;
    returns this year's. None when the demo already has a campaign (a second
    load changes nothing)."""
    if Campaign.objects.exists():
        return None
    rng = random.Random(SEED)
    load_last_year(today=today, coordinator=coordinator, rng=rng)
    version = _version(TEMPLATE)
    campaign = _send(
        coordinator,
        name=f"Screening missbruk vuxna {today.year}",
        year=today.year,
        version=version,
        area=AREA,
        deadline=today + dt.timedelta(days=ANSWER_DAYS),
        message=MESSAGE,
    )
    questions = _asked(version)
    sent = _sent(campaign)
    rng.shuffle(sent)
    for index, respondent in enumerate(sent[:ANSWERED]):
        flagged = index < FLAGGED
        deviate = _deviations(questions, rng, index) if flagged else frozenset()
        _submit(respondent, questions, rng, deviate)
    for respondent in sent[ANSWERED : ANSWERED + OPENED]:
        _save(respondent, questions, rng)
    _financial_checks(coordinator, today, sent[:ANSWERED])
    _draft(coordinator, today)
    return campaign


# Of the providers that answered: how many the office has run the financial
# check on, and which of those (by position) it flagged, and for what.
CHECKED = 12
CHECK_FLAGS = {0: Item.TAX_DEBTS, FLAGGED: Item.CREDIT_RATING}
CHECK_NOTE = "Skatteskuld hos Kronofogden enligt kreditupplysningen; förklaring begärd."


def _financial_checks(
    coordinator: User, today: dt.date, answered: Sequence[Respondent]
) -> None:
    """Seed 004: "En ekonomisk kontroll ingår också i den övergripande
    screeningen." The central office has checked some of those who answered:
    one that also answered with deviations has a tax debt, and one whose answers
    raised nothing has a weak credit rating, so the triage list shows a
    financial flag on its own."""
    for index, respondent in enumerate(answered[:CHECKED]):
        day = today - dt.timedelta(days=3 + index % 5)
        check = financial_check_start(
            actor=coordinator,
            provider=respondent.provider,
            on=day,
            organisation=coordinator.organisation,  # type: ignore[arg-type]
            lookup=ManualLookup(),
        )
        for item in CheckItem.objects.filter(financial_check=check):
            flagged = CHECK_FLAGS.get(index) == item.item
            check_item_record(
                actor=coordinator,
                item=item,
                result=Result.FLAGGED if flagged else Result.OK,
                source=SUGGESTED_SOURCE[item.item],
                checked_on=day,
                note=CHECK_NOTE if flagged else "",
            )


def _draft(coordinator: User, today: dt.date) -> Campaign:
    """Next year's screening of the LOV daily activities (seed 004: "En större
    digital screening planeras av samtliga LOV-avtal avseende ekonomisk kontroll
    och kvalitetsaspekter"), prepared and not sent: the office checks whom it
    asks first."""
    return services.campaign_create(
        actor=coordinator,
        given=services.CampaignInput(
            name=f"Screening daglig verksamhet LOV {today.year + 1}",
            year=today.year + 1,
            template_version_id=_version(LAST_YEAR_TEMPLATE).pk,
            population=Population.AREAS,
            contract_area_ids=[ContractArea.objects.get(code=DRAFT_AREA).pk],
            picked="",
            deadline=today + dt.timedelta(days=DRAFT_DAYS),
            message=MESSAGE,
        ),
    )


# Last year's campaign -----------------------------------------------------------

LAST_YEAR_AREA = "boendestod"
LAST_YEAR_TEMPLATE = "screening-lov"
LAST_YEAR_UNANSWERED = 2
LAST_YEAR_VISITS = 2  # providers at most
LAST_YEAR_FLAGGED = 2
# When it ran, as (month, day) of last year: sent, the date to answer by, closed.
LAST_YEAR_DATES = ((2, 10), (3, 7), (4, 30))
MOVED_BACK = "Demo: the dates of last year's campaign"
LAST_YEAR_MESSAGE = (
    "Socialförvaltningen genomför en digital screening av avtalen inom LOV för "
    "boendestöd. Svara på frågorna och bifoga de dokument som efterfrågas senast "
    "sista svarsdagen. Vid avvikelser gör förvaltningen verksamhetsbesök. Skriv "
    "inga uppgifter om enskilda brukare."
)


def _visited(campaign: Campaign, sent: Sequence[Respondent]) -> list[Respondent]:
    """The respondents whose every unit in the campaign had its follow-up that
    year (all the demo's history made): the visits the screening chose are those
    follow-ups, performed since."""
    covered = set(
        FollowUp.objects.filter(year=campaign.year)
        .exclude(source=Source.HISTORY)
        .values_list("unit_id", flat=True)
    )
    by_respondent: dict[int, set[int]] = {}
    for respondent_id, unit_id in Respondent.agreements.through.objects.filter(
        respondent__in=sent
    ).values_list("respondent_id", "agreement__units"):
        by_respondent.setdefault(respondent_id, set()).add(unit_id)
    return [
        r for r in sent if by_respondent.get(r.pk) and by_respondent[r.pk] <= covered
    ][:LAST_YEAR_VISITS]


def load_last_year(
    *, today: dt.date, coordinator: User, rng: random.Random
) -> Campaign:
    """Last year's screening of the LOV agreements for housing support, in the
    annual report of that year: most answered, the two with deviations chosen
    for site visits (the follow-ups the year's selection had already made for
    their units, performed since), and closed.

    The services date everything today and refuse a date to answer by in the
    past, so the campaign is run today and its dates are then moved back to
    when it ran (``LAST_YEAR_DATES``); its history and events keep today's."""
    year = today.year - 1
    version = _version(LAST_YEAR_TEMPLATE)
    campaign = _send(
        coordinator,
        name=f"Screening boendestöd LOV {year}",
        year=year,
        version=version,
        area=LAST_YEAR_AREA,
        deadline=today + dt.timedelta(days=ANSWER_DAYS),
        message=LAST_YEAR_MESSAGE,
    )
    questions = _asked(version)
    sent = _sent(campaign)
    visited = _visited(campaign, sent)
    others = [r for r in sent if r not in visited][: -LAST_YEAR_UNANSWERED or None]
    # Those chosen for visits deviated, and one more the office did not choose.
    flagged = [*visited, *others[: max(0, LAST_YEAR_FLAGGED - len(visited))]]
    for index, respondent in enumerate(flagged):
        _submit(respondent, questions, rng, _deviations(questions, rng, index + 1))
    for respondent in others:
        if respondent not in flagged:
            _submit(respondent, questions, rng)
    if visited:
        visits.visits_create(
            actor=coordinator,
            campaign=campaign,
            respondent_ids=[r.pk for r in visited],
            base_url=settings.FOLJSAM_BASE_URL,
            notify=False,
        )
    services.campaign_close(actor=coordinator, campaign=campaign)
    _move_back(campaign, year, coordinator)
    return campaign


def _move_back(campaign: Campaign, year: int, actor: User) -> None:
    """The campaign's dates as it ran last year, saved with history (its rows
    name the demo as the reason)."""
    (sent_on, deadline, closed_on) = (dt.date(year, m, d) for m, d in LAST_YEAR_DATES)
    zone = timezone.get_current_timezone()

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)

    campaign.refresh_from_db()
    campaign.created_at = at(sent_on - dt.timedelta(days=3), 9)
    campaign.sent_at = at(sent_on, 9)
    campaign.deadline = deadline
    campaign.closed_at = at(closed_on, 15)
    stamp_history(campaign, actor, MOVED_BACK)
    campaign.save(update_fields=["created_at", "sent_at", "deadline", "closed_at"])
    sent = Respondent.objects.filter(campaign=campaign, sent_at__isnull=False)
    for offset, respondent in enumerate(sent.order_by("pk")):
        # The answers came in over the three weeks before the deadline.
        day = sent_on + dt.timedelta(days=2 + 2 * offset)
        respondent.sent_at = at(sent_on, 9)
        respondent.expires_at = links.expiry(deadline)
        fields = ["sent_at", "expires_at"]
        if respondent.opened_at is not None:
            respondent.opened_at = at(day, 10)
            fields.append("opened_at")
        if respondent.submitted_at is not None:
            respondent.submitted_at = respondent.saved_at = at(day, 14)
            fields += ["submitted_at", "saved_at"]
        stamp_history(respondent, actor, MOVED_BACK)
        respondent.save(update_fields=fields)
