"""The access matrix (issue 3): every URL of the project, the admin's included, as
every persona, with an object the persona owns and one it does not.

Each cell's status is derived from the catalogue (tests/pages.py: who may use the
URL) and the personas' capabilities, with the few exceptions written out below; a
URL without an entry in the catalogue fails ``test_catalogue_lists_every_url``.
Every write a persona may not make is refused with 403, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from foljsam.accounts.access import (
    READ_ONLY_ROLES,
    ROLE_CAPABILITIES,
    Capability,
    capabilities,
)
from foljsam.accounts.models import User
from foljsam.accounts.roles import Role
from foljsam.complaints.tests.factories import SignalFactory
from foljsam.core import files
from foljsam.financial.tests.factories import FinancialCheckFactory
from foljsam.findings.models import ContractAction, Deficiency, Measure
from foljsam.followups.models import Evidence
from foljsam.followups.tests.factories import FollowUpFactory, protocol_followup
from foljsam.planning.models import Plan, PlanEntry
from foljsam.planning.runs import selection_run_create
from foljsam.portal.tests.factories import complement_followup
from foljsam.publishing.tests.factories import published_result
from foljsam.registry.tests.factories import (
    AgreementFactory,
    ContractAreaFactory,
    UnitFactory,
)
from foljsam.requirements.models import RequirementCategory
from foljsam.requirements.services import version_copy, version_publish
from foljsam.requirements.tests.factories import (
    build_version,
    first_question,
    first_section,
)
from foljsam.screening.tests import factories as screening
from tests.pages import ACCESS, BY_NAME, ORGANISATION_TARGETS, PAGES, Page

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator",
    "district_officer",
    "other_district_officer",
    "committee_reader",
    "provider_user",
    "other_provider_user",
    # Not among issue 3's seven, but roles all the same:
    "organisation_reader",
    "system_administrator",
]
PROVIDER_PERSONAS = {"provider_user": "a", "other_provider_user": "b"}
# Whose organisation owns side "a" or "b" of an organisation's work.
ORGANISATION_PERSONAS = {"district_officer": "a", "other_district_officer": "b"}


@dataclass
class World:
    users: dict[str, User]
    objects: dict[str, dict[str, int]]  # target -> side ("a"/"b") -> pk

    def own_and_other(self, persona: str, target: str) -> tuple[int, int]:
        """The object a persona owns and one it does not. Provider users own their
        provider's rows; for everyone else side "a" stands as "own"."""
        if target == "user":
            me = self.users.get(persona) or self.users["coordinator"]
            other = next(u for name, u in self.users.items() if u.pk != me.pk)
            return me.pk, other.pk
        if target in ORGANISATION_TARGETS:
            mine = ORGANISATION_PERSONAS.get(persona, "a")
        else:
            mine = PROVIDER_PERSONAS.get(persona, "a")
        theirs = "b" if mine == "a" else "a"
        return self.objects[target][mine], self.objects[target][theirs]


@pytest.fixture
def world(
    central_office,
    district,
    other_district,
    provider,
    other_provider,
    coordinator,
    system_administrator,
    district_officer,
    other_district_officer,
    committee_reader,
    organisation_reader,
    provider_user,
    other_provider_user,
) -> World:
    areas = [ContractAreaFactory(code="dv"), ContractAreaFactory(code="ktt")]
    units = [
        UnitFactory(provider=provider, district=district),
        UnitFactory(provider=other_provider, district=other_district),
    ]
    agreements = [
        AgreementFactory(
            provider=unit.provider,
            contract_area=area,
            signed_by=central_office,
            units=[unit],
            valid_from=dt.date(2022, 1, 1),
        )
        for unit, area in zip(units, areas, strict=True)
    ]
    users = {
        "coordinator": coordinator,
        "system_administrator": system_administrator,
        "district_officer": district_officer,
        "other_district_officer": other_district_officer,
        "committee_reader": committee_reader,
        "organisation_reader": organisation_reader,
        "provider_user": provider_user,
        "other_provider_user": other_provider_user,
    }
    published = [
        version_publish(actor=None, version=build_version(code=code))
        for code in ("mall-a", "mall-b")
    ]
    drafts = [version_copy(actor=None, version=v) for v in published]
    signals = [
        SignalFactory(provider=unit.provider, unit=unit, organisation=org)
        for unit, org in zip(units, (district, other_district), strict=True)
    ]
    followups = [
        FollowUpFactory(
            unit=unit,
            contract_area=agreement.contract_area,
            agreement=agreement,
            organisation=org,
            responsible_organisation=central_office,
        )
        for unit, agreement, org in zip(
            units, agreements, (district, other_district), strict=True
        )
    ]
    plans = [
        Plan.objects.create(name=f"Plan {first}", first_year=first, last_year=first + 2)
        for first in (2027, 2030)
    ]
    entries = [
        PlanEntry.objects.create(
            plan=plan,
            year=plan.first_year,
            contract_area=area,
            method="site_visit",
            rationale="Inte uppföljt på länge.",
        )
        for plan, area in zip(plans, areas, strict=True)
    ]
    runs = [
        selection_run_create(actor=None, year=year, as_of=dt.date(2026, 12, 1), seed=1)[
            0
        ]
        for year in (2027, 2028)
    ]
    # A correction request on each side's follow-up: its letter is a download.
    correction_requests = [
        ContractAction.objects.create(
            followup=followup,
            agreement=followup.agreement,
            kind="correction_request",
            decided_on=dt.date(2027, 5, 2),
            due_on=dt.date(2027, 6, 15),
            reasons="Skriftlig rutin saknas.",
        )
        for followup in followups
    ]
    # Issue 6: an evidence file, a deficiency and a measure with a file per side.
    evidence, deficiencies, measures = [], [], []
    for followup in followups:
        stored = files.store_bytes(PDF, name="rutin.pdf", actor=None)
        evidence.append(Evidence.objects.create(followup=followup, file=stored))
        deficiency = Deficiency.objects.create(
            followup=followup,
            category=RequirementCategory.objects.get(code="rutiner"),
            description="Rutin saknas.",
        )
        deficiencies.append(deficiency)
        measure = Measure.objects.create(
            deficiency=deficiency, kind="complement_received", on=dt.date(2027, 5, 1)
        )
        measure.files.set([files.store_bytes(PDF, name="ny-rutin.pdf", actor=None)])
        measures.append(measure)
    # A financial check per side's follow-up, its credit rating with a file.
    financial_checks = []
    for followup in followups:
        check = FinancialCheckFactory(
            provider=followup.provider,
            organisation=followup.organisation,
            followup=followup,
        )
        credit_rating = check.items.get(item="credit_rating")
        credit_rating.evidence = files.store_bytes(PDF, name="uc.pdf", actor=None)
        credit_rating.save()
        financial_checks.append(check)
    # The portal: each provider's follow-up awaiting complements, one sent with
    # a file; and a follow-up being prepared, for the answer link's pages.
    provider_followups = [
        complement_followup(organisation=org, provider=owner, deficiencies=2, sent=1)
        for org, owner in ((district, provider), (other_district, other_provider))
    ]
    protocol_followup(organisation=district, provider=provider, status="preparing")
    # Issue 8: a published result of each side's unit (its public page).
    for unit, org in zip(units, (district, other_district), strict=True):
        published_result(unit=unit, organisation=org, with_open_deficiency=False)
    # Issue 9: a sent screening campaign and a draft per side (side "a" run by
    # the district), each side's provider with a live link and a document.
    screening_objects = screening.access_sides(
        actor=coordinator,
        areas=areas,
        providers=[provider, other_provider],
        organisations=[district, other_district],
    )
    candidates = []
    for unit, followup in zip(units, followups, strict=True):
        candidate = runs[0].candidates.get(unit=unit)
        candidate.followup = followup
        candidate.save()
        candidates.append(candidate)
    return World(
        users=users,
        objects={
            "requirement": {
                side: first_question(v).requirement_id
                for side, v in zip("ab", published, strict=True)
            },
            "template": {
                side: v.template_id for side, v in zip("ab", published, strict=True)
            },
            "version": {side: v.pk for side, v in zip("ab", published, strict=True)},
            "draft": {side: v.pk for side, v in zip("ab", drafts, strict=True)},
            "section": {
                side: first_section(v).pk for side, v in zip("ab", drafts, strict=True)
            },
            "question": {
                side: first_question(v).pk for side, v in zip("ab", drafts, strict=True)
            },
            "unit": {"a": units[0].pk, "b": units[1].pk},
            "published_unit": {"a": units[0].pk, "b": units[1].pk},
            "provider": {"a": provider.pk, "b": other_provider.pk},
            "agreement": {"a": agreements[0].pk, "b": agreements[1].pk},
            "contract_area": {"a": areas[0].pk, "b": areas[1].pk},
            "organisation": {"a": district.pk, "b": other_district.pk},
            "signal": {"a": signals[0].pk, "b": signals[1].pk},
            "followup": {"a": followups[0].pk, "b": followups[1].pk},
            "planned_followup": {"a": followups[0].pk, "b": followups[1].pk},
            "candidate": {"a": candidates[0].pk, "b": candidates[1].pk},
            "plan": {"a": plans[0].pk, "b": plans[1].pk},
            "entry": {"a": entries[0].pk, "b": entries[1].pk},
            "run": {"a": runs[0].pk, "b": runs[1].pk},  # type: ignore[union-attr]
            "provider_followup": {
                side: followup.pk
                for side, followup in zip("ab", provider_followups, strict=True)
            },
            "provider_complement": {
                side: followup.pk
                for side, followup in zip("ab", provider_followups, strict=True)
            },
            "evidence": {"a": evidence[0].pk, "b": evidence[1].pk},
            "deficiency": {"a": deficiencies[0].pk, "b": deficiencies[1].pk},
            "measure": {"a": measures[0].pk, "b": measures[1].pk},
            "financial_check": {
                side: check.pk
                for side, check in zip("ab", financial_checks, strict=True)
            },
            "contract_action": {
                side: action.pk
                for side, action in zip("ab", correction_requests, strict=True)
            },
            **screening_objects,
        },
    )


def allowed(page: Page, user: User | None) -> bool:
    rule = ACCESS[page.access]
    if page.access == "public":
        return True
    if user is None:
        return False
    if page.access == "logged_in":
        return True
    assert isinstance(rule, frozenset)
    return bool(rule & capabilities(user))


# Cells that the rule above does not describe, with the reason.
EXCEPTIONS: dict[tuple[str, str], int] = {
    # A provider user's start page is their provider's page.
    ("home", "provider_user"): 302,
    ("home", "other_provider_user"): 302,
    # The login page sends someone already logged in on.
    **{("login", p): 302 for p in PERSONAS if p != "anonymous"},
    # OpenID Connect is off in the tests: its routes do not exist.
    **{("oidc_authentication_init", p): 404 for p in PERSONAS},
    **{("oidc_authentication_callback", p): 404 for p in PERSONAS},
    # set_language answers a GET with a redirect and changes nothing.
    **{("set_language", p): 302 for p in PERSONAS},
}


def expected_get(page: Page, persona: str, user: User | None, owned: bool) -> int:
    if (page.name, persona) in EXCEPTIONS:
        return EXCEPTIONS[(page.name, persona)]
    if not allowed(page, user):
        return 302 if user is None else 403
    if page.kind == "action":
        return 405  # POST only
    if (
        persona in PROVIDER_PERSONAS
        and page.target
        in {"unit", "provider", "agreement", "provider_followup", "provider_complement"}
        and not owned
    ):
        return 404  # another provider's rows do not exist for them
    if (
        page.target in ORGANISATION_TARGETS
        and user is not None
        and ORGANISATION_TARGETS[page.target] not in capabilities(user)
        and not (owned and persona in ORGANISATION_PERSONAS)
    ):
        return 404  # another organisation's work does not exist for them
    if page.kind == "redirect":
        return 302
    return 200


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def cells(world: World) -> Iterator[tuple[Page, str, User | None, str, bool]]:
    for page in PAGES:
        for persona in PERSONAS:
            user = world.users.get(persona)
            if page.target is None:
                yield page, persona, user, page.url(), True
                continue
            own, other = world.own_and_other(persona, page.target)
            yield page, persona, user, page.url(own), True
            yield page, persona, user, page.url(other), False


def test_every_url_for_every_persona(world: World) -> None:
    wrong = []
    clients = {persona: client_for(world.users.get(persona)) for persona in PERSONAS}
    for page, persona, user, url, owned in cells(world):
        status = clients[persona].get(url).status_code
        want = expected_get(page, persona, user, owned)
        if status != want:
            wrong.append(f"{page.name} {url} as {persona}: {status}, expected {want}")
    assert not wrong, "\n".join(wrong)


def test_every_write_is_refused_to_those_who_may_not(world: World) -> None:
    """A POST to a URL that writes, by anyone without the capability (the
    read-only roles above all), is 403 and writes nothing; anonymous is sent to
    log in."""
    from foljsam.accounts.models import Organisation

    before = (User.objects.count(), Organisation.objects.count())
    wrong = []
    for page in PAGES:
        if not page.writes or page.access in {"public", "logged_in"}:
            continue
        for persona in PERSONAS:
            user = world.users.get(persona)
            if allowed(page, user) and user is not None:
                continue
            target_pk = (
                world.own_and_other(persona, page.target)[1] if page.target else None
            )
            response = client_for(user).post(
                page.url(target_pk), {"roles": [Role.SYSTEM_ADMINISTRATOR]}
            )
            want = 302 if user is None else 403
            if response.status_code != want:
                wrong.append(
                    f"POST {page.name} as {persona}: {response.status_code}, "
                    f"expected {want}"
                )
    assert not wrong, "\n".join(wrong)
    assert (User.objects.count(), Organisation.objects.count()) == before
    assert (
        not User.objects.filter(role_grants__role=Role.SYSTEM_ADMINISTRATOR)
        .exclude(username="admin")
        .exists()
    )


def test_read_only_roles_hold_no_writing_capability() -> None:
    writing = {
        Capability.IMPORT_REGISTRY,
        Capability.MANAGE_USERS,
        Capability.GRANT_ADMINISTRATION,
        Capability.ADMINISTER,
    }
    for role in READ_ONLY_ROLES:
        assert not ROLE_CAPABILITIES[role] & writing, role


# The admin -----------------------------------------------------------------


def admin_urls(world: World) -> Iterator[tuple[str, str]]:
    """Every admin URL Django builds, with a real object where one is needed."""
    yield "admin:index", reverse("admin:index")
    yield "admin:login", reverse("admin:login")
    yield "admin:password_change", reverse("admin:password_change")
    yield "admin:password_change_done", reverse("admin:password_change_done")
    yield "admin:jsi18n", reverse("admin:jsi18n")
    yield "admin:autocomplete", reverse("admin:autocomplete")
    apps = set()
    for model, _model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        apps.add(model._meta.app_label)
        name = "admin:{}_{}".format(*info)
        yield f"{name}_changelist", reverse(f"{name}_changelist")
        yield f"{name}_add", reverse(f"{name}_add")
        obj = model._default_manager.order_by("pk").first()
        # An empty table still has its object pages: the admin answers a missing
        # object with a redirect, and others must still be refused.
        pk = obj.pk if obj is not None else 999_999
        for view in ("change", "history", "delete"):
            yield f"{name}_{view}", reverse(f"{name}_{view}", args=[pk])
    user = world.users["district_officer"]
    yield (
        "admin:auth_user_password_change",
        reverse("admin:auth_user_password_change", args=[user.pk]),
    )
    for app in sorted(apps):
        yield "admin:app_list", reverse("admin:app_list", args=[app])


# Template content is added in the editor, and the first version of each world
# template is published: the admin refuses to add content or delete frozen rows
# (issue 4: "editing a published version is refused ... in the admin").
FROZEN_IN_THE_ADMIN = {
    "admin:requirements_section_add",
    "admin:requirements_question_add",
    "admin:requirements_templateversion_delete",
    "admin:requirements_section_delete",
    "admin:requirements_question_delete",
}


def _admin_patterns(resolver: Any, prefix: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            names |= _admin_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_the_admin_is_for_system_administrators_only(world: World) -> None:
    admin_resolver = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "admin"
    )
    known = {name.split(":", 1)[1] for name, _url in admin_urls(world)}
    unknown = {
        name
        for name in _admin_patterns(admin_resolver)
        if name not in known and name != "view_on_site" and name != "logout"
    }
    assert not unknown, f"admin URLs the matrix does not try: {unknown}"
    wrong = []
    for persona in PERSONAS:
        user = world.users.get(persona)
        client = client_for(user)
        for name, url in admin_urls(world):
            status = client.get(url).status_code
            if persona == "system_administrator":
                ok = status in {200, 302}
                # django-axes' records are read-only: no add page; and the
                # autocomplete endpoint refuses a request without its parameters.
                if (
                    (name.startswith("admin:axes_") and name.endswith("_add"))
                    # The task queue is read in the admin, never edited there.
                    or (
                        name.startswith("admin:django_tasks_database_")
                        and name.endswith(("_add", "_delete"))
                    )
                    or name == "admin:autocomplete"
                    or name in FROZEN_IN_THE_ADMIN
                ):
                    ok = status == 403
            elif user is None:
                ok = status == 302
            else:
                ok = status == 403
            if not ok:
                wrong.append(f"{name} {url} as {persona}: {status}")
    assert not wrong, "\n".join(wrong)


# The catalogue is complete -----------------------------------------------------


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_catalogue_lists_every_url() -> None:
    """A new URL must be added to tests/pages.py, with who may use it."""
    assert _names(get_resolver()) == set(BY_NAME)


def test_every_view_declares_who_may_use_it() -> None:
    """Deny by default: a view either requires capabilities (``@requires``) or is
    marked as open to everyone (``login_not_required``)."""
    undeclared = []

    def walk(resolver: URLResolver, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern):
                view = pattern.callback
                declared = hasattr(view, "foljsam_requires") or (
                    getattr(view, "login_required", True) is False
                )
                if not declared:
                    undeclared.append(namespace + (pattern.name or str(pattern)))

    walk(get_resolver())
    assert not undeclared, f"views that declare no access: {undeclared}"
    for page in PAGES:
        if page.access == "public":
            continue
        # The catalogue and the code agree on who may use it.
        from django.urls import resolve

        view = resolve(page.url(1) if page.target else page.url()).func
        if page.access != "logged_in" and page.name not in {"logout"}:
            declared = set(getattr(view, "foljsam_requires", ()))
            assert declared == set(ACCESS[page.access]) or (
                page.access == "either" and declared == set(ACCESS["either"])
            ), (page.name, declared)
