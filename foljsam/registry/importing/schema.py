"""The sheets and columns of a registry import, with the Swedish names accepted."""

from __future__ import annotations

from foljsam.core.tabular import ColumnSpec, SheetSpec

ORGANISATIONS = "organisations"
CONTRACT_AREAS = "contract_areas"
PROVIDERS = "providers"
UNITS = "units"
AGREEMENTS = "agreements"

# Order matters: later sheets refer to earlier ones.
SHEET_ORDER = (ORGANISATIONS, CONTRACT_AREAS, PROVIDERS, UNITS, AGREEMENTS)

_NAME = ColumnSpec("name", ("namn", "benämning"), required=True)
_PROVIDER = ColumnSpec(
    "provider_org_number",
    (
        "provider",
        "utförare",
        "utförarens organisationsnummer",
        "utförare orgnr",
        "orgnr",
        "organisationsnummer",
    ),
    required=True,
)

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        ORGANISATIONS,
        (
            ColumnSpec("code", ("kod", "organisationskod"), required=True),
            _NAME,
            ColumnSpec("kind", ("typ", "slag", "organisationstyp"), required=True),
        ),
        aliases=("organisationer", "organizations", "organisation"),
    ),
    SheetSpec(
        CONTRACT_AREAS,
        (
            ColumnSpec("code", ("kod",), required=True),
            _NAME,
            ColumnSpec("law", ("lag",), required=True),
            ColumnSpec("legal_reference", ("lagrum", "författning", "paragraf")),
            ColumnSpec(
                "cycle_years",
                ("cykel", "uppföljningscykel", "cykel år", "uppföljningscykel år"),
            ),
            ColumnSpec("operating_area", ("verksamhetsområde",)),
            ColumnSpec(
                "address_protected",
                ("skyddad adress", "skyddade adresser", "adress skyddad"),
            ),
        ),
        aliases=("avtalsområden", "avtalsomrade", "insatser", "contract areas"),
    ),
    SheetSpec(
        PROVIDERS,
        (
            ColumnSpec(
                "org_number",
                ("orgnr", "organisationsnummer", "org nr", "organisation number"),
                required=True,
            ),
            _NAME,
            ColumnSpec("kind", ("typ", "slag", "utförartyp"), required=True),
            ColumnSpec(
                "contact_email",
                ("e-post", "epost", "e-postadress", "kontakt e-post", "kontaktadress"),
            ),
        ),
        aliases=("utförare", "leverantörer", "leverantorer"),
    ),
    SheetSpec(
        UNITS,
        (
            ColumnSpec(
                "unit_id",
                ("verksamhets id", "verksamhetsid", "id", "extern id"),
                required=True,
            ),
            _PROVIDER,
            _NAME,
            ColumnSpec("address", ("adress", "gatuadress", "besöksadress")),
            ColumnSpec("postal_code", ("postnummer", "postnr")),
            ColumnSpec("city", ("ort", "postort")),
            ColumnSpec("district", ("stadsdel", "stadsdelsförvaltning", "sdf")),
            ColumnSpec("operated_by", ("drivs av", "driftsorganisation", "driftas av")),
            ColumnSpec("placements", ("placeringar", "antal placeringar")),
            ColumnSpec("opened_on", ("öppnad", "startdatum", "öppnad den")),
            ColumnSpec("closed_on", ("stängd", "stängd den", "nedlagd")),
        ),
        aliases=("verksamheter", "enheter"),
    ),
    SheetSpec(
        AGREEMENTS,
        (
            ColumnSpec(
                "reference",
                ("diarienummer", "dnr", "referens", "avtalsnummer"),
                required=True,
            ),
            _PROVIDER,
            ColumnSpec("contract_area", ("avtalsområde", "insats"), required=True),
            ColumnSpec("kind", ("avtalsform", "typ", "avtalstyp"), required=True),
            ColumnSpec("signed_by", ("tecknat av", "avtalstecknare", "tecknad av")),
            ColumnSpec(
                "valid_from", ("giltigt från", "från", "startdatum"), required=True
            ),
            ColumnSpec("valid_to", ("giltigt till", "till", "slutdatum")),
            ColumnSpec("terminated_on", ("hävt", "uppsagt", "avslutat", "hävd")),
            ColumnSpec("termination_reason", ("skäl", "orsak", "skäl för avslut")),
            ColumnSpec("unit_ids", ("verksamheter", "verksamhets id", "verksamhetsid")),
        ),
        aliases=("avtal",),
    ),
)

# Accepted spellings of each coded value. Keys are normalised (see
# ``foljsam.core.tabular.normalise_name``).
ORGANISATION_KINDS = {
    # Swedes often write the definite form ("Socialförvaltningen").
    "central_office": (
        "central",
        "centralforvaltning",
        "socialforvaltning",
        "socialforvaltningen",
    ),
    "district_office": (
        "district",
        "stadsdelsforvaltning",
        "stadsdelsforvaltningen",
        "sdf",
        "stadsdel",
    ),
    "education_office": (
        "utbildningsforvaltning",
        "utbildningsforvaltningen",
        "education",
    ),
    "other": ("annan", "ovrig", "ovrigt"),
}
LAWS = {"SoL": ("sol",), "LSS": ("lss",)}
PROVIDER_KINDS = {
    "company": ("foretag", "bolag", "aktiebolag", "ab"),
    "nonprofit": ("non_profit", "ideburen", "ideell", "ideell_forening"),
    "municipal": ("kommunal", "kommunen", "staden", "egen_regi"),
}
AGREEMENT_KINDS = {
    "lov": ("valfrihetssystem",),
    "lou": ("ramavtal",),
    "entreprenad": ("entreprenadavtal",),
    "individual": ("individuellt", "individuellt_avtal"),
    "mission": ("uppdragsbeskrivning", "uppdrag"),
}
