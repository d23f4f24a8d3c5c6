"""Personas and shared fixtures for every test.

The personas are issue 3's: anonymous, a central coordinator, a district officer,
another district's officer, a committee reader, a provider user and another
provider's user; plus an organisation reader and a system administrator.
"""

from __future__ import annotations

from typing import Any

import pytest

from foljsam.accounts.models import Organisation, User
from foljsam.accounts.roles import Role
from foljsam.accounts.services import user_ensure
from foljsam.accounts.tests.factories import TEST_PASSWORD, OrganisationFactory
from foljsam.registry.models import Provider
from foljsam.registry.tests.factories import CentralOfficeFactory, ProviderFactory


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish(settings: Any) -> None:
    settings.LANGUAGE_CODE = "sv"


@pytest.fixture(autouse=True)
def _fresh_version_cache() -> None:
    """Each test's database reuses ids: the protocol's cache of published
    versions must not outlive the test that filled it."""
    from django.core.cache import cache

    from foljsam.followups.protocol import forget_versions

    forget_versions()
    # The dashboards remember their figures by a fingerprint of ids and times,
    # which a test's rolled-back database can repeat (reporting/memo.py).
    cache.clear()


@pytest.fixture(autouse=True)
def _private_files(settings: Any, tmp_path_factory: Any) -> None:
    """Uploaded files go to a directory of the test's own, never to var/."""
    settings.FOLJSAM_PRIVATE_DIR = tmp_path_factory.mktemp("private")


def make_user(
    username: str,
    *roles: Role,
    organisation: Organisation | None = None,
    provider: Provider | None = None,
) -> User:
    user, _created = user_ensure(
        username=username,
        password=TEST_PASSWORD,
        organisation=organisation,
        provider=provider,
        roles=roles,
        email=f"{username}@example.org",
    )
    return user


@pytest.fixture
def central_office(db: None) -> Organisation:
    return CentralOfficeFactory()


@pytest.fixture
def district(db: None) -> Organisation:
    return OrganisationFactory(
        code="sdf-sodermalm", name="Södermalms stadsdelsförvaltning"
    )


@pytest.fixture
def other_district(db: None) -> Organisation:
    return OrganisationFactory(code="sdf-bromma", name="Bromma stadsdelsförvaltning")


@pytest.fixture
def education_office(db: None) -> Organisation:
    return OrganisationFactory(
        code="utbf", name="Utbildningsförvaltningen", kind="education_office"
    )


@pytest.fixture
def provider(db: None) -> Provider:
    return ProviderFactory(name="Egna Utförare AB")


@pytest.fixture
def other_provider(db: None) -> Provider:
    return ProviderFactory(name="Andra Utförare AB")


@pytest.fixture
def coordinator(central_office: Organisation) -> User:
    return make_user(
        "samordnare", Role.CENTRAL_COORDINATOR, organisation=central_office
    )


@pytest.fixture
def system_administrator(central_office: Organisation) -> User:
    return make_user("admin", Role.SYSTEM_ADMINISTRATOR, organisation=central_office)


@pytest.fixture
def district_officer(district: Organisation) -> User:
    return make_user("uppfoljare", Role.DISTRICT_OFFICER, organisation=district)


@pytest.fixture
def other_district_officer(other_district: Organisation) -> User:
    return make_user(
        "uppfoljare.bromma", Role.DISTRICT_OFFICER, organisation=other_district
    )


@pytest.fixture
def organisation_reader(education_office: Organisation) -> User:
    return make_user("lasare", Role.ORGANISATION_READER, organisation=education_office)


@pytest.fixture
def committee_reader(central_office: Organisation) -> User:
    return make_user("namnd", Role.COMMITTEE_READER, organisation=central_office)


@pytest.fixture
def provider_user(provider: Provider) -> User:
    return make_user("utforare", Role.PROVIDER_USER, provider=provider)


@pytest.fixture
def other_provider_user(other_provider: Provider) -> User:
    return make_user("utforare.andra", Role.PROVIDER_USER, provider=other_provider)
