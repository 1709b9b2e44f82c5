"""The year-end report of a unit: what staff write (narrative by section, number and symbol,
place and date, heading lines), and the year close that freezes the figures behind it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangvu.core.numbers import DOWN, EXCEEDED, HALF_UP, REACHED, FigureStyle
from dangvu.organizations.models import Organization

# The sections of the report, in order: (key, title). The figures of each area are written into
# their section; staff add the narrative paragraphs. "{next_year}" is the year after the report's.
SECTIONS = (
    ("general", "Tình hình chung"),
    ("ideology", "Công tác chính trị tư tưởng"),
    ("organization", "Công tác tổ chức cán bộ"),
    ("inspection", "Công tác kiểm tra giám sát"),
    ("awards", "Công tác thi đua, khen thưởng"),
    ("direction", "Phương hướng, nhiệm vụ năm {next_year}"),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)


class YearReport(models.Model):
    """Per unit and year: the parts of the report that people write. Figures are never stored
    here; they come from the indicator catalogue (or from the year's close)."""

    org = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, blank=True, help_text="ví dụ BC/QU")
    place = models.CharField("địa danh", max_length=80, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    heading_superior = models.CharField("tên cơ quan cấp trên", max_length=120, blank=True)
    heading_body = models.CharField("tên cơ quan ban hành", max_length=120, blank=True)
    signer_role = models.CharField("thẩm quyền ký", max_length=80, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=80, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=120, blank=True)
    recipients = models.TextField("nơi nhận", blank=True)
    # Section key (SECTION_KEYS) -> the narrative text; paragraphs separated by blank lines.
    sections = models.JSONField("nội dung các phần", default=dict, blank=True)
    # The committee's house style for figures (core.numbers.FigureStyle); the defaults are the seed's.
    percent_places = models.PositiveSmallIntegerField(
        "số chữ số thập phân của tỷ lệ",
        default=0,
        choices=[(0, "0 (đạt 116%)"), (1, "1 (đạt 116,1%)"), (2, "2 (đạt 116,11%)")],
    )
    percent_rounding = models.CharField(
        "cách làm tròn tỷ lệ", max_length=8, default=DOWN,
        choices=[(DOWN, "làm tròn xuống (chưa đạt thì không ghi)"), (HALF_UP, "làm tròn đến số gần nhất")],
    )  # fmt: skip
    plan_form = models.CharField(
        "cách viết tỷ lệ so với kế hoạch", max_length=4, default=REACHED,
        choices=[(REACHED, "đạt 128% kế hoạch"), (EXCEEDED, "vượt 28% kế hoạch")],
    )  # fmt: skip
    class_rates = models.BooleanField("ghi tỷ lệ sau số xếp loại (đạt tỷ lệ 52,1%)", default=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "báo cáo tổng kết năm"
        verbose_name_plural = "báo cáo tổng kết năm"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="one_report_per_org_year")]

    def __str__(self):
        return f"Báo cáo {self.year} — {self.org}"

    @property
    def style(self) -> FigureStyle:
        return FigureStyle(self.percent_places, self.percent_rounding, self.plan_form, self.class_rates)


class YearClose(models.Model):
    """One close (chốt số liệu) of a unit's year: the figures with the ids of the records behind
    each, and the report's context, as they stood when closed. Reopening keeps the row and records
    who, when and why; closing again makes the next version."""

    org = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    version = models.PositiveSmallIntegerField("lần chốt")
    closed_at = models.DateTimeField("chốt lúc", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người chốt", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField("số liệu đã chốt")
    reopened_at = models.DateTimeField("mở lại lúc", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở lại", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    reopen_reason = models.TextField("lý do mở lại", blank=True)

    class Meta:
        verbose_name = "chốt số liệu năm"
        verbose_name_plural = "chốt số liệu năm"
        ordering = ["org", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "version"], name="one_close_version"),
            # At most one close in force per unit and year.
            models.UniqueConstraint(
                fields=["org", "year"], condition=Q(reopened_at__isnull=True), name="one_open_close_per_org_year"
            ),
        ]

    def __str__(self):
        return f"Chốt số liệu {self.year} — {self.org} (lần {self.version})"

    @property
    def in_force(self) -> bool:
        return self.reopened_at is None


class ReportJob(models.Model):
    """A year report drawn in the background (reports.jobs): a Word or PDF document of a large
    subtree. Who asked for it (the only one who may download it), which unit, year and format, where
    it stands and when its file was taken. The file lives in DATA_DIR/reports/<id>.<fmt>; the
    progress in core.jobs' heartbeat file."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Đang chờ"), (RUNNING, "Đang tạo"), (DONE, "Đã xong"), (FAILED, "Không thành công")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    fmt = models.CharField("định dạng", max_length=8)
    filename = models.CharField("tệp", max_length=255)
    content_type = models.CharField(max_length=120, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=QUEUED)
    messages = models.JSONField("thông báo", default=list)
    created_at = models.DateTimeField("lúc gửi", auto_now_add=True)
    started_at = models.DateTimeField("lúc bắt đầu", null=True)
    finished_at = models.DateTimeField("lúc xong", null=True)
    downloaded_at = models.DateTimeField("lúc tải về", null=True)

    class Meta:
        verbose_name = "báo cáo tạo chạy nền"
        verbose_name_plural = "các báo cáo tạo chạy nền"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"
