"""The dues' Excel: each member's basis (what their dues are computed from, from a month on)
through dues_basis_set, and payments of party dues (đảng phí), one row per member and month,
through dues_pay as the collection sheet records one — the month's basis must be recorded first
(discovered by the imports app, see core.excel.declare)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.accounts.models import Capability
from dangvu.core.excel.columns import CHOICE, DATE, INT, MEMBER, Column
from dangvu.core.excel.declare import MEMBER_REF_HINT, Importer, register
from dangvu.members.bulk import BulkResult, RowErrors

from . import services
from .models import BasisKind
from .rules import format_month, month_start


class BasisImporter(Importer):
    """One row per member and month the basis applies from, in file order, each through
    dues_basis_set (the kind the regulation of that month knows, the amounts it needs). A second
    row for the same member and month is refused: dues_basis_set would silently replace the
    first. One transaction: any failing row stores nothing (or, "only the valid rows", the others)."""

    def save_many(self, ctx, rows, *, skip_invalid: bool):
        result, seen = BulkResult(), {}
        with transaction.atomic():
            for number, values in rows:
                try:
                    with transaction.atomic():
                        member, month = values["member"], month_start(values["valid_from"])
                        first = seen.setdefault((member.pk, month), number)
                        if first != number:
                            raise ValidationError({"valid_from": [
                                f"Đồng chí {member.full_name} đã có căn cứ từ tháng {format_month(month)} ở dòng "
                                f"{first}; hãy giữ một dòng."
                            ]})  # fmt: skip
                        services.dues_basis_set(actor=ctx.actor, **values)
                    result.created += 1
                except ValidationError as e:
                    result.errors[number] = e
            if result.errors and not skip_invalid:
                raise RowErrors(result.errors)
        return result


class PaymentImporter(Importer):
    def save(self, ctx, values):
        return services.dues_pay(
            actor=ctx.actor, member=values.get("member"), month=values.get("month"), paid_on=values.get("paid_on"),
            amount=values.get("amount"), collected_by=values.get("collected_by", ""),
            receipt_no=values.get("receipt_no", ""),
        )  # fmt: skip


BASIS_CHOICES = (
    *BasisKind.choices,
    (BasisKind.SALARY, "Hưởng lương"),
    (BasisKind.PENSION, "Hưởng lương hưu"),
    (BasisKind.PENSION, "Lương hưu"),
    (BasisKind.FIXED, "Mức cố định"),
    (BasisKind.STUDENT, "Học sinh, sinh viên"),
    (BasisKind.MIN_WAGE, "Lương tối thiểu vùng"),
    (BasisKind.MIN_WAGE_RETIRED, "Lương tối thiểu vùng, đủ tuổi nghỉ hưu"),
)

register(BasisImporter(
    "dues_bases", "Căn cứ đóng đảng phí", Capability.EDIT_MEMBERS,
    (Column("Số thẻ hoặc CCCD đảng viên", "member", MEMBER, required=True, example="01012345", hint=MEMBER_REF_HINT,
            aliases=("Số thẻ đảng viên", "Số CCCD")),
     Column("Đối tượng", "kind", CHOICE, required=True, example="Hưởng lương", choices=BASIS_CHOICES,
            aliases=("Đối tượng đóng đảng phí",)),
     Column("Áp dụng từ tháng", "valid_from", DATE, required=True, example=dt.date(2016, 1, 1),
            hint="Ngày bất kỳ trong tháng, ví dụ 01/01/2016 cho tháng 1/2016.", aliases=("Từ tháng",)),
     Column("Tiền lương, lương hưu hoặc lương tối thiểu vùng (đồng)", "base_amount", INT, example=6_500_000,
            hint="Hưởng lương, lương hưu, lương tối thiểu vùng: số tiền hằng tháng làm căn cứ.",
            aliases=("Tiền lương", "Mức lương", "Lương hưu")),
     Column("Mức cố định (đồng/tháng)", "fixed_amount", INT, hint="Đảng viên khác đến tháng 01/2026: 2.000–30.000.",
            aliases=("Mức cố định",)),
     Column("Mức tự nguyện (đồng/tháng)", "voluntary_amount", INT, hint="Để trống nếu đóng đúng mức.",
            aliases=("Mức tự nguyện",)),
     Column("Ghi chú", "note")),
    list_url="dues-home", order=94,
), PaymentImporter(
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
