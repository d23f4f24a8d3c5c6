"""Managing users: invitation by e-mail, roles and organisation, deactivation that
ends every session, and who may do which (issue 3)."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from foljsam.accounts import events, services
from foljsam.accounts.access import Capability, can
from foljsam.accounts.models import User
from foljsam.accounts.roles import Role
from foljsam.accounts.tests.factories import TEST_PASSWORD
from foljsam.core.models import Event

pytestmark = pytest.mark.django_db

BASE = "https://foljsam.example/"


def _invite(actor, **overrides):
    values = {
        "email": "Ny.Person@Example.org",
        "first_name": "Ny",
        "last_name": "Person",
        "organisation": None,
        "provider": None,
        "roles": [Role.DISTRICT_OFFICER],
        "base_url": BASE,
    }
    values.update(overrides)
    return services.user_invite(actor=actor, **values)


def test_an_invitation_creates_an_account_that_waits_for_its_password(
    coordinator, district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = _invite(coordinator, organisation=district)
    assert user.username == user.email == "ny.person@example.org"
    assert not user.has_usable_password()
    assert user.roles == {Role.DISTRICT_OFFICER}
    assert Event.objects.get(action=events.USER_INVITED).actor == coordinator
    (message,) = mail.outbox
    assert message.to == ["ny.person@example.org"]
    link = re.search(r"https://foljsam\.example(/users/invitation/\S+/)", message.body)
    assert link, message.body

    client = Client()
    page = client.get(link.group(1))
    assert page.status_code == 200
    weak = client.post(
        link.group(1), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert (
        weak.status_code == 200
        and not User.objects.get(pk=user.pk).has_usable_password()
    )
    done = client.post(
        link.group(1),
        {
            "new_password1": "ett långt lösenord 42",
            "new_password2": "ett långt lösenord 42",
        },
    )
    assert done.status_code == 302
    assert User.objects.get(pk=user.pk).check_password("ett långt lösenord 42")
    assert Event.objects.filter(action=events.INVITATION_ACCEPTED).exists()
    # The link works once.
    assert client.get(link.group(1)).status_code == 400


def test_the_roles_must_fit_the_organisation_or_provider(
    coordinator, district, provider
):
    with pytest.raises(ValidationError) as caught:
        _invite(coordinator, organisation=None)
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _invite(
            coordinator,
            roles=[Role.PROVIDER_USER, Role.DISTRICT_OFFICER],
            provider=provider,
        )
    assert "roles" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _invite(coordinator, roles=[Role.PROVIDER_USER], organisation=district)
    assert {"provider", "organisation"} <= set(caught.value.message_dict)
    user = _invite(coordinator, roles=[Role.PROVIDER_USER], provider=provider)
    assert user.provider == provider and can(user, Capability.READ_OWN_PROVIDER)


def test_only_a_system_administrator_manages_administrators(
    coordinator, system_administrator, district, central_office
):
    with pytest.raises(PermissionDenied):
        _invite(
            coordinator, organisation=central_office, roles=[Role.SYSTEM_ADMINISTRATOR]
        )
    officer = _invite(system_administrator, organisation=district)
    with pytest.raises(PermissionDenied):
        services.user_change_access(
            actor=coordinator,
            user=officer,
            organisation=district,
            provider=None,
            roles=[Role.DISTRICT_OFFICER, Role.SYSTEM_ADMINISTRATOR],
        )
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=coordinator, user=system_administrator)
    services.user_change_access(
        actor=system_administrator,
        user=officer,
        organisation=central_office,
        provider=None,
        roles=[Role.SYSTEM_ADMINISTRATOR],
    )
    officer.refresh_from_db()
    assert officer.is_staff and officer.is_superuser
    assert officer.roles == {Role.SYSTEM_ADMINISTRATOR}


def test_nobody_changes_their_own_access(coordinator, central_office):
    with pytest.raises(PermissionDenied):
        services.user_change_access(
            actor=coordinator,
            user=coordinator,
            organisation=central_office,
            provider=None,
            roles=[Role.CENTRAL_COORDINATOR, Role.COMMITTEE_READER],
        )
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=coordinator, user=coordinator)


def test_read_only_and_district_roles_manage_nobody(
    district_officer, committee_reader, district
):
    for actor in (district_officer, committee_reader):
        with pytest.raises(PermissionDenied):
            _invite(actor, organisation=district)


def test_changing_access_records_what_changed(coordinator, district, other_district):
    user = _invite(coordinator, organisation=district)
    changed = services.user_change_access(
        actor=coordinator,
        user=user,
        organisation=other_district,
        provider=None,
        roles=[Role.ORGANISATION_READER],
    )
    assert changed
    event = Event.objects.get(action=events.ACCESS_CHANGED)
    assert event.data == {
        "roles_before": ["district_officer"],
        "roles_after": ["organisation_reader"],
        "fields": ["organisation"],
    }
    assert not services.user_change_access(
        actor=coordinator,
        user=user,
        organisation=other_district,
        provider=None,
        roles=[Role.ORGANISATION_READER],
    )
    assert Event.objects.filter(action=events.ACCESS_CHANGED).count() == 1


def test_deactivating_ends_every_session(coordinator, district_officer):
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.post(
            reverse("login"),
            {"username": district_officer.username, "password": TEST_PASSWORD},
        )
        assert browser.get(reverse("registry:unit_list")).status_code == 200
    assert Session.objects.count() == 2

    admin_client = Client()
    admin_client.force_login(coordinator)
    response = admin_client.post(
        reverse("accounts:user_deactivate", args=[district_officer.pk])
    )
    assert response.status_code == 302
    district_officer.refresh_from_db()
    assert not district_officer.is_active
    for browser in browsers:
        page = browser.get(reverse("registry:unit_list"))
        assert page.status_code == 302 and page["Location"].startswith(
            "/accounts/login/"
        )
    assert Session.objects.count() == 1  # the coordinator's own
    assert Event.objects.filter(action=events.USER_DEACTIVATED).exists()
    # A deactivated user cannot log in again until reactivated.
    again = Client().post(
        reverse("login"),
        {"username": district_officer.username, "password": TEST_PASSWORD},
    )
    assert again.status_code == 200
    services.user_reactivate(actor=coordinator, user=district_officer)
    ok = Client().post(
        reverse("login"),
        {"username": district_officer.username, "password": TEST_PASSWORD},
    )
    assert ok.status_code == 302


def test_the_user_pages(client, coordinator, district):
    client.force_login(coordinator)
    invite = client.post(
        reverse("accounts:user_invite"),
        {
            "email": "sam@example.org",
            "first_name": "Sam",
            "last_name": "Söder",
            "roles": ["district_officer"],
            "organisation": district.pk,
        },
    )
    assert invite.status_code == 302
    user = User.objects.get(email="sam@example.org")
    listing = client.get(reverse("accounts:user_list"), {"status": "invited"})
    assert [u.pk for u in listing.context["page_obj"]] == [user.pk]
    bad = client.post(
        reverse("accounts:user_access", args=[user.pk]),
        {"roles": ["provider_user"], "organisation": district.pk},
    )
    assert bad.status_code == 400
    assert "provider" in bad.context["form"].errors
    good = client.post(
        reverse("accounts:user_access", args=[user.pk]),
        {"roles": ["organisation_reader"], "organisation": district.pk},
    )
    assert good.status_code == 302
    history = client.get(reverse("accounts:user_history", args=[user.pk]))
    titles = [entry.title for entry in history.context["page_obj"]]
    with translation.override("sv"):
        reader = str(Role.ORGANISATION_READER.label)
        officer = str(Role.DISTRICT_OFFICER.label)
    assert any(reader in t for t in titles), titles  # given
    assert any(officer in t for t in titles), titles  # taken away
    duplicate = client.post(
        reverse("accounts:user_invite"),
        {
            "email": "SAM@example.org",
            "first_name": "Sam",
            "last_name": "Två",
            "roles": ["district_officer"],
            "organisation": district.pk,
        },
    )
    assert duplicate.status_code == 400
    assert "email" in duplicate.context["form"].errors


def test_an_invitation_link_outlives_a_reset_link_but_not_forever(
    coordinator, district, django_capture_on_commit_callbacks, settings
):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from foljsam.accounts.tokens import invitation_tokens

    settings.FOLJSAM_INVITATION_DAYS = 7
    settings.PASSWORD_RESET_TIMEOUT = 3600
    user = _invite(coordinator, organisation=district)
    token = invitation_tokens.make_token(user)
    now = timezone.now()
    with time_machine.travel(now + dt.timedelta(days=6)):
        assert invitation_tokens.check_token(user, token)
    with time_machine.travel(now + dt.timedelta(days=8)):
        assert not invitation_tokens.check_token(user, token)
    assert not invitation_tokens.check_token(user, token[:-1] + "x")
    # A password-reset token is not an invitation, nor the other way round.
    from django.contrib.auth.tokens import default_token_generator

    assert not invitation_tokens.check_token(
        user, default_token_generator.make_token(user)
    )
    assert not default_token_generator.check_token(user, token)


def test_demo_accounts_converge_to_their_definition(district, other_district):
    from foljsam.accounts.models import UserRole

    old, created = services.user_ensure(
        username="gammal",
        password=TEST_PASSWORD,
        organisation=district,
        roles=[Role.COMMITTEE_READER],
    )
    assert created
    UserRole.objects.get(user=old).delete()  # as if made before roles existed
    user, created = services.user_ensure(
        username="gammal",
        password="ett annat lösenord",
        organisation=other_district,
        roles=[Role.DISTRICT_OFFICER],
    )
    assert not created and user.pk == old.pk
    user.refresh_from_db()
    assert user.roles == {Role.DISTRICT_OFFICER}
    assert user.organisation == other_district
    assert user.check_password(TEST_PASSWORD)  # the password is left alone
    history = (UserRole.history.count(), User.history.count())
    services.user_ensure(
        username="gammal",
        password=TEST_PASSWORD,
        organisation=other_district,
        roles=[Role.DISTRICT_OFFICER],
    )
    assert (UserRole.history.count(), User.history.count()) == history
