"""Building spreadsheets the way clerks' files come: openpyxl workbooks with typed cells."""

import io

from openpyxl import Workbook

from dangvu.imports.importers import IMPORTERS


def xlsx(rows, title="Trang 1") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def headers(kind="members"):
    return [c.header for c in IMPORTERS[kind].columns]


def row(_kind="members", /, **values):
    """A data row in the template's column order, from field=value."""
    return [values.get(c.field) for c in IMPORTERS[_kind].columns]


def member(**overrides):
    data = {
        "full_name": "Nguyễn Văn An", "birth_date": "17/05/1985", "sex": "Nam", "citizen_id": "001085000001",
        "party_card_no": "01000001", "admitted_on": "03/02/2005", "recognized_on": "03/02/2006",
    }  # fmt: skip
    data.update(overrides)
    return row("members", **data)
