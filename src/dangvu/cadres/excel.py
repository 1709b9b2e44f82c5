"""The cadre actions' Excel: their import and the columns of the list's export (discovered by the
imports app, see core.excel.declare)."""

import datetime as dt

from dangvu.accounts.models import Capability
from dangvu.core.excel import exports
from dangvu.core.excel.columns import CHOICE, DATE, MEMBER, UNIT, Column
from dangvu.core.excel.declare import DECISION_COLUMNS, MEMBER_REF_HINT, Importer, register, with_default_org

from . import services
from .models import ActionKind

D = dt.date


class CadreImporter(Importer):
    def save(self, ctx, values):
        data = with_default_org(values, ctx, "decided_by")
        for name in ("from", "to"):
            text = data.pop(f"{name}_text", "")
            org = ctx.find_unit(text) if text else None
            data[f"{name}_org"], data[f"{name}_unit"] = (org, "") if org else (None, text)
        return services.cadre_action_create(actor=ctx.actor, **data)


register(CadreImporter(
    "cadres", "Công tác cán bộ", Capability.EDIT_RECORDS,
    (Column("Số thẻ hoặc CCCD", "member", MEMBER, hint=MEMBER_REF_HINT),
     Column("Họ và tên", "full_name", example="Nguyễn Văn An"),
     Column("Hình thức", "kind", CHOICE, required=True, example="Bổ nhiệm", choices=tuple(ActionKind.choices)),
     Column("Chức vụ", "position", example="Phó Chủ tịch UBND phường"),
     Column("Từ đơn vị", "from_text", example="Văn phòng Quận ủy"),
     Column("Đến đơn vị", "to_text", example="UBND phường Định Công"),
     Column("Cấp quyết định", "decided_by", UNIT, hint="Để trống: đơn vị đã chọn."),
     *DECISION_COLUMNS,
     Column("Ngày hiệu lực", "effective_date", DATE, example=D(2016, 4, 1)),
     Column("Ghi chú", "note")),
    list_url="cadre-list", fields={"from_org": "from_text", "from_unit": "from_text", "to_org": "to_text",
                                   "to_unit": "to_text"},
    order=30,
))  # fmt: skip

EXPORT = exports.declare(exports.ExportKind("cadres", "Công tác cán bộ", "cong-tac-can-bo", (
    exports.Col("Họ và tên", lambda a: a.full_name, width=28),
    exports.Col("Hình thức", lambda a: a.get_kind_display()),
    exports.Col("Chức vụ", lambda a: a.position, width=30),
    exports.Col("Từ đơn vị", lambda a: a.from_label, width=30),
    exports.Col("Đến đơn vị", lambda a: a.to_label, width=30),
    exports.Col("Cấp quyết định", exports.org_name("decided_by"), width=30),
    exports.Col("Số quyết định", lambda a: a.decision_no),
    exports.Col("Ngày quyết định", lambda a: a.decision_date),
    exports.Col("Ngày hiệu lực", lambda a: a.effective_date),
    exports.Col("Hết thời hạn", lambda a: a.term_end),
    exports.Col("Ghi chú", lambda a: a.note, width=30),
)))  # fmt: skip
