"""Party dues: each member's basis (kind and amount, with history), payments per month, and the
share a unit keeps when it differs from the default of QĐ 342 (see rules.py)."""

from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class BasisKind(models.TextChoices):
    SALARY = "salary", "Hưởng lương: 1% tiền lương, phụ cấp tính đóng BHXH"
    PENSION = "pension", "Hưởng lương hưu, trợ cấp BHXH: 0,5%"
    FIXED = "fixed", "Đảng viên khác: mức cố định (2.000–30.000 đồng; đến tháng 01/2026)"
    # From 02/2026 (Quy định 01-QĐ/TW, see rules.py):
    STUDENT = "student", "Học sinh, sinh viên: 5.000 đồng (từ tháng 02/2026)"
    MIN_WAGE = "min_wage", "Đảng viên khác, chưa đến tuổi nghỉ hưu: % lương tối thiểu vùng (từ tháng 02/2026)"
    MIN_WAGE_RETIRED = "mw_retired", "Đảng viên khác, từ đủ tuổi nghỉ hưu: % lương tối thiểu vùng (từ tháng 02/2026)"


class DuesBasis(models.Model):
    """From `valid_from` (the first day of a month) on, the member's dues are computed from this."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_bases")
    kind = models.CharField("đối tượng", max_length=10, choices=BasisKind.choices)
    base_amount = models.PositiveBigIntegerField(
        "tiền lương, lương hưu hoặc lương tối thiểu vùng làm căn cứ (đồng)", null=True, blank=True
    )
    fixed_amount = models.PositiveBigIntegerField("mức cố định (đồng/tháng)", null=True, blank=True)
    voluntary_amount = models.PositiveBigIntegerField("mức tự nguyện đóng cao hơn (đồng/tháng)", null=True, blank=True)
    valid_from = models.DateField("áp dụng từ tháng")
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "căn cứ đóng đảng phí"
        verbose_name_plural = "căn cứ đóng đảng phí"
        ordering = ["member", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["member", "valid_from"], name="one_dues_basis_per_month")]

    def __str__(self):
        return f"{self.get_kind_display()} từ {self.valid_from:%m/%Y}"


class Payment(models.Model):
    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="dues_payments")
    # The cell that collected it (the member's cell in that month).
    org = models.ForeignKey(Organization, verbose_name="chi bộ thu", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("tháng")  # the first day of the month paid for
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    amount_due = models.PositiveBigIntegerField("mức phải đóng (đồng)")
    paid_on = models.DateField("ngày nộp")
    collected_by = models.CharField("người thu", max_length=160, blank=True)
    receipt_no = models.CharField("số biên lai", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đảng phí đã nộp"
        verbose_name_plural = "đảng phí đã nộp"
        ordering = ["month", "member"]
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="one_dues_payment_per_month")]
        indexes = [models.Index(fields=["org", "month"]), models.Index(fields=["paid_on"])]

    def __str__(self):
        return f"{self.member_id} {self.month:%m/%Y}: {self.amount}"


class DuesShare(models.Model):
    """A unit's kept share when it is not the default of rules.default_kept_percent."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="dues_share")
    kept_percent = models.PositiveSmallIntegerField("tỷ lệ trích giữ lại (%)")
    basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "tỷ lệ trích giữ lại đảng phí"
        verbose_name_plural = "tỷ lệ trích giữ lại đảng phí"

    def __str__(self):
        return f"{self.org}: {self.kept_percent}%"
