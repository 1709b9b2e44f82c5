"""A user's change history: every audit entry they wrote, for a date range, on screen and as
Excel. For administrators and the organization board, for users bound to a unit of their scope
(404 otherwise, as for a record outside the scope). The download is logged in ExportLog."""

import datetime as dt

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangvu.core.dates import format_date
from dangvu.core.downloads import download_log
from dangvu.core.excel.writing import Book, attachment

from .models import Capability, Role
from .scope import Scope

ACTIONS = {LogEntry.Action.CREATE: "Tạo", LogEntry.Action.UPDATE: "Sửa", LogEntry.Action.DELETE: "Xóa"}
SHOWN = 500


def _day(text: str | None):
    try:
        return dt.datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _user_in_scope(scope: Scope, user_pk: int):
    if not (scope.can(Capability.MANAGE_USERS) or scope.role == Role.ORG_BOARD):
        raise PermissionDenied("Chỉ quản trị hệ thống và Ban Tổ chức xem được lịch sử thao tác của tài khoản.")
    user = get_user_model().objects.select_related("assignment__org").filter(pk=user_pk).first()
    assignment = getattr(user, "assignment", None) if user else None
    if (
        user is None
        or (assignment is None and scope.root.parent_id is not None)
        or (assignment is not None and not scope.covers(assignment.org))
    ):
        raise Http404("Không tìm thấy tài khoản trong phạm vi của bạn.")
    return user


@login_required
def user_history(request, user_pk: int):
    scope = Scope.of(request.user)
    user = _user_in_scope(scope, user_pk)
    today = timezone.localdate()
    start = _day(request.GET.get("tu")) or today.replace(day=1)
    end = _day(request.GET.get("den")) or today
    tz = timezone.get_current_timezone()
    entries = (
        LogEntry.objects.filter(
            actor=user,
            timestamp__gte=dt.datetime.combine(start, dt.time.min, tz),
            timestamp__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz),
        )
        .select_related("content_type")
        .order_by("-timestamp", "-id")
    )
    if request.GET.get("xuat") == "xlsx":
        return _workbook(request, user, entries, start, end)
    context = {
        "who": user, "entries": entries[:SHOWN], "total": entries.count(), "shown": SHOWN,
        "start": format_date(start), "end": format_date(end), "actions": ACTIONS,
    }  # fmt: skip
    return render(request, "accounts/history.html", context)


def _workbook(request, user, entries, start, end) -> HttpResponse:
    book = Book()
    ws = book.sheet(
        f"Lịch sử {user.username}", ["Thời điểm", "Loại hồ sơ", "Hồ sơ", "Thao tác", "Thay đổi"], [18, 22, 36, 10, 80]
    )
    n = 0
    for n, e in enumerate(entries.iterator(chunk_size=2000), start=1):
        book.cell(ws, n, 0, timezone.localtime(e.timestamp).strftime("%d/%m/%Y %H:%M:%S"))
        book.cell(
            ws, n, 1, str(e.content_type.model_class()._meta.verbose_name) if e.content_type.model_class() else ""
        )
        book.cell(ws, n, 2, e.object_repr)
        book.cell(ws, n, 3, ACTIONS.get(e.action, str(e.action)))
        book.cell(ws, n, 4, e.changes_str)
    download_log(
        user=request.user, kind="user_history", rows=n, with_citizen_id=True,
        filters={"user": user.pk, "tu": format_date(start), "den": format_date(end)},
    )  # fmt: skip
    return attachment(book.bytes(), f"lich-su-{user.username}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
