"""The default responsibility rules and operating areas, so that a new city can
start from an import without the demo data. Reversible: removes exactly these."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

OPERATING_AREAS = [
    ("funktionsnedsattning", "Funktionsnedsättning"),
    ("socialpsykiatri", "Socialpsykiatri"),
    ("missbruk", "Missbruk och beroende"),
    ("barn-och-unga", "Barn och unga"),
    ("individ-och-familj", "Individ- och familjeomsorg"),
    ("aldreomsorg", "Äldreomsorg"),
]

# (agreement kind, regime, operator kind, responsible, performer, note)
DEFAULT_RULES = [
    (
        "lov",
        "private",
        "",
        "central_office",
        "unit_district",
        "Seed 002: socialförvaltningen ansvarar för urval och fördelning; "
        "stadsdelsförvaltningarna gör platsbesök.",
    ),
    (
        "lou",
        "private",
        "",
        "central_office",
        "central_office",
        "Seed 004: ramavtal enligt LOU följs upp av socialförvaltningen.",
    ),
    (
        "entreprenad",
        "",
        "",
        "signing_organisation",
        "signing_organisation",
        "Seed 000: den avtalstecknande stadsdelsförvaltningen följer upp "
        "entreprenader.",
    ),
    (
        "individual",
        "",
        "",
        "signing_organisation",
        "signing_organisation",
        "Seed 000: stadsdelsnämnden som tecknat ett individuellt avtal följer upp "
        "utföraren.",
    ),
    (
        "mission",
        "own",
        "district_office",
        "operating_organisation",
        "operating_organisation",
        "Seed 000: stadsdelsnämnderna följer upp verksamheter i egen regi inom den "
        "egna stadsdelen.",
    ),
    (
        "mission",
        "own",
        "education_office",
        "central_office",
        "unit_district",
        "Seed 001: socialförvaltningen har det övergripande ansvaret för KTT i "
        "stadens skolor. Seed 003: stadsdelen där skolan ligger gör uppföljningen.",
    ),
]


def create_defaults(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    operating_area = apps.get_model("registry", "OperatingArea")
    rule = apps.get_model("registry", "ResponsibilityRule")
    for position, (code, name) in enumerate(OPERATING_AREAS, start=1):
        operating_area.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    for kind, regime, operator, responsible, performer, note in DEFAULT_RULES:
        rule.objects.get_or_create(
            agreement_kind=kind,
            regime=regime,
            operator_kind=operator,
            contract_area=None,
            is_active=True,
            defaults={"responsible": responsible, "performer": performer, "note": note},
        )


def remove_defaults(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    operating_area = apps.get_model("registry", "OperatingArea")
    rule = apps.get_model("registry", "ResponsibilityRule")
    for kind, regime, operator, responsible, performer, _note in DEFAULT_RULES:
        rule.objects.filter(
            agreement_kind=kind,
            regime=regime,
            operator_kind=operator,
            contract_area=None,
            responsible=responsible,
            performer=performer,
        ).delete()
    operating_area.objects.filter(
        code__in=[code for code, _name in OPERATING_AREAS],
        contract_areas__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
