"""Committees and terms (cấp ủy, nhiệm kỳ), and residence contact (Quy định 213-QĐ/TW).

A `Congress` (đại hội) of an organization opens a term (nhiệm kỳ, e.g. 2015–2020) and elects the
committee. Each place on the committee is a `Seat`: a member in a role from one date up to (not
including) another. Nothing is deleted: a departure closes the seat with its reason and date, a
change of role closes one seat and opens another, so the committee on any date is the seats that
cover it.

`ResidenceContact` is a working member's contact with the party cell where they live
(Quy định 213-QĐ/TW, 02/01/2020): the member's own organization introduces them, the residence's
committee confirms, its cell keeps `ContactNote`s and writes a `ResidenceComment` each year, which
the member's own organization reads at the annual review.
"""

from django.db import models
from django.db.models import Q

from dangvu.members.models import Member
from dangvu.organizations.models import Organization


class Congress(models.Model):
    org = models.ForeignKey(Organization, verbose_name="tổ chức đảng", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField("lần thứ", null=True, blank=True)
    name = models.CharField("tên đại hội", max_length=255)
    held_on = models.DateField("ngày khai mạc")
    term_start = models.PositiveSmallIntegerField("nhiệm kỳ từ năm")
    term_end = models.PositiveSmallIntegerField("nhiệm kỳ đến năm")
    delegates = models.PositiveIntegerField("số đại biểu (đảng viên) dự đại hội")
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đại hội"
        verbose_name_plural = "đại hội"
        ordering = ["-held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "term_start"], name="one_congress_per_term"),
            models.CheckConstraint(condition=Q(term_end__gt=models.F("term_start")), name="congress_term_nonempty"),
        ]

    def __str__(self):
        return self.name

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"


class Role(models.TextChoices):
    SECRETARY = "secretary", "Bí thư"
    DEPUTY = "deputy", "Phó Bí thư"
    STANDING = "standing", "Ủy viên Ban Thường vụ"
    MEMBER = "member", "Cấp ủy viên"


# The order a committee is listed in; standing = those who sit on the standing committee.
ROLE_ORDER = {Role.SECRETARY: 0, Role.DEPUTY: 1, Role.STANDING: 2, Role.MEMBER: 3}


class Entry(models.TextChoices):
    CONGRESS = "congress", "Bầu tại đại hội"
    ELECTED = "elected", "Bầu bổ sung trong nhiệm kỳ"
    APPOINTED = "appointed", "Chỉ định bổ sung"
    ROLE_CHANGE = "role_change", "Thay đổi chức danh"


class Departure(models.TextChoices):
    TRANSFERRED = "transferred", "Chuyển công tác"
    RESIGNED = "resigned", "Xin thôi tham gia cấp ủy"
    RETIRED = "retired", "Nghỉ hưu"
    DISCIPLINED = "disciplined", "Bị kỷ luật"
    DIED = "died", "Từ trần"
    ROLE_CHANGE = "role_change", "Thay đổi chức danh"
    TERM_ENDED = "term_ended", "Hết nhiệm kỳ"
    OTHER = "other", "Lý do khác"


class Seat(models.Model):
    """A member on the committee elected by `congress`, in `role`, during [valid_from, valid_to)."""

    congress = models.ForeignKey(Congress, verbose_name="đại hội", on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("chức danh", max_length=12, choices=Role.choices)
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày (không kể)", null=True, blank=True)
    entry = models.CharField("hình thức", max_length=12, choices=Entry.choices)
    entry_decision = models.CharField("quyết định", max_length=80, blank=True)
    departure = models.CharField("lý do thôi", max_length=12, choices=Departure.choices, blank=True)
    departure_decision = models.CharField("quyết định thôi", max_length=80, blank=True)
    departure_note = models.TextField("ghi chú khi thôi", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cấp ủy viên"
        verbose_name_plural = "cấp ủy viên"
        ordering = ["valid_from", "id"]
        indexes = [models.Index(fields=["member", "valid_from"]), models.Index(fields=["congress", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")), name="seat_nonempty"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.member} ({self.congress.term})"


# --- residence contact (Quy định 213-QĐ/TW) ------------------------------------------------------


class ContactStatus(models.TextChoices):
    INTRODUCED = "introduced", "Đã giới thiệu, chờ nơi cư trú tiếp nhận"
    CONFIRMED = "confirmed", "Nơi cư trú đã tiếp nhận"
    DECLINED = "declined", "Nơi cư trú trả lại giấy giới thiệu"
    OUTSIDE = "outside", "Nơi cư trú ngoài hệ thống (giấy tờ)"


class ResidenceContact(models.Model):
    """A working member keeps contact with the place where they live, in two steps like a transfer:
    the member's own organization (`introduced_by`) introduces them to the ward or commune committee
    of the residence (`ward`, or `ward_name` when it is outside the tree); that committee confirms
    and places them with one of its residential cells (`cell`, `since`). Nobody on the residence side
    picks a member of another unit: they see only the members introduced to them."""

    member = models.ForeignKey(Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="+")
    introduced_by = models.ForeignKey(
        Organization, verbose_name="tổ chức đảng giới thiệu", on_delete=models.PROTECT, related_name="+", null=True
    )
    introduced_on = models.DateField("ngày giới thiệu", null=True, blank=True)
    letter_no = models.CharField("số giấy giới thiệu", max_length=80, blank=True)
    ward = models.ForeignKey(
        Organization, verbose_name="đảng ủy xã, phường nơi cư trú", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    ward_name = models.CharField("đảng ủy xã, phường nơi cư trú (tên)", max_length=255, blank=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=ContactStatus.choices, default=ContactStatus.INTRODUCED
    )
    cell = models.ForeignKey(
        Organization, verbose_name="chi bộ nơi cư trú", on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    address = models.CharField("địa chỉ nơi cư trú", max_length=255, blank=True)
    since = models.DateField("từ ngày", null=True, blank=True)
    until = models.DateField("đến ngày", null=True, blank=True)
    end_reason = models.CharField("lý do kết thúc", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đảng viên giữ mối liên hệ nơi cư trú"
        verbose_name_plural = "đảng viên giữ mối liên hệ nơi cư trú"
        ordering = ["-introduced_on", "id"]
        indexes = [
            models.Index(fields=["cell", "since"]),
            models.Index(fields=["member", "since"]),
            models.Index(fields=["ward", "status"]),
            models.Index(fields=["introduced_by", "introduced_on"]),
        ]

    def __str__(self):
        return f"{self.member} — {self.residence_name}"

    @property
    def residence_name(self) -> str:
        if self.cell_id:
            return self.cell.name
        return self.ward.name if self.ward_id else self.ward_name


class ContactNote(models.Model):
    contact = models.ForeignKey(ResidenceContact, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField("ngày")
    content = models.TextField("nội dung liên hệ")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ghi nhận liên hệ"
        verbose_name_plural = "ghi nhận liên hệ"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.contact} {self.date:%d/%m/%Y}"


class Assessment(models.TextChoices):
    # Quy định 213-QĐ/TW, Điều 4: the residential cell comments on the member's example in
    # carrying out a citizen's duties where they live.
    EXEMPLARY = "exemplary", "Gương mẫu thực hiện tốt nghĩa vụ công dân nơi cư trú"
    FULFILLED = "fulfilled", "Thực hiện đầy đủ nghĩa vụ công dân nơi cư trú"
    NOT_FULFILLED = "not_fulfilled", "Chưa thực hiện đầy đủ nghĩa vụ công dân nơi cư trú"


class ResidenceComment(models.Model):
    contact = models.ForeignKey(ResidenceContact, on_delete=models.CASCADE, related_name="comments")
    year = models.PositiveSmallIntegerField("năm")
    assessment = models.CharField("nhận xét chung", max_length=16, choices=Assessment.choices)
    text = models.TextField("ý kiến nhận xét của chi ủy nơi cư trú", blank=True)
    commented_on = models.DateField("ngày nhận xét")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhận xét của chi bộ nơi cư trú"
        verbose_name_plural = "nhận xét của chi bộ nơi cư trú"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["contact", "year"], name="one_residence_comment_a_year")]

    def __str__(self):
        return f"{self.contact} {self.year}: {self.get_assessment_display()}"
