"""The columns of the follow-up history import, with the Swedish names and values
accepted (among them the Swedish labels the pages show, so that a value copied
from the upload page's list works).

Value aliases are written as ``foljsam.core.tabular.normalise_name`` leaves them:
lower case, no diacritics, words joined by underscores.
"""

from __future__ import annotations

from foljsam.core.tabular import ColumnSpec, SheetSpec

FOLLOWUPS = "followups"

SHEET = SheetSpec(
    FOLLOWUPS,
    (
        ColumnSpec("year", ("år", "uppföljningsår", "avser år"), required=True),
        ColumnSpec(
            "unit_id",
            (
                "verksamhets id",
                "verksamhetsid",
                "verksamhets-id",
                "extern id",
                "enhets id",
            ),
            required=True,
        ),
        ColumnSpec("contract_area", ("avtalsområde", "insats"), required=True),
        ColumnSpec(
            "status", ("uppföljningsstatus", "genomförd eller inte"), required=True
        ),
        ColumnSpec("outcome", ("utfall", "bedömning", "resultat")),
        ColumnSpec(
            "not_performed_reason",
            (
                "skäl",
                "orsak",
                "anledning",
                "skäl ej genomförd",
                "skäl till att den inte genomfördes",
            ),
        ),
        ColumnSpec(
            "agreement_reference",
            ("avtal", "avtalsreferens", "avtalets diarienummer", "diarienummer", "dnr"),
        ),
        ColumnSpec("methods", ("metoder", "metod", "uppföljningsmetoder")),
        ColumnSpec(
            "performed_on",
            ("genomförd", "genomförd den", "besöksdatum", "datum", "utförd den"),
        ),
        ColumnSpec(
            "performed_by",
            (
                "utförd av",
                "genomförd av",
                "uppföljande organisation",
                "uppföljare",
                "förvaltning",
            ),
        ),
        ColumnSpec(
            "deficiency_categories",
            ("brister", "bristkategorier", "bristområden", "kategorier"),
        ),
        ColumnSpec(
            "correction_request",
            ("begäran om rättelse", "rättelse", "begärd rättelse"),
        ),
    ),
    aliases=(
        "uppföljningar",
        "uppfoljningar",
        "tidigare år",
        "historik",
        "follow-ups",
        "follow ups",
    ),
)

PERFORMED = "performed"
NOT_PERFORMED = "not_performed"

STATUSES: dict[str, tuple[str, ...]] = {
    PERFORMED: ("genomford", "genomfort", "utford", "utfort", "ja", "done"),
    NOT_PERFORMED: (
        "ej_genomford",
        "ej_genomfort",
        "inte_genomford",
        "inte_genomfort",
        "ej_utford",
        "inte_utford",
        "installd",
        "nej",
        "cancelled",
        "not_done",
    ),
}

OUTCOMES: dict[str, tuple[str, ...]] = {
    "complies": (
        "foljer_avtalet",
        "foljer_uppdragsbeskrivningen",
        "foljer",
        "uppfyller_avtalet",
        "complies_with_the_agreement",
        "complies_with_the_mission_description",
    ),
    "complies_after_complement": (
        "foljer_avtalet_efter_komplettering",
        "foljer_avtalet_efter_komplettering_av_brister",
        "foljer_uppdragsbeskrivningen_efter_komplettering",
        "foljer_uppdragsbeskrivningen_efter_komplettering_av_brister",
        "efter_komplettering",
        "complies_with_the_agreement_after_complement",
        "complies_with_the_mission_description_after_complement",
    ),
    "minor_deficiencies_remain": (
        "foljer_avtalet_med_mindre_brister",
        "foljer_uppdragsbeskrivningen_med_mindre_brister",
        "mindre_brister",
        "mindre_brister_kvarstar",
        "vissa_brister_kvarstar",
        "foljer_avtalet_vissa_brister_kvarstar",
        "foljer_avtalet_vissa_mindre_brister_kvarstar",
        "foljer_uppdragsbeskrivningen_vissa_mindre_brister_kvarstar",
        "complies_with_the_agreement_minor_deficiencies_remain",
        "complies_with_the_mission_description_minor_deficiencies_remain",
    ),
    "does_not_comply": (
        "foljer_inte_avtalet",
        "foljer_ej_avtalet",
        "foljer_inte_uppdragsbeskrivningen",
        "foljer_ej_uppdragsbeskrivningen",
        "uppfyller_inte_avtalet",
        "does_not_comply_with_the_agreement",
        "does_not_comply_with_the_mission_description",
    ),
}

REASONS: dict[str, tuple[str, ...]] = {
    "agreement_terminated": (
        "avtalet_sades_upp",
        "avtalet_upphorde",
        "avtalet_havdes",
        "avtalet_avslutades",
        "avtal_uppsagt",
        "avtal_avslutat",
        "uppsagt_avtal",
        "havt_avtal",
        "the_agreement_was_terminated",
    ),
    "unit_closed": (
        "verksamheten_lades_ned",
        "verksamheten_stangdes",
        "verksamheten_upphorde",
        "nedlagd",
        "stangd",
        "lades_ned",
        "the_unit_closed",
    ),
    "other": ("annat", "annan", "ovrigt", "annat_skal", "other_reason"),
}

METHODS: dict[str, tuple[str, ...]] = {
    "site_visit": ("platsbesok", "besok", "verksamhetsbesok"),
    "digital_visit": ("digitalt_besok", "videobesok", "digitalt_mote"),
    "survey": ("enkat", "enkater"),
    "self_report": (
        "sjalvrapportering",
        "egenrapportering",
        "sjalvskattning",
        "sjalvdeklaration",
    ),
    "document_review": (
        "dokumentgranskning",
        "granskning_av_rutiner",
        "granskning_av_rutiner_och_dokument",
        "granskning_av_kvalitetsrutiner",
        "granskning_av_rutiner_och_underlag",
        "review_of_routines_and_documents",
    ),
    "screening": ("digital_screening",),
    "financial_check": (
        "ekonomisk_kontroll",
        "ekonomisk_och_seriositetskontroll",
        "ekonomisk_kontroll_och_seriositetskontroll",
        "seriositetskontroll",
        "financial_and_seriousness_check",
    ),
}

YES_NO: dict[str, tuple[str, ...]] = {
    "yes": ("ja", "j", "true", "sant", "1", "x"),
    "no": ("nej", "n", "false", "falskt", "0"),
}
