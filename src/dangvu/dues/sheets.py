"""The outputs of party dues: a cell's monthly collection sheet (rows, totals, arrears, as an .xlsx
safe against formula injection), the share kept and passed up per month, and the arrears of a
subtree with the amounts owed. Built on dues.selectors; a fixed number of queries per page."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from dangvu.core.excel.writing import Book
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from . import rules, selectors
from .models import DuesBasis, DuesShare, Payment
from .rules import due_of, format_month, month_end, month_start


@dataclass
class Line:
    row: selectors.SheetRow
    unpaid: list  # months of the year unpaid up to this month (arrears)
    owed: int  # what those months ask for

    @property
    def short(self) -> int:
        """What is still due for this month."""
        if self.row.due is None or self.row.paid:
            return 0
        return self.row.due


def _owed(member_ids, year: int, months: dict[int, set[int]]) -> dict[int, int]:
    """{member id: sum due over the given unpaid months}, from the bases in force (one query)."""
    bases: dict[int, list[DuesBasis]] = {}
    for b in DuesBasis.objects.filter(member_id__in=member_ids).order_by("valid_from"):
        bases.setdefault(b.member_id, []).append(b)
    owed = {}
    for member_id, unpaid in months.items():
        total = 0
        for m in unpaid:
            first = dt.date(year, m, 1)
            basis = next((b for b in reversed(bases.get(member_id, [])) if b.valid_from <= first), None)
            total += due_of(basis, first) or 0
        owed[member_id] = total
    return owed


def month_lines(org: Organization, month: dt.date, today: dt.date | None = None) -> list[Line]:
    today = today or dt.date.today()
    month = month_start(month)
    rows = selectors.month_sheet(org, month)
    as_of = min(month_end(month) + dt.timedelta(days=1), today)
    unpaid = selectors.unpaid_months(org, month.year, as_of)
    ids = [r.member.pk for r in rows]
    mine = {k: v for k, v in unpaid.items() if k in ids}
    owed = _owed(ids, month.year, mine)
    carried, carried_owed = _carried(org, ids, month.year)
    return [
        Line(r, carried.get(r.member.pk, []) + sorted(mine.get(r.member.pk, ())),
             carried_owed.get(r.member.pk, 0) + owed.get(r.member.pk, 0))
        for r in rows
    ]  # fmt: skip


def _carried(org: Organization, ids, year: int) -> tuple[dict[int, list[str]], dict[int, int]]:
    """Arrears of the years before `year` that still stand, so January does not start from zero
    when December was owed: {member id: months as mm/yyyy} and {member id: their sum}. From the
    first year any of these members had a dues basis; three queries a year."""
    first = DuesBasis.objects.filter(member_id__in=ids, valid_from__lt=dt.date(year, 1, 1)).order_by("valid_from")
    first = first.values_list("valid_from", flat=True).first()
    months: dict[int, list[str]] = {}
    owed: dict[int, int] = {}
    for y in range(first.year, year) if first else ():
        unpaid = {k: v for k, v in selectors.unpaid_months(org, y, dt.date(y + 1, 1, 1)).items() if k in ids}
        for member_id, total in _owed(list(unpaid), y, unpaid).items():
            months.setdefault(member_id, []).extend(f"{m:02d}/{y}" for m in sorted(unpaid[member_id]))
            owed[member_id] = owed.get(member_id, 0) + total
    return months, owed


def totals(lines: list[Line]) -> dict:
    return {
        "due": sum(line.row.due or 0 for line in lines),
        "paid": sum(line.row.paid.amount for line in lines if line.row.paid),
        "paid_count": sum(1 for line in lines if line.row.paid),
        "short": sum(line.short for line in lines),
        "owed": sum(line.owed for line in lines),
    }


SHEET_HEADERS = [
    "STT", "Họ và tên", "Đối tượng", "Tiền lương, lương hưu làm căn cứ (đồng)", "Mức phải đóng (đồng)",
    "Đã nộp (đồng)", "Ngày nộp", "Số biên lai", "Người thu", "Các tháng chưa nộp (cả năm trước)",
    "Số tiền còn nợ (đồng)",
]  # fmt: skip
SHORT_KIND = {"salary": "Hưởng lương (1%)", "pension": "Lương hưu, trợ cấp BHXH (0,5%)", "fixed": "Mức cố định"}


def sheet_xlsx(org: Organization, month: dt.date, lines: list[Line], collection: dict) -> bytes:
    """The month's collection sheet as an .xlsx: one row per member, then the totals and the split."""
    book = Book()
    ws = book.sheet(f"Đảng phí {format_month(month).replace('/', '-')}", SHEET_HEADERS,
                    [5, 28, 24, 18, 14, 14, 12, 12, 18, 20, 16])  # fmt: skip
    r = 0
    for r, line in enumerate(lines, start=1):
        row, basis = line.row, line.row.basis
        values = [
            r, row.member.full_name, SHORT_KIND.get(basis.kind, "") if basis else "Chưa có căn cứ",
            basis.base_amount if basis else None, row.due, row.paid.amount if row.paid else None,
            row.paid.paid_on if row.paid else None, row.paid.receipt_no if row.paid else "",
            row.paid.collected_by if row.paid else "", ", ".join(str(m) for m in line.unpaid), line.owed or None,
        ]  # fmt: skip
        for c, value in enumerate(values):
            book.cell(ws, r, c, value)
    t = totals(lines)
    r += 2
    summary = [
        ("Tổng mức phải đóng", t["due"]), ("Tổng đã thu", collection["total"]),
        (f"Chi bộ trích giữ lại ({collection['kept_percent']}%)", collection["kept"]),
        ("Nộp lên cấp trên", collection["passed_up"]), ("Tổng số tiền còn nợ (cả các năm trước)", t["owed"]),
    ]  # fmt: skip
    for i, (label, value) in enumerate(summary):
        book.cell(ws, r + i, 1, label, book.header)
        book.cell(ws, r + i, 4, value)
    book.cell(ws, r + len(summary) + 1, 1, f"{org.name} — tháng {format_month(month)}", book.hint)
    return book.bytes()


def year_shares(org: Organization, year: int) -> list[dict]:
    """Per month of `year`: what the cells under `org` collected, kept and passed up (each cell at
    its own kept share). Three queries whatever the number of cells."""
    sums = (
        Payment.objects.filter(org__path__startswith=org.path, month__year=year)
        .values_list("org_id", "month")
        .annotate(total=Sum("amount"))
    )
    sums = list(sums)
    cells = {o.pk: o for o in Organization.objects.filter(pk__in={s[0] for s in sums})}
    overrides = dict(DuesShare.objects.filter(org_id__in=cells).values_list("org_id", "kept_percent"))
    months = {m: {"month": dt.date(year, m, 1), "total": 0, "kept": 0, "passed_up": 0, "cells": set()}
              for m in range(1, 13)}  # fmt: skip
    for org_id, month, total in sums:
        cell = cells[org_id]
        percent = overrides.get(org_id, rules.default_kept_percent(cell.level, cell.kind))
        kept, up = rules.split(total, percent)
        row = months[month.month]
        row["total"] += total
        row["kept"] += kept
        row["passed_up"] += up
        row["cells"].add(org_id)
    return [months[m] | {"cells": len(months[m]["cells"])} for m in range(1, 13)]


@dataclass
class Arrear:
    member: Member
    months: list
    owed: int


def arrears(root: Organization | None, year: int, as_of: dt.date) -> list[Arrear]:
    """Members in the Party under `root` with months of `year` unpaid (ended before `as_of`)."""
    from dangvu.members.models import IN_PARTY_STATUSES

    if root is None:
        return []
    unpaid = selectors.unpaid_months(root, year, as_of)
    members = Member.objects.filter(pk__in=unpaid, status__in=IN_PARTY_STATUSES).select_related("org")
    members = list(members.order_by("org__path", "sort_key"))
    owed = _owed([m.pk for m in members], year, unpaid)
    return [Arrear(m, sorted(unpaid[m.pk]), owed.get(m.pk, 0)) for m in members]
