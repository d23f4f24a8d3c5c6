"""The columns of a signal import, with the Swedish names and values accepted.

Value aliases are written as ``foljsam.core.tabular.normalise_name`` leaves them:
lower case, no diacritics, words joined by underscores.
"""

from __future__ import annotations

from foljsam.core.tabular import ColumnSpec, SheetSpec

SIGNALS = "signals"

SHEET = SheetSpec(
    SIGNALS,
    (
        ColumnSpec(
            "reference",
            ("diarienummer", "dnr", "referens", "ärendenummer"),
            required=True,
        ),
        ColumnSpec(
            "received_on",
            ("inkom", "inkommen", "inkom den", "inkommen den", "mottagen"),
            required=True,
        ),
        ColumnSpec("source", ("källa", "signaltyp", "typ av signal"), required=True),
        ColumnSpec("category", ("kategori",), required=True),
        ColumnSpec(
            "summary",
            ("sammanfattning", "beskrivning", "kort beskrivning"),
            required=True,
        ),
        ColumnSpec(
            "provider_org_number",
            (
                "provider",
                "utförare",
                "utförarens organisationsnummer",
                "utförare orgnr",
                "orgnr",
                "organisationsnummer",
            ),
        ),
        ColumnSpec("unit_id", ("verksamhets id", "verksamhetsid", "extern id")),
        ColumnSpec("contract_area", ("avtalsområde", "insats")),
        ColumnSpec("status", ("handläggningsstatus",)),
        ColumnSpec("closed_on", ("avslutad", "avslutad den", "stängd", "stängd den")),
        ColumnSpec("handling_note", ("handläggning", "åtgärd", "åtgärder")),
        ColumnSpec(
            "organisation", ("förvaltning", "registrerad av", "organisationskod")
        ),
    ),
    aliases=("signaler", "klagomål", "klagomal", "signal"),
)

SOURCES: dict[str, tuple[str, ...]] = {
    "complaint": ("klagomal", "klagomal_pa_utforare"),
    "deviation": ("avvikelse", "avvikelserapport", "avvikelser"),
    "lex_sarah": ("lex_sarah", "lex_sarah_rapport", "lexsarah"),
    "ivo_decision": ("ivo", "beslut_fran_ivo", "ivo_beslut", "ivo_decision"),
    "case_officer": (
        "handlaggare",
        "tips_fran_handlaggare",
        "tips_fran_en_handlaggare",
        "handlaggartips",
    ),
    "financial_check": (
        "ekonomisk_kontroll",
        "flagga_fran_ekonomisk_kontroll",
        "ekonomi",
        "ekonomisk_granskning",
    ),
    "other": ("annan", "annat", "ovrigt", "ovrig", "annan_signal"),
}

STATUSES: dict[str, tuple[str, ...]] = {
    "received": ("mottagen", "inkommen", "inkom", "ny"),
    "investigating": (
        "utreds",
        "under_utredning",
        "handlaggs",
        "under_handlaggning",
        "undersoks",
    ),
    "closed": ("avslutad", "stangd", "klar", "avslutat"),
    "dismissed": ("avskriven", "ogrundad", "avskriven_som_ogrundad", "lagd_ad_acta"),
}

# Which column a model field is read from: problems found on the model's fields
# are reported on the column the user wrote.
COLUMN_OF_FIELD = {
    "provider": "provider_org_number",
    "unit": "unit_id",
}
