"""The annex tables as a workbook: one sheet per table, Vietnamese headers, numbers as numbers,
through the one writer (core.excel.writing: no text becomes a formula)."""

import re

from dangvu.core.excel.writing import Book

SHEET_NAMES = {
    "members_status": "Đảng viên cuối năm",
    "members_flows": "Tăng giảm đảng viên",
    "review_orgs": "Xếp loại TCCS đảng",
    "units": "Theo TCCS đảng",
    "indicators": "Các chỉ số",
    "comparison": "So sánh năm trước",
}
_NUMBER = re.compile(r"^[-+−]?\d{1,3}(\.\d{3})*(,\d+)?$")


def _cell_value(text: str):
    """ "16.234" -> 16234, "99,35" -> 99.35, a difference "+12" / "−3" -> 12 / -3; other text as it
    is (so Excel can sum the columns)."""
    if isinstance(text, str) and _NUMBER.match(text):
        plain = text.replace(".", "").replace(",", ".").replace("−", "-").lstrip("+")
        return float(plain) if "." in plain else int(plain)
    return text


def render_xlsx(ctx: dict) -> bytes:
    book = Book()
    for table in ctx["annex"]:
        widths = [
            min(60, max(10, max([len(str(h))] + [len(str(r[i])) for r in table["rows"]]) + 2))
            for i, h in enumerate(table["headers"])
        ]
        above = (f"{ctx['org']['name']} — {table['title']}", "")
        ws = book.sheet(SHEET_NAMES.get(table["key"], table["key"]), table["headers"], widths, above=above)
        for r, row in enumerate(table["rows"], start=len(above) + 1):
            book.row(ws, r, [_cell_value(c) for c in row])
    return book.bytes()
