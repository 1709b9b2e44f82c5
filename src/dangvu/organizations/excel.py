"""The reorganization plan as an Excel workbook: a template listing everything the ending units
hold, and reading a filled one back into a `reorganization.Plan`.

One sheet (the workbook gate reads the first), one row per line of the plan, its kind in the first
column, so every message names the sheet's own row and column:

    Loại dòng  | Mã                          | Tên / ngày      | Cấp | Loại hình | Cấp trên / chuyển đến
    Quyết định | 1234-QĐ/TU                  | 01/07/2025       |     |           |
    Kết thúc   | HM-DC                       | (tên, để đọc)    |     |           |
    Thành lập  | PHM                         | Đảng bộ phường … | xã, phường | Xã, phường | HN
    Tổ chức    | HM-DC-01                    | (tên, để đọc)    |     |           | PHM
    Đảng viên  | #123, số thẻ hoặc số CCCD   | (tên, để đọc)    |     |           | PHM-01
"""

import datetime as dt

from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, DATE, Column
from dangvu.core.excel.declare import Importer, register
from dangvu.core.excel.reading import FileProblem, read_rows, read_upload
from dangvu.core.excel.writing import Book
from dangvu.core.text import clean, unaccent

from .models import Kind, Level
from .reorganization import MEMBER, UNIT, Assignment, Item, NewUnit, Plan, Problem
from .tree_import import LEVEL_HINT, orgs_found_tree

# accounts.Capability.RESTRUCTURE, by its value: organizations sits below accounts.
RESTRUCTURE = "restructure"

HEADERS = ["Loại dòng", "Mã", "Tên / ngày hiệu lực", "Cấp", "Loại hình", "Cấp trên / chuyển đến"]
DECISION, ENDING, FOUND, UNIT_ROW, MEMBER_ROW = "Quyết định", "Kết thúc", "Thành lập", "Tổ chức", "Đảng viên"
KINDS = (DECISION, ENDING, FOUND, UNIT_ROW, MEMBER_ROW)
# What a clerk writes in "Cấp": the level's code, its label, or a short word.
LEVEL_WORDS = {
    "xa phuong": Level.COMMUNE,
    "xa, phuong, dac khu": Level.COMMUNE,
    "dang bo xa phuong dac khu": Level.COMMUNE,
    "chi bo truc thuoc": Level.CELL,
    "chi bo": Level.CELL,
    "chi bo co so": Level.GRASSROOTS_CELL,
    "dang bo co so": Level.GRASSROOTS_COMMITTEE,
    "khoi": Level.BLOC,
}


class TreeImporter(Importer):
    """A whole tree (or a branch) under the unit chosen, rows in any order: see tree_import."""

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        return orgs_found_tree(actor=ctx.actor, under=ctx.org, rows=rows, skip_invalid=skip_invalid)


TREE_COLUMNS = (
    Column("Mã tổ chức", "code", required=True, example="HM-DC", aliases=("Mã", "Mã đơn vị")),
    Column("Tên tổ chức", "name", required=True, example="Đảng bộ phường Định Công", aliases=("Tên", "Tên đơn vị")),
    Column("Tên ngắn", "short_name", example="Định Công", aliases=("Tên viết tắt",)),
    Column("Cấp", "level", required=True, example="Đảng bộ cơ sở", hint=f"Một trong: {LEVEL_HINT}."),
    Column("Loại hình", "kind", CHOICE, required=True, example=Kind.WARD.label, choices=tuple(Kind.choices)),
    Column("Mã cấp trên", "parent_code", example="", aliases=("Cấp trên", "Mã tổ chức cấp trên"),
           hint="Mã một dòng của tệp hoặc một tổ chức đã có; để trống: trực thuộc đơn vị đã chọn. "
           "Các dòng ghi theo thứ tự nào cũng được."),
    Column("Ngày thành lập", "founded_on", DATE, required=True, example=dt.date(2004, 1, 1), past=True),
    Column("Quyết định thành lập", "decision", example="12-QĐ/QU", aliases=("Số quyết định thành lập",)),
)  # fmt: skip

register(TreeImporter(
    "organizations", "Cây tổ chức (thành lập tổ chức)", RESTRUCTURE, TREE_COLUMNS,
    list_url="org-tree", fields={"parent": "parent_code", "founding_decision": "decision"}, order=5,
))  # fmt: skip

# The tree as it stands, in the import's own columns: exported, it imports again elsewhere.
EXPORT = exports.declare(exports.ExportKind("organizations", "Cây tổ chức", "cay-to-chuc", (
    exports.Col(TREE_COLUMNS[0].header, lambda o: o.code),
    exports.Col(TREE_COLUMNS[1].header, lambda o: o.name, width=40),
    exports.Col(TREE_COLUMNS[2].header, lambda o: o.short_name, width=20),
    exports.Col(TREE_COLUMNS[3].header, lambda o: o.get_level_display(), width=28),
    exports.Col(TREE_COLUMNS[4].header, lambda o: o.get_kind_display(), width=28),
    exports.Col(TREE_COLUMNS[5].header, lambda o: o.parent.code if o.parent_id else ""),
    exports.Col(TREE_COLUMNS[6].header, lambda o: o.founded_on),
    exports.Col(TREE_COLUMNS[7].header, lambda o: o.founding_decision),
)))  # fmt: skip


def parse_level(text: str) -> str | None:
    """A level from what a clerk wrote ("xã, phường", "chi bộ trực thuộc", "commune", the label)."""
    key = unaccent(clean(text)).replace(",", " ").split()
    key = " ".join(key)
    for value, label in Level.choices:
        if key in (value, " ".join(unaccent(label).replace(",", " ").split())):
            return value
    return LEVEL_WORDS.get(key)


def parse_kind(text: str) -> str | None:
    key = unaccent(clean(text))
    for value, label in Kind.choices:
        if key in (value, unaccent(label)):
            return value
    return Kind.WARD if not key else None


def template(*, scope_root, codes: list[str], on: dt.date | None, items: list[Item], decision: str = "") -> bytes:
    """A workbook with the decision row, one "Kết thúc" row per unit in `codes` and one row per
    sub-unit and member they hold (`items`, members.reorganization.items_of; the target left
    blank), for the clerk to complete."""
    # The one writer (core.excel.writing): a member's name starting with "=" stays text.
    book = Book()
    ws = book.sheet("Phương án sắp xếp", HEADERS, [12, 22, 42, 18, 22, 22])
    lines = [[DECISION, decision, on.strftime("%d/%m/%Y") if on else "", "", "", ""]]
    units = {o.code: o for o in scope_root.__class__.objects.filter(code__in=[clean(c).upper() for c in codes])}
    for code in codes:
        org = units.get(clean(code).upper())
        lines.append([ENDING, clean(code).upper(), org.name if org else "", "", "", ""])
    lines.append([FOUND, "", "", "xã, phường", Kind.WARD.label, scope_root.code])
    for item in items:
        lines.append([UNIT_ROW if item.item == UNIT else MEMBER_ROW, item.ref, item.name, "", "", ""])
    for r, line in enumerate(lines, start=1):
        book.row(ws, r, line)
    ws.data_validation(1, 0, len(lines) + 200, 0, {"validate": "list", "source": list(KINDS), "ignore_blank": True})
    return book.bytes()


def read(upload) -> tuple[Plan | None, list[Problem]]:
    """The plan in an uploaded workbook, or the problems that stop it being read (naming row and
    column). The plan is then checked by `org_reorganize` (dry run or for real)."""
    try:
        rows = read_rows(read_upload(upload), upload.name)
    except FileProblem as e:
        return None, [Problem(e.message)]
    if not rows or [clean(str(h)) for h in rows[0][: len(HEADERS)]] != HEADERS:
        return None, [Problem("Dòng tiêu đề không đúng mẫu; hãy dùng tệp mẫu tải về từ trang sắp xếp tổ chức.")]
    problems: list[Problem] = []
    decision, on, ending, found, assignments = "", None, [], [], []
    for number, raw in enumerate(rows[1:], start=2):
        cells = [_text(v) for v in (list(raw) + [""] * len(HEADERS))[: len(HEADERS)]]
        kind, code, name, level, org_kind, where = cells
        if not any(cells):
            continue
        if kind == DECISION:
            decision, on = code, _date(raw[2] if len(raw) > 2 else "", number, problems)
        elif kind == ENDING:
            ending.append(code)
        elif kind == FOUND:
            if not code and not name:
                continue  # the template's blank example row
            lv, kd = parse_level(level), parse_kind(org_kind)
            if lv is None:
                problems.append(
                    Problem(f"Không rõ cấp “{level}”; ghi ví dụ “xã, phường” hoặc “chi bộ”.", number, "Cấp")
                )
            if kd is None:
                problems.append(Problem(f"Không rõ loại hình “{org_kind}”.", number, "Loại hình"))
            found.append(NewUnit(code, name, lv or "", kd or "", where, row=number))
        elif kind in (UNIT_ROW, MEMBER_ROW):
            if not where:
                problems.append(Problem(f"Chưa ghi nơi chuyển đến của {name or code}.", number, HEADERS[5]))
                continue
            assignments.append(Assignment(UNIT if kind == UNIT_ROW else MEMBER, code, where, row=number))
        else:
            problems.append(Problem(f"Loại dòng “{kind}” không có trong mẫu: {', '.join(KINDS)}.", number, HEADERS[0]))
    if on is None and not problems:
        problems.append(Problem("Thiếu dòng “Quyết định” với số quyết định và ngày có hiệu lực.", column=HEADERS[0]))
    if problems:
        return None, problems
    return Plan(on=on, decision=decision, dissolve=ending, found=found, assignments=assignments), []


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a CCCD typed as a number
    return clean(str(value)) if value is not None else ""


def _date(value, number: int, problems: list[Problem]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(clean(str(value)), "%d/%m/%Y").date()
    except ValueError:
        problems.append(
            Problem(f"“{value}” không phải ngày; nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025.", number, HEADERS[2])
        )
        return None
