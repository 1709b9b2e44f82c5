"""The admission pipeline: a candidate (quần chúng ưu tú) and the file that leads to admission.

A candidate is a person who is not yet a member. Their file has steps (course certificate,
application, background check, the cell's vote, the superior's decision), each with its date and
the person in charge, and two introducers who are full members. The decision is the only way the
candidate becomes a member: `services.candidate_admit` calls members.services.member_admit and
links the new member here. `stage` and `stage_on` are derived by the services after each change
(the furthest step reached and its date), so lists by stage and of stalled files are one query.
"""

from django.db import models
from django.db.models import Q

from dangvu.members.models import Member, Person
from dangvu.organizations.models import Organization


class Stage(models.TextChoices):
    LISTED = "listed", "Có tên trong danh sách quần chúng ưu tú"
    COURSE = "course", "Đã học lớp bồi dưỡng nhận thức về Đảng"
    APPLICATION = "application", "Đã có đơn xin vào Đảng"
    BACKGROUND = "background", "Đã thẩm tra lý lịch"
    INTRODUCED = "introduced", "Đã có hai đảng viên giới thiệu"
    VOTED = "voted", "Chi bộ đã đề nghị kết nạp"
    ADMITTED = "admitted", "Đã có quyết định kết nạp"
    CLOSED = "closed", "Dừng xem xét"


STAGE_ORDER = [s.value for s in Stage]


class Status(models.TextChoices):
    OPEN = "open", "Đang xem xét"
    ADMITTED = "admitted", "Đã kết nạp"
    CLOSED = "closed", "Dừng xem xét"


class StepKind(models.TextChoices):
    COURSE = "course", "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"
    APPLICATION = "application", "Đơn xin vào Đảng"
    BACKGROUND = "background", "Thẩm tra lý lịch"
    VOTE = "vote", "Chi bộ biểu quyết đề nghị kết nạp"
    DECISION = "decision", "Quyết định kết nạp của cấp ủy cấp trên"


class Candidate(Person):
    # Identity: a member's (members.models.Person). The citizen ID is not unique here: a person may
    # have a closed file and a new one; the services refuse a second open file and a citizen ID
    # that is already a member's.
    citizen_id = models.CharField("số CCCD", max_length=12, blank=True, db_index=True)
    # The file.
    org = models.ForeignKey(Organization, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="candidates")
    opened_on = models.DateField("ngày chi bộ đưa vào danh sách")
    in_charge = models.CharField("đảng viên được phân công giúp đỡ", max_length=160, blank=True)
    status = models.CharField("tình trạng", max_length=10, choices=Status.choices, default=Status.OPEN)
    stage = models.CharField("bước đã đạt", max_length=12, choices=Stage.choices, default=Stage.LISTED)
    stage_on = models.DateField("ngày của bước gần nhất")
    closed_on = models.DateField("ngày kết thúc hồ sơ", null=True, blank=True)
    close_reason = models.TextField("lý do dừng xem xét", blank=True)
    member = models.OneToOneField(
        Member, verbose_name="đảng viên", null=True, blank=True, on_delete=models.PROTECT, related_name="candidate_file"
    )
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    sort_key = models.CharField(max_length=400, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quần chúng ưu tú"
        verbose_name_plural = "quần chúng ưu tú"
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["org", "status"]), models.Index(fields=["opened_on", "closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="candidate_closed_after_opened",
            )
        ]

    def __str__(self):
        return self.full_name


class Step(models.Model):
    """One step of the file, with its date, the person in charge and the document's number."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("bước", max_length=12, choices=StepKind.choices)
    date = models.DateField("ngày")
    in_charge = models.CharField("người phụ trách", max_length=160, blank=True)
    reference = models.CharField("số văn bản, giấy chứng nhận", max_length=80, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # The cell's vote only: the full members of the cell that day (counted from the registry) and the result.
    full_members = models.PositiveIntegerField("số đảng viên chính thức của chi bộ", null=True, blank=True)
    votes_for = models.PositiveIntegerField("tán thành", null=True, blank=True)
    votes_against = models.PositiveIntegerField("không tán thành", null=True, blank=True)
    passed = models.BooleanField("đạt", null=True, blank=True)

    class Meta:
        verbose_name = "bước hồ sơ kết nạp"
        verbose_name_plural = "bước hồ sơ kết nạp"
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "kind"], name="one_step_of_each_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class Introducer(models.Model):
    """A full member who introduces the candidate (Mẫu 3-KNĐ)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="introducers")
    member = models.ForeignKey(Member, verbose_name="đảng viên giới thiệu", on_delete=models.PROTECT, related_name="+")
    position = models.CharField("chức vụ", max_length=160, blank=True)
    worked_together_since = models.DateField("cùng công tác với người vào Đảng từ ngày")
    introduced_on = models.DateField("ngày giới thiệu")

    class Meta:
        verbose_name = "đảng viên giới thiệu"
        verbose_name_plural = "đảng viên giới thiệu"
        ordering = ["introduced_on", "id"]
        constraints = [models.UniqueConstraint(fields=["candidate", "member"], name="introducer_once_per_file")]

    def __str__(self):
        return f"{self.member} giới thiệu {self.candidate}"


class UnionBody(models.TextChoices):
    """The mass organization that may introduce a candidate in place of one of the two members
    (Điều lệ Đảng, Điều 4, khoản 1; Quy định 24-QĐ/TW 2021, điểm 3.1)."""

    YOUTH_COMMITTEE = "youth_committee", "Ban Chấp hành Đoàn cơ sở"
    YOUTH_BRANCH = "youth_branch", "Tập thể chi đoàn cơ sở"
    TRADE_UNION = "trade_union", "Ban Chấp hành Công đoàn cơ sở"


YOUTH_BODIES = (UnionBody.YOUTH_COMMITTEE, UnionBody.YOUTH_BRANCH)


class UnionIntroduction(models.Model):
    """The resolution of the Youth Union (Đoàn TNCS Hồ Chí Minh) or the trade union introducing the
    candidate (Mẫu 4-KNĐ); with it, one full member is enough (rules.introductions_problem)."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="union_introduction")
    body = models.CharField("tổ chức giới thiệu", max_length=16, choices=UnionBody.choices)
    name = models.CharField("tên tổ chức", max_length=200)
    resolution_no = models.CharField("số nghị quyết giới thiệu", max_length=40)
    resolution_date = models.DateField("ngày nghị quyết")

    class Meta:
        verbose_name = "tổ chức đoàn thể giới thiệu"
        verbose_name_plural = "tổ chức đoàn thể giới thiệu"

    def __str__(self):
        resolution = f"Nghị quyết số {self.resolution_no}, {self.resolution_date:%d/%m/%Y}"
        return f"{self.get_body_display()} {self.name} ({resolution})"
