"""Load the demo city: the registry through the ordinary import, the rules the
seeds give for named contract areas, and one login per kind of user."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from foljsam.accounts.models import Organisation
from foljsam.accounts.services import user_ensure
from foljsam.core.tabular import tables_from_records
from foljsam.demo import city
from foljsam.registry.importing.report import ImportReport
from foljsam.registry.models import ContractArea
from foljsam.registry.services import registry_import, responsibility_rule_ensure

DEMO_PASSWORD = "foljsam-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str | Promise


DEMO_USERS: list[tuple[str, str, str, str, bool, tuple[str, ...], Promise]] = [
    # username, first, last, organisation, superuser, permissions, description
    (
        "admin",
        "Alva",
        "Admin",
        city.CENTRAL,
        True,
        (),
        _("system administrator (everything, including /admin/)"),
    ),
    (
        "samordnare",
        "Sara",
        "Samordnare",
        city.CENTRAL,
        False,
        ("registry.import_registry",),
        _("coordinator at the central office (may import the registry)"),
    ),
    (
        "uppfoljare.sodermalm",
        "Sam",
        "Söder",
        "sdf-sodermalm",
        False,
        (),
        _("follow-up officer at the Södermalm district office"),
    ),
    (
        "uppfoljare.bromma",
        "Bo",
        "Bromberg",
        "sdf-bromma",
        False,
        (),
        _("follow-up officer at the Bromma district office"),
    ),
]


@dataclass(frozen=True)
class DemoResult:
    report: ImportReport
    rules_created: int
    users_created: int
    logins: list[DemoLogin]


def load_demo() -> DemoResult:
    report = registry_import(
        actor=None, tables=tables_from_records(city.generate()), dry_run=False
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
    for username, first, last, org, superuser, perms, description in DEMO_USERS:
        _user, created = user_ensure(
            actor=None,
            username=username,
            password=DEMO_PASSWORD,
            organisation=organisations[org],
            first_name=first,
            last_name=last,
            is_superuser=superuser,
            permissions=perms,
        )
        users_created += created
        logins.append(DemoLogin(username, description))
    return DemoResult(report, int(rule_created), users_created, logins)
