"""Write a validated plan: bulk inserts and updates, sheet by sheet, so that later
sheets can refer to rows the earlier ones created. Called inside one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import connections, models

from foljsam.accounts.models import Organisation
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
    Record,
    UnitRecord,
)
from foljsam.registry.importing.validate import Plan, SheetPlan
from foljsam.registry.models import (
    Agreement,
    ContractArea,
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
    def __init__(self, plan: Plan, now: dt.datetime) -> None:
        self.plans = {p.sheet: p for p in plan.sheet_plans()}
        self.now = now
        self.org_ids: dict[str, int] = {}
        self.area_ids: dict[str, int] = {}
        self.provider_ids: dict[str, int] = {}
        self.unit_ids: dict[str, int] = {}

    def _org(self, code: str | None) -> int | None:
        return None if code is None else self.org_ids[code]

    def _write(
        self,
        model: type[models.Model],
        key: str,
        sheet: SheetPlan,
        values: Callable[[Any], dict[str, Any]],
        record_key: Callable[[Any], str],
    ) -> None:
        model._default_manager.bulk_create(
            [model(**values(record)) for record in sheet.create], batch_size=BATCH
        )
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
                Agreement.units.through,
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
            "operating_area_id": (
                None
                if r.operating_area is None
                else self.operating_area_ids[r.operating_area]
            ),
        }

    def _provider(self, r: ProviderRecord) -> dict[str, Any]:
        return {"org_number": r.org_number, "name": r.name, "kind": r.kind}

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
        """Set each agreement's units exactly as the file says."""
        touched: Sequence[Record] = [
            *sheet.create,
            *(record for record, changes in sheet.update if "unit_ids" in changes),
        ]
        if not touched:
            return
        agreement_ids = _ids(Agreement, "reference")
        through = Agreement.units.through
        ids = [agreement_ids[r.reference] for r in touched]  # type: ignore[union-attr]
        through.objects.filter(agreement_id__in=ids).delete()
        through.objects.bulk_create(
            [
                through(
                    agreement_id=agreement_ids[r.reference],  # type: ignore[union-attr]
                    unit_id=self.unit_ids[unit_id],
                )
                for r in touched
                for unit_id in sorted(r.unit_ids)  # type: ignore[union-attr]
            ],
            batch_size=BATCH,
        )


def apply_plan(plan: Plan, *, now: dt.datetime) -> None:
    _Writer(plan, now).run()
