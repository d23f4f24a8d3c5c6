"""A small registry for the follow-up history import's tests: a private provider
under LOV, and the city's own short-term supervision in a school (a mission
description), with the default responsibility rules of the migrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import time_machine

from foljsam.accounts.models import Organisation
from foljsam.accounts.tests.factories import OrganisationFactory
from foljsam.core.tabular import RawTable, read_path
from foljsam.registry.models import Agreement
from foljsam.registry.tests.factories import (
    AgreementFactory,
    CityFactory,
    ContractAreaFactory,
    ProviderFactory,
    UnitFactory,
    org_number,
)
from foljsam.reporting.importing.report import FollowupImportReport
from foljsam.reporting.services import followups_import

TODAY = dt.datetime(2026, 3, 15, 10, 0, tzinfo=dt.UTC)
HEADER = (
    "year,unit_id,contract_area,status,outcome,not_performed_reason,"
    "agreement_reference,methods,performed_on,performed_by,deficiency_categories,"
    "correction_request"
)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def registry(central_office: Organisation, district: Organisation) -> dict[str, Any]:
    other = OrganisationFactory(code="sdf-bromma", name="Bromma stadsdelsförvaltning")
    education = OrganisationFactory(
        code="utbf", name="Utbildningsförvaltningen", kind="education_office"
    )
    ek = ProviderFactory(org_number=org_number(101), name="Ek Omsorg AB")
    al = ProviderFactory(org_number=org_number(102), name="Al Vård AB")
    city = CityFactory()
    dv = ContractAreaFactory(code="daglig-verksamhet", name="Daglig verksamhet")
    ktt = ContractAreaFactory(code="korttidstillsyn", name="Korttidstillsyn")
    ek1 = UnitFactory(provider=ek, external_id="EK-1", district=district)
    ek2 = UnitFactory(provider=ek, external_id="EK-2", district=other)
    al1 = UnitFactory(provider=al, external_id="AL-1", district=district)
    school = UnitFactory(
        provider=city,
        external_id="KTT-1",
        name="Skolans korttidstillsyn",
        district=other,
        operated_by=education,
    )
    lov = AgreementFactory(
        reference="SN 2019/1",
        provider=ek,
        contract_area=dv,
        kind=Agreement.Kind.LOV,
        signed_by=central_office,
        valid_from=dt.date(2019, 1, 1),
        units=[ek1, ek2],
    )
    al_lov = AgreementFactory(
        reference="SN 2019/2",
        provider=al,
        contract_area=dv,
        signed_by=central_office,
        valid_from=dt.date(2019, 1, 1),
        units=[al1],
    )
    mission = AgreementFactory(
        reference="UB 2020/1",
        provider=city,
        contract_area=ktt,
        kind=Agreement.Kind.MISSION,
        signed_by=None,
        valid_from=dt.date(2020, 1, 1),
        units=[school],
    )
    return {
        "central": central_office,
        "district": district,
        "other": other,
        "education": education,
        "ek": ek,
        "al": al,
        "city": city,
        "dv": dv,
        "ktt": ktt,
        "ek1": ek1,
        "ek2": ek2,
        "al1": al1,
        "school": school,
        "lov": lov,
        "al_lov": al_lov,
        "mission": mission,
    }


def csv_file(
    tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "historik.csv"
) -> dict[str, RawTable]:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_path(path)


def rows(*lines: str, header: str = HEADER) -> str:
    return "\n".join([header, *lines]) + "\n"


def run_import(raw: dict[str, RawTable], actor: Any = None, **kwargs: Any) -> Any:
    return followups_import(actor=actor, raw=raw, source="historik.csv", **kwargs)


def places(report: FollowupImportReport) -> set[tuple[int | None, str | None]]:
    return {(issue.row, issue.column) for issue in report.issues}
