"""Reading workbooks, CSV files and folders into tables of text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.utils.translation import gettext as _
from openpyxl import Workbook

from foljsam.core import tabular
from foljsam.core.tabular import (
    ColumnSpec,
    Issue,
    Row,
    SheetSpec,
    TabularError,
    build_tables,
    cell_text,
    decode_text,
    normalise_name,
    read_csv_text,
    read_path,
    read_uploads,
    read_xlsx,
    tables_from_records,
)

PROVIDERS = SheetSpec(
    "providers",
    (
        ColumnSpec("org_number", ("organisationsnummer", "orgnr"), required=True),
        ColumnSpec("name", ("namn",), required=True),
        ColumnSpec("valid_from", ("giltigt från",)),
    ),
    aliases=("utförare", "leverantörer"),
)
AREAS = SheetSpec(
    "contract_areas",
    (ColumnSpec("code", ("kod",), required=True),),
    aliases=("avtalsområden",),
)
SPECS = (PROVIDERS, AREAS)


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# Names and cells ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giltigt från", "giltigt_fran"),
        ("  ORGNR ", "orgnr"),
        ("Org nr", "org_nr"),
        ("Verksamhets-ID", "verksamhets_id"),
        ("Stängd\u00a0den", "stangd_den"),
        ("Avtalsområde / insats", "avtalsomrade_insats"),
        ("Utförare", "utforare"),
        # Decomposed (NFD) spelling, as macOS file names have it.
        ("Utfo\u0308rare", "utforare"),
        # A heading wrapped onto two lines in Excel (Alt+Enter).
        ("Giltigt\nfrån", "giltigt_fran"),
        ("Skäl\tför  avslut", "skal_for_avslut"),
        ("__kod__", "kod"),
        ("", ""),
    ],
)
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (dt.datetime(2024, 1, 2, 0, 0), "2024-01-02"),
        (dt.datetime(2024, 1, 2, 14, 30), "2024-01-02 14:30:00"),
        (dt.date(2023, 12, 31), "2023-12-31"),
        (12.0, "12"),
        (12.5, "12.5"),
        (5560000001, "5560000001"),
        (5560000001.0, "5560000001"),
        (True, "true"),
        (False, "false"),
        ("  Södermalm \n", "Södermalm"),
        (0, "0"),
    ],
)
def test_cell_text(value: object, expected: str) -> None:
    assert cell_text(value) == expected


# CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_read_off_the_header(delimiter: str) -> None:
    text = delimiter.join(["Organisationsnummer", "Namn"]) + "\n"
    text += delimiter.join(["556000-0001", "Ek AB"]) + "\n"

    assert read_csv_text(text) == [
        ["Organisationsnummer", "Namn"],
        ["556000-0001", "Ek AB"],
    ]


def test_csv_semicolon_file_with_commas_in_values() -> None:
    text = 'kod;namn\r\nsdf-x;"Stöd, vård och omsorg"\r\n'

    assert read_csv_text(text) == [["kod", "namn"], ["sdf-x", "Stöd, vård och omsorg"]]


def test_csv_delimiter_is_read_off_the_first_non_blank_line() -> None:
    text = "\n\nkod;namn\nsdf-x;Stöd, vård\n"

    rows = read_csv_text(text)

    assert [row for row in rows if row] == [["kod", "namn"], ["sdf-x", "Stöd, vård"]]


def test_csv_cells_are_stripped() -> None:
    assert read_csv_text("a , b\n 1 ,2 \n") == [["a", "b"], ["1", "2"]]


def test_decode_utf8_with_bom() -> None:
    data = "\ufeffNamn;Ort\nÅsa;Södertälje\n".encode()

    assert decode_text(data) == "Namn;Ort\nÅsa;Södertälje\n"


def test_decode_utf8_without_bom() -> None:
    assert decode_text("Hägersten".encode()) == "Hägersten"


def test_decode_windows_1252_as_swedish_excel_saves_it() -> None:
    data = "Namn;Ort\nÖstermalm;Skärholmen \u2013 söder\n".encode("cp1252")

    assert decode_text(data) == "Namn;Ort\nÖstermalm;Skärholmen \u2013 söder\n"


def test_decode_utf16_with_bom() -> None:
    data = "Namn\tOrt\nÅsa\tSöder\n".encode("utf-16")

    assert decode_text(data) == "Namn\tOrt\nÅsa\tSöder\n"


# Matching sheets and columns ---------------------------------------------------


def test_headers_match_aliases_with_and_without_diacritics() -> None:
    raw = {
        "Utförare": [
            ["Organisationsnummer", "NAMN", "Giltigt fran"],
            ["556000-0001", "Ek AB", "2024-01-01"],
        ],
        "avtalsomraden": [["Kod"], ["daglig-verksamhet"]],
    }

    tables, issues, ignored = build_tables(raw, SPECS)

    assert issues == []
    assert ignored == []
    providers = tables["providers"]
    assert providers.columns == {"org_number", "name", "valid_from"}
    assert providers.rows == [
        Row(
            2,
            {
                "org_number": "556000-0001",
                "name": "Ek AB",
                "valid_from": "2024-01-01",
            },
        )
    ]
    assert tables["contract_areas"].rows == [Row(2, {"code": "daglig-verksamhet"})]


def test_unknown_sheets_and_columns_are_reported_as_ignored() -> None:
    raw = {
        "providers": [["orgnr", "namn", "Kommentar"], ["5560000001", "Ek AB", "x"]],
        "Instruktioner": [["Fyll i bladen"]],
    }

    tables, issues, ignored = build_tables(raw, SPECS)

    assert issues == []
    assert ignored == ["Instruktioner"]
    assert tables["providers"].ignored_columns == ("Kommentar",)
    assert tables["providers"].rows[0].values == {
        "org_number": "5560000001",
        "name": "Ek AB",
    }


def test_missing_required_column_names_sheet_row_and_column() -> None:
    raw = {"Utförare": [["Namn"], ["Ek AB"]]}

    tables, issues, _ignored = build_tables(raw, SPECS)

    assert "providers" not in tables
    assert issues == [
        Issue("providers", 1, "org_number", _("The required column is missing."))
    ]


def test_missing_column_is_placed_on_the_header_row_where_it_really_is() -> None:
    raw = {"providers": [[], ["", ""], ["namn"], ["Ek AB"]]}

    _tables, issues, _ignored = build_tables(raw, SPECS)

    assert [(i.sheet, i.row, i.column) for i in issues] == [
        ("providers", 3, "org_number")
    ]


def test_two_columns_meaning_the_same_is_an_issue() -> None:
    raw = {"providers": [["orgnr", "Namn", "Organisationsnummer"], ["1", "2", "3"]]}

    tables, issues, _ignored = build_tables(raw, SPECS)

    assert tables == {}
    assert len(issues) == 1
    assert (issues[0].sheet, issues[0].row, issues[0].column) == (
        "providers",
        1,
        "Organisationsnummer",
    )
    assert "org_number" in issues[0].message


def test_every_header_problem_is_listed_at_once() -> None:
    raw = {
        "providers": [["orgnr", "orgnr"]],
        "contract_areas": [["namn"]],
    }

    _tables, issues, _ignored = build_tables(raw, SPECS)

    assert {(i.sheet, i.column) for i in issues} == {
        ("providers", "orgnr"),
        ("providers", "name"),
        ("contract_areas", "code"),
    }


def test_the_same_table_twice_is_an_issue() -> None:
    raw = {
        "providers": [["orgnr", "namn"], ["5560000001", "Ek AB"]],
        "Utförare": [["orgnr", "namn"], ["5560000019", "Al AB"]],
    }

    tables, issues, _ignored = build_tables(raw, SPECS)

    assert [(i.sheet, i.row, i.column) for i in issues] == [("providers", None, None)]
    assert tables["providers"].rows[0].values["name"] == "Ek AB"


def test_blank_rows_are_skipped_and_rows_keep_the_numbers_the_user_sees() -> None:
    raw = {
        "providers": [
            ["", "", ""],
            ["orgnr", "namn", ""],
            ["5560000001", "Ek AB", ""],
            ["", "", ""],
            [],
            ["5560000019", "Al AB"],
        ]
    }

    tables, issues, _ignored = build_tables(raw, SPECS)

    assert issues == []
    assert [(row.number, row.get("name")) for row in tables["providers"].rows] == [
        (3, "Ek AB"),
        (6, "Al AB"),
    ]


def test_short_rows_read_as_empty_cells() -> None:
    raw = {"providers": [["namn", "orgnr", "giltigt från"], ["Ek AB"]]}

    tables, _issues, _ignored = build_tables(raw, SPECS)

    row = tables["providers"].rows[0]
    assert row.values == {"name": "Ek AB", "org_number": "", "valid_from": ""}
    assert row.get("not_a_column") == ""


def test_an_empty_sheet_is_an_empty_table() -> None:
    tables, issues, _ignored = build_tables({"providers": []}, SPECS)

    assert issues == []
    assert tables["providers"].rows == []


def test_tables_from_records_number_rows_like_a_file() -> None:
    tables = tables_from_records(
        {
            "providers": [
                {"org_number": "5560000001", "name": "Ek AB"},
                {"org_number": 5560000019, "valid_from": dt.date(2024, 1, 1)},
            ]
        }
    )

    table = tables["providers"]
    assert table.columns == {"org_number", "name", "valid_from"}
    assert [(row.number, row.get("org_number")) for row in table.rows] == [
        (2, "5560000001"),
        (3, "5560000019"),
    ]
    assert table.rows[1].get("valid_from") == "2024-01-01"
    assert table.rows[1].get("name") == ""


def test_issue_reads_as_a_place_and_a_message() -> None:
    text = str(Issue("units", 7, "district", "'sdf-x' is unknown."))

    assert "units" in text
    assert "7" in text
    assert "district" in text
    assert text.endswith("'sdf-x' is unknown.")


def test_issue_about_the_whole_file_has_no_empty_place() -> None:
    assert str(Issue("", None, None, "No sheets.")) == "No sheets."


# XLSX --------------------------------------------------------------------------


def test_read_xlsx_reads_every_sheet_as_text() -> None:
    data = _xlsx(
        {
            "Utförare": [
                ["Organisationsnummer", "Namn", "Giltigt från", "Platser"],
                [5560000001, "Ek AB", dt.datetime(2024, 1, 2), 12.0],
                [None, None, None, None],
                ["556000-0019", "  Al AB ", dt.date(2023, 5, 6), 3],
            ],
            "Avtalsområden": [["Kod"], ["korttidstillsyn"]],
        }
    )

    raw = read_xlsx(io.BytesIO(data))

    assert list(raw) == ["Utförare", "Avtalsområden"]
    assert raw["Utförare"] == [
        ["Organisationsnummer", "Namn", "Giltigt från", "Platser"],
        ["5560000001", "Ek AB", "2024-01-02", "12"],
        ["", "", "", ""],
        ["556000-0019", "Al AB", "2023-05-06", "3"],
    ]
    assert raw["Avtalsområden"] == [["Kod"], ["korttidstillsyn"]]


def test_read_xlsx_keeps_row_numbers_when_the_table_starts_lower_down() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "providers"
    sheet["B3"] = "orgnr"
    sheet["C3"] = "namn"
    sheet["B5"] = "5560000001"
    sheet["C5"] = "Ek AB"
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)

    tables, issues, _ignored = build_tables(read_xlsx(stream), SPECS)

    assert issues == []
    assert [(row.number, row.values) for row in tables["providers"].rows] == [
        (5, {"org_number": "5560000001", "name": "Ek AB"})
    ]


def test_a_file_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(TabularError) as raised:
        read_xlsx(io.BytesIO(b"organisationer;kod\nsof;central\n"))

    assert str(raised.value) == _("The file is not a readable XLSX workbook.")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "hej")

    with pytest.raises(TabularError):
        read_xlsx(stream)


def test_a_workbook_with_a_broken_sheet_is_refused_not_a_crash() -> None:
    # openpyxl's read-only mode parses a sheet only when it is iterated.
    source = zipfile.ZipFile(io.BytesIO(_xlsx({"providers": [["orgnr"], ["1"]]})))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.endswith("sheet1.xml"):
                data = data[: len(data) // 2]
            archive.writestr(entry, data)
    broken.seek(0)

    with pytest.raises(TabularError):
        read_xlsx(broken)


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_openpyxl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 5 MB of zeros compress to a few kilobytes: a small zip bomb.
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    assert len(stream.getvalue()) < 100_000
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", 1_000_000)

    with pytest.raises(TabularError) as raised:
        read_xlsx(stream)

    assert str(raised.value) == _("The workbook unpacks to more data than allowed.")


def test_a_real_workbook_over_the_declared_size_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _xlsx({"providers": [["orgnr"], ["5560000001"]]})
    declared = sum(e.file_size for e in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", declared - 1)

    with pytest.raises(TabularError) as raised:
        read_xlsx(io.BytesIO(data))
    assert str(raised.value) == _("The workbook unpacks to more data than allowed.")

    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", declared)
    assert read_xlsx(io.BytesIO(data)) == {"providers": [["orgnr"], ["5560000001"]]}


def test_a_workbook_with_too_many_parts_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _xlsx({"providers": [["orgnr"]]})
    parts = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(tabular, "MAX_XLSX_ENTRIES", parts - 1)

    with pytest.raises(TabularError) as raised:
        read_xlsx(io.BytesIO(data))

    assert str(raised.value) == _("The workbook has too many parts to be a real XLSX.")


# Paths and uploads -------------------------------------------------------------


def test_read_path_folder_reads_every_csv_named_after_its_table(
    tmp_path: Path,
) -> None:
    (tmp_path / "utförare.csv").write_bytes(
        "Organisationsnummer;Namn\n556000-0001;Ek AB\n".encode("cp1252")
    )
    (tmp_path / "avtalsområden.CSV").write_text("kod\nboendestod\n", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("not a table", encoding="utf-8")
    (tmp_path / "old").mkdir()

    raw = read_path(tmp_path)

    assert raw == {
        "avtalsområden": [["kod"], ["boendestod"]],
        "utförare": [["Organisationsnummer", "Namn"], ["556000-0001", "Ek AB"]],
    }


def test_read_path_folder_without_csv_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data.xlsx").write_bytes(_xlsx({"providers": [["orgnr"]]}))

    with pytest.raises(TabularError):
        read_path(tmp_path)


def test_read_path_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "register.XLSX"
    path.write_bytes(_xlsx({"providers": [["orgnr"], ["5560000001"]]}))

    assert read_path(path) == {"providers": [["orgnr"], ["5560000001"]]}


def test_read_path_single_csv_is_one_table_named_after_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "units.csv"
    path.write_text("unit_id\tname\nV1\tEk\n", encoding="utf-8-sig")

    assert read_path(path) == {"units": [["unit_id", "name"], ["V1", "Ek"]]}


def test_read_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TabularError) as raised:
        read_path(tmp_path / "nothing.xlsx")

    assert "nothing.xlsx" in str(raised.value)


@pytest.mark.parametrize("name", ["register.xls", "register.ods", "register"])
def test_read_path_unsupported_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"data")

    with pytest.raises(TabularError) as raised:
        read_path(path)

    assert name in str(raised.value)


def test_read_uploads_workbook_and_csv_files() -> None:
    raw = read_uploads(
        [
            ("register.xlsx", io.BytesIO(_xlsx({"providers": [["orgnr"], ["1"]]}))),
            ("units.csv", io.BytesIO("unit_id;name\nV1;Ek\n".encode("cp1252"))),
        ]
    )

    assert raw == {
        "providers": [["orgnr"], ["1"]],
        "units": [["unit_id", "name"], ["V1", "Ek"]],
    }


def test_read_uploads_refuses_other_files() -> None:
    with pytest.raises(TabularError) as raised:
        read_uploads([("register.pdf", io.BytesIO(b"%PDF"))])

    assert "register.pdf" in str(raised.value)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Uppföljningscykel (år)", "uppfoljningscykel_ar"),
        ("Org.nr", "org_nr"),
        ("Verksamhets-ID:", "verksamhets_id"),
        ("Kod*", "kod"),
    ],
)
def test_normalise_name_drops_punctuation(heading: str, expected: str) -> None:
    assert normalise_name(heading) == expected
