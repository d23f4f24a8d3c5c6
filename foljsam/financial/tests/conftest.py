from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from foljsam.accounts.models import Organisation
from foljsam.followups.models import FollowUp
from foljsam.followups.tests.factories import FollowUpFactory
from foljsam.registry.models import Provider
from foljsam.registry.tests.factories import UnitFactory

TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private_dir(settings: Any, tmp_path: Any) -> None:
    settings.FOLJSAM_PRIVATE_DIR = tmp_path / "private"


@pytest.fixture
def followup(
    district: Organisation, central_office: Organisation, provider: Provider
) -> FollowUp:
    """A follow-up the district performs and the central office answers for."""
    return FollowUpFactory(
        year=2026,
        unit=UnitFactory(provider=provider, district=district),
        organisation=district,
        responsible_organisation=central_office,
    )


@pytest.fixture
def other_followup(
    other_district: Organisation, central_office: Organisation, other_provider
) -> FollowUp:
    return FollowUpFactory(
        year=2026,
        unit=UnitFactory(provider=other_provider, district=other_district),
        organisation=other_district,
        responsible_organisation=central_office,
    )
