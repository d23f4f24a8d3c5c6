"""Load the demo city: the registry through the ordinary import, the rules the
seeds give for named contract areas, and one login per kind of user."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation, User
from foljsam.accounts.roles import Role
from foljsam.accounts.services import user_ensure
from foljsam.core.tabular import tables_from_records
from foljsam.demo import city
from foljsam.demo.financial_data import load_financial_checks
from foljsam.demo.history import load_history
from foljsam.demo.planning_data import (
    DEMO_DISTRICT_CAPACITY,
    HISTORY_CAPACITY,
    load_capacities,
    load_plans,
    load_signals,
)
from foljsam.demo.portal_data import load_portal_users
from foljsam.demo.publications import load_publications
from foljsam.demo.screening import load_screening
from foljsam.demo.templates_loader import load_templates
from foljsam.demo.work import load_work
from foljsam.followups.models import FollowUp
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.models import ContractArea, Provider
from foljsam.registry.services import registry_import, responsibility_rule_ensure

DEMO_PASSWORD = "foljsam-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str | Promise


DEMO_USERS: list[tuple[str, str, str, str, tuple[Role, ...], Promise]] = [
    # username, first name, last name, organisation code ("" for providers),
    # roles, description
    (
        "admin",
        "Alva",
        "Admin",
        city.CENTRAL,
        (Role.SYSTEM_ADMINISTRATOR,),
        _("system administrator (users, rules, reference data, /admin/)"),
    ),
    (
        "samordnare",
        "Sara",
        "Samordnare",
        city.CENTRAL,
        (Role.CENTRAL_COORDINATOR,),
        _("central coordinator (imports the registry, manages users)"),
    ),
    (
        "uppfoljare.sodermalm",
        "Sam",
        "Söder",
        "sdf-sodermalm",
        (Role.DISTRICT_OFFICER,),
        _("follow-up officer at the Södermalm district office"),
    ),
    (
        "uppfoljare.bromma",
        "Bo",
        "Bromberg",
        "sdf-bromma",
        (Role.DISTRICT_OFFICER,),
        _("follow-up officer at the Bromma district office"),
    ),
    (
        "lasare.utbildning",
        "Lo",
        "Läsare",
        city.EDUCATION,
        (Role.ORGANISATION_READER,),
        _("reader at the education office (its own organisation's work)"),
    ),
    (
        "namnd",
        "Nils",
        "Nämnd",
        city.CENTRAL,
        (Role.COMMITTEE_READER,),
        _("member of the social committee (reads, writes nothing)"),
    ),
]
# Two provider users: the first two daily-activity providers of the demo city.
DEMO_PROVIDER_USERS = ["utforare.ett", "utforare.tva"]


@dataclass(frozen=True)
class DemoResult:
    report: ImportReport
    rules_created: int
    users_created: int
    logins: list[DemoLogin]
    templates_created: int = 0
    signals_created: int = 0
    followups_created: int = 0


def load_demo() -> DemoResult:
    report = registry_import(
        actor=None,
        tables=tables_from_records(city.generate()),
        dry_run=False,
        source="the demo city",
    )
    if not report.ok:
        problems = "\n".join(str(issue) for issue in report.issues[:20])
        raise RuntimeError(f"The demo city does not import cleanly:\n{problems}")
    # Seed 004: "Ramavtal enligt LOU, och familjerådgivning inom LOV följs upp av
    # socialförvaltningen" - family counselling is the LOV area the central
    # office follows up itself.
    _rule, rule_created = responsibility_rule_ensure(
        actor=None,
        agreement_kind="lov",
        contract_area=ContractArea.objects.get(code="familjeradgivning"),
        responsible="central_office",
        performer="central_office",
        note="Seed 004: familjerådgivning inom LOV följs upp av socialförvaltningen.",
    )
    organisations = {org.code: org for org in Organisation.objects.all()}
    users_created = 0
    logins = []
    for username, first, last, org, roles, description in DEMO_USERS:
        _user, created = user_ensure(
            username=username,
            password=DEMO_PASSWORD,
            organisation=organisations[org],
            roles=roles,
            first_name=first,
            last_name=last,
            email=f"{username}@foljsam.example.org",
        )
        users_created += created
        logins.append(DemoLogin(username, description))
    providers = Provider.objects.filter(
        agreements__contract_area__code="daglig-verksamhet"
    ).order_by("org_number")[: len(DEMO_PROVIDER_USERS)]
    for username, provider in zip(DEMO_PROVIDER_USERS, providers, strict=True):
        _user, created = user_ensure(
            username=username,
            password=DEMO_PASSWORD,
            organisation=None,
            provider=provider,
            roles=[Role.PROVIDER_USER],
            first_name="Utförare",
            last_name=provider.name,
            email=f"{username}@foljsam.example.org",
        )
        users_created += created
        logins.append(
            DemoLogin(
                username,
                _("provider user for %(provider)s (sees only its own)")
                % {"provider": provider.name},
            )
        )
    templates_created = load_templates()
    load_plans()
    today = timezone.localdate()
    signals_created = load_signals(today)
    followups_created = 0
    if not FollowUp.objects.exists():
        load_capacities(HISTORY_CAPACITY)
        followups_created = load_history(
            today=today, coordinator=User.objects.get(username="samordnare")
        )
        load_capacities(DEMO_DISTRICT_CAPACITY, update=True)
        load_work(today=today)
        load_financial_checks(today=today)
        load_publications(
            today=today, coordinator=User.objects.get(username="samordnare")
        )
    for username, provider_name, created in load_portal_users(password=DEMO_PASSWORD):
        users_created += created
        logins.append(
            DemoLogin(
                username,
                _("provider user for %(provider)s (sees only its own)")
                % {"provider": provider_name},
            )
        )
    # Issue 9: the year's screening of the substance-abuse agreements, sent and
    # partly answered (once: a second load finds it).
    load_screening(today=today, coordinator=User.objects.get(username="samordnare"))
    return DemoResult(
        report,
        int(rule_created),
        users_created,
        logins,
        templates_created,
        signals_created,
        followups_created,
    )
