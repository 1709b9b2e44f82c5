"""The standard statistics of a unit (thống kê đảng viên): members by sex, ethnicity, religion,
age band, education, political theory, standing and activity on a date; increases and decreases
in a year by cause; Party badges presented by milestone; review classes.

Each table comes from the same records as the indicator catalogue and carries the catalogue's
figure it must add up to (`Table.check`): the composition tables count `members.total`'s member
periods, the flows split `members.increase` / `members.decrease` (the same `crossings`), the
review tables split `review.members.rated` / `review.orgs.rated`. Each composition table is one
grouped query over the member periods of the subtree as the tree stood that day; the whole set
takes a fixed number of queries whatever the size of the subtree.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, Value, When

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.core.dates import add_years, format_date
from dangvu.members.indicators import crossings
from dangvu.members.models import Activity, EventKind, MemberBadge, MemberPeriod, Sex, Standing
from dangvu.organizations.models import Organization, OrgPeriod
from dangvu.organizations.selectors import covering, path_on, subtree_ids_during

NOT_RECORDED = "Chưa ghi"


@dataclass
class Table:
    key: str  # also the XLSX sheet's name
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    # (indicator key, its value): the figure the rows must add up to.
    check: tuple[str, object] | None = None
    note: str = ""

    @property
    def total(self) -> int:
        return sum(row[-1] for row in self.rows if isinstance(row[-1], int))


# --- composition on a date ----------------------------------------------------------------------

AGE_BANDS = [(None, 30, "Từ 30 tuổi trở xuống"), (31, 40, "Từ 31 đến 40 tuổi"), (41, 50, "Từ 41 đến 50 tuổi"),
             (51, 60, "Từ 51 đến 60 tuổi"), (61, 70, "Từ 61 đến 70 tuổi"), (71, None, "Trên 70 tuổi")]  # fmt: skip


def _age_band(day: dt.date) -> Case:
    """The age band of a member's birth date on `day` (age in completed years), in SQL: aged at
    most N on `day` means born after `day` minus N + 1 years."""
    whens = []
    for _low, high, label in AGE_BANDS:
        if high is not None:
            whens.append(When(member__birth_date__gt=add_years(day, -(high + 1)), then=Value(label)))
        else:
            return Case(*whens, default=Value(label), output_field=CharField())
    raise AssertionError("the last band has no upper bound")


COMPOSITION = [
    # (key, title, the column grouped by, labels of coded values or None)
    ("gioi-tinh", "Giới tính", "member__sex", dict(Sex.choices)),
    ("dan-toc", "Dân tộc", "member__ethnicity", None),
    ("ton-giao", "Tôn giáo", "member__religion", None),
    ("do-tuoi", "Độ tuổi", "age_band", None),
    ("hoc-van", "Trình độ giáo dục phổ thông", "member__education", None),
    ("ly-luan", "Trình độ lý luận chính trị", "member__political_theory", None),
    (
        "du-bi-chinh-thuc",
        "Đảng viên dự bị, chính thức",
        "standing",
        {Standing.PROBATIONARY: "Đảng viên dự bị", Standing.FULL: "Đảng viên chính thức"},
    ),
    ("sinh-hoat", "Miễn, đình chỉ sinh hoạt", "activity", dict(Activity.choices)),
]


def _periods_on(root_path: str | None, day: dt.date):
    if root_path is None:
        return MemberPeriod.objects.none()
    units = OrgPeriod.objects.filter(covering(day), path__startswith=root_path).values("org_id")
    return MemberPeriod.objects.filter(covering(day), org_id__in=units)


def composition(org: Organization, day: dt.date) -> list[Table]:
    """Members of `org`'s subtree at the end of `day`, one table per characteristic; each table
    adds up to `members.total` for a period ending on `day`. One query per table (plus one for
    the root's place in the tree and one for the catalogue's total)."""
    periods = _periods_on(path_on(org, day), day)
    total = catalogue.compute("members.total", org, Period(day, day))
    tables = []
    for key, title, column, labels in COMPOSITION:
        qs = periods.annotate(age_band=_age_band(day)) if column == "age_band" else periods
        counts = dict(qs.values_list(column).annotate(n=Count("id")).order_by())
        if column == "age_band":
            order = [label for _, _, label in AGE_BANDS]
        elif labels:
            order = list(labels)
        else:
            order = sorted(counts, key=lambda v: (-counts[v], v or ""))
        rows = [[labels.get(v, v) if labels else (v or NOT_RECORDED), counts.get(v, 0)] for v in order]
        tables.append(Table(key, title, [title, "Số đảng viên"], rows, ("members.total", total)))
    return tables


# --- flows in a period -------------------------------------------------------------------------

TRANSFERS = {EventKind.TRANSFERRED, EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT, EventKind.TEMPORARY_TRANSFER}
INCREASE_CAUSES = [
    ("Kết nạp", {EventKind.ADMITTED}),
    ("Chuyển sinh hoạt đến", TRANSFERS),
    ("Kết nạp lại", {EventKind.READMITTED}),
    ("Khôi phục đảng tịch", {EventKind.RESTORED}),
]
DECREASE_CAUSES = [
    ("Chuyển sinh hoạt đi", TRANSFERS),
    ("Xóa tên", {EventKind.REMOVED, EventKind.PROBATION_FAILED}),
    ("Cho ra khỏi Đảng", {EventKind.DISMISSED}),
    ("Khai trừ", {EventKind.EXPELLED}),
    ("Từ trần", {EventKind.DIED}),
]
OTHER_CAUSE = "Khác (sắp xếp tổ chức, nhập hồ sơ)"


def _by_cause(found, causes) -> list[list]:
    kinds = Counter(c.kind for c in found)
    rows = [[label, sum(kinds.pop(k, 0) for k in ks)] for label, ks in causes]
    rows.append([OTHER_CAUSE, sum(kinds.values())])
    return rows


def flows(org: Organization, period: Period) -> list[Table]:
    """Increases and decreases of `org`'s subtree in `period` by cause, from the same crossings as
    `members.increase` / `members.decrease`, with the balance: members at the start + increases
    − decreases = members at the end."""
    entries, exits = crossings(org, period)
    start = catalogue.compute("members.total", org, Period(period.day_before, period.day_before))
    end = catalogue.compute("members.total", org, period)
    increase = _by_cause(entries, INCREASE_CAUSES)
    decrease = _by_cause(exits, DECREASE_CAUSES)
    admitted = catalogue.compute("members.admitted", org, period)
    note = ""
    if admitted != increase[0][1]:
        note = (
            f"{admitted} đảng viên kết nạp trong kỳ (members.admitted); {admitted - increase[0][1]} trong số đó "
            "đã chuyển đi ngay trong ngày kết nạp hoặc được kết nạp ở đơn vị sau đó mới chuyển vào, nên không "
            "tính là tăng do kết nạp."
        )
    balance = [
        [f"Đảng viên đầu kỳ (hết ngày {format_date(period.day_before)})", start],
        ["Tăng trong kỳ", len(entries)],
        ["Giảm trong kỳ", len(exits)],
        [f"Đảng viên cuối kỳ (hết ngày {format_date(period.end)})", end],
    ]
    return [
        Table("tang", "Đảng viên tăng trong kỳ, theo nguyên nhân", ["Nguyên nhân", "Số đảng viên"], increase,
              ("members.increase", catalogue.compute("members.increase", org, period)), note),
        Table("giam", "Đảng viên giảm trong kỳ, theo nguyên nhân", ["Nguyên nhân", "Số đảng viên"], decrease,
              ("members.decrease", catalogue.compute("members.decrease", org, period))),
        Table("can-doi", "Cân đối đảng viên trong kỳ", ["", "Số đảng viên"], balance),
    ]  # fmt: skip


# --- badges and review classes -----------------------------------------------------------------


def badges_presented(org: Organization, period: Period):
    """Badges presented in `period` to members who belonged to `org`'s subtree on the day."""
    belonged = MemberPeriod.objects.filter(
        member_id=OuterRef("member_id"),
        org_id__in=subtree_ids_during(org, period.start, period.end),
        valid_from__lte=OuterRef("presented_on"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("presented_on")))
    return MemberBadge.objects.filter(Exists(belonged), presented_on__range=(period.start, period.end))


def badges(org: Organization, period: Period) -> Table:
    counts = dict(badges_presented(org, period).values_list("years").annotate(n=Count("id")).order_by())
    rows = [[f"Huy hiệu {years} năm tuổi Đảng", counts[years]] for years in sorted(counts)]
    return Table("huy-hieu", "Huy hiệu Đảng đã trao trong kỳ", ["Huy hiệu", "Số đảng viên"], rows)


def _labels(year: int, attr: str) -> dict:
    from dangvu.reviews.rulebooks import NoRulebook, rulebook_for

    try:
        return dict(getattr(rulebook_for(year), attr)())
    except NoRulebook:
        return {}


def review_classes(org: Organization, year: int) -> list[Table]:
    """The decided classes of the year's review: members and grassroots organizations."""
    from dangvu.reviews.selectors import decided_member_results, decided_org_results

    period = Period.year(year)
    tables = []
    for key, title, results, labels, check in (
        ("xl-dang-vien", "Xếp loại chất lượng đảng viên", decided_member_results, "member_choices",
         "review.members.rated"),
        ("xl-to-chuc", "Xếp loại tổ chức cơ sở đảng", decided_org_results, "org_choices", "review.orgs.rated"),
    ):  # fmt: skip
        counts = dict(results(org, period).values_list("decided_class").annotate(n=Count("id")).order_by())
        names = _labels(year, labels)
        order = list(names) + sorted(set(counts) - set(names))
        rows = [[names.get(code, code), counts.get(code, 0)] for code in order]
        tables.append(Table(key, f"{title} năm {year}", ["Xếp loại", "Số lượng"], rows,
                            (check, catalogue.compute(check, org, period))))  # fmt: skip
    return tables


def all_tables(org: Organization, day: dt.date, year: int) -> list[Table]:
    period = Period.year(year)
    # One evaluation: the flows' crossings, totals and lineage are read once for all the tables.
    with catalogue.evaluation():
        return [*composition(org, day), *flows(org, period), badges(org, period), *review_classes(org, year)]


def as_xlsx(org: Organization, day: dt.date, year: int, tables: list[Table]) -> bytes:
    """One sheet per table, Vietnamese headers, the catalogue's figure under the rows (written by
    the one writer, core.excel.writing: a unit's name starting with "=" stays text)."""
    from dangvu.core.excel.writing import Book

    book = Book()
    for table in tables:
        above = (f"{table.title} — {org.name}", f"Số liệu đến hết ngày {format_date(day)}; biến động năm {year}")
        ws = book.sheet(table.key, table.header, [48, *[16] * (len(table.header) - 1)], above=above)
        r = len(above)
        for r, row in enumerate(table.rows, start=len(above) + 1):
            book.row(ws, r, row)
        if table.check:
            book.row(ws, r + 1, ["Tổng cộng", table.total])
            book.row(ws, r + 2, [f"Chỉ số {table.check[0]}", table.check[1]])
            r += 2
        if table.note:
            book.row(ws, r + 1, [table.note])
    return book.bytes()
