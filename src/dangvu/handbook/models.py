"""A member's own login (role `member`, "Đảng viên"): one account bound to one member record, opened
with a one-time activation code the clerk of the cell hands out on a printed slip."""

from django.conf import settings
from django.db import models

from dangvu.meetings.storage import media_storage
from dangvu.members.models import Member


class MemberAccount(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_account")
    member = models.OneToOneField(Member, on_delete=models.PROTECT, related_name="account", verbose_name="đảng viên")
    activated_at = models.DateTimeField("kích hoạt lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tài khoản đảng viên"
        verbose_name_plural = "tài khoản đảng viên"

    def __str__(self):
        return f"Tài khoản của {self.member}"


class ActivationCode(models.Model):
    """A code is stored only as its keyed digest (handbook.codes.digest): whoever reads the table
    cannot activate anyone. One code works once, until `expires_at`; issuing a new slip for the
    same member voids the codes not yet used."""

    account = models.ForeignKey(MemberAccount, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    used_at = models.DateTimeField("đã dùng lúc", null=True, blank=True)
    voided_at = models.DateTimeField("hủy lúc", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField("cấp lúc", auto_now_add=True)

    class Meta:
        verbose_name = "mã kích hoạt"
        verbose_name_plural = "mã kích hoạt"

    def __str__(self):
        return f"Mã kích hoạt của {self.account.member}"


class CorrectionState(models.TextChoices):
    PENDING = "pending", "Chờ xử lý"
    ACCEPTED = "accepted", "Đã chấp nhận"
    DECLINED = "declined", "Không chấp nhận"


class CorrectionRequest(models.Model):
    """A member asks the clerk to correct one field of their record. Accepted, the change is written
    by members.services.member_update (its checks and audit); declined, with the clerk's reason.
    `field` "other" is anything the identity form does not hold (the admission or recognition date,
    an event): accepting it records the answer, and the clerk corrects the event on the record."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="correction_requests")
    field = models.CharField("mục cần sửa", max_length=40)
    current_value = models.CharField("đang ghi", max_length=255, blank=True)
    proposed_value = models.CharField("đề nghị sửa thành", max_length=255)
    note = models.CharField("lý do, căn cứ", max_length=500, blank=True)
    state = models.CharField("tình trạng", max_length=10, choices=CorrectionState.choices, default="pending")
    answer = models.CharField("trả lời", max_length=500, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    decided_at = models.DateTimeField("xử lý lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "đề nghị sửa hồ sơ"
        verbose_name_plural = "đề nghị sửa hồ sơ"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Đề nghị sửa {self.field} của {self.member}"


class MeetingReply(models.Model):
    """A member's answer to their cell's meeting before it takes place: coming, or not with a reason.
    The secretary's attendance sheet starts from these answers (meetings.views.meeting_edit)."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="replies")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="meeting_replies")
    coming = models.BooleanField("sẽ dự họp")
    reason = models.CharField("lý do vắng", max_length=255, blank=True)
    answered_at = models.DateTimeField("trả lời lúc", auto_now=True)

    class Meta:
        verbose_name = "trả lời giấy mời họp"
        verbose_name_plural = "trả lời giấy mời họp"
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="handbook_one_reply")]

    def __str__(self):
        return f"{self.member} — {self.meeting}"


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", "Nghị quyết"
    DIRECTIVE = "directive", "Chỉ thị"
    CONCLUSION = "conclusion", "Kết luận"
    REGULATION = "regulation", "Quy định"
    GUIDE = "guide", "Hướng dẫn"
    PLAN = "plan", "Kế hoạch"
    NOTICE = "notice", "Thông báo"
    OTHER = "other", "Văn bản khác"


class Document(models.Model):
    """A document a committee publishes to its members (handbook.documents): who sees it is kept in
    its audience rows; the file lives in the media storage, served only through scoped views."""

    publisher = models.ForeignKey(
        "organizations.Organization", verbose_name="cấp ủy phát hành", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=DocumentKind.choices)
    number = models.CharField("số, ký hiệu", max_length=60)
    issued_on = models.DateField("ngày ban hành")
    issuer = models.CharField("cơ quan ban hành", max_length=160)
    title = models.CharField("trích yếu", max_length=300)
    summary = models.TextField("tóm tắt", blank=True)
    file = models.FileField("tệp văn bản", storage=media_storage, upload_to="van-ban/%Y/")
    search_key = models.TextField(editable=False, default="")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField("phát hành lúc", auto_now_add=True)
    withdrawn_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number}: {self.title}"


class DocumentAudience(models.Model):
    """One unit a document is published to: the unit's whole subtree, or that cell alone."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="audience")
    org = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    whole_subtree = models.BooleanField(default=True)

    class Meta:
        verbose_name = "nơi nhận văn bản"
        verbose_name_plural = "nơi nhận văn bản"
        constraints = [models.UniqueConstraint(fields=["document", "org"], name="handbook_one_audience_row")]

    def __str__(self):
        return f"{self.document.number} → {self.org}"


class DocumentRead(models.Model):
    """The read receipt: the first time the member opened the document, and whether they bookmarked it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reads")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="document_reads")
    read_at = models.DateTimeField("đọc lúc", null=True, blank=True)
    bookmarked = models.BooleanField("đánh dấu", default=False)

    class Meta:
        verbose_name = "lượt đọc văn bản"
        verbose_name_plural = "lượt đọc văn bản"
        constraints = [models.UniqueConstraint(fields=["document", "member"], name="handbook_one_read")]

    def __str__(self):
        return f"{self.member} — {self.document.number}"


class Notice(models.Model):
    """An in-app notice to a member: a meeting called, a document published, a correction answered."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField("nội dung", max_length=300)
    url = models.CharField("đường dẫn", max_length=200, blank=True)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã xem lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "read_at"])]

    def __str__(self):
        return self.text
