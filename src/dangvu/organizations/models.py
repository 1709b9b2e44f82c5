"""The organization tree, with its history.

`Organization.parent` and `.path` describe the tree as it is today. Every position an
organization has held in the tree is kept as an `OrgPeriod` (parent and materialized path,
valid from one date up to, not including, another), so the tree as of any past date is one
indexed query: the periods covering that date whose path starts with the root's path then.
"""

from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    WARD = "ward", "Xã, phường, thị trấn"
    AGENCY = "agency", "Cơ quan"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    STATE_ENTERPRISE = "state_enterprise", "Doanh nghiệp nhà nước"
    NON_STATE_ENTERPRISE = "non_state_enterprise", "Doanh nghiệp ngoài khu vực Nhà nước"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    SCHOOL = "school", "Trường học"
    OTHER = "other", "Khác"


class Level(models.TextChoices):
    PROVINCE = "province", "Đảng bộ tỉnh, thành phố"
    DISTRICT = "district", "Đảng bộ quận, huyện (cấp trên cơ sở, đến 30/6/2025)"
    # From 1/7/2025 the superior of the grassroots in a commune, ward or special zone (eras.py).
    COMMUNE = "commune", "Đảng bộ xã, phường, đặc khu (từ 01/7/2025)"
    # A province's bloc committee (đảng bộ khối; from 2025 the committees of its Party agencies,
    # its government …): above the grassroots, directly under the province.
    BLOC = "bloc", "Đảng bộ khối, cơ quan cấp tỉnh"
    # A grassroots organization (tổ chức cơ sở đảng) is one of the next two.
    GRASSROOTS_COMMITTEE = "grassroots_committee", "Đảng bộ cơ sở"
    GRASSROOTS_CELL = "grassroots_cell", "Chi bộ cơ sở"
    CELL = "cell", "Chi bộ trực thuộc"


GRASSROOTS_LEVELS = (Level.GRASSROOTS_COMMITTEE, Level.GRASSROOTS_CELL)
# Members belong to the cells where they hold party activity (a chi bộ cơ sở is its own cell).
MEMBER_LEVELS = (Level.GRASSROOTS_CELL, Level.CELL)
# Which levels may sit under which depends on the date: organizations/eras.py.


def root_id_of(path: str) -> int:
    """The id of the root of the tree a unit with materialized `path` ("/1/14/203/") is in."""
    return int(path[1 : path.index("/", 1)])


class Organization(models.Model):
    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    kind = models.CharField("loại hình", max_length=32, choices=Kind.choices)
    level = models.CharField("cấp", max_length=32, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="cấp trên", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    founded_on = models.DateField("ngày thành lập")
    dissolved_on = models.DateField("ngày giải thể, sáp nhập", null=True, blank=True)
    founding_decision = models.CharField("quyết định thành lập", max_length=80, blank=True)
    dissolution_decision = models.CharField("quyết định giải thể, sáp nhập", max_length=80, blank=True)
    # The organization this one was merged into, when it ended that way.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="sáp nhập vào"
    )
    name_key = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        ordering = ["path"]
        indexes = [
            # Subtree queries are `path LIKE 'prefix%'`; on PostgreSQL with a non-C collation only
            # a pattern-ops index serves them (other databases ignore opclasses). It carries what
            # "today's tree" asks of a unit, so a subtree's units are counted by depth from the
            # index alone (organizations.selectors.units_by_depth, on every member list: a
            # province of the country's 5.773 units in 1,5 ms against 3,6 reading the rows).
            models.Index(
                fields=["path"],
                name="org_path_alive",
                opclasses=["varchar_pattern_ops"],
                include=["depth", "founded_on", "dissolved_on"],
            ),
            # A subtree's units at one depth, in today's tree (founded_on, dissolved_on carried): a
            # member list counts a city's 30.000 units a depth at a time, up to what it needs to
            # know (organizations.selectors.units_by_depth(at_most=…)).
            models.Index(
                fields=["depth", "path"],
                name="org_depth_path",
                opclasses=["int2_ops", "varchar_pattern_ops"],
                include=["founded_on", "dissolved_on"],
            ),
            # The units of a kind founded in a period (orgs.founded.non_state_enterprise): without
            # it each province's evaluation read the country's 330.000 units.
            models.Index(fields=["kind", "founded_on"], name="org_kind_founded"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.level in GRASSROOTS_LEVELS

    def is_active_on(self, day) -> bool:
        return self.founded_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


class OrgPeriod(models.Model):
    """Where an organization stood in the tree from `valid_from` up to (not including) `valid_to`."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="periods")
    parent = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=255)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    # The decision that put the unit here (founding, or a move under a new superior).
    decision = models.CharField(max_length=80, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["path", "valid_from"]),
            models.Index(fields=["path"], name="orgperiod_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["org", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="orgperiod_nonempty",
            ),
            # A unit stands in one place at a time: at most one open period (selectors rely on it).
            models.UniqueConstraint(fields=["org"], condition=Q(valid_to__isnull=True), name="orgperiod_one_open"),
        ]

    def __str__(self):
        return f"{self.org_id} {self.path} [{self.valid_from}, {self.valid_to})"


class Reorganization(models.Model):
    """One decision that ends several units and forms or enlarges others on one day (the 2025
    reorganization: old wards divided between new ones). Its lineage rows say what passed where."""

    decision = models.CharField("số quyết định", max_length=80)
    on = models.DateField("ngày có hiệu lực")
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định sắp xếp tổ chức"
        verbose_name_plural = "quyết định sắp xếp tổ chức"
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.decision} ({self.on:%d/%m/%Y})"


class Lineage(models.Model):
    """`predecessor` passed part (or all) of itself to `successor` on `on`: the units listed in
    `unit_ids` (with their subtrees and their records) and the members in `member_ids` (with
    theirs). "In today's boundaries" a successor counts these records from before `on` as its own;
    "as it stood" they stay with the predecessor."""

    reorganization = models.ForeignKey(
        Reorganization, null=True, blank=True, on_delete=models.CASCADE, related_name="lineages"
    )
    predecessor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="predecessions")
    on = models.DateField("ngày")
    # Plain id lists: a part is read whole, never searched by one id.
    unit_ids = models.JSONField(default=list, blank=True)
    member_ids = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "kế thừa tổ chức"
        verbose_name_plural = "kế thừa tổ chức"
        indexes = [models.Index(fields=["successor", "on"]), models.Index(fields=["predecessor", "on"])]

    def __str__(self):
        return f"{self.predecessor_id} → {self.successor_id} ({self.on})"


class TreeVersion(models.Model):
    """A few rows of tokens the database changes with every statement that writes units — insert,
    update, delete, a COPY, a raw UPDATE of paths (organizations.versions' triggers, so no way of
    writing escapes it): the tree's version is all of them, in order. The unit choices a member
    list offers are kept per process under it (organizations.selectors.tree_choices). A token is
    written in the writer's transaction, so a reader sees it change with the rows it describes; it
    is random, so a change rolled back leaves behind no version another change could take."""

    token = models.CharField(max_length=36)

    class Meta:
        verbose_name = "phiên bản cây tổ chức"
        verbose_name_plural = "phiên bản cây tổ chức"

    def __str__(self):
        return self.token
