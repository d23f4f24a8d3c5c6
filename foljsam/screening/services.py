"""A screening campaign's life (issue 9): prepared as a draft, sent, reminded,
closed; and each respondent's link withdrawn or sent anew.

Seed 004: "En större digital screening av samtliga avtal inom insatser för
personer med missbruk planeras, screeningen omfattar cirka 110 utförare där
förvaltningen i tillägg begär in skriftliga svar på ett antal frågor." And for
2025: "en större digital screening av LOU-avtalen för samtliga avtal inom
insatser för barn och unga ... uppskattningsvis cirka 150 verksamheter".

Rules kept here:

* The population is every agreement in force in the chosen contract areas, or a
  hand-picked list of agreements in force; one respondent per provider, for all
  its agreements in the population. It is worked out when the draft is saved,
  so the office sees whom it asks (and who has no e-mail address) before it
  sends.
* The template is a published screening template version; it never changes
  under the answers (published versions are frozen).
* Sending, reminders and new links go out through the worker
  (``screening.tasks``), after commit; the page shows the sending's progress.
* Only the office that runs the campaign changes it (``MANAGE_SCREENING`` and
  the campaign visible to the actor).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import Organisation, OrganisationKind, User
from foljsam.complaints.rules import personal_number_in, personal_number_message
from foljsam.core.events import event_record
from foljsam.core.history import stamp_history
from foljsam.registry.models import Agreement, ContractArea
from foljsam.requirements.choices import Purpose, VersionStatus
from foljsam.requirements.models import TemplateVersion
from foljsam.screening import events, links
from foljsam.screening.choices import (
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    CampaignStatus,
    Population,
)
from foljsam.screening.models import Campaign, Respondent

# More lines than this in a hand-picked list is not a hand-picked list.
PICKED_MAX_LINES = 2000


@dataclass(frozen=True, slots=True)
class CampaignInput:
    """What the campaign form gives."""

    name: str
    year: int
    template_version_id: int | None
    population: str
    contract_area_ids: Sequence[int]
    picked: str  # agreement references, one per line
    deadline: dt.date | None
    message: str = ""


def may_manage(actor: User | None, campaign: Campaign | None = None) -> None:
    if actor is None:
        return
    if not can(actor, Capability.MANAGE_SCREENING):
        raise PermissionDenied
    if (
        campaign is not None
        and campaign.pk
        and not Campaign.objects.visible_to(actor).filter(pk=campaign.pk).exists()
    ):
        raise PermissionDenied


def screening_versions() -> list[TemplateVersion]:
    """The published screening template versions a campaign may use."""
    return list(
        TemplateVersion.objects.filter(
            status=VersionStatus.PUBLISHED, template__purpose=Purpose.SCREENING
        )
        .select_related("template")
        .order_by("template__name", "-number")
    )


def picked_lines(text: str) -> list[tuple[int, str]]:
    """The hand-picked list's references with their line numbers; blank lines
    and surrounding spaces, commas and semicolons are ignored."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in line.replace(";", ",").split(","):
            reference = part.strip()
            if reference:
                found.append((number, reference))
    return found


def _picked_agreements(
    text: str, day: dt.date, problems: dict[str, list[str]]
) -> list[Agreement]:
    lines = picked_lines(text)
    if not lines:
        problems.setdefault("picked", []).append(
            _("Write the agreements' references, one per line.")
        )
        return []
    if len(lines) > PICKED_MAX_LINES:
        problems.setdefault("picked", []).append(
            _("At most %(max)d agreements can be picked by hand; choose areas.")
            % {"max": PICKED_MAX_LINES}
        )
        return []
    wanted = {reference.lower() for _n, reference in lines}
    known = {
        a.reference.lower(): a
        for a in Agreement.objects.annotate(lowered=Lower("reference"))
        .filter(lowered__in=wanted)
        .select_related("provider", "contract_area")
    }
    chosen: dict[int, Agreement] = {}
    for number, reference in lines:
        agreement = known.get(reference.lower())
        if agreement is None:
            problems.setdefault("picked", []).append(
                _("Line %(line)d: no agreement has the reference “%(ref)s”.")
                % {"line": number, "ref": reference}
            )
        elif not _in_force(agreement, day):
            problems.setdefault("picked", []).append(
                _("Line %(line)d: the agreement “%(ref)s” is not in force.")
                % {"line": number, "ref": agreement.reference}
            )
        else:
            chosen[agreement.pk] = agreement
    return list(chosen.values())


def _in_force(agreement: Agreement, day: dt.date) -> bool:
    return (
        agreement.valid_from <= day
        and (agreement.valid_to is None or agreement.valid_to >= day)
        and (agreement.terminated_on is None or agreement.terminated_on > day)
    )


def _area_agreements(area_ids: Iterable[int], day: dt.date) -> list[Agreement]:
    return list(
        Agreement.objects.valid_on(day)
        .filter(contract_area_id__in=list(area_ids))
        .select_related("provider", "contract_area")
        .order_by("provider__name", "reference")
    )


def campaign_problems(
    given: CampaignInput, *, today: dt.date
) -> tuple[dict[str, list[str]], list[Agreement]]:
    """Everything wrong with the form, by field, and the population's
    agreements when nothing is."""
    problems: dict[str, list[str]] = {}
    name = given.name.strip()
    if not name:
        problems["name"] = [_("Give the campaign a name.")]
    elif len(name) > NAME_MAX_LENGTH:
        problems["name"] = [
            _("Keep the name under %(max)d characters.") % {"max": NAME_MAX_LENGTH}
        ]
    if not 2000 <= given.year <= 2100:
        problems["year"] = [_("Give a year between 2000 and 2100.")]
    if given.template_version_id is None or not any(
        v.pk == given.template_version_id for v in screening_versions()
    ):
        problems["template_version"] = [_("Choose a published screening template.")]
    if given.deadline is None:
        problems["deadline"] = [_("Give the date to answer by.")]
    elif given.deadline < today:
        problems["deadline"] = [_("The date to answer by cannot be in the past.")]
    message = given.message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        problems["message"] = [
            _("Keep the message under %(max)d characters.")
            % {"max": MESSAGE_MAX_LENGTH}
        ]
    elif found := personal_number_in(message):
        problems["message"] = [personal_number_message(found)]
    agreements: list[Agreement] = []
    if given.population == Population.AREAS:
        if not given.contract_area_ids:
            problems["contract_areas"] = [_("Choose at least one contract area.")]
        else:
            agreements = _area_agreements(given.contract_area_ids, today)
            if not agreements:
                problems["contract_areas"] = [
                    _("No agreement is in force in the chosen contract areas.")
                ]
    elif given.population == Population.PICKED:
        agreements = _picked_agreements(given.picked, today, problems)
    else:
        problems["population"] = [_("Choose whom the campaign asks.")]
    return problems, agreements


def _by_provider(agreements: Iterable[Agreement]) -> dict[int, list[Agreement]]:
    grouped: dict[int, list[Agreement]] = defaultdict(list)
    for agreement in agreements:
        grouped[agreement.provider_id].append(agreement)
    return grouped


def _sync_respondents(
    campaign: Campaign, agreements: Sequence[Agreement], actor: User | None
) -> None:
    """One respondent per provider in the population, with its agreements; an
    address the office already corrected on the draft is kept."""
    grouped = _by_provider(agreements)
    existing = {r.provider_id: r for r in campaign.respondents.all()}
    gone = [r.pk for pid, r in existing.items() if pid not in grouped]
    if gone:
        Respondent.objects.filter(pk__in=gone).delete()
    providers = {a.provider_id: a.provider for a in agreements}
    new = [
        Respondent(
            campaign=campaign,
            provider_id=pid,
            email=providers[pid].contact_email,
        )
        for pid in grouped
        if pid not in existing
    ]
    for respondent in new:
        stamp_history(respondent, actor)
    Respondent.objects.bulk_create(new)
    through = Respondent.agreements.through
    kept = [r.pk for pid, r in existing.items() if pid in grouped]
    through.objects.filter(respondent_id__in=kept).delete()
    by_provider = {
        r.provider_id: r.pk
        for r in Respondent.objects.filter(campaign=campaign).only("pk", "provider")
    }
    through.objects.bulk_create(
        [
            through(respondent_id=by_provider[pid], agreement_id=a.pk)
            for pid, found in grouped.items()
            for a in found
        ]
    )


def _central_office() -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.CENTRAL_OFFICE).first()


def _apply(campaign: Campaign, given: CampaignInput) -> None:
    campaign.name = given.name.strip()
    campaign.year = given.year
    campaign.template_version_id = given.template_version_id  # type: ignore[assignment]
    campaign.population = given.population
    campaign.deadline = given.deadline  # type: ignore[assignment]
    campaign.message = given.message.strip()


def _set_population(
    campaign: Campaign, given: CampaignInput, agreements: Sequence[Agreement]
) -> None:
    if given.population == Population.AREAS:
        campaign.contract_areas.set(
            ContractArea.objects.filter(pk__in=list(given.contract_area_ids))
        )
        campaign.picked_agreements.clear()
    else:
        campaign.contract_areas.clear()
        campaign.picked_agreements.set(agreements)


@transaction.atomic
def campaign_create(*, actor: User | None, given: CampaignInput) -> Campaign:
    """A draft campaign with its population worked out."""
    may_manage(actor)
    problems, agreements = campaign_problems(given, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    organisation = (
        actor.organisation if actor is not None and actor.organisation_id else None
    ) or _central_office()
    if organisation is None:
        raise ValidationError(_("The city has no central office to run the campaign."))
    campaign = Campaign(organisation=organisation, created_by=actor)
    _apply(campaign, given)
    stamp_history(campaign, actor)
    campaign.save()
    _set_population(campaign, given, agreements)
    _sync_respondents(campaign, agreements, actor)
    event_record(
        actor=actor,
        action=events.CREATED,
        target=campaign,
        data={"campaign": campaign.name, "count": len(_by_provider(agreements))},
    )
    return campaign


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def campaign_update(
    *, actor: User | None, campaign: Campaign, given: CampaignInput
) -> Campaign:
    """Change a draft: its population is worked out again."""
    may_manage(actor, campaign)
    locked = _locked(campaign)
    if not locked.is_draft:
        raise ValidationError(_("Only a draft campaign can be changed."))
    problems, agreements = campaign_problems(given, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    _apply(locked, given)
    stamp_history(locked, actor)
    locked.save()
    _set_population(locked, given, agreements)
    _sync_respondents(locked, agreements, actor)
    event_record(
        actor=actor,
        action=events.CHANGED,
        target=locked,
        data={"campaign": locked.name, "count": len(_by_provider(agreements))},
    )
    return locked


@transaction.atomic
def campaign_delete(*, actor: User | None, campaign: Campaign) -> None:
    """A draft nobody was sent can go."""
    may_manage(actor, campaign)
    locked = _locked(campaign)
    if not locked.is_draft:
        raise ValidationError(_("Only a draft campaign can be deleted."))
    stamp_history(locked, actor)
    locked.delete()


def clean_email(email: str) -> str:
    email = email.strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Write a valid e-mail address, e.g. namn@utforare.se.")}
        ) from None
    return email


def _enqueue_send(
    campaign: Campaign, respondent_ids: list[int] | None, url: str
) -> None:
    from foljsam.screening.tasks import send_links

    transaction.on_commit(
        lambda: send_links.enqueue(
            campaign_id=campaign.pk, respondent_ids=respondent_ids, base_url=url
        )
    )


@transaction.atomic
def campaign_send(*, actor: User | None, campaign: Campaign, base_url: str) -> int:
    """Send the campaign: every respondent with an address gets its personal
    link through the worker. Returns how many links go out. Sending again while
    the campaign is still sending takes up those the worker has not reached
    (after an interrupted run)."""
    may_manage(actor, campaign)
    locked = _locked(campaign)
    if locked.status not in (CampaignStatus.DRAFT, CampaignStatus.SENDING):
        raise ValidationError(_("The campaign is already sent."))
    if locked.deadline < timezone.localdate():
        raise ValidationError(
            {"deadline": [_("The date to answer by has passed; change it first.")]}
        )
    version = locked.template_version
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("The campaign's template version is not published."))
    waiting = locked.respondents.filter(
        sent_at__isnull=True, revoked_at__isnull=True
    ).exclude(email="")
    count = waiting.count()
    if count == 0:
        raise ValidationError(
            _("No respondent has an e-mail address: add the providers' addresses.")
        )
    if locked.is_draft:
        locked.status = CampaignStatus.SENDING
        locked.sent_at = timezone.now()
        locked.sent_by = actor if actor is not None and actor.pk else None
        locked.send_total = count
        locked.send_done = 0
    else:
        locked.send_total = locked.send_done + count
    stamp_history(locked, actor)
    locked.save()
    event_record(
        actor=actor,
        action=events.SENT,
        target=locked,
        data={"campaign": locked.name, "count": count},
    )
    _enqueue_send(locked, None, base_url)
    return count


def _locked_respondent(respondent: Respondent) -> Respondent:
    return (
        Respondent.objects.select_related("campaign", "provider")
        .select_for_update(of=("self",))
        .get(pk=respondent.pk)
    )


@transaction.atomic
def respondent_set_email(
    *, actor: User | None, respondent: Respondent, email: str, base_url: str
) -> Respondent:
    """Correct a provider's address. Once the campaign is out, a new link goes to
    the new address and the one sent before stops working."""
    may_manage(actor, respondent.campaign)
    locked = _locked_respondent(respondent)
    if locked.submitted_at is not None:
        raise ValidationError(_("The provider has already answered."))
    if locked.campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(_("The campaign is closed."))
    address = clean_email(email)
    if not address:
        raise ValidationError({"email": [_("Write the e-mail address to send to.")]})
    locked.email = address
    stamp_history(locked, actor)
    locked.save(update_fields=["email", "updated_at"])
    if locked.campaign.is_open:
        _reissue(actor, locked, base_url)
    return locked


def _reissue(actor: User | None, locked: Respondent, base_url: str) -> None:
    # A fresh nonce: the old token no longer matches the stored hash.
    locked.link_nonce = ""
    locked.token_hash = None
    locked.sent_at = None
    locked.revoked_at = None
    locked.expires_at = None
    stamp_history(locked, actor)
    locked.save(
        update_fields=[
            "link_nonce",
            "token_hash",
            "sent_at",
            "revoked_at",
            "expires_at",
            "updated_at",
        ]
    )
    campaign = Campaign.objects.select_for_update().get(pk=locked.campaign_id)
    campaign.send_total += 1
    campaign.save(update_fields=["send_total", "updated_at"])
    event_record(
        actor=actor,
        action=events.LINK_REISSUED,
        target=campaign,
        data={"provider": locked.provider.name, "email": locked.email},
    )
    _enqueue_send(campaign, [locked.pk], base_url)


@transaction.atomic
def respondent_reissue(
    *, actor: User | None, respondent: Respondent, base_url: str
) -> Respondent:
    """Send a new link (e.g. after withdrawing one): the answers saved so far
    stay; the old link opens nothing."""
    may_manage(actor, respondent.campaign)
    locked = _locked_respondent(respondent)
    if not locked.campaign.is_open:
        raise ValidationError(_("New links are sent while the campaign is open."))
    if locked.submitted_at is not None:
        raise ValidationError(_("The provider has already answered."))
    if not locked.email:
        raise ValidationError({"email": [_("Write the e-mail address to send to.")]})
    _reissue(actor, locked, base_url)
    return locked


@transaction.atomic
def respondent_revoke(*, actor: User | None, respondent: Respondent) -> Respondent:
    """Withdraw a link, e.g. sent to the wrong address. Answers sent in stay."""
    may_manage(actor, respondent.campaign)
    locked = _locked_respondent(respondent)
    if locked.submitted_at is not None:
        raise ValidationError(_("The answers are already sent in."))
    if locked.sent_at is None:
        raise ValidationError(_("No link has been sent to this provider."))
    if locked.revoked_at is not None:
        raise ValidationError(_("The link is already withdrawn."))
    locked.revoked_at = timezone.now()
    stamp_history(locked, actor)
    locked.save(update_fields=["revoked_at", "updated_at"])
    event_record(
        actor=actor,
        action=events.LINK_REVOKED,
        target=locked.campaign,
        data={"provider": locked.provider.name, "email": locked.email},
    )
    return locked


@transaction.atomic
def campaign_remind(*, actor: User | None, campaign: Campaign, base_url: str) -> int:
    """Remind everyone sent a live link who has not answered (issue 9:
    "Reminders go to those who have not answered"). Returns how many."""
    may_manage(actor, campaign)
    locked = _locked(campaign)
    if locked.status != CampaignStatus.SENT:
        raise ValidationError(
            _("Reminders go out once the campaign is sent and until it is closed.")
        )
    ids = list(
        locked.respondents.waiting()
        .filter(expires_at__gt=timezone.now())
        .values_list("pk", flat=True)
    )
    if not ids:
        raise ValidationError(_("Everyone who was sent a link has answered."))
    event_record(
        actor=actor,
        action=events.REMINDED,
        target=locked,
        data={"campaign": locked.name, "count": len(ids)},
    )
    from foljsam.screening.tasks import send_reminders

    transaction.on_commit(
        lambda: send_reminders.enqueue(
            campaign_id=locked.pk, respondent_ids=ids, base_url=base_url
        )
    )
    return len(ids)


@transaction.atomic
def campaign_close(*, actor: User | None, campaign: Campaign) -> Campaign:
    """Close the campaign: its links take no more answers (those sent in can
    still be read through them until they expire)."""
    may_manage(actor, campaign)
    locked = _locked(campaign)
    if locked.status != CampaignStatus.SENT:
        raise ValidationError(_("Only a sent campaign can be closed."))
    locked.status = CampaignStatus.CLOSED
    locked.closed_at = timezone.now()
    stamp_history(locked, actor)
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    event_record(
        actor=actor,
        action=events.CLOSED,
        target=locked,
        data={"campaign": locked.name},
    )
    return locked


def token_for(respondent: Respondent) -> str | None:
    """The respondent's current link token, made again from its nonce (for the
    office's "copy the link" and the reminders); None without a link."""
    if not respondent.link_nonce or respondent.token_hash is None:
        return None
    token = links.make_token(respondent.pk, respondent.link_nonce)
    return token if links.hash_token(token) == respondent.token_hash else None
