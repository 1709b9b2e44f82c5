""" "Tải Excel" of a list page: the rows the page lists, with the same filters and the same scope
(every page, not only the one on screen), as an .xlsx written by the one writer (formula-safe).

Each area declares its export's columns in <area>/excel.py:

    EXPORT = exports.declare(ExportKind("cadres", "Công tác cán bộ", "cong-tac-can-bo", (Col(…), …)))

and its list view adds two lines, after it has built its filtered, scoped queryset:

    if exports.wanted(request):
        return exports.respond(request, excel.EXPORT, actions)

with `{% load excel %}{% export_link %}` in the template. Citizen IDs go into a file only when the
view says the user may see them (citizen_ids=…), and every export is logged (ExportLog: who,
when, which list, which filters, how many rows)."""

import datetime as dt
from dataclasses import dataclass

from dangvu.core.downloads import download_log

from .writing import Book, attachment

PARAM = "xuat"
_NOT_FILTERS = {PARAM, "page", "trang"}
EXPORTS: dict = {}  # key -> ExportKind, every list export declared


@dataclass(frozen=True)
class Col:
    header: str
    value: object  # record -> cell value
    citizen_id: bool = False  # shown only to roles that may see citizen IDs
    width: int = 0


@dataclass(frozen=True)
class ExportKind:
    key: str  # ExportLog.kind
    title: str
    filename: str
    columns: tuple


def declare(kind: ExportKind) -> ExportKind:
    EXPORTS[kind.key] = kind
    return kind


def org_name(attr):
    """A column's value: the name of the record's unit `attr`, or blank."""
    return lambda r: getattr(getattr(r, attr), "name", "") if getattr(r, attr) else ""


def wanted(request) -> bool:
    return request.GET.get(PARAM) == "xlsx"


def columns_for(kind: ExportKind, citizen_ids: bool) -> list[Col]:
    return [c for c in kind.columns if citizen_ids or not c.citizen_id]


def workbook(kind: ExportKind, rows, *, citizen_ids: bool = False) -> tuple[bytes, int, bool]:
    """(the .xlsx, rows written, whether citizen IDs are in it)."""
    cols = columns_for(kind, citizen_ids)
    book = Book()
    ws = book.sheet(kind.title, [c.header for c in cols], [c.width or 14 for c in cols])
    iterable = rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows
    n = 0
    for n, record in enumerate(iterable, start=1):
        book.row(ws, n, [col.value(record) for col in cols])
    return book.bytes(), n, any(c.citizen_id for c in cols)


def respond(request, kind: ExportKind, rows, *, citizen_ids: bool = False):
    """The download of `rows` (already filtered and scoped by the view), logged in ExportLog.
    `citizen_ids`: whether the user may see citizen IDs (the view asks the scope)."""
    data, count, with_ids = workbook(kind, rows, citizen_ids=citizen_ids)
    filters = {k: request.GET.getlist(k) if len(request.GET.getlist(k)) > 1 else request.GET[k]
               for k in request.GET if k not in _NOT_FILTERS}  # fmt: skip
    download_log(user=request.user, kind=kind.key, filters=filters, rows=count, with_citizen_id=with_ids)
    return attachment(data, f"{kind.filename}-{dt.date.today():%Y%m%d}.xlsx")
