"""Registry workbooks for tests: a small correct city, written as XLSX or as a
folder of Swedish CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from foljsam.demo import city
from foljsam.registry.tests.factories import org_number

EK = org_number(1)  # Ek Omsorg AB
AL = org_number(2)  # Al Vård AB
NEW = org_number(3)
NOWHERE = org_number(99)
CITY = city.CITY_ORG_NUMBER
BAD_CHECKSUM = "556000-0000"

Sheets = dict[str, list[list[Any]]]


def base_sheets() -> Sheets:
    """A small, correct city: canonical English headers, typed cells as Excel
    would hold them (dates, whole numbers)."""
    return {
        "organisations": [
            ["code", "name", "kind"],
            ["sof", "Socialförvaltningen", "central_office"],
            ["sdf-sodermalm", "Södermalms stadsdelsförvaltning", "district_office"],
            ["sdf-bromma", "Bromma stadsdelsförvaltning", "district_office"],
            ["utbf", "Utbildningsförvaltningen", "education_office"],
        ],
        "contract_areas": [
            ["code", "name", "law", "legal_reference", "cycle_years", "operating_area"],
            [
                "daglig-verksamhet",
                "Daglig verksamhet",
                "LSS",
                "9 § 10 LSS",
                3,
                "funktionsnedsattning",
            ],
            [
                "korttidstillsyn",
                "Korttidstillsyn",
                "LSS",
                "9 § 7 LSS",
                3,
                "funktionsnedsattning",
            ],
            ["missbruk-vuxna", "Missbruk", "SoL", "4 kap. 1 § SoL", 2, "missbruk"],
        ],
        "providers": [
            ["org_number", "name", "kind"],
            [EK, "Ek Omsorg AB", "company"],
            [AL, "Al Vård AB", "company"],
            [CITY, "Stockholms stad", "municipal"],
        ],
        "units": [
            [
                "unit_id",
                "provider_org_number",
                "name",
                "address",
                "postal_code",
                "city",
                "district",
                "operated_by",
                "placements",
                "opened_on",
                "closed_on",
            ],
            [
                "V1",
                EK,
                "Ateljé Ek",
                "Ekvägen 1",
                "116 28",
                "Stockholm",
                "sdf-sodermalm",
                None,
                12,
                dt.date(2020, 1, 1),
                None,
            ],
            [
                "V2",
                EK,
                "Verkstad Ek",
                "Ekgatan 2",
                "168 67",
                "Bromma",
                "sdf-bromma",
                None,
                5,
                dt.date(2021, 4, 1),
                None,
            ],
            [
                "V3",
                AL,
                "Behandlingshem Al",
                "Alvägen 3",
                "152 42",
                "Södertälje",
                None,
                None,
                4,
                dt.date(2015, 1, 1),
                None,
            ],
            [
                "K1",
                CITY,
                "Korttidstillsyn Ekskolan",
                "Skolvägen 1",
                "116 28",
                "Stockholm",
                "sdf-sodermalm",
                "utbf",
                20,
                dt.date(2010, 8, 1),
                None,
            ],
            [
                "K2",
                CITY,
                "Korttidstillsyn Alskolan",
                "Skolvägen 2",
                "168 67",
                "Bromma",
                "sdf-bromma",
                "utbf",
                15,
                dt.date(2012, 8, 1),
                None,
            ],
        ],
        "agreements": [
            [
                "reference",
                "provider_org_number",
                "contract_area",
                "kind",
                "signed_by",
                "valid_from",
                "valid_to",
                "terminated_on",
                "termination_reason",
                "unit_ids",
            ],
            [
                "SN 2020/0001",
                EK,
                "daglig-verksamhet",
                "lov",
                "sof",
                dt.date(2020, 1, 1),
                None,
                None,
                None,
                "V1;V2",
            ],
            [
                "SN 2021/0002",
                AL,
                "missbruk-vuxna",
                "lou",
                "sof",
                dt.date(2021, 3, 1),
                dt.date(2027, 2, 28),
                None,
                None,
                "V3",
            ],
            [
                "UB korttidstillsyn",
                CITY,
                "korttidstillsyn",
                "mission",
                None,
                dt.date(2016, 1, 1),
                None,
                None,
                None,
                "K1;K2",
            ],
        ],
    }


def write_xlsx(path: Path, sheets: Sheets) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


SWEDISH_HEADERS = {
    "organisationer": {"code": "Kod", "name": "Namn", "kind": "Typ"},
    "avtalsområden": {
        "code": "Kod",
        "name": "Namn",
        "law": "Lag",
        "legal_reference": "Lagrum",
        "cycle_years": "Uppföljningscykel (år)",
        "operating_area": "Verksamhetsområde",
    },
    "utförare": {
        "org_number": "Organisationsnummer",
        "name": "Namn",
        "kind": "Typ",
    },
    "verksamheter": {
        "unit_id": "Verksamhets-ID",
        "provider_org_number": "Utförarens organisationsnummer",
        "name": "Namn",
        "address": "Adress",
        "postal_code": "Postnummer",
        "city": "Ort",
        "district": "Stadsdel",
        "operated_by": "Drivs av",
        "placements": "Antal placeringar",
        "opened_on": "Öppnad",
        "closed_on": "Stängd",
    },
    "avtal": {
        "reference": "Diarienummer",
        "provider_org_number": "Utförare",
        "contract_area": "Avtalsområde",
        "kind": "Avtalsform",
        "signed_by": "Tecknat av",
        "valid_from": "Giltigt från",
        "valid_to": "Giltigt till",
        "terminated_on": "Hävt",
        "termination_reason": "Skäl",
        "unit_ids": "Verksamheter",
    },
}
SHEET_FOR_FILE = {
    "organisationer": "organisations",
    "avtalsområden": "contract_areas",
    "utförare": "providers",
    "verksamheter": "units",
    "avtal": "agreements",
}


def write_csv_folder(folder: Path, sheets: Sheets, encoding: str) -> Path:
    """One semicolon-separated file per sheet, named and headed in Swedish, as
    Swedish Excel saves "CSV (semikolonavgränsad)"."""
    folder.mkdir()
    for file_name, sheet in SHEET_FOR_FILE.items():
        header, *rows = sheets[sheet]
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(SWEDISH_HEADERS[file_name][column] for column in header)
        for row in rows:
            writer.writerow("" if value is None else str(value) for value in row)
        (folder / f"{file_name}.csv").write_bytes(stream.getvalue().encode(encoding))
    return folder
