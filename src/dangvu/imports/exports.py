""" "Tải Excel" of a list page: the rows the page lists, with the same filters and the same scope
(every page, not only the one on screen), as an .xlsx safe against formula injection.

A list view adds two lines, after it has built its filtered, scoped queryset:

    if exports.wanted(request):
        return exports.respond(request, "cadres", actions)

and its template `{% load imports %}{% export_link %}`. Each kind declares its columns here.
Citizen IDs go into a file only for roles with Capability.VIEW_CITIZEN_ID, and every export is
logged (ExportLog: who, when, which list, which filters, how many rows)."""

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope

from .models import ExportLog
from .writing import XLSX, Book

PARAM = "xuat"
_NOT_FILTERS = {PARAM, "page", "trang"}


@dataclass(frozen=True)
class Col:
    header: str
    value: object  # record -> cell value
    citizen_id: bool = False  # shown only to roles that may see citizen IDs
    width: int = 0


@dataclass(frozen=True)
class ExportKind:
    title: str
    filename: str
    columns: tuple


def _org(attr):
    return lambda r: getattr(getattr(r, attr), "name", "") if getattr(r, attr) else ""


KINDS = {
    "members": ExportKind("Danh sách đảng viên", "dang-vien", (
        Col("Họ và tên", lambda m: m.full_name, width=28),
        Col("Ngày sinh", lambda m: m.birth_date),
        Col("Giới tính", lambda m: m.get_sex_display()),
        Col("Số CCCD", lambda m: m.citizen_id or "", citizen_id=True, width=16),
        Col("Số thẻ đảng viên", lambda m: m.party_card_no or "", width=16),
        Col("Tình trạng", lambda m: m.get_status_display(), width=24),
        Col("Chi bộ", _org("org"), width=36),
        Col("Ngày vào Đảng", lambda m: m.admitted_on),
        Col("Ngày chính thức", lambda m: m.recognized_on),
        Col("Dân tộc", lambda m: m.ethnicity),
        Col("Tôn giáo", lambda m: m.religion),
    )),
    "cadres": ExportKind("Công tác cán bộ", "cong-tac-can-bo", (
        Col("Họ và tên", lambda a: a.full_name, width=28),
        Col("Hình thức", lambda a: a.get_kind_display()),
        Col("Chức vụ", lambda a: a.position, width=30),
        Col("Từ đơn vị", lambda a: a.from_label, width=30),
        Col("Đến đơn vị", lambda a: a.to_label, width=30),
        Col("Cấp quyết định", _org("decided_by"), width=30),
        Col("Số quyết định", lambda a: a.decision_no),
        Col("Ngày quyết định", lambda a: a.decision_date),
        Col("Ngày hiệu lực", lambda a: a.effective_date),
        Col("Hết thời hạn", lambda a: a.term_end),
        Col("Ghi chú", lambda a: a.note, width=30),
    )),
    "training": ExportKind("Lớp bồi dưỡng", "lop-boi-duong", (
        Col("Tên lớp", lambda c: c.title, width=40),
        Col("Loại lớp", lambda c: c.get_kind_display(), width=26),
        Col("Đơn vị tổ chức", _org("organizer"), width=30),
        Col("Ngày khai giảng", lambda c: c.start_date),
        Col("Ngày bế giảng", lambda c: c.end_date),
        Col("Địa điểm", lambda c: c.place, width=30),
        Col("Lượt có tên", lambda c: getattr(c, "named_count", None)),
        Col("Lượt không ghi tên", lambda c: c.unnamed_count),
    )),
    "awards": ExportKind("Khen thưởng", "khen-thuong", (
        Col("Được khen", lambda a: a.recipient_label, width=34),
        Col("Đối tượng", lambda a: a.get_recipient_kind_display()),
        Col("Danh hiệu", lambda a: a.get_title_display(), width=28),
        Col("Chi tiết danh hiệu", lambda a: a.title_detail, width=24),
        Col("Căn cứ", lambda a: a.get_program_display(), width=24),
        Col("Thành tích năm", lambda a: a.for_year),
        Col("Cấp khen", _org("awarded_by"), width=30),
        Col("Số quyết định", lambda a: a.decision_no),
        Col("Ngày quyết định", lambda a: a.decision_date),
    )),
    "inspections": ExportKind("Kiểm tra, giám sát", "kiem-tra-giam-sat", (
        Col("Loại", lambda i: i.get_kind_display()),
        Col("Hình thức", lambda i: i.get_mode_display()),
        Col("Đối tượng", lambda i: f"Đảng viên {i.subject_member.full_name}" if i.subject_member_id
            else i.subject_org.name, width=34),  # fmt: skip
        Col("Tổ chức tiến hành", _org("conducted_by"), width=30),
        Col("Ngày bắt đầu", lambda i: i.start_date),
        Col("Ngày kết thúc", lambda i: i.end_date),
        Col("Nội dung", lambda i: i.content, width=40),
        Col("Kết luận", lambda i: i.conclusion, width=40),
        Col("Phát hiện vi phạm", lambda i: i.violations_found),
    )),
    "disciplines": ExportKind("Kỷ luật", "ky-luat", (
        Col("Đối tượng", lambda d: f"Đảng viên {d.subject_member.full_name}" if d.subject_member_id
            else d.subject_org.name, width=34),  # fmt: skip
        Col("Hình thức kỷ luật", lambda d: d.get_form_display()),
        Col("Số quyết định", lambda d: d.decision_no),
        Col("Ngày quyết định", lambda d: d.decision_date),
        Col("Tổ chức quyết định", _org("decided_by"), width=30),
        Col("Ngày xảy ra vi phạm", lambda d: d.violation_date),
        Col("Lý do, nội dung vi phạm", lambda d: d.reason, width=40),
    )),
    "elections": ExportKind("Kết quả bầu cử theo khu vực", "bau-cu", (
        Col("Cuộc bầu cử", lambda a: a.election.name, width=40),
        Col("Ngày bầu cử", lambda a: a.election.date),
        Col("Khu vực", lambda a: a.name, width=30),
        Col("Tổ chức đảng", _org("org"), width=30),
        Col("Số cử tri", lambda a: a.registered),
        Col("Đã đi bầu", lambda a: a.voted),
        Col("Tỷ lệ (%)", lambda a: a.turnout),
    )),
}  # fmt: skip


def wanted(request) -> bool:
    return request.GET.get(PARAM) == "xlsx"


def columns_for(kind: str, scope: Scope) -> list[Col]:
    show_ids = scope.can(Capability.VIEW_CITIZEN_ID)
    return [c for c in KINDS[kind].columns if show_ids or not c.citizen_id]


def workbook(kind: str, rows, scope: Scope) -> tuple[bytes, int, bool]:
    """(the .xlsx, rows written, whether citizen IDs are in it)."""
    spec = KINDS[kind]
    cols = columns_for(kind, scope)
    book = Book()
    ws = book.sheet(spec.title, [c.header for c in cols], [c.width or 14 for c in cols])
    iterable = rows.iterator(chunk_size=2000) if hasattr(rows, "iterator") else rows
    n = 0
    for n, record in enumerate(iterable, start=1):
        for c, col in enumerate(cols):
            book.cell(ws, n, c, col.value(record))
    return book.bytes(), n, any(c.citizen_id for c in cols)


def respond(request, kind: str, rows) -> HttpResponse:
    """The download of `rows` (already filtered and scoped by the view), logged in ExportLog."""
    scope = Scope.of(request.user)
    data, count, with_ids = workbook(kind, rows, scope)
    filters = {k: request.GET.getlist(k) if len(request.GET.getlist(k)) > 1 else request.GET[k]
               for k in request.GET if k not in _NOT_FILTERS}  # fmt: skip
    ExportLog.objects.create(user=request.user, kind=kind, filters=filters, row_count=count, with_citizen_id=with_ids)
    response = HttpResponse(data, content_type=XLSX)
    name = f"{KINDS[kind].filename}-{dt.date.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
