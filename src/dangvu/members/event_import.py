"""The `events` import: a member's standing as a clerk's old spreadsheet holds it — recognition,
exemption from activity and suspension with their dates, transfers in and out with the other unit,
removal (xóa tên), cho ra khỏi Đảng, expulsion and death — one lifecycle event a row, each member
found by party card or citizen ID number.

Every row goes through the lifecycle's own services (services.member_record_event, and
member_recognize for a recognition), so an event that does not fit the member's history on its
date is refused with the service's own words. The rows are applied in date order (a file lists
them by member, or as they were typed), same-day rows in the order of the file. One transaction:
every failing row is reported and nothing is stored (or, "only the valid rows", the others are)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core.excel.columns import CHOICE, DATE, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer
from dangvu.core.text import clean

from . import services
from .bulk import BulkResult, RowErrors
from .models import EventKind, Member

D = dt.date
TRANSFER_OUT = "transfer_out"  # within the tree (TRANSFERRED) or outside it (TRANSFERRED_OUT), by the place
# (value, what a clerk writes): several spellings per event; the first is the template's.
EVENT_CHOICES = (
    (EventKind.RECOGNIZED, "Công nhận chính thức"),
    (EventKind.RECOGNIZED, "Công nhận đảng viên chính thức"),
    (EventKind.EXEMPTED, "Miễn sinh hoạt"),
    (EventKind.EXEMPTED, "Miễn sinh hoạt đảng"),
    (EventKind.EXEMPTED, "Miễn công tác và sinh hoạt đảng"),
    (EventKind.EXEMPTED, "Miễn sinh hoạt và công tác"),
    (EventKind.SUSPENDED, "Đình chỉ sinh hoạt"),
    (EventKind.SUSPENDED, "Đình chỉ sinh hoạt đảng"),
    (EventKind.RESUMED, "Sinh hoạt trở lại"),
    (EventKind.RESUMED, "Sinh hoạt đảng trở lại"),
    (TRANSFER_OUT, "Chuyển đi"),
    (TRANSFER_OUT, "Chuyển sinh hoạt đi"),
    (TRANSFER_OUT, "Chuyển sinh hoạt đảng chính thức"),
    (EventKind.TEMPORARY_TRANSFER, "Chuyển sinh hoạt tạm thời"),
    (EventKind.TRANSFERRED_IN, "Chuyển đến"),
    (EventKind.TRANSFERRED_IN, "Chuyển sinh hoạt đến"),
    (EventKind.REMOVED, "Xóa tên"),
    (EventKind.DISMISSED, "Cho ra khỏi Đảng"),
    (EventKind.EXPELLED, "Khai trừ"),
    (EventKind.DIED, "Từ trần"),
    (EventKind.DIED, "Chết"),
    (EventKind.PROBATION_FAILED, "Không công nhận chính thức"),
)
_ENDING = {EventKind.EXEMPTED, EventKind.SUSPENDED}  # "Đến ngày" closes them with a resumption

COLUMNS = (
    Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
           aliases=("Số thẻ đảng viên", "Số CCCD", "Đảng viên")),
    Column("Sự kiện", "kind", CHOICE, required=True, example="Miễn sinh hoạt", choices=EVENT_CHOICES,
           aliases=("Loại sự kiện", "Biến động")),
    Column("Ngày hiệu lực", "date", DATE, required=True, example=D(2016, 3, 1), past=True,
           aliases=("Ngày", "Từ ngày")),
    Column("Đến ngày", "until", DATE, example=D(2016, 12, 31),
           hint="Miễn, đình chỉ sinh hoạt: ngày sinh hoạt trở lại (để trống nếu chưa); chuyển tạm thời: ngày hết hạn."),
    Column("Nơi đi / nơi đến", "other", example="",
           hint="Chuyển đi: mã chi bộ trong cây tổ chức, hoặc tên đảng bộ ngoài hệ thống; chuyển đến: nơi đi.",
           aliases=("Nơi chuyển đến", "Nơi chuyển đi", "Nơi đến", "Nơi đi")),
    Column("Chi bộ nhận", "org", UNIT, hint="Chuyển đến: mã chi bộ nhận đảng viên; để trống: chi bộ cũ.",
           aliases=("Chi bộ",)),
    Column("Số quyết định", "decision_no", example="15-QĐ/ĐU"),
    Column("Ngày quyết định", "decision_date", DATE, example=D(2016, 2, 25), past=True),
    Column("Lý do", "reason", example="Tuổi cao, sức yếu", aliases=("Ghi chú",)),
)  # fmt: skip


class EventImporter(Importer):
    def save_many(self, ctx, rows, *, skip_invalid: bool):
        """rows: (number, values) pairs, applied in date order; see the module's docstring."""
        result = BulkResult()
        with transaction.atomic():
            for number, values in sorted(rows, key=lambda r: r[1]["date"]):
                try:
                    with transaction.atomic():
                        self._record(ctx, values)
                    result.created += 1
                except ValidationError as e:
                    result.errors[number] = e
            if result.errors and not skip_invalid:
                raise RowErrors(dict(sorted(result.errors.items())))
        return result

    def save(self, ctx, values):
        return self._record(ctx, values)

    def _record(self, ctx, values):
        member = Member.objects.get(pk=values["member"].pk)  # as the rows before left it
        kind, day, until = values["kind"], values["date"], values.get("until")
        decision = dict(decision_no=values.get("decision_no", ""), decision_date=values.get("decision_date"))
        reason = values.get("reason", "")
        if kind == EventKind.RECOGNIZED:
            # Takes effect the day probation ends (member_recognize); the decision may come later.
            return services.member_recognize(
                actor=ctx.actor, member=member, decision_no=decision["decision_no"],
                decision_date=decision["decision_date"] or day,
            )  # fmt: skip
        if until is not None and until <= day:
            raise ValidationError({"until": ["“Đến ngày” phải sau ngày hiệu lực; hãy sửa lại."]})
        other = clean(values.get("other", ""))
        fields = dict(actor=ctx.actor, member=member, date=day, reason=reason, **decision)
        if kind == TRANSFER_OUT:
            unit = ctx.find_unit(other) if other else None
            if unit is not None:
                return services.member_record_event(kind=EventKind.TRANSFERRED, to_org=unit, **fields)
            return services.member_record_event(kind=EventKind.TRANSFERRED_OUT, place=other, **fields)
        if kind == EventKind.TEMPORARY_TRANSFER:
            unit = ctx.find_unit(other) if other else None
            return services.member_record_event(
                kind=kind, to_org=unit, place="" if unit else other, until=until, **fields
            )
        if kind == EventKind.TRANSFERRED_IN:
            return services.member_record_event(kind=kind, org=values.get("org") or member.org, place=other, **fields)
        if kind in _ENDING:
            ends_later = until is not None and until > ctx.today
            event = services.member_record_event(kind=kind, until=until if ends_later else None, **fields)
            if until is not None and not ends_later:
                services.member_record_event(
                    actor=ctx.actor, member=member, kind=EventKind.RESUMED, date=until, reason=reason
                )
            return event
        return services.member_record_event(kind=kind, **fields)
