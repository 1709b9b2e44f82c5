"""Evaluation by tasks and products (Quy định 366-QĐ/TW, 2025): the tasks assigned to a collective
(a committee, a grassroots organization, a cell) or to an individual (a member, a cadre) for a
quarter or a year, their results with the product, the criteria framework on 100 points, and the
scored evaluations of a quarter or a year.

Whether a task was done on time, late or beyond its requirement is derived (tasks.rules), never
typed. A year's evaluation hangs on the review cycle of that year (reviews.ReviewCycle) and its
decision is written to the cycle's results through the reviews services, so the annual figures
and rules read it like any other year's class.
"""

from django.conf import settings
from django.db import models

from dangvu.meetings.storage import media_storage
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.reviews.models import ReviewCycle

YEAR = 0  # `quarter` of a task or evaluation covering the whole year


class Subject(models.TextChoices):
    ORG = "org", "Tập thể"
    MEMBER = "member", "Cá nhân, đảng viên"


class Task(models.Model):
    """A task assigned to `org` (member empty: the collective's own) or to `member` within `org`."""

    org = models.ForeignKey(Organization, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, verbose_name="đảng viên", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    quarter = models.PositiveSmallIntegerField("quý", default=YEAR, help_text="1–4; 0 là nhiệm vụ cả năm")
    title = models.CharField("nhiệm vụ", max_length=255)
    measure = models.CharField("đơn vị tính", max_length=50)
    target = models.DecimalField("số lượng yêu cầu", max_digits=12, decimal_places=2)
    deadline = models.DateField("thời hạn")
    weight = models.PositiveSmallIntegerField("trọng số", default=1)
    criterion = models.CharField("tiêu chí chấm điểm", max_length=30, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nhiệm vụ được giao"
        verbose_name_plural = "nhiệm vụ được giao"
        ordering = ["year", "quarter", "deadline", "id"]
        indexes = [models.Index(fields=["org", "year", "quarter"]), models.Index(fields=["member", "year"])]

    def __str__(self):
        return f"{self.title} ({self.target} {self.measure}, hạn {self.deadline:%d/%m/%Y})"


class TaskResult(models.Model):
    """What was done: the day, the quantity and the product (text, a number, a file)."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="result")
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    quantity = models.DecimalField("số lượng đạt", max_digits=12, decimal_places=2, null=True, blank=True)
    product = models.TextField("sản phẩm", blank=True)
    product_file = models.FileField("tệp sản phẩm", storage=media_storage, upload_to="nhiem-vu/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kết quả thực hiện nhiệm vụ"
        verbose_name_plural = "kết quả thực hiện nhiệm vụ"

    def __str__(self):
        return f"Kết quả: {self.task.title}"


class Framework(models.Model):
    """A committee's criteria framework for a year and a subject (collective or individual); the
    common framework of tasks.framework applies where a committee has none."""

    committee = models.ForeignKey(Organization, verbose_name="cấp ủy", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    subject = models.CharField("đối tượng", max_length=8, choices=Subject.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "khung tiêu chí chấm điểm"
        verbose_name_plural = "khung tiêu chí chấm điểm"
        constraints = [models.UniqueConstraint(fields=["committee", "year", "subject"], name="one_framework_per_year")]

    def __str__(self):
        return f"Khung tiêu chí năm {self.year} ({self.get_subject_display()}) — {self.committee}"


class Criterion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField("nhóm tiêu chí", max_length=30)
    code = models.CharField("mã tiêu chí", max_length=30)
    label = models.CharField("tiêu chí", max_length=255)
    max_points = models.DecimalField("điểm tối đa", max_digits=5, decimal_places=2)
    from_tasks = models.BooleanField("chấm từ kết quả nhiệm vụ", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="one_criterion_code")]

    def __str__(self):
        return f"{self.label} ({self.max_points} điểm)"


class Evaluation(models.Model):
    """The scored evaluation of a collective (member empty) or a member for a quarter (1–4) or the
    year (0), at three stages: self-assessment, the cell's or committee's opinion, the deciding
    level's conclusion. Points are per criterion ({code: points}); the proposal (class and reasons)
    is computed by the services from the points and the tasks."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField("quý", default=YEAR)
    org = models.ForeignKey(Organization, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, verbose_name="đảng viên", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    self_scores = models.JSONField("điểm tự chấm", default=dict, blank=True)
    self_class = models.CharField("tự xếp loại", max_length=20, blank=True)
    self_note = models.TextField("tự nhận xét", blank=True)
    opinion_scores = models.JSONField("điểm chi bộ, cấp ủy chấm", default=dict, blank=True)
    opinion_class = models.CharField("ý kiến chi bộ, cấp ủy", max_length=20, blank=True)
    opinion_note = models.TextField("nhận xét của chi bộ, cấp ủy", blank=True)
    leadership_members_disciplined = models.PositiveIntegerField("số thành viên cấp ủy bị kỷ luật", default=0)
    points = models.DecimalField("tổng điểm", max_digits=5, decimal_places=2, null=True, blank=True)
    proposed_class = models.CharField("mức đề xuất theo quy tắc", max_length=20, blank=True)
    reasons = models.JSONField("lý do chưa đạt mức cao hơn", default=list, blank=True)
    basis = models.TextField("căn cứ tính", blank=True)
    decided_class = models.CharField("kết luận của cấp có thẩm quyền", max_length=20, blank=True)
    override_reason = models.TextField("lý do kết luận khác quy tắc", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đánh giá theo quý, năm"
        verbose_name_plural = "đánh giá theo quý, năm"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "quarter", "org"], condition=models.Q(member__isnull=True), name="one_org_evaluation"
            ),
            models.UniqueConstraint(
                fields=["cycle", "quarter", "member"], condition=models.Q(member__isnull=False),
                name="one_member_evaluation",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["cycle", "quarter", "org"])]

    def __str__(self):
        when = f"quý {self.quarter}/{self.cycle.year}" if self.quarter else f"năm {self.cycle.year}"
        return f"Đánh giá {when} — {self.member or self.org}"
