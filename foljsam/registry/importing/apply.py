"""Write a validated plan: bulk inserts and updates, sheet by sheet, so that later
sheets can refer to rows the earlier ones created. Called inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import connections, models

from foljsam.accounts.models import Organisation, User
from foljsam.core.events import event_record
from foljsam.registry import events
from foljsam.registry.importing.schema import (
    AGREEMENTS,
    CONTRACT_AREAS,
    ORGANISATIONS,
    PROVIDERS,
    UNITS,
)
from foljsam.registry.importing.state import (
    AgreementRecord,
    ContractAreaRecord,
    OrganisationRecord,
    ProviderRecord,
    UnitRecord,
)
from foljsam.registry.importing.validate import Plan, SheetPlan
from foljsam.registry.models import (
    Agreement,
    ContractArea,
    Coverage,
    OperatingArea,
    Provider,
    Unit,
)

BATCH = 500
UPDATE_BATCH = 2_000


def _ids(model: type[models.Model], key: str) -> dict[str, int]:
    return dict(model._default_manager.values_list(key, "id"))


def _update_rows(
    model: type[models.Model], objects: list[models.Model], names: list[str]
) -> None:
    """Write ``names`` and ``updated_at`` of every object, one parameterised UPDATE
    per row sent with ``executemany``.

    Same rows and values as ``bulk_update(objects, names + ["updated_at"])``, but
    that builds a CASE WHEN expression per object and field and spent about 6 s of
    a 9 s import that changed all 10,000 units (bench/README.md); this takes a
    fraction of a second on SQLite and PostgreSQL. Rows go in primary-key order,
    the order in which an ``UPDATE ... WHERE id IN (...)`` would visit them.
    """
    connection = connections[model._default_manager.db]
    meta = model._meta
    fields = [
        cast(models.Field[Any, Any], meta.get_field(name))
        for name in [*names, "updated_at"]
    ]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(cast(str, f.column))} = %s" for f in fields)
    # Only quoted table and column names from the model go into the text; every
    # value is a parameter.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(cast(str, meta.pk.column))} = %s"
    )
    rows = [
        [
            *(
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for field in fields
            ),
            obj.pk,
        ]
        for obj in sorted(objects, key=lambda obj: obj.pk)
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPDATE_BATCH):
            cursor.executemany(sql, rows[start : start + UPDATE_BATCH])


def _refresh_statistics(written: Sequence[type[models.Model]]) -> None:
    """Let SQLite's query planner see the tables as they now are.

    Without statistics SQLite plans the responsibility map's coverage query (the
    through table filtered by two IN subqueries) as a nested loop over both lists:
    5 s for a 10,000-unit city instead of 0.03 s (bench/README.md). ANALYZE takes
    milliseconds at that size and is rolled back with the import if it fails.
    PostgreSQL's autovacuum keeps its own statistics.
    """
    connection = connections[written[0]._default_manager.db]
    if connection.vendor != "sqlite":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in written:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


class _Writer:
    def __init__(
        self, plan: Plan, now: dt.datetime, actor: User | None, reason: str
    ) -> None:
        self.plans = {p.sheet: p for p in plan.sheet_plans()}
        self.current = plan.current
        self.now = now
        self.actor = actor
        self.reason = reason
        self.org_ids: dict[str, int] = {}
        self.area_ids: dict[str, int] = {}
        self.provider_ids: dict[str, int] = {}
        self.unit_ids: dict[str, int] = {}

    def _org(self, code: str | None) -> int | None:
        return None if code is None else self.org_ids[code]

    def _history(
        self,
        model: type[models.Model],
        objects: Sequence[models.Model],
        *,
        update: bool,
    ) -> None:
        """Write the history rows that bulk writes do not write by themselves: the
        same rows django-simple-history's ``bulk_history_create`` writes (every
        tracked field, when, who, why, + or ~), sent as one parameterised INSERT per
        row with ``executemany``, which is several times faster than building a
        model instance for each (bench/README.md)."""
        if not objects:
            return
        history_model = model.history.model  # type: ignore[attr-defined]
        connection = connections[history_model._default_manager.db]
        fields = [f for f in history_model._meta.concrete_fields if not f.primary_key]
        fixed = {
            "history_date": self.now,
            "history_user_id": self.actor.pk if self.actor is not None else None,
            "history_change_reason": self.reason[:100],
            "history_type": "~" if update else "+",
        }
        quote = connection.ops.quote_name
        columns = ", ".join(quote(cast(str, f.column)) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = (
            f"INSERT INTO {quote(history_model._meta.db_table)} "  # noqa: S608
            f"({columns}) VALUES ({marks})"
        )
        rows = [
            [
                f.get_db_prep_save(
                    fixed[f.attname] if f.attname in fixed else getattr(obj, f.attname),
                    connection,
                )
                for f in fields
            ]
            for obj in objects
        ]
        with connection.cursor() as cursor:
            for start in range(0, len(rows), UPDATE_BATCH):
                cursor.executemany(sql, rows[start : start + UPDATE_BATCH])

    def _write(
        self,
        model: type[models.Model],
        key: str,
        sheet: SheetPlan,
        values: Callable[[Any], dict[str, Any]],
        record_key: Callable[[Any], str],
    ) -> None:
        created = model._default_manager.bulk_create(
            [model(**values(record)) for record in sheet.create], batch_size=BATCH
        )
        self._history(model, created, update=False)
        if not sheet.update:
            return
        by_key = {record_key(record): record for record, _changes in sheet.update}
        objects = model._default_manager.in_bulk(list(by_key), field_name=key)
        field_names: set[str] = set()
        for natural_key, obj in objects.items():
            for name, value in values(by_key[natural_key]).items():
                if getattr(obj, name) != value:
                    setattr(obj, name, value)
                    field_names.add(name)
            obj.updated_at = self.now  # type: ignore[attr-defined]
        # Every row here changed something, if only its units (a many-to-many
        # change, written later): its updated_at moves in any case.
        _update_rows(model, list(objects.values()), sorted(field_names))
        self._history(model, list(objects.values()), update=True)

    def run(self) -> None:
        self._write(
            Organisation,
            "code",
            self.plans[ORGANISATIONS],
            self._organisation,
            lambda r: r.code,
        )
        self.org_ids = _ids(Organisation, "code")
        self.operating_area_ids = _ids(OperatingArea, "code")
        self._write(
            ContractArea,
            "code",
            self.plans[CONTRACT_AREAS],
            self._contract_area,
            lambda r: r.code,
        )
        self.area_ids = _ids(ContractArea, "code")
        self._write(
            Provider,
            "org_number",
            self.plans[PROVIDERS],
            self._provider,
            lambda r: r.org_number,
        )
        self.provider_ids = _ids(Provider, "org_number")
        self._write(
            Unit, "external_id", self.plans[UNITS], self._unit, lambda r: r.external_id
        )
        self.unit_ids = _ids(Unit, "external_id")
        self._write(
            Agreement,
            "reference",
            self.plans[AGREEMENTS],
            self._agreement,
            lambda r: r.reference,
        )
        self._write_coverage(self.plans[AGREEMENTS])
        _refresh_statistics(
            [
                Organisation,
                ContractArea,
                Provider,
                Unit,
                Agreement,
                Coverage,
            ]
        )

    def _organisation(self, r: OrganisationRecord) -> dict[str, Any]:
        return {"code": r.code, "name": r.name, "kind": r.kind}

    def _contract_area(self, r: ContractAreaRecord) -> dict[str, Any]:
        return {
            "code": r.code,
            "name": r.name,
            "law": r.law,
            "legal_reference": r.legal_reference,
            "cycle_years": r.cycle_years,
            "address_protected": r.address_protected,
            "operating_area_id": (
                None
                if r.operating_area is None
                else self.operating_area_ids[r.operating_area]
            ),
        }

    def _provider(self, r: ProviderRecord) -> dict[str, Any]:
        return {
            "org_number": r.org_number,
            "name": r.name,
            "kind": r.kind,
            "contact_email": r.contact_email,
        }

    def _unit(self, r: UnitRecord) -> dict[str, Any]:
        return {
            "external_id": r.external_id,
            "provider_id": self.provider_ids[r.provider],
            "name": r.name,
            "address": r.address,
            "postal_code": r.postal_code,
            "city": r.city,
            "district_id": self._org(r.district),
            "operated_by_id": self._org(r.operated_by),
            "placements": r.placements,
            "opened_on": r.opened_on,
            "closed_on": r.closed_on,
        }

    def _agreement(self, r: AgreementRecord) -> dict[str, Any]:
        return {
            "reference": r.reference,
            "provider_id": self.provider_ids[r.provider],
            "contract_area_id": self.area_ids[r.contract_area],
            "kind": r.kind,
            "signed_by_id": self._org(r.signed_by),
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "terminated_on": r.terminated_on,
            "termination_reason": r.termination_reason,
        }

    def _write_coverage(self, sheet: SheetPlan) -> None:
        """Set each agreement's units exactly as the file says: add what is new and
        remove what is gone (not delete-and-recreate, which would fill the history
        with changes that are none)."""
        touched: Sequence[AgreementRecord] = [
            *cast(Sequence[AgreementRecord], sheet.create),
            *(
                cast(AgreementRecord, record)
                for record, changes in sheet.update
                if "unit_ids" in changes
            ),
        ]
        if not touched:
            return
        agreement_ids = _ids(Agreement, "reference")
        ids = [agreement_ids[r.reference] for r in touched]
        wanted = {
            (agreement_ids[r.reference], self.unit_ids[unit_id])
            for r in touched
            for unit_id in r.unit_ids
        }
        existing = {
            (row.agreement_id, row.unit_id): row
            for row in Coverage.objects.filter(agreement_id__in=ids)
        }
        for pair, row in existing.items():
            if pair not in wanted:
                # One by one, so that each removal's history names the actor.
                row._history_user = self.actor  # type: ignore[attr-defined]
                row._change_reason = self.reason[:100]  # type: ignore[attr-defined]
                row.delete()
        added = Coverage.objects.bulk_create(
            [
                Coverage(agreement_id=agreement, unit_id=unit)
                for agreement, unit in sorted(wanted - existing.keys())
            ],
            batch_size=BATCH,
        )
        self._history(Coverage, added, update=False)

    def record_events(self) -> None:
        """Name the status changes the import made: agreements terminated and units
        closed, with the dates."""
        agreements = self.plans[AGREEMENTS]
        units = self.plans[UNITS]
        ended = {
            r.reference: r.terminated_on
            for r, changes in agreements.update
            if "terminated_on" in changes
            and isinstance(r, AgreementRecord)
            and r.terminated_on is not None
            and self.current.agreements[r.reference].terminated_on is None
        }
        closed = {
            r.external_id: r.closed_on
            for r, changes in units.update
            if "closed_on" in changes
            and isinstance(r, UnitRecord)
            and r.closed_on is not None
            and self.current.units[r.external_id].closed_on is None
        }
        for agreement in Agreement.objects.filter(reference__in=ended):
            event_record(
                actor=self.actor,
                action=events.AGREEMENT_TERMINATED,
                target=agreement,
                data={"terminated_on": str(ended[agreement.reference])},
            )
        for unit in Unit.objects.filter(external_id__in=closed):
            event_record(
                actor=self.actor,
                action=events.UNIT_CLOSED,
                target=unit,
                data={"closed_on": str(closed[unit.external_id])},
            )


def apply_plan(
    plan: Plan, *, now: dt.datetime, actor: User | None, reason: str
) -> None:
    writer = _Writer(plan, now, actor, reason)
    writer.run()
    writer.record_events()
