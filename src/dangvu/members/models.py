"""Members and their lifecycle.

`MemberEvent` rows are the truth: admission, recognition, transfers, removal, death … each with
its date and decision. `MemberPeriod` rows are derived from them (see `rules.replay`): which
organization a member belonged to, as probationary or full member, active, exempted or
suspended, from one date up to (not including) the next. Counting the members of a subtree on
any date is then one query over periods. The status fields on `Member` are the same derivation
for today, kept for fast lists.
"""

from django.db import models
from django.db.models import Q

from dangvu.organizations.models import Organization, root_id_of


class Sex(models.TextChoices):
    MALE = "M", "Nam"
    FEMALE = "F", "Nữ"


class Status(models.TextChoices):
    PROBATIONARY = "probationary", "Đảng viên dự bị"
    FULL = "full", "Đảng viên chính thức"
    TRANSFERRED_OUT = "transferred_out", "Đã chuyển sinh hoạt đi nơi khác"
    REMOVED = "removed", "Đã xóa tên"
    PROBATION_FAILED = "probation_failed", "Không được công nhận chính thức (xóa tên)"
    DISMISSED = "dismissed", "Đã cho ra khỏi Đảng"
    EXPELLED = "expelled", "Đã khai trừ"
    DIED = "died", "Từ trần"


IN_PARTY_STATUSES = (Status.PROBATIONARY, Status.FULL)


class Standing(models.TextChoices):
    PROBATIONARY = "probationary", "Dự bị"
    FULL = "full", "Chính thức"


class Activity(models.TextChoices):
    ACTIVE = "active", "Sinh hoạt bình thường"
    EXEMPT = "exempt", "Miễn sinh hoạt"
    SUSPENDED = "suspended", "Đình chỉ sinh hoạt"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "Nhập hồ sơ ban đầu"
    ADMITTED = "admitted", "Kết nạp"
    RECOGNIZED = "recognized", "Công nhận đảng viên chính thức"
    PROBATION_FAILED = "probation_failed", "Không công nhận chính thức, xóa tên"
    TRANSFERRED = "transferred", "Chuyển sinh hoạt đảng chính thức trong Đảng bộ"
    TRANSFERRED_IN = "transferred_in", "Chuyển sinh hoạt đảng đến"
    TRANSFERRED_OUT = "transferred_out", "Chuyển sinh hoạt đảng đi nơi khác"
    TEMPORARY_TRANSFER = "temporary_transfer", "Chuyển sinh hoạt đảng tạm thời"
    MOVED = "moved", "Chuyển theo sắp xếp tổ chức"
    REMOVED = "removed", "Xóa tên"
    # Cho ra khỏi Đảng (Điều lệ Đảng, Điều 8): the party organization lets a member go (a request
    # to leave, or one no longer fit), neither a removal from the rolls nor a discipline.
    DISMISSED = "dismissed", "Cho ra khỏi Đảng"
    EXPELLED = "expelled", "Khai trừ"
    DIED = "died", "Từ trần"
    EXEMPTED = "exempted", "Miễn sinh hoạt đảng"
    SUSPENDED = "suspended", "Đình chỉ sinh hoạt đảng"
    RESUMED = "resumed", "Sinh hoạt đảng trở lại"
    READMITTED = "readmitted", "Kết nạp lại"
    RESTORED = "restored", "Khôi phục đảng tịch"


class Person(models.Model):
    """The identity a member's record (Mẫu 2-HSĐV) and a candidate's file (Mẫu 2-KNĐ) share,
    checked by members.identity.clean_identity. Abstract: each keeps its own table."""

    full_name = models.CharField("họ và tên", max_length=120)
    usual_name = models.CharField("họ tên thường dùng", max_length=120, blank=True)
    birth_date = models.DateField("ngày sinh")
    sex = models.CharField("giới tính", max_length=1, choices=Sex.choices)
    citizen_id = models.CharField("số CCCD", max_length=12, unique=True, null=True, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=40, default="Kinh")
    religion = models.CharField("tôn giáo", max_length=40, default="Không")
    education = models.CharField("giáo dục phổ thông", max_length=20, blank=True)
    qualification = models.CharField("chuyên môn, nghiệp vụ", max_length=120, blank=True)
    political_theory = models.CharField("lý luận chính trị", max_length=40, blank=True)
    occupation = models.CharField("nghề nghiệp", max_length=120, blank=True)
    birthplace = models.CharField("nơi sinh", max_length=200, blank=True)
    hometown = models.CharField("quê quán", max_length=200, blank=True)
    address = models.CharField("nơi ở hiện nay", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)

    class Meta:
        abstract = True


class Member(Person):
    # The rest of the record sheet (Mẫu 2-HSĐV; see reports.member_sheet for the source): kept as the
    # member declares it, free text, so that "Tiếng Anh B1, tiếng Trung A2" fits as typed.
    alias = models.CharField("bí danh", max_length=120, blank=True)
    temporary_address = models.CharField("nơi tạm trú", max_length=255, blank=True)
    academic_title = models.CharField("học hàm", max_length=40, blank=True)
    academic_degree = models.CharField("học vị", max_length=40, blank=True)
    foreign_languages = models.CharField("ngoại ngữ", max_length=120, blank=True)
    it_skills = models.CharField("tin học", max_length=80, blank=True)
    minority_languages = models.CharField("tiếng dân tộc thiểu số", max_length=80, blank=True)
    youth_union_joined_on = models.DateField("ngày vào Đoàn TNCS Hồ Chí Minh", null=True, blank=True)
    mass_org_positions = models.CharField("chức vụ đoàn thể", max_length=255, blank=True)
    health = models.CharField("tình trạng sức khỏe", max_length=120, blank=True)
    # Party record.
    party_card_no = models.CharField("số thẻ đảng viên", max_length=20, unique=True, null=True, blank=True)
    admitted_on = models.DateField("ngày vào Đảng")
    admission_decision = models.CharField("quyết định kết nạp", max_length=80, blank=True)
    recognized_on = models.DateField("ngày chính thức", null=True, blank=True)
    # Derived from the events (rules.replay) for today; see MemberPeriod for any past date.
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices)
    activity = models.CharField("sinh hoạt", max_length=12, choices=Activity.choices, default=Activity.ACTIVE)
    # The cell today; for a former member, the last cell they belonged to. No index of its own: the
    # (org, status) index leads with it (one index entry less to write per member; members 0014).
    org = models.ForeignKey(
        Organization,
        verbose_name="chi bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        db_index=False,
    )
    # The top of the tree `org` is in today (the root of its path: a province in a national
    # deployment), kept with `org` by save() and by organizations.services.org_move. A search over
    # a province's 116.000 members finds a name through one GIN index on (root, the name's words)
    # (members 0013, 0016) instead of probing its 5.800 units one by one.
    root = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False, editable=False
    )
    # Search and sort keys (core.text): unaccented name, Vietnamese collation by given name.
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    sort_key = models.CharField(max_length=400, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic concurrency: the identity form carries the value it was loaded with, and
    # members.services.member_update refuses to save over a change made since.
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        ordering = ["sort_key"]
        indexes = [
            models.Index(fields=["org", "status"]),
            models.Index(fields=["admitted_on"], name="members_member_admitted_on"),  # badge, probation alerts
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        """Keeps `root` with `org`: every way a member changes unit (admission, transfer, the
        lifecycle's rebuild, an edit) ends in a save naming `org`."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"org", "org_id"} & set(update_fields):
            root_id = root_id_of(self.org.path) if self.org_id else None
            if update_fields is not None and root_id != self.root_id:
                kwargs["update_fields"] = [*update_fields, "root"]
            self.root_id = root_id
        super().save(*args, **kwargs)

    @property
    def in_party(self) -> bool:
        return self.status in IN_PARTY_STATUSES


class GivenName(models.Model):
    """A given name some member's name holds (PostgreSQL; SQLite leaves the table empty): its word
    as a name key writes it (the key's last word, unaccented: "hung") and the start of the members'
    sort keys it gives — the primary-level bytes of its collation key (`Member.sort_key` begins
    with the given name's key: Hùng and Hung share "39534537", Hưng has "3954024537"). Every member
    whose given name's word is `word` has a sort key in ["<sort_start>01", "<sort_start>02"), a
    range of the (root, sort key) index in the list's own order, so a search for one word reads its
    first matches by given name from there instead of sorting every match (members.selectors).

    Written by a trigger on every statement that inserts or updates members (members 0018), from
    the rows themselves, whatever writes them — a service, an import's COPY, the demo's loader —
    so a member's range is the one its own stored keys fall in. Never deleted: a name no member
    holds any more gives an empty range."""

    word = models.CharField(max_length=120)
    sort_start = models.CharField(max_length=400)

    class Meta:
        verbose_name = "tên gọi"
        verbose_name_plural = "tên gọi"
        constraints = [models.UniqueConstraint(fields=["word", "sort_start"], name="given_name_word_start")]
        indexes = [models.Index(fields=["word"], name="given_name_word_like", opclasses=["varchar_pattern_ops"])]

    def __str__(self):
        return self.word


class MemberEvent(models.Model):
    # member and org have no index of their own: (member, date) and (org, kind, date) lead with them
    # and serve every lookup by one of them (members 0014), at two index entries less per event.
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events", db_index=False)
    kind = models.CharField("sự kiện", max_length=24, choices=EventKind.choices)
    date = models.DateField("ngày hiệu lực")
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    org = models.ForeignKey(
        Organization,
        verbose_name="tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    to_org = models.ForeignKey(
        Organization, verbose_name="chuyển đến", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField("nơi đi / nơi đến", max_length=255, blank=True)
    until = models.DateField("đến ngày", null=True, blank=True)
    standing = models.CharField("loại đảng viên", max_length=12, choices=Standing.choices, blank=True)
    reason = models.TextField("lý do", blank=True)
    override_reason = models.TextField("lý do chấp thuận ngoại lệ", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The import job (imports.ImportJob's id; members sits below imports, so not a foreign key)
    # whose row wrote this event: an import audits the member once, naming the job and the row,
    # and the events it derives point back to that job instead of each having its own entry.
    import_job = models.PositiveBigIntegerField("lần nhập", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "sự kiện đảng viên"
        verbose_name_plural = "sự kiện đảng viên"
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["member", "date"]),
            models.Index(fields=["org", "kind", "date"], name="members_event_org_kind_date"),  # a subtree's admissions
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MemberPeriod(models.Model):
    """Derived: the member belonged to `org` with this standing and activity during
    [valid_from, valid_to). Rebuilt from the events by members.services; never edited by hand."""

    # No index of their own, as on MemberEvent: (member, valid_from) and (org, valid_from) lead with them.
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods", db_index=False)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", db_index=False)
    standing = models.CharField(max_length=12, choices=Standing.choices)
    activity = models.CharField(max_length=12, choices=Activity.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    start_kind = models.CharField(max_length=24, choices=EventKind.choices)
    end_kind = models.CharField(max_length=24, choices=EventKind.choices, blank=True)
    # As MemberEvent.import_job: the import that wrote this period (a later rebuild writes new ones).
    import_job = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(fields=["org", "valid_from"]),
            models.Index(fields=["member", "valid_from"]),
            models.Index(fields=["valid_from", "valid_to"]),
            models.Index(fields=["org", "valid_to"], name="members_period_org_end"),  # who left a subtree
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="memberperiod_nonempty",
            )
        ]

    def __str__(self):
        return f"{self.member_id}@{self.org_id} {self.standing} [{self.valid_from}, {self.valid_to})"


class MemberBadge(models.Model):
    """A Huy hiệu Đảng presented to a member."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="badges")
    years = models.PositiveSmallIntegerField("huy hiệu (năm tuổi đảng)")
    presented_on = models.DateField("ngày trao")
    decision_no = models.CharField("số quyết định", max_length=80, blank=True)

    class Meta:
        verbose_name = "huy hiệu Đảng"
        verbose_name_plural = "huy hiệu Đảng"
        constraints = [models.UniqueConstraint(fields=["member", "years"], name="one_badge_per_milestone")]

    def __str__(self):
        return f"Huy hiệu {self.years} năm tuổi Đảng"


class MemberWorkPeriod(models.Model):
    """One line of the work history on the record sheet (quá trình công tác): from which month to
    which month the member did what work, in which position, where. `ended_on` empty: to this
    day. Months are stored as their first day. Written only by members.services.member_update."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="work_periods")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    started_on = models.DateField("từ tháng")
    ended_on = models.DateField("đến tháng", null=True, blank=True)
    work = models.CharField("công việc, chức vụ", max_length=255)
    place = models.CharField("nơi công tác", max_length=255, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["member", "order", "id"]

    def __str__(self):
        until = f"{self.ended_on:%m/%Y}" if self.ended_on else "nay"
        return f"{self.started_on:%m/%Y}–{until}: {self.work}"


class TransferState(models.TextChoices):
    WAITING = "waiting", "Chờ nơi đến tiếp nhận"
    RECEIVED = "received", "Đã tiếp nhận"
    CANCELLED = "cancelled", "Đã hủy"


class Transfer(models.Model):
    """A transfer to another cell of the system as the two acts it is: the sending unit issues it
    (the introduction letter), the receiving unit records the arrival. The member stays in the
    sending cell until then; the arrival writes the TRANSFERRED event (members.transfers)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    from_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="nơi đi")
    to_org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="incoming_transfers", verbose_name="nơi đến"
    )
    issued_on = models.DateField("ngày giới thiệu chuyển đi")
    decision_no = models.CharField("số giấy giới thiệu", max_length=80, blank=True)
    reason = models.TextField("lý do, ghi chú", blank=True)
    state = models.CharField("tình trạng", max_length=16, choices=TransferState.choices, default=TransferState.WAITING)
    received_on = models.DateField("ngày tiếp nhận", null=True, blank=True)
    event = models.ForeignKey(MemberEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chuyển sinh hoạt đảng"
        verbose_name_plural = "chuyển sinh hoạt đảng"
        ordering = ["-issued_on", "-id"]
        constraints = [
            # One transfer on its way per member: a second would move them twice.
            models.UniqueConstraint(fields=["member"], condition=Q(state="waiting"), name="one_waiting_transfer")
        ]

    def __str__(self):
        return f"{self.member} → {self.to_org}"
