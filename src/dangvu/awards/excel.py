"""The awards' Excel: their import and the columns of the list's export (discovered by the
imports app, see core.excel.declare)."""

from dangvu.accounts.models import Capability
from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, INT, MEMBER, UNIT, Column
from dangvu.core.excel.declare import DECISION_COLUMNS, MEMBER_REF_HINT, Importer, register, with_default_org

from . import services
from .models import Program, RecipientKind, Title


class AwardImporter(Importer):
    def save(self, ctx, values):
        return services.award_create(actor=ctx.actor, **with_default_org(values, ctx, "awarded_by"))


register(AwardImporter(
    "awards", "Khen thưởng", Capability.EDIT_RECORDS,
    (Column("Đối tượng", "recipient_kind", CHOICE, required=True, example="Cá nhân",
            choices=tuple(RecipientKind.choices)),
     Column("Tổ chức đảng được khen", "recipient_org", UNIT),
     Column("Số thẻ hoặc CCCD đảng viên được khen", "recipient_member", MEMBER, hint=MEMBER_REF_HINT),
     Column("Tập thể, cá nhân khác", "recipient_name", example="Nguyễn Văn An"),
     Column("Danh hiệu", "title", CHOICE, required=True, example="Giấy khen", choices=tuple(Title.choices)),
     Column("Chi tiết danh hiệu", "title_detail"),
     Column("Căn cứ", "program", CHOICE, required=True, example="Chỉ thị 03-CT/TW",
            choices=tuple(Program.choices)),
     Column("Thành tích năm", "for_year", INT, example=2016),
     Column("Cấp khen", "awarded_by", UNIT, hint="Để trống: đơn vị đã chọn."),
     *DECISION_COLUMNS,
     Column("Ghi chú", "note")),
    list_url="award-list", order=50,
))  # fmt: skip

EXPORT = exports.declare(exports.ExportKind("awards", "Khen thưởng", "khen-thuong", (
    exports.Col("Được khen", lambda a: a.recipient_label, width=34),
    exports.Col("Đối tượng", lambda a: a.get_recipient_kind_display()),
    exports.Col("Danh hiệu", lambda a: a.get_title_display(), width=28),
    exports.Col("Chi tiết danh hiệu", lambda a: a.title_detail, width=24),
    exports.Col("Căn cứ", lambda a: a.get_program_display(), width=24),
    exports.Col("Thành tích năm", lambda a: a.for_year),
    exports.Col("Cấp khen", exports.org_name("awarded_by"), width=30),
    exports.Col("Số quyết định", lambda a: a.decision_no),
    exports.Col("Ngày quyết định", lambda a: a.decision_date),
)))  # fmt: skip
