"""Training classes (lớp bồi dưỡng) and who attended them. An attendance (lượt) is one person at
one class. Where a class keeps no names, its headcount is recorded on the class."""

from django.db import models
from django.urls import reverse

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class ClassKind(models.TextChoices):
    PARTY_WORK = "party_work", "Nghiệp vụ công tác đảng"
    POLITICAL_THEORY = "political_theory", "Lý luận chính trị"
    NEW_MEMBERS = "new_members", "Bồi dưỡng đảng viên mới"
    AWARENESS = "awareness", "Bồi dưỡng nhận thức về Đảng"
    RESOLUTIONS = "resolutions", "Học tập, quán triệt nghị quyết"
    OTHER = "other", "Khác"


class TrainingClass(models.Model):
    title = models.CharField("tên lớp", max_length=255)
    organizer = models.ForeignKey(
        Organization, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="training_classes"
    )
    kind = models.CharField("loại lớp", max_length=20, choices=ClassKind.choices)
    start_date = models.DateField("ngày khai giảng")
    end_date = models.DateField("ngày bế giảng")
    place = models.CharField("địa điểm", max_length=255, blank=True)
    # Attendances counted without names (lists kept on paper only); named ones are Attendance rows.
    unnamed_count = models.PositiveIntegerField("số lượt không ghi tên", default=0)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lớp bồi dưỡng"
        verbose_name_plural = "lớp bồi dưỡng"
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["organizer", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training-detail", args=[self.pk])


class Attendance(models.Model):
    training_class = models.ForeignKey(
        TrainingClass, verbose_name="lớp", on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="+")
    attended_on = models.DateField("ngày tham dự")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt tham dự"
        verbose_name_plural = "lượt tham dự"
        ordering = ["training_class", "member__sort_key"]
        constraints = [
            # One person at one class is one attendance (lượt), however many sessions they sat.
            models.UniqueConstraint(fields=["training_class", "member"], name="one_attendance_per_class"),
        ]

    def __str__(self):
        return f"{self.member} — {self.training_class}"
