"""The training classes' Excel: their import and the columns of the list's export (discovered by
the imports app, see core.excel.declare)."""

import datetime as dt

from dangvu.accounts.models import Capability
from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, DATE, INT, UNIT, Column
from dangvu.core.excel.declare import Importer, register, with_default_org

from . import services
from .models import ClassKind

D = dt.date


class TrainingImporter(Importer):
    def save(self, ctx, values):
        return services.training_class_create(actor=ctx.actor, **with_default_org(values, ctx, "organizer"))


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
