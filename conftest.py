"""Personas and shared fixtures for every test.

The personas follow ARCHITECTURE.md: a central coordinator, a district officer,
another district's officer, and anonymous. Issue 3 adds the committee reader and
provider users when roles arrive.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from foljsam.accounts.models import Organisation, User
from foljsam.accounts.tests.factories import OrganisationFactory, UserFactory
from foljsam.registry.tests.factories import CentralOfficeFactory


@pytest.fixture(autouse=True)
def _fast_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _swedish(settings: pytest.FixtureRequest) -> None:
    settings.LANGUAGE_CODE = "sv"  # type: ignore[attr-defined]


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
def coordinator(central_office: Organisation) -> User:
    user = UserFactory(username="samordnare", organisation=central_office)
    user.user_permissions.add(Permission.objects.get(codename="import_registry"))
    return user


@pytest.fixture
def district_officer(district: Organisation) -> User:
    return UserFactory(username="uppfoljare", organisation=district)


@pytest.fixture
def other_district_officer(other_district: Organisation) -> User:
    return UserFactory(username="uppfoljare.bromma", organisation=other_district)
