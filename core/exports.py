"""The one export helper: reports yield rows, this writes them as XLSX or CSV.

CSV is semicolon-separated UTF-8 with a BOM (what Swedish Excel opens without a wizard), every
field quoted. In both formats a text cell that a spreadsheet would read as a formula (it begins
with =, +, -, @, tab, CR or LF) gets a leading apostrophe, so it stays text.
"""

import csv
import datetime
import decimal
import io
from zoneinfo import ZoneInfo

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

LOCAL_TIME = ZoneInfo("Europe/Stockholm")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx", "csv")
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 60


def neutralise(value):
    """Prefix a text cell that starts like a formula with an apostrophe; other values are returned as they are."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local(value):
    """Aware datetimes as naive Swedish local time (what a reader of the sheet expects)."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(LOCAL_TIME).replace(tzinfo=None)
    return value


def _csv_cell(value):
    value = _local(neutralise(value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)  # a number, not text: -3 stays -3
    return neutralise(force_str(value))


def _xlsx_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = _local(neutralise(value))
    if value is None or isinstance(
        value, int | float | decimal.Decimal | datetime.date | datetime.time | datetime.timedelta
    ):
        return value
    text = neutralise(force_str(value))
    # Control characters other than tab, CR and LF are not allowed in XLSX; drop them.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _attachment(response, filename):
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"
    return response


def csv_response(filename, header, rows):
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([_csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return _attachment(response, filename)


def _display_width(value):
    """About how many characters wide a cell shows: the longest line of its text."""
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16  # 2026-03-01 08:30
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _column_widths(header, rows):
    """Widths from the content (header included), at least MIN and at most MAX_COLUMN_WIDTH characters."""
    widths = [_display_width(value) for value in header]
    for row in rows:
        for index, value in enumerate(row):
            width = _display_width(value)
            if index >= len(widths):
                widths.append(width)
            elif width > widths[index]:
                widths[index] = width
    return [min(max(width + 2, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH) for width in widths]


def xlsx_response(filename, header, rows, sheet_title="Rapport"):
    """One sheet: a bold, frozen header row with an autofilter over the data, and columns as wide as their content.

    The rows are read once into memory (the widths must be known before a write-only sheet is written).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header = [_xlsx_value(title) for title in header]
    rows = [[_xlsx_value(cell) for cell in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31] or "Rapport")
    for index, width in enumerate(_column_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    columns = max([len(header), *(len(row) for row in rows)])
    if columns:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


def export_response(fmt, filename_base, header, rows):
    """The response for ?format=xlsx or ?format=csv; anything else is a 400 with a short explanation."""
    if fmt == "xlsx":
        return xlsx_response(f"{filename_base}.xlsx", header, rows)
    if fmt == "csv":
        return csv_response(f"{filename_base}.csv", header, rows)
    return HttpResponseBadRequest(_("Unknown export format. Choose xlsx or csv."), content_type="text/plain")
