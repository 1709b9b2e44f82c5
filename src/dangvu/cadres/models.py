"""Cadre work (công tác cán bộ): transfers, rotations, appointments … each by a decision of a
committee. The deciding committee is the one whose subtree counts the action in its figures."""

from django.db import models
from django.urls import reverse

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class ActionKind(models.TextChoices):
    TRANSFER = "transfer", "Điều động"
    ROTATION = "rotation", "Luân chuyển"
    APPOINTMENT = "appointment", "Bổ nhiệm"
    REAPPOINTMENT = "reappointment", "Bổ nhiệm lại"
    SECONDMENT = "secondment", "Biệt phái"
    DISMISSAL = "dismissal", "Miễn nhiệm"
    RESIGNATION = "resignation", "Từ chức"


# What the year-end report counts as "điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại".
COUNTED_KINDS = (ActionKind.TRANSFER, ActionKind.ROTATION, ActionKind.APPOINTMENT, ActionKind.REAPPOINTMENT)
# Appointments run a fixed term from the effective date (domain.md: 5 years).
TERM_KINDS = (ActionKind.APPOINTMENT, ActionKind.REAPPOINTMENT)
TERM_YEARS = 5


class CadreAction(models.Model):
    member = models.ForeignKey(
        Member, verbose_name="đảng viên", null=True, blank=True, on_delete=models.PROTECT, related_name="cadre_actions"
    )
    # Always filled: copied from the member, or typed for a cadre outside the registry.
    full_name = models.CharField("họ và tên", max_length=120)
    kind = models.CharField("hình thức", max_length=20, choices=ActionKind.choices)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    from_org = models.ForeignKey(
        Organization, verbose_name="từ đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_unit = models.CharField("từ đơn vị (ngoài hệ thống)", max_length=255, blank=True)
    to_org = models.ForeignKey(
        Organization, verbose_name="đến đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.CharField("đến đơn vị (ngoài hệ thống)", max_length=255, blank=True)
    decided_by = models.ForeignKey(
        Organization, verbose_name="cấp quyết định", on_delete=models.PROTECT, related_name="cadre_decisions"
    )
    decision_no = models.CharField("số quyết định", max_length=80)
    decision_date = models.DateField("ngày quyết định")
    effective_date = models.DateField("ngày hiệu lực")
    term_end = models.DateField("hết thời hạn bổ nhiệm", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định công tác cán bộ"
        verbose_name_plural = "công tác cán bộ"
        ordering = ["-effective_date", "-id"]
        indexes = [
            models.Index(fields=["decided_by", "effective_date"]),
            models.Index(fields=["kind", "term_end"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.full_name} ({self.decision_no})"

    def get_absolute_url(self):
        return reverse("cadre-detail", args=[self.pk])

    @property
    def from_label(self) -> str:
        return self.from_org.name if self.from_org else self.from_unit

    @property
    def to_label(self) -> str:
        return self.to_org.name if self.to_org else self.to_unit
