"""The training classes' Excel: their import and the columns of the list's export (discovered by
the imports app, see core.excel.declare)."""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.accounts.models import Capability
from dangvu.core.dates import format_date
from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, DATE, INT, MEMBER, UNIT, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register, with_default_org
from dangvu.core.text import clean, unaccent

from . import services
from .models import ClassKind, TrainingClass

D = dt.date


class TrainingImporter(Importer):
    def save(self, ctx, values):
        return services.training_class_create(actor=ctx.actor, **with_default_org(values, ctx, "organizer"))


class AttendanceImporter(Importer):
    """Who attended which class (a class is named by its title and first day, among the classes
    organized in the unit's subtree), each through attendance_add: one person counts once."""

    def save(self, ctx, values):
        title, start = clean(values.get("title", "")), values.get("start_date")
        classes = [
            c for c in TrainingClass.objects.filter(organizer__path__startswith=ctx.org.path, start_date=start)
            if unaccent(c.title) == unaccent(title)
        ]  # fmt: skip
        if len(classes) != 1:
            why = "không có lớp nào" if not classes else f"có {len(classes)} lớp"
            raise ValidationError({"title": [
                f"{why} tên “{title}” khai giảng ngày {format_date(start)} trong {ctx.org.name}; hãy ghi đúng tên "
                "và ngày khai giảng như trong danh sách lớp (nhập lớp trước nếu chưa có)."
            ]})  # fmt: skip
        return services.attendance_add(
            actor=ctx.actor, training_class=classes[0], member=values.get("member"),
            attended_on=values.get("attended_on"),
        )  # fmt: skip


register(TrainingImporter(
    "training", "Lớp bồi dưỡng", Capability.EDIT_RECORDS,
    (Column("Tên lớp", "title", required=True, example="Lớp bồi dưỡng nghiệp vụ công tác đảng năm 2016"),
     Column("Loại lớp", "kind", CHOICE, required=True, example="Nghiệp vụ công tác đảng",
            choices=tuple(ClassKind.choices)),
     Column("Đơn vị tổ chức", "organizer", UNIT, hint="Để trống: đơn vị đã chọn."),
     Column("Ngày khai giảng", "start_date", DATE, required=True, example=D(2016, 6, 6)),
     Column("Ngày bế giảng", "end_date", DATE, example=D(2016, 6, 10)),
     Column("Địa điểm", "place", example="Trung tâm Bồi dưỡng chính trị quận"),
     Column("Số lượt không ghi tên", "unnamed_count", INT, example=120),
     Column("Ghi chú", "note")),
    list_url="training-list", order=40,
), AttendanceImporter(
    "training_attendances", "Đảng viên tham dự lớp bồi dưỡng", Capability.EDIT_RECORDS,
    (Column("Tên lớp", "title", required=True, example="Lớp bồi dưỡng nghiệp vụ công tác đảng năm 2016"),
     Column("Ngày khai giảng", "start_date", DATE, required=True, example=D(2016, 6, 6)),
     Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
            aliases=("Số thẻ đảng viên", "Số CCCD")),
     Column("Ngày tham dự", "attended_on", DATE, hint="Để trống: ngày khai giảng.")),
    list_url="training-list", order=41,
))  # fmt: skip

EXPORT = exports.declare(exports.ExportKind("training", "Lớp bồi dưỡng", "lop-boi-duong", (
    exports.Col("Tên lớp", lambda c: c.title, width=40),
    exports.Col("Loại lớp", lambda c: c.get_kind_display(), width=26),
    exports.Col("Đơn vị tổ chức", exports.org_name("organizer"), width=30),
    exports.Col("Ngày khai giảng", lambda c: c.start_date),
    exports.Col("Ngày bế giảng", lambda c: c.end_date),
    exports.Col("Địa điểm", lambda c: c.place, width=30),
    exports.Col("Lượt có tên", lambda c: getattr(c, "named_count", None)),
    exports.Col("Lượt không ghi tên", lambda c: c.unnamed_count),
)))  # fmt: skip
