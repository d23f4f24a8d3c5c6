"""The managed list of signal categories, so that a new city can start without the
demo: what complaints and reports under the city's common routine are usually
about (seed 004). Reversible: removes exactly these."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CATEGORIES = [
    ("bemotande", "Bemötande"),
    ("utforande", "Utförande av insatsen"),
    ("sakerhet", "Säkerhet, hot och våld"),
    ("bemanning-kompetens", "Bemanning, kontinuitet och kompetens"),
    ("dokumentation", "Dokumentation och rutiner"),
    ("lokaler", "Lokaler och boendemiljö"),
    ("information", "Information till förvaltningen"),
    ("ekonomi", "Ekonomi och seriositet"),
    ("ovrigt", "Övrigt"),
]


def add(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Category = apps.get_model("complaints", "SignalCategory")
    for position, (code, name) in enumerate(CATEGORIES, 1):
        Category.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )


def remove(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Category = apps.get_model("complaints", "SignalCategory")
    Category.objects.filter(code__in=[code for code, _name in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_signal_register")]

    operations = [migrations.RunPython(add, remove)]
