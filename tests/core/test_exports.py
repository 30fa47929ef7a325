"""core.exports: one helper writes every report as XLSX or CSV, with formula cells neutralised."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from core.exports import csv_response, export_response, neutralise, xlsx_response

DANGEROUS = ["=1+2", "+46701234567", "-2+3", "@SUM(A1)", "\tindent", "\rcarriage", "\nline", '=HYPERLINK("http://x")']
HEADER = ["Namn", "Värde", "När"]


def _csv_rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _sheet(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return workbook.active


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_prefixes_formula_like_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Åsa Öberg", "a=b", "", "1-2", 5, -5, 3.5, None, datetime.date(2026, 3, 1)])
def test_neutralise_leaves_other_values(value):
    assert neutralise(value) == value


def test_csv_neutralises_quotes_every_field_and_has_bom():
    rows = [[value, -3, datetime.date(2026, 3, 1)] for value in DANGEROUS]
    response = csv_response("rapport.csv", HEADER, rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.csv"'
    body = response.content.decode("utf-8")
    first_line = body[1:].split("\r\n")[0]
    assert first_line == '"Namn";"Värde";"När"'  # semicolons, every field quoted
    parsed = _csv_rows(response)
    assert parsed[0] == HEADER
    assert [row[0] for row in parsed[1:]] == ["'" + value for value in DANGEROUS]
    assert parsed[1][1:] == ["-3", "2026-03-01"]  # numbers are not text, so not prefixed


def test_csv_quotes_plain_numbers_too():
    response = csv_response("a.csv", ["n"], [[1]])
    assert response.content.decode("utf-8") == '\ufeff"n"\r\n"1"\r\n'


def test_xlsx_neutralises_and_keeps_types():
    when = datetime.datetime(2026, 3, 1, 7, 30, tzinfo=datetime.UTC)  # 08:30 in Stockholm (CET)
    rows = [[value, 42, when] for value in DANGEROUS] + [["=header-like", 1.5, datetime.date(2026, 3, 2)]]
    response = xlsx_response("rapport.xlsx", ["=Namn", "Värde", "När"], rows, sheet_title="Beredskap")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.xlsx"'
    sheet = _sheet(response)
    assert sheet.title == "Beredskap"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("'=Namn", "Värde", "När")
    assert sheet["A1"].font.bold
    for row, value in zip(values[1:], DANGEROUS, strict=False):
        # XML turns a stored CR into LF when the file is read back; the apostrophe is what matters.
        assert row[0] in ("'" + value, "'" + value.replace("\r", "\n"))
        assert row[1] == 42
        assert row[2] == datetime.datetime(2026, 3, 1, 8, 30)  # naive, Stockholm local time
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, len(values) + 1))
    assert values[-1][1] == 1.5
    assert values[-1][0] == "'=header-like"


def test_xlsx_summer_time_is_local():
    when = datetime.datetime(2026, 7, 1, 6, 0, tzinfo=datetime.UTC)
    sheet = _sheet(xlsx_response("a.xlsx", ["När"], [[when]]))
    assert sheet["A2"].value == datetime.datetime(2026, 7, 1, 8, 0)
    stockholm = when.astimezone(ZoneInfo("Europe/Stockholm"))
    assert sheet["A2"].value == stockholm.replace(tzinfo=None)


def test_xlsx_drops_control_characters_it_cannot_store():
    sheet = _sheet(xlsx_response("a.xlsx", ["x"], [["bell\x07 here"]]))
    assert sheet["A2"].value == "bell here"


def test_a_generator_of_5000_rows_is_written_in_both_formats():
    def rows():
        for n in range(5000):
            yield [f"Person {n}", n, "=evil" if n % 1000 == 0 else "ok"]

    sheet = _sheet(xlsx_response("many.xlsx", HEADER, rows()))
    assert sheet.max_row == 5001
    assert sheet["C2"].value == "'=evil"
    assert sheet["A5001"].value == "Person 4999"
    parsed = _csv_rows(csv_response("many.csv", HEADER, rows()))
    assert len(parsed) == 5001
    assert parsed[1001] == ["Person 1000", "1000", "'=evil"]


def test_export_response_dispatches_and_refuses_other_formats():
    assert export_response("csv", "rapport", ["a"], [[1]])["Content-Disposition"].endswith('filename="rapport.csv"')
    assert export_response("xlsx", "rapport", ["a"], [[1]])["Content-Disposition"].endswith('filename="rapport.xlsx"')
    bad = export_response("pdf", "rapport", ["a"], [[1]])
    assert bad.status_code == 400
    assert b"xlsx" in bad.content


def test_non_ascii_filename_is_encoded():
    response = csv_response("slutförande.csv", ["a"], [])
    assert "filename*=utf-8''slutf%C3%B6rande.csv" in response["Content-Disposition"]


def test_xlsx_freezes_the_header_filters_the_data_and_sizes_the_columns():
    long_text = "Förvaltningen för " + "mycket " * 40
    rows = [["Åsa Öberg", 7, datetime.date(2026, 3, 2), long_text], ["=cmd|' /C calc'!A0", 12345, None, "kort"]]
    sheet = _sheet(xlsx_response("a.xlsx", ["Namn", "Antal", "Dag", "Kommentar"], rows))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["A"] == len("'=cmd|' /C calc'!A0") + 2  # the longest cell, apostrophe included
    assert widths["B"] == 8  # at least the minimum
    assert widths["C"] == 12  # a date shows as 2026-03-02
    assert widths["D"] == 60  # capped
    assert sheet["A3"].value == "'=cmd|' /C calc'!A0"  # still neutralised
    assert sheet["A1"].font.bold


def test_xlsx_multiline_cell_is_as_wide_as_its_longest_line():
    sheet = _sheet(xlsx_response("a.xlsx", ["K"], [["kort\n" + "x" * 20 + "\nkort"]]))
    assert sheet.column_dimensions["A"].width == 22


def test_xlsx_without_rows_still_has_header_filter_and_freeze():
    sheet = _sheet(xlsx_response("a.xlsx", ["Namn", "Värde"], iter([])))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B1"
    assert list(sheet.iter_rows(values_only=True)) == [("Namn", "Värde")]
