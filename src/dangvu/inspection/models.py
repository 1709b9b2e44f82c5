"""Inspections, supervisions and discipline (kiểm tra, giám sát, kỷ luật).

An inspection or supervision has exactly one subject, an organization or a member, and is
counted in the subtree of the organization that conducted it (the committee or its inspection
commission). A discipline decision of a member or an organization is counted in the subtree
of the organization that decided it.
"""

from django.db import models
from django.db.models import Q

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Kind(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class Mode(models.TextChoices):
    REGULAR = "regular", "Thường xuyên"
    THEMATIC = "thematic", "Chuyên đề"
    SIGNS_OF_VIOLATION = "signs", "Khi có dấu hiệu vi phạm"


class Inspection(models.Model):
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    mode = models.CharField("hình thức", max_length=12, choices=Mode.choices, blank=True)
    subject_org = models.ForeignKey(
        Organization, verbose_name="tổ chức được kiểm tra, giám sát", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    subject_member = models.ForeignKey(
        Member, verbose_name="đảng viên được kiểm tra, giám sát", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    conducted_by = models.ForeignKey(
        Organization, verbose_name="tổ chức tiến hành", on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc", null=True, blank=True)
    content = models.TextField("nội dung")
    conclusion = models.TextField("kết luận", blank=True)
    violations_found = models.BooleanField("phát hiện vi phạm", default=False)
    # When the violation happened, if one was found: the statute of limitations runs from it.
    violation_date = models.DateField("ngày xảy ra vi phạm", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "kiểm tra, giám sát"
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["kind", "start_date"]), models.Index(fields=["conducted_by", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_org__isnull=True) & Q(subject_member__isnull=False))
                | (Q(subject_org__isnull=False) & Q(subject_member__isnull=True)),
                name="inspection_one_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject} ({self.start_date:%d/%m/%Y})"

    @property
    def subject(self):
        return self.subject_member or self.subject_org


class Form(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    REMOVAL = "removal", "Cách chức"
    EXPULSION = "expulsion", "Khai trừ"
    DISSOLUTION = "dissolution", "Giải tán"


class Discipline(models.Model):
    subject_org = models.ForeignKey(
        Organization, verbose_name="tổ chức bị kỷ luật", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    subject_member = models.ForeignKey(
        Member, verbose_name="đảng viên bị kỷ luật", null=True, blank=True, on_delete=models.PROTECT,
        related_name="disciplines",
    )  # fmt: skip
    # The member's standing on the decision date (blank for an organization): kept because the
    # forms allowed depend on it.
    standing = models.CharField("loại đảng viên khi kỷ luật", max_length=12, blank=True)
    form = models.CharField("hình thức kỷ luật", max_length=12, choices=Form.choices)
    decision_no = models.CharField("số quyết định", max_length=80)
    decision_date = models.DateField("ngày quyết định")
    decided_by = models.ForeignKey(
        Organization, verbose_name="tổ chức quyết định", on_delete=models.PROTECT, related_name="+"
    )
    violation_date = models.DateField("ngày xảy ra vi phạm")
    reason = models.TextField("lý do, nội dung vi phạm", blank=True)
    inspection = models.ForeignKey(
        Inspection, verbose_name="qua cuộc kiểm tra", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="disciplines",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-decision_date", "-id"]
        indexes = [models.Index(fields=["decided_by", "decision_date"]), models.Index(fields=["decision_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_org__isnull=True) & Q(subject_member__isnull=False))
                | (Q(subject_org__isnull=False) & Q(subject_member__isnull=True)),
                name="discipline_one_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_form_display()} {self.subject} ({self.decision_no})"

    @property
    def subject(self):
        return self.subject_member or self.subject_org
