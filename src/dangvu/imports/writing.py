"""Writing .xlsx files (templates, failed rows, exports) with XlsxWriter, safe against formula
injection: every text is written explicitly as a string (never parsed as a formula, number or
link), and a text starting with "=", "+", "-" or "@" also gets Excel's quote prefix, so it stays
text even when someone edits the cell later. Dates are real dates shown dd/mm/yyyy."""

import datetime as dt
import io

import xlsxwriter

RISKY = ("=", "+", "-", "@", "\t", "\r")


class Book:
    def __init__(self):
        self._out = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self._out,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
        )
        self.header = self.wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
        self.date = self.wb.add_format({"num_format": "dd/mm/yyyy"})
        self.text = self.wb.add_format({"num_format": "@"})
        self.quoted = self.wb.add_format({"quote_prefix": True, "num_format": "@"})
        self.error = self.wb.add_format({"font_color": "#9C0006", "text_wrap": True})
        self.hint = self.wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})

    def sheet(self, title: str, headers: list[str], widths: list[int] | None = None):
        ws = self.wb.add_worksheet(title[:31])
        for c, h in enumerate(headers):
            ws.write_string(0, c, h, self.header)
            ws.set_column(c, c, (widths[c] if widths else max(12, min(40, len(h) + 4))))
        ws.freeze_panes(1, 0)
        return ws

    def cell(self, ws, row: int, col: int, value, fmt=None):
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_string(row, col, "Có" if value else "Không", fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, fmt or self.date)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt or self.date)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        else:
            text = str(value)
            ws.write_string(row, col, text, self.quoted if text.startswith(RISKY) else (fmt or self.text))

    def bytes(self) -> bytes:
        self.wb.close()
        return self._out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
