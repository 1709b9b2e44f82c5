"""Inspection and discipline in Excel: their imports and the columns of their lists' exports
(discovered by the imports app, see core.excel.declare)."""

import datetime as dt

from dangvu.accounts.models import Capability
from dangvu.core.excel import exports
from dangvu.core.excel.columns import BOOL, CHOICE, DATE, MEMBER, UNIT, Column
from dangvu.core.excel.declare import DECISION_COLUMNS, MEMBER_REF_HINT, Importer, register, with_default_org

from . import services
from .models import Form, Kind, Mode

D = dt.date


class InspectionImporter(Importer):
    def save(self, ctx, values):
        return services.inspection_record(actor=ctx.actor, **with_default_org(values, ctx, "conducted_by"))


class DisciplineImporter(Importer):
    def save(self, ctx, values):
        data = with_default_org(values, ctx, "decided_by")
        return services.discipline_record(
            actor=ctx.actor, form=data.get("form"), decided_by=data["decided_by"],
            decision_no=data.get("decision_no", ""),
            decision_date=data.get("decision_date"), violation_date=data.get("violation_date"),
            subject_org=data.get("subject_org"), subject_member=data.get("subject_member"),
            reason=data.get("reason", ""),
        )  # fmt: skip


register(
    InspectionImporter(
        "inspections", "Kiểm tra, giám sát", Capability.EDIT_INSPECTION,
        (Column("Loại", "kind", CHOICE, required=True, example="Kiểm tra", choices=tuple(Kind.choices)),
         Column("Hình thức", "mode", CHOICE, example="Thường xuyên", choices=tuple(Mode.choices)),
         Column("Tổ chức được kiểm tra, giám sát", "subject_org", UNIT),
         Column("Số thẻ hoặc CCCD đảng viên được kiểm tra, giám sát", "subject_member", MEMBER,
                hint=MEMBER_REF_HINT),
         Column("Tổ chức tiến hành", "conducted_by", UNIT, hint="Để trống: đơn vị đã chọn."),
         Column("Ngày bắt đầu", "start_date", DATE, required=True, example=D(2016, 8, 1), past=True),
         Column("Ngày kết thúc", "end_date", DATE, example=D(2016, 8, 15), past=True),
         Column("Nội dung", "content", required=True, example="Việc chấp hành Điều lệ Đảng"),
         Column("Kết luận", "conclusion"),
         Column("Phát hiện vi phạm", "violations_found", BOOL, example="Không"),
         Column("Ngày xảy ra vi phạm", "violation_date", DATE, past=True)),
        list_url="inspection-list", order=60,
    ),
    DisciplineImporter(
        "disciplines", "Kỷ luật", Capability.EDIT_INSPECTION,
        (Column("Số thẻ hoặc CCCD đảng viên bị kỷ luật", "subject_member", MEMBER, hint=MEMBER_REF_HINT),
         Column("Tổ chức bị kỷ luật", "subject_org", UNIT),
         Column("Hình thức kỷ luật", "form", CHOICE, required=True, example="Khiển trách",
                choices=tuple(Form.choices)),
         Column("Tổ chức quyết định", "decided_by", UNIT, hint="Để trống: đơn vị đã chọn."),
         *DECISION_COLUMNS,
         Column("Ngày xảy ra vi phạm", "violation_date", DATE, required=True, example=D(2016, 1, 10), past=True),
         Column("Lý do, nội dung vi phạm", "reason")),
        list_url="discipline-list", order=70,
    ),
)  # fmt: skip


def _subject(record):
    return f"Đảng viên {record.subject_member.full_name}" if record.subject_member_id else record.subject_org.name


INSPECTIONS = exports.declare(exports.ExportKind("inspections", "Kiểm tra, giám sát", "kiem-tra-giam-sat", (
    exports.Col("Loại", lambda i: i.get_kind_display()),
    exports.Col("Hình thức", lambda i: i.get_mode_display()),
    exports.Col("Đối tượng", _subject, width=34),
    exports.Col("Tổ chức tiến hành", exports.org_name("conducted_by"), width=30),
    exports.Col("Ngày bắt đầu", lambda i: i.start_date),
    exports.Col("Ngày kết thúc", lambda i: i.end_date),
    exports.Col("Nội dung", lambda i: i.content, width=40),
    exports.Col("Kết luận", lambda i: i.conclusion, width=40),
    exports.Col("Phát hiện vi phạm", lambda i: i.violations_found),
)))  # fmt: skip

DISCIPLINES = exports.declare(exports.ExportKind("disciplines", "Kỷ luật", "ky-luat", (
    exports.Col("Đối tượng", _subject, width=34),
    exports.Col("Hình thức kỷ luật", lambda d: d.get_form_display()),
    exports.Col("Số quyết định", lambda d: d.decision_no),
    exports.Col("Ngày quyết định", lambda d: d.decision_date),
    exports.Col("Tổ chức quyết định", exports.org_name("decided_by"), width=30),
    exports.Col("Ngày xảy ra vi phạm", lambda d: d.violation_date),
    exports.Col("Lý do, nội dung vi phạm", lambda d: d.reason, width=40),
)))  # fmt: skip
