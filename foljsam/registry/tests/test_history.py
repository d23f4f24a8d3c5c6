"""History (issue 3): every change to domain data is kept, with who, when, and the
values before and after; bulk updates that would skip it are refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from foljsam.core.history import HistoryBypassError
from foljsam.core.models import Event
from foljsam.core.tabular import tables_from_records
from foljsam.registry import events
from foljsam.registry.models import Agreement, Coverage, Unit
from foljsam.registry.services import registry_import
from foljsam.registry.tests.factories import AgreementFactory, UnitFactory

pytestmark = pytest.mark.django_db


def tracked_models():
    """Följsam's models with a history (django-simple-history's manager)."""
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("foljsam.")
        and hasattr(model, "history")
        # django-simple-history's own tables for many-to-many changes
        and not model.__name__.startswith("Historical")
    ]


def test_every_domain_model_keeps_history() -> None:
    domain = {
        "Organisation",
        "User",
        "UserRole",
        "OperatingArea",
        "ContractArea",
        "Provider",
        "Unit",
        "Agreement",
        "Coverage",
        "ResponsibilityRule",
        "RequirementCategory",
        "Requirement",
        "Template",
        "TemplateVersion",
        "Section",
        "Question",
    }
    assert domain <= {model.__name__ for model in tracked_models()}


@pytest.mark.parametrize("model", tracked_models(), ids=lambda m: m.__name__)
def test_bulk_updates_of_tracked_models_are_refused(model) -> None:
    with pytest.raises(HistoryBypassError):
        model._default_manager.all().update(pk=1)
    with pytest.raises(HistoryBypassError):
        model._default_manager.bulk_update([], ["pk"])


MOMENT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


@time_machine.travel(MOMENT, tick=False)
def test_a_change_in_the_ui_shows_in_historik(client, system_administrator) -> None:
    unit = UnitFactory(name="Gamla namnet", placements=5)
    client.force_login(system_administrator)
    form = client.get(reverse("admin:registry_unit_change", args=[unit.pk]))
    data = {
        key: value
        for key, value in form.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update({"name": "Nya namnet", "placements": 7})
    data["opened_on"] = unit.opened_on.isoformat()
    saved = client.post(reverse("admin:registry_unit_change", args=[unit.pk]), data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors

    page = client.get(reverse("registry:unit_history", args=[unit.pk]))
    assert page.status_code == 200
    entries = list(page.context["page_obj"])
    change = entries[0]
    assert change.kind == "changed"
    assert change.who == system_administrator.username
    assert change.when == MOMENT
    diff = {c.field: (c.before, c.after) for c in change.changes}
    assert diff["Namn"] == ("Gamla namnet", "Nya namnet")
    assert diff["Placeringar"] == ("5", "7")
    html = page.content.decode()
    assert "Gamla namnet" in html and "Nya namnet" in html
    assert "2026-11-23 10:30" in html  # Stockholm time


def test_an_import_writes_history_with_its_actor_and_source(coordinator) -> None:
    unit = UnitFactory(external_id="V1", name="Före")
    records = {
        "units": [
            {
                "unit_id": "V1",
                "provider_org_number": unit.provider.org_number,
                "name": "Efter",
            }
        ]
    }
    report = registry_import(
        actor=coordinator,
        tables=tables_from_records(records),
        source="registret.xlsx",
    )
    assert report.updated == 1
    latest = unit.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_type, latest.name) == ("~", "Efter")
    assert latest.history_user == coordinator
    assert "registret.xlsx" in latest.history_change_reason
    imported = Event.objects.get(action=events.IMPORTED)
    assert imported.actor == coordinator and imported.data["updated"] == 1


def test_coverage_changes_and_terminations_show_in_the_agreement_history(
    coordinator, client
) -> None:
    first, second = UnitFactory(external_id="V1"), None
    second = UnitFactory(external_id="V2", provider=first.provider)
    agreement = AgreementFactory(provider=first.provider, units=[first])
    assert Coverage.history.filter(agreement_id=agreement.pk).count() == 0
    records = {
        "agreements": [
            {
                "reference": agreement.reference,
                "provider_org_number": first.provider.org_number,
                "contract_area": agreement.contract_area.code,
                "kind": "lov",
                "signed_by": agreement.signed_by.code,
                "valid_from": "2020-01-01",
                "terminated_on": "2026-06-30",
                "termination_reason": "Utföraren sade upp avtalet.",
                "unit_ids": "V2",
            }
        ]
    }
    report = registry_import(actor=coordinator, tables=tables_from_records(records))
    assert report.ok, report.issues
    assert set(agreement.units.values_list("external_id", flat=True)) == {"V2"}
    assert sorted(
        Coverage.history.filter(agreement_id=agreement.pk).values_list(
            "history_type", "unit_id"
        )
    ) == [("+", second.pk), ("-", first.pk)]
    assert Event.objects.filter(
        action=events.AGREEMENT_TERMINATED, target_id=str(agreement.pk)
    ).exists()
    client.force_login(coordinator)
    page = client.get(reverse("registry:agreement_history", args=[agreement.pk]))
    kinds = [entry.kind for entry in page.context["page_obj"]]
    assert kinds.count("event") == 1 and "deleted" in kinds and "created" in kinds
    html = page.content.decode()
    assert "V2" in html or second.name in html


def test_reimporting_unchanged_rows_writes_no_history(coordinator) -> None:
    unit = UnitFactory(external_id="V1", name="Samma")
    records = {
        "units": [
            {
                "unit_id": "V1",
                "provider_org_number": unit.provider.org_number,
                "name": "Samma",
                "address": unit.address,
                "postal_code": unit.postal_code,
                "city": unit.city,
                "district": unit.district.code,
                "placements": unit.placements,
                "opened_on": unit.opened_on,
            }
        ]
    }
    before = Unit.history.count()
    report = registry_import(actor=coordinator, tables=tables_from_records(records))
    assert report.ok and report.updated == 0
    assert Unit.history.count() == before
    assert not Event.objects.filter(action=events.IMPORTED).exists()
    assert Agreement.history.count() == 0


def test_event_details_read_as_words(client, coordinator, district) -> None:
    from foljsam.accounts import services

    user = services.user_invite(
        actor=coordinator,
        email="ny@example.org",
        first_name="Ny",
        last_name="Person",
        organisation=district,
        provider=None,
        roles=["district_officer"],
        base_url="https://foljsam.example/",
    )
    client.force_login(coordinator)
    page = client.get(reverse("accounts:user_history", args=[user.pk]))
    invited = next(e for e in page.context["page_obj"] if e.kind == "event")
    assert dict(invited.details) == {
        "E-postadress": "ny@example.org",
        "Roller": "Uppföljare",
    }


def test_the_imports_history_rows_are_the_ones_a_save_would_write(coordinator) -> None:
    """The import writes history rows itself, in bulk: each must hold what
    django-simple-history writes on a save (every tracked field, when, who, why)."""
    records = {
        "units": [
            {
                "unit_id": "V9",
                "provider_org_number": UnitFactory().provider.org_number,
                "name": "Ny enhet",
                "placements": 3,
                "opened_on": "2024-02-01",
            }
        ]
    }
    moment = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        registry_import(
            actor=coordinator, tables=tables_from_records(records), source="x.csv"
        )
    unit = Unit.objects.get(external_id="V9")
    row = unit.history.get()
    tracked = [f.attname for f in Unit.history.model.tracked_fields]
    assert {name: getattr(row, name) for name in tracked} == {
        name: getattr(unit, name) for name in tracked
    }
    assert (row.history_type, row.history_date, row.history_user) == (
        "+",
        moment,
        coordinator,
    )
    assert row.history_change_reason == "Import av x.csv"
