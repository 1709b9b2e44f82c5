"""Emulation and awards (thi đua, khen thưởng): a title given to a collective or a person, under a
program, by a committee's decision. The awarding committee's subtree counts it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    PERSON = "person", "Cá nhân"


class Title(models.TextChoices):
    # "Trong sạch, vững mạnh" (TSVM): the top class of the 2014–2017 annual review (HD 27).
    TSVM_EXEMPLARY = "tsvm_exemplary", "Trong sạch vững mạnh tiêu biểu"
    TSVM = "tsvm", "Trong sạch vững mạnh"
    CERTIFICATE = "certificate", "Giấy khen"
    MERIT = "merit", "Bằng khen"
    OTHER = "other", "Khác"


# Titles that only a party organization can hold.
ORG_ONLY_TITLES = (Title.TSVM_EXEMPLARY, Title.TSVM)


class Program(models.TextChoices):
    REVIEW = "review", "Kết quả đánh giá, xếp loại"
    # Chỉ thị 03-CT/TW (2011) and 05-CT/TW (2016) of the Politburo: studying and following
    # Hồ Chí Minh's thought, morality and style.
    CT03 = "ct03", "Chỉ thị 03-CT/TW"
    CT05 = "ct05", "Chỉ thị 05-CT/TW"
    OTHER = "other", "Khác"


class Award(models.Model):
    recipient_kind = models.CharField("đối tượng", max_length=12, choices=RecipientKind.choices)
    # Exactly one of the three (a database constraint and the service both check it).
    recipient_org = models.ForeignKey(
        Organization, verbose_name="tổ chức đảng được khen", null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )  # fmt: skip
    recipient_member = models.ForeignKey(
        Member, verbose_name="đảng viên được khen", null=True, blank=True, on_delete=models.PROTECT,
        related_name="awards",
    )  # fmt: skip
    recipient_name = models.CharField("tập thể, cá nhân khác", max_length=255, blank=True)
    title = models.CharField("danh hiệu, hình thức", max_length=20, choices=Title.choices)
    title_detail = models.CharField("chi tiết danh hiệu", max_length=255, blank=True)
    program = models.CharField("căn cứ, phong trào", max_length=12, choices=Program.choices)
    for_year = models.PositiveSmallIntegerField("thành tích năm", null=True, blank=True)
    awarded_by = models.ForeignKey(
        Organization, verbose_name="cấp khen thưởng", on_delete=models.PROTECT, related_name="awards_given"
    )
    decision_no = models.CharField("số quyết định", max_length=80)
    decision_date = models.DateField("ngày quyết định")
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-decision_date", "-id"]
        indexes = [
            models.Index(fields=["awarded_by", "decision_date"]),
            models.Index(fields=["program", "title"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="award_exactly_one_recipient",
                condition=(
                    Q(recipient_org__isnull=False, recipient_member__isnull=True, recipient_name="")
                    | Q(recipient_org__isnull=True, recipient_member__isnull=False, recipient_name="")
                    | (Q(recipient_org__isnull=True, recipient_member__isnull=True) & ~Q(recipient_name=""))
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_title_display()} — {self.recipient_label}"

    def get_absolute_url(self):
        return reverse("award-detail", args=[self.pk])

    @property
    def recipient_label(self) -> str:
        if self.recipient_org_id:
            return self.recipient_org.name
        if self.recipient_member_id:
            return self.recipient_member.full_name
        return self.recipient_name
