"""The dues' Excel: payments of party dues (đảng phí), one row per member and month, through
dues_pay as the collection sheet records one — the month's basis must be recorded first
(discovered by the imports app, see core.excel.declare)."""

import datetime as dt

from dangvu.accounts.models import Capability
from dangvu.core.excel.columns import DATE, INT, MEMBER, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register

from . import services


class PaymentImporter(Importer):
    def save(self, ctx, values):
        return services.dues_pay(
            actor=ctx.actor, member=values.get("member"), month=values.get("month"), paid_on=values.get("paid_on"),
            amount=values.get("amount"), collected_by=values.get("collected_by", ""),
            receipt_no=values.get("receipt_no", ""),
        )  # fmt: skip


register(PaymentImporter(
    "dues", "Đảng phí đã nộp", Capability.EDIT_MEMBERS,
    (Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
            aliases=("Số thẻ đảng viên", "Số CCCD")),
     Column("Tháng", "month", DATE, required=True, example=dt.date(2016, 3, 1),
            hint="Ngày bất kỳ trong tháng nộp, ví dụ 01/03/2016 cho tháng 3/2016."),
     Column("Ngày nộp", "paid_on", DATE, required=True, example=dt.date(2016, 3, 15), past=True),
     Column("Số tiền (đồng)", "amount", INT, hint="Để trống: đúng mức phải đóng.", aliases=("Số tiền",)),
     Column("Người thu", "collected_by", example="Nguyễn Thị Thu"),
     Column("Số biên lai", "receipt_no", example="")),
    list_url="dues-home", order=95,
))  # fmt: skip
