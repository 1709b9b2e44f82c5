"""The one writer of every .xlsx Dangvu hands out (list exports, import templates and failed rows,
the review template, statistics, the year report's annex, dues sheets, a user's history), with
XlsxWriter, safe against formula injection: every text is written explicitly as a string (never
parsed as a formula, number or link), and a text starting with "=", "+", "-", "@", a tab or a
carriage return also gets Excel's quote prefix, so it stays text even when someone edits the cell
later. Dates are real dates shown dd/mm/yyyy. Nothing else in the code writes a workbook;
tests/core/test_workbooks_written.py opens each one and finds no formula."""

import datetime as dt
import decimal
import io

import xlsxwriter
from django.http import HttpResponse

RISKY = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Book:
    def __init__(self):
        self._out = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self._out,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.header = self.wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
        self.title = self.wb.add_format({"bold": True, "font_size": 13})
        self.date = self.wb.add_format({"num_format": "dd/mm/yyyy"})
        self.text = self.wb.add_format({"num_format": "@"})
        self.quoted = self.wb.add_format({"quote_prefix": True, "num_format": "@"})
        self.error = self.wb.add_format({"font_color": "#9C0006", "text_wrap": True})
        self.hint = self.wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})

    def sheet(self, title: str, headers: list[str], widths: list[int] | None = None, *, above: tuple = ()):
        """A sheet named `title` with `headers` in bold, frozen; `above` are lines (a title, a
        note) written before the header row, the first of them in the title's style."""
        ws = self.wb.add_worksheet(title[:31])
        for r, line in enumerate(above):
            self.cell(ws, r, 0, line, self.title if r == 0 else None)
        top = len(above)
        for c, h in enumerate(headers):
            self.cell(ws, top, c, h, self.header)
            ws.set_column(c, c, (widths[c] if widths else max(12, min(40, len(str(h)) + 4))))
        ws.freeze_panes(top + 1, 0)
        return ws

    def row(self, ws, row: int, values, fmt=None):
        for c, value in enumerate(values):
            self.cell(ws, row, c, value, fmt)

    def cell(self, ws, row: int, col: int, value, fmt=None):
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_string(row, col, "Có" if value else "Không", fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, fmt or self.date)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt or self.date)
        elif isinstance(value, (int, float, decimal.Decimal)):
            ws.write_number(row, col, value, fmt)
        else:
            text = str(value)
            ws.write_string(row, col, text, self.quoted if text.startswith(RISKY) else (fmt or self.text))

    def bytes(self) -> bytes:
        self.wb.close()
        return self._out.getvalue()


def attachment(data: bytes, filename: str, content_type: str = XLSX) -> HttpResponse:
    """The file as a download named `filename` (log it with core.downloads.download_log)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
