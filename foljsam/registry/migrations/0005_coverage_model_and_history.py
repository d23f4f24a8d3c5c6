import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import foljsam.registry.models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles_provider_link_history"),
        ("registry", "0004_personal_data_warnings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The many-to-many table Django made for Agreement.units becomes the model
        # Coverage, so that coverage changes have history. The table, its columns
        # and its rows stay as they are: this changes Django's picture only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Coverage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "agreement",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="coverage",
                                to="registry.agreement",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="coverage",
                                to="registry.unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "unit covered",
                        "verbose_name_plural": "units covered",
                        "db_table": "registry_agreement_units",
                    },
                ),
                migrations.AlterField(
                    model_name="agreement",
                    name="units",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="agreements",
                        through="registry.Coverage",
                        to="registry.unit",
                        verbose_name="units",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name="HistoricalAgreement",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        db_index=True,
                        help_text="The case number (diarienummer).",
                        max_length=60,
                        verbose_name="reference",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("lov", "LOV contract"),
                            ("lou", "LOU framework agreement"),
                            ("entreprenad", "Contracted operation (entreprenad)"),
                            ("individual", "Individual agreement"),
                            ("mission", "Mission description"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="valid from")),
                (
                    "valid_to",
                    models.DateField(blank=True, null=True, verbose_name="valid to"),
                ),
                (
                    "terminated_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="terminated on"
                    ),
                ),
                (
                    "termination_reason",
                    models.TextField(
                        blank=True,
                        help_text="About the organisation only: never personal data about care users.",
                        verbose_name="reason for termination",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "contract_area",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.contractarea",
                        verbose_name="contract area",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.provider",
                        verbose_name="provider",
                    ),
                ),
                (
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty for a mission description, which nobody signs.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="signed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical agreement",
                "verbose_name_plural": "historical agreements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContractArea",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        db_index=True,
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z0-9][a-z0-9_.-]*$",
                                "Use lower-case letters a-z, digits, '-', '_' or '.', starting with a letter or digit.",
                            )
                        ],
                        verbose_name="code",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "law",
                    models.CharField(
                        choices=[("SoL", "SoL"), ("LSS", "LSS")],
                        max_length=3,
                        verbose_name="law",
                    ),
                ),
                (
                    "legal_reference",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="legal reference"
                    ),
                ),
                (
                    "cycle_years",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="Every unit must be followed up at least this often.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="follow-up cycle (years)",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "operating_area",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.operatingarea",
                        verbose_name="operating area",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contract area",
                "verbose_name_plural": "historical contract areas",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCoverage",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.agreement",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical unit covered",
                "verbose_name_plural": "historical units covered",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOperatingArea",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        db_index=True,
                        max_length=40,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[a-z0-9][a-z0-9_.-]*$",
                                "Use lower-case letters a-z, digits, '-', '_' or '.', starting with a letter or digit.",
                            )
                        ],
                        verbose_name="code",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="position"
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical operating area",
                "verbose_name_plural": "historical operating areas",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProvider",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "org_number",
                    models.CharField(
                        db_index=True,
                        help_text="Ten digits, stored without the hyphen.",
                        max_length=10,
                        validators=[foljsam.registry.models.validate_org_number],
                        verbose_name="organisation number",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("company", "Company"),
                            ("nonprofit", "Non-profit organisation"),
                            ("municipal", "The city itself"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical provider",
                "verbose_name_plural": "historical providers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalResponsibilityRule",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "agreement_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("lov", "LOV contract"),
                            ("lou", "LOU framework agreement"),
                            ("entreprenad", "Contracted operation (entreprenad)"),
                            ("individual", "Individual agreement"),
                            ("mission", "Mission description"),
                        ],
                        help_text="Empty matches every kind.",
                        max_length=12,
                        verbose_name="agreement kind",
                    ),
                ),
                (
                    "regime",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("own", "Own operation"),
                            ("private", "Private operation"),
                        ],
                        help_text="Empty matches both.",
                        max_length=8,
                        verbose_name="regime",
                    ),
                ),
                (
                    "operator_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("central_office", "Central office"),
                            ("district_office", "District office"),
                            ("education_office", "Education office"),
                            ("other", "Other organisation"),
                        ],
                        help_text="For the city's own units: the kind of organisation that runs them. Empty matches any.",
                        max_length=20,
                        verbose_name="kind of operating organisation",
                    ),
                ),
                (
                    "responsible",
                    models.CharField(
                        choices=[
                            ("central_office", "The central office"),
                            ("unit_district", "The district where the unit lies"),
                            ("signing_organisation", "The signing organisation"),
                            (
                                "operating_organisation",
                                "The organisation that runs the unit",
                            ),
                            ("named", "A named organisation"),
                        ],
                        max_length=24,
                        verbose_name="responsible organisation",
                    ),
                ),
                (
                    "performer",
                    models.CharField(
                        choices=[
                            ("central_office", "The central office"),
                            ("unit_district", "The district where the unit lies"),
                            ("signing_organisation", "The signing organisation"),
                            (
                                "operating_organisation",
                                "The organisation that runs the unit",
                            ),
                            ("named", "A named organisation"),
                        ],
                        max_length=24,
                        verbose_name="performing organisation",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="Why the rule holds, e.g. the decision. Never personal data about care users.",
                        verbose_name="note",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "contract_area",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty matches every contract area.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.contractarea",
                        verbose_name="contract area",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "performer_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="named performing organisation",
                    ),
                ),
                (
                    "responsible_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="named responsible organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical responsibility rule",
                "verbose_name_plural": "historical responsibility rules",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalUnit",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated"
                    ),
                ),
                (
                    "external_id",
                    models.CharField(
                        db_index=True, max_length=50, verbose_name="unit id"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "address",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="street address"
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True, max_length=10, verbose_name="postal code"
                    ),
                ),
                (
                    "city",
                    models.CharField(blank=True, max_length=100, verbose_name="city"),
                ),
                (
                    "placements",
                    models.PositiveIntegerField(default=0, verbose_name="placements"),
                ),
                (
                    "opened_on",
                    models.DateField(blank=True, null=True, verbose_name="opened on"),
                ),
                (
                    "closed_on",
                    models.DateField(blank=True, null=True, verbose_name="closed on"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The district the unit lies in; empty outside the city.",
                        limit_choices_to={"kind": "district_office"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="district",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "operated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For the city's own units: the organisation that runs it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="operated by",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="registry.provider",
                        verbose_name="provider",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical unit",
                "verbose_name_plural": "historical units",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="coverage",
            constraint=models.UniqueConstraint(
                fields=("agreement", "unit"), name="coverage_unique"
            ),
        ),
    ]
