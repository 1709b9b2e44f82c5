"""The annual review (đánh giá, xếp loại chất lượng): a cycle per committee and year, the result of
each organization and member in it at three stages (self-assessment, proposal, decision), the
overrides of rules the deciding committee granted, and the reopenings of closed cycles.

Class codes are those of the cycle's rulebook (reviews.rulebooks), which the year picks and the
cycle keeps, so a result always reads with the rules it was decided under.
"""

from django.conf import settings
from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Stage(models.TextChoices):
    SELF = "self", "Tự đánh giá"
    PROPOSAL = "proposal", "Đề xuất"
    DECISION = "decision", "Quyết định"


class CycleStatus(models.TextChoices):
    OPEN = "open", "Đang đánh giá"
    CLOSED = "closed", "Đã khóa"


class ReviewCycle(models.Model):
    committee = models.ForeignKey(
        Organization, verbose_name="cấp ủy đánh giá", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    rulebook = models.CharField("căn cứ (bộ quy tắc)", max_length=20, editable=False)
    status = models.CharField("tình trạng", max_length=8, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    opened_at = models.DateTimeField("ngày mở", auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField("ngày khóa", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "đợt đánh giá, xếp loại"
        verbose_name_plural = "đợt đánh giá, xếp loại"
        ordering = ["-year", "committee__path"]
        constraints = [models.UniqueConstraint(fields=["committee", "year"], name="one_review_cycle_per_year")]

    def __str__(self):
        return f"Đánh giá, xếp loại năm {self.year} — {self.committee}"

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

    def get_rulebook(self):
        from .rulebooks import rulebook

        return rulebook(self.rulebook)


class CycleReopening(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField("lý do mở lại")
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lần mở lại đợt đánh giá"
        verbose_name_plural = "lần mở lại đợt đánh giá"
        ordering = ["reopened_at", "id"]

    def __str__(self):
        return f"Mở lại {self.cycle}: {self.reason}"


class OrgResult(models.Model):
    """The result of a grassroots organization (or of a cell under a đảng bộ cơ sở, whose results
    feed the rules about subordinate units) in one cycle."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="org_results")
    org = models.ForeignKey(Organization, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+")
    self_class = models.CharField("tự xếp loại", max_length=20, blank=True)
    self_points = models.DecimalField("điểm tự chấm", max_digits=5, decimal_places=2, null=True, blank=True)
    proposed_class = models.CharField("đề xuất xếp loại", max_length=20, blank=True)
    decided_class = models.CharField("quyết định xếp loại", max_length=20, blank=True)
    points = models.DecimalField("điểm thẩm định", max_digits=5, decimal_places=2, null=True, blank=True)
    exemplary = models.BooleanField("tiêu biểu", default=False)
    # Facts the rules read that the records do not hold (entered at proposal or decision).
    disunity = models.BooleanField("cấp ủy mất đoàn kết", default=False)
    members_disciplined_corruption = models.PositiveIntegerField(
        "số đảng viên bị kỷ luật về tham nhũng, suy thoái", default=0
    )
    targets_met_percent = models.DecimalField(
        "tỷ lệ chỉ tiêu hoàn thành (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    leadership_disciplined = models.BooleanField("cấp ủy bị kỷ luật trong năm", default=False)
    override_reason = models.TextField("lý do quyết định khác quy tắc", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The decision's day (a business date, what pages and reports show); decided_at is when it was typed in.
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả xếp loại tổ chức đảng"
        verbose_name_plural = "kết quả xếp loại tổ chức đảng"
        constraints = [models.UniqueConstraint(fields=["cycle", "org"], name="one_org_result_per_cycle")]
        indexes = [models.Index(fields=["org", "decided_class"])]

    def __str__(self):
        return f"{self.org} — {self.cycle.year}: {self.decided_class or self.proposed_class or self.self_class}"


class MemberResult(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="member_results")
    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="+")
    # The grassroots organization the member was reviewed in.
    org = models.ForeignKey(Organization, verbose_name="tổ chức cơ sở đảng", on_delete=models.PROTECT, related_name="+")
    self_class = models.CharField("tự xếp loại", max_length=20, blank=True)
    proposed_class = models.CharField("đề xuất xếp loại", max_length=20, blank=True)
    decided_class = models.CharField("quyết định xếp loại", max_length=20, blank=True)
    not_rated_reason = models.CharField("lý do không xếp loại", max_length=255, blank=True)
    override_reason = models.TextField("lý do quyết định khác quy tắc", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả xếp loại đảng viên"
        verbose_name_plural = "kết quả xếp loại đảng viên"
        constraints = [models.UniqueConstraint(fields=["cycle", "member"], name="one_member_result_per_cycle")]
        indexes = [models.Index(fields=["cycle", "org"]), models.Index(fields=["member"])]

    def __str__(self):
        return f"{self.member} — {self.cycle.year}: {self.decided_class or self.proposed_class or self.self_class}"


class Override(models.Model):
    """A decision the deciding committee took against one or more rules of the rulebook, with
    its reason: what the report counts as overrides."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="overrides")
    org = models.ForeignKey(Organization, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, verbose_name="đảng viên", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_class = models.CharField("mức xếp loại quyết định", max_length=20)
    rules = models.JSONField("quy tắc không áp dụng", default=list)
    messages = models.JSONField("nội dung quy tắc", default=list)
    reason = models.TextField("lý do")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định khác quy tắc"
        verbose_name_plural = "quyết định khác quy tắc"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.member or self.org}: {', '.join(self.rules)}"
