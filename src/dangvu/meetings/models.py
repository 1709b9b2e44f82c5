"""Cell meetings (sinh hoạt chi bộ) with their attendance and the votes taken."""

from django.db import models

from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .storage import media_storage


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Sinh hoạt chi bộ thường kỳ (hằng tháng)"
    THEMATIC = "thematic", "Sinh hoạt chuyên đề"
    COMMITTEE = "committee", "Họp chi ủy"


class Presence(models.TextChoices):
    PRESENT = "present", "Có mặt"
    EXCUSED = "excused", "Vắng có lý do"
    UNEXCUSED = "unexcused", "Vắng không có lý do"


class Meeting(models.Model):
    org = models.ForeignKey(Organization, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("loại", max_length=12, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    date = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=200, blank=True)
    chair = models.ForeignKey(
        Member, verbose_name="chủ trì", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        Member, verbose_name="thư ký", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agenda = models.TextField("nội dung", blank=True)
    minutes = models.FileField("biên bản", storage=media_storage, upload_to="sinh-hoat/bien-ban/%Y/", blank=True)
    resolution = models.FileField("nghị quyết", storage=media_storage, upload_to="sinh-hoat/nghi-quyet/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The version an edit form carries (services.version_of): a correction saved meanwhile is not overwritten.
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "buổi sinh hoạt chi bộ"
        verbose_name_plural = "buổi sinh hoạt chi bộ"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"]), models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="+")
    presence = models.CharField("tham dự", max_length=10, choices=Presence.choices)
    reason = models.CharField("lý do vắng", max_length=255, blank=True)

    class Meta:
        verbose_name = "tham dự sinh hoạt"
        verbose_name_plural = "tham dự sinh hoạt"
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_meeting")]
        indexes = [models.Index(fields=["member", "presence"])]

    def __str__(self):
        return f"{self.member_id}: {self.get_presence_display()}"


class Vote(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    question = models.CharField("nội dung biểu quyết", max_length=255)
    votes_for = models.PositiveIntegerField("tán thành")
    votes_against = models.PositiveIntegerField("không tán thành")
    abstain = models.PositiveIntegerField("không biểu quyết")

    class Meta:
        verbose_name = "biểu quyết"
        verbose_name_plural = "biểu quyết"
        ordering = ["id"]

    def __str__(self):
        return self.question
