"""The two workbooks of an import: the template a clerk fills in, and the failed rows they fix and
upload again (the same columns, plus an error column that the import ignores)."""

from dangvu.core.excel.columns import CHOICE, DATE, DIGITS
from dangvu.core.excel.writing import Book

from .engine import Result
from .importers import Importer

ERROR_HEADER = "Lỗi cần sửa"


def template(importer: Importer, org=None) -> bytes:
    """Headers (required ones marked in the note row), one example row, and a sheet of hints
    (naming the unit the file is for, when one is given)."""
    book = Book()
    headers = [c.header for c in importer.columns]
    ws = book.sheet(importer.label, headers)
    for c, col in enumerate(importer.columns):
        fmt = book.text if col.type in (DIGITS,) else None
        book.cell(ws, 1, c, col.example, fmt)
        if col.type in (DIGITS,):
            ws.set_column(c, c, 16, book.text)  # so a typed citizen ID keeps its leading zeros
        elif col.type == DATE:
            ws.set_column(c, c, 14, book.date)
        if col.type == CHOICE:
            labels = [label for _code, label in col.choices]
            # Excel's inline list is comma-separated and at most 255 characters long.
            if len(",".join(labels)) < 250 and not any("," in label for label in labels):
                ws.data_validation(1, c, 10_000, c, {"validate": "list", "source": labels, "ignore_blank": True})
    notes = book.sheet("Hướng dẫn", ["Cột", "Bắt buộc", "Cách ghi"], [34, 10, 90])
    if org is not None:
        book.cell(notes, 1, 0, f"Đơn vị nhập: {org.code} — {org.name}")
    for r, col in enumerate(importer.columns, start=2):
        how = col.hint or {
            DATE: "ngày/tháng/năm, ví dụ 31/12/2016",
            CHOICE: "một trong: " + "; ".join(label for _c, label in col.choices),
        }.get(col.type, "")
        book.cell(notes, r, 0, col.header)
        book.cell(notes, r, 1, "Có" if col.required else "")
        book.cell(notes, r, 2, how, book.hint)
    book.cell(notes, len(importer.columns) + 3, 0, "Dòng 2 của trang đầu là dòng ví dụ: hãy xóa hoặc ghi đè.")
    return book.bytes()


def failed_rows(importer: Importer, result: Result) -> bytes:
    """The rows with errors, in the template's columns, each with its errors in the last column."""
    book = Book()
    headers = [c.header for c in importer.columns] + [ERROR_HEADER]
    ws = book.sheet("Dòng lỗi", headers)
    ws.set_column(len(headers) - 1, len(headers) - 1, 80)
    for r, row in enumerate(result.bad, start=1):
        for c, value in enumerate(row.cells):
            book.cell(ws, r, c, value)
        book.cell(ws, r, len(headers) - 1, "\n".join(row.errors), book.error)
    return book.bytes()
