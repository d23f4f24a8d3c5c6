"""The managed list of requirement categories named in issue 4, so that a new city
can start without the demo. Reversible: removes exactly these."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CATEGORIES = [
    ("personal-kompetens", "Personal och kompetens"),
    ("kompetensutveckling", "Kompetensutveckling"),
    ("handledning", "Handledning"),
    ("utforande", "Utförande av insatsen"),
    ("rutiner", "Skriftliga rutiner"),
    ("ledningssystem", "Ledningssystem och systematiskt kvalitetsarbete"),
    ("dokumentation", "Dokumentation"),
    ("lokaler-forvaring", "Lokaler och säker förvaring av personakter"),
    ("informationsplikt", "Information till förvaltningen"),
    ("brukarinflytande", "Brukarinflytande"),
    ("ekonomisk-kontroll", "Ekonomisk kontroll och seriositetskontroll"),
]


def add(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Category = apps.get_model("requirements", "RequirementCategory")
    for position, (code, name) in enumerate(CATEGORIES, 1):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )


def remove(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Category = apps.get_model("requirements", "RequirementCategory")
    Category.objects.filter(code__in=[code for code, _name in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("requirements", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
