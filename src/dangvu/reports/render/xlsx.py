"""The annex tables as a workbook: one sheet per table, Vietnamese headers, numbers as numbers."""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

SHEET_NAMES = {
    "members_status": "Đảng viên cuối năm",
    "members_flows": "Tăng giảm đảng viên",
    "review_orgs": "Xếp loại TCCS đảng",
    "units": "Theo TCCS đảng",
    "indicators": "Các chỉ số",
}
_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")


def _cell_value(text: str):
    """ "16.234" -> 16234, "99,35" -> 99.35; other text as it is (so Excel can sum the columns)."""
    if isinstance(text, str) and _NUMBER.match(text):
        plain = text.replace(".", "").replace(",", ".")
        return float(plain) if "." in plain else int(plain)
    return text


def render_xlsx(ctx: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in ctx["annex"]:
        sheet = book.create_sheet(SHEET_NAMES.get(table["key"], table["key"])[:31])
        sheet.append([f"{ctx['org']['name']} — {table['title']}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append(table["headers"])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in table["rows"]:
            sheet.append([_cell_value(c) for c in row])
        for i, header in enumerate(table["headers"], start=1):
            longest = max([len(str(header))] + [len(str(r[i - 1])) for r in table["rows"]])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(10, longest + 2))
        sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
