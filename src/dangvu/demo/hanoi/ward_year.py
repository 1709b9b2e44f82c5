"""The new phường Hoàng Mai (PHM) in 2025 and 2026, through the services: admissions in the cells it
would receive before 1/7/2025 and in its own after, its 2025 target (the city's), its review of
2025 under the rulebook of that year (reviews.rulebooks, QĐ 366), its year-end report, and 2026 so
far — admissions, cell meetings, and dues under QĐ 342 for January and Quy định 01-QĐ/TW from
February. These counts are fixed (they do not scale), so the tests can name them; every figure
shown is computed from the records."""

import datetime as dt
from decimal import Decimal

# The module itself, not `from . import plan`: that runs the package, which imports this module.
import dangvu.demo.hanoi.plan as p
from dangvu.core.numbers import format_int
from dangvu.dues.services import dues_basis_set, dues_collect_month
from dangvu.meetings.models import MeetingKind, Presence
from dangvu.meetings.services import meeting_create, roster_ids
from dangvu.members.models import Activity, Member
from dangvu.members.selectors import periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_periods_on
from dangvu.reports.services import year_report_save
from dangvu.reviews.models import Stage
from dangvu.reviews.services import member_results_record_bulk, org_result_record, review_cycle_close, review_cycle_open
from dangvu.targets.services import target_set

from ..people import OCCUPATION, random_day
from ..timeline import weekday
from .quarters import classes_said

CODE = "PHM"
BEFORE, AFTER, IN_2026 = 8, 6, 5  # PHM's admissions: 1/1–30/6/2025 (in the cells it received), 1/7–31/12, 2026
# The city's target of admissions for the new ward's 2025, its predecessors' part of the year
# included (their cells admit about a hundred a year in the yearly flows): a plan a city would set.
TARGET_2025 = 110
DECIDED_ON = dt.date(2025, 12, 22)
ISSUED = dt.date(2026, 1, 14)
UNTIL_2026 = dt.date(2026, 11, 30)  # "2026 so far": the scenario stops at the end of November
MEETING_CELLS, DUES_CELLS = 4, 2  # PHM's cells with meetings / dues recorded in 2026
SALARIED = set(OCCUPATION.values())  # the people of agencies, schools, the armed forces, health, enterprises
# What the cell records as the regional minimum wage it applies (synthetic: the demo does not look
# the decree up; QĐ 01 takes whatever the government's decree in force says).
REGIONAL_MINIMUM_WAGE = 5_310_000


def cells_going_to(build_plan, new: str) -> list[Organization]:
    """The cells (holding members) the plan assigns whole to `new`, before the day."""
    codes = [a.ref for a in build_plan().assignments if a.item == "unit" and a.target == new]
    return [o for o in Organization.objects.filter(code__in=codes, level=Level.CELL).order_by("code")]


def cells_of(org: Organization, day: dt.date) -> list[Organization]:
    ids = subtree_periods_on(org, day).values("org_id")
    found = Organization.objects.filter(pk__in=ids, level__in=(Level.CELL, Level.GRASSROOTS_CELL)).order_by("code")
    return list(found)


def admissions(flows, cells: list[Organization], start: dt.date, end: dt.date, n: int, symbol: str) -> int:
    days = sorted(weekday(random_day(flows.rng, start, end)) for _ in range(n))
    for i, day in enumerate(days):
        flows.admit(cells[i * 7 % len(cells)], max(day, start), symbol)
    return n


def target_2025(ctx) -> None:
    ward, city = Organization.objects.get(code=CODE), Organization.objects.get(code=p.CITY)
    target_set(
        actor=ctx.actor, org=ward, indicator_key="members.admitted", year=2025, value=TARGET_2025, assigned_by=city,
        note="Chỉ tiêu Thành ủy giao cho Đảng bộ phường năm 2025 (cả phần trước 01/7)",
    )  # fmt: skip


def review_2025(ctx) -> str:
    """PHM's review of 2025: every grassroots organization and cell directly under it rated, and
    the grassroots organizations' members."""
    rng = ctx.rng_for("hanoi-review")
    ward = Organization.objects.get(code=CODE)
    end = dt.date(2025, 12, 31)
    units = list(
        Organization.objects.filter(pk__in=subtree_periods_on(ward, end).values("org_id"))
        .filter(level__in=(*GRASSROOTS_LEVELS, Level.CELL), parent=ward).order_by("code")
    )  # fmt: skip
    cycle = review_cycle_open(actor=ctx.actor, committee=ward, year=2025)
    classes: dict[str, int] = {}
    rated = 0
    for org in units:
        # The review service records members by grassroots organization; the members of the cells
        # directly under the ward are not rated here until it takes those cells too.
        if org.level in GRASSROOTS_LEVELS:
            rated += _members(ctx, rng, cycle, org, end)
        # Most good (70–<90 points), some completed (50–<70); "excellent" needs the tasks' results
        # (QĐ 366, Điều 11), which the demo does not record for 2025.
        cls, (low, high) = ("completed", (110, 138)) if rng.random() < 0.15 else ("good", (150, 176))
        org_result_record(
            actor=ctx.actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls,
            points=Decimal(rng.randint(low, high)) / 2, decided_on=DECIDED_ON,
        )  # fmt: skip
        classes[cls] = classes.get(cls, 0) + 1
    review_cycle_close(actor=ctx.actor, cycle=cycle)
    return f"{len(units)} tổ chức ({classes_said(classes, 2025)}), {format_int(rated)} đảng viên"


def _members(ctx, rng, cycle, org, end) -> int:
    """Rate the unit's members: about one in ten excellent — never more than 20% of those rated
    good, the quota the rulebook checks — most good, some completed; the exempt are not rated."""
    rows, rated = [], []
    for member_id, activity in periods_on(org, end).order_by("member_id").values_list("member_id", "activity"):
        if activity != Activity.ACTIVE:
            rows.append({"member": member_id, "cls": ""})
        else:
            rated.append(member_id)
    completed = round(len(rated) * rng.uniform(0.05, 0.15))
    excellent = min(round(len(rated) * 0.1), (len(rated) - completed) // 6)  # ≤ 20% of the good
    for n, member_id in enumerate(rng.sample(rated, len(rated))):
        cls = "excellent" if n < excellent else "completed" if n < excellent + completed else "good"
        rows.append({"member": member_id, "cls": cls})
    if rows:
        member_results_record_bulk(actor=ctx.actor, cycle=cycle, org=org, stage=Stage.DECISION, rows=rows,
                                   decided_on=DECIDED_ON)  # fmt: skip
    return len(rated)


NARRATIVE = {
    "general": (
        "Năm 2025 là năm đầu tiên thực hiện mô hình chính quyền địa phương hai cấp. Ngày 01/7/2025, Đảng bộ "
        "phường Hoàng Mai được thành lập trực thuộc Đảng bộ Thành phố; Đảng ủy phường đã nhanh chóng kiện toàn "
        "tổ chức, ổn định sinh hoạt của các chi bộ và tổ chức cơ sở đảng được tiếp nhận."
    ),
    "ideology": (
        "Đảng ủy phường chỉ đạo các chi bộ quán triệt các nghị quyết, kết luận của Trung ương và của Thành ủy "
        "về sắp xếp tổ chức bộ máy; nắm bắt kịp thời tâm tư của cán bộ, đảng viên và nhân dân trong thời gian "
        "chuyển đổi, giữ ổn định tư tưởng trong toàn Đảng bộ."
    ),
    "organization": (
        "Đảng ủy phường rà soát, sắp xếp các chi bộ tổ dân phố theo địa giới mới; tiếp nhận hồ sơ đảng viên, "
        "triển khai Sổ tay đảng viên điện tử và cập nhật dữ liệu đảng viên."
    ),
    "inspection": (
        "Ủy ban Kiểm tra Đảng ủy phường được kiện toàn ngay sau khi thành lập Đảng bộ; xây dựng và triển khai "
        "chương trình kiểm tra, giám sát sáu tháng cuối năm, tập trung vào việc tiếp nhận, quản lý hồ sơ đảng "
        "viên và thu, nộp đảng phí của các chi bộ."
    ),
    "awards": (
        "Đảng ủy phường phát động phong trào thi đua hoàn thành nhiệm vụ năm đầu vận hành chính quyền địa "
        "phương hai cấp; việc khen thưởng tổng kết năm được thực hiện sau khi đánh giá, xếp loại chất lượng "
        "tổ chức đảng và đảng viên."
    ),
    "direction": (
        "Năm 2026, Đảng ủy phường tiếp tục nâng cao chất lượng sinh hoạt chi bộ, thực hiện chế độ đảng phí theo "
        "Quy định 01-QĐ/TW và nâng cao chất lượng kết nạp đảng viên."
    ),
}


def report_2025(ctx) -> None:
    year_report_save(
        actor=ctx.actor, org=Organization.objects.get(code=CODE), year=2025, number="12", symbol="BC/ĐU",
        place="Hoàng Mai", issued_on=ISSUED, signer_name="Trần Minh Đức", sections=NARRATIVE,
        recipients="- Thành ủy Hà Nội (để báo cáo),\n- Ban Tổ chức Thành ủy,\n- Các chi bộ, đảng bộ trực thuộc,\n"
                   "- Lưu VPĐU.",
    )  # fmt: skip


def meetings_2026(ctx, until: dt.date) -> int:
    rng = ctx.rng_for("hanoi-meetings")
    ward = Organization.objects.get(code=CODE)
    held = 0
    for org in [c for c in cells_of(ward, dt.date(2026, 1, 1)) if c.parent_id == ward.pk][:MEETING_CELLS]:
        for month in range(1, until.month + 1):
            day = dt.date(2026, month, rng.randint(3, 12))
            if day > until:
                break
            roster = list(Member.objects.filter(pk__in=roster_ids(org, day)).order_by("sort_key"))
            if not roster:
                continue
            attendance = [(m, Presence.PRESENT, "") if rng.random() > 0.08 else (m, Presence.EXCUSED, "Đi công tác")
                          for m in roster]  # fmt: skip
            meeting_create(actor=ctx.actor, org=org, kind=MeetingKind.REGULAR, date=day,
                           agenda=f"Sinh hoạt thường kỳ tháng {month}/2026.", attendance=attendance)  # fmt: skip
            held += 1
    return held


def dues_2026(ctx, until: dt.date) -> int:
    """January under QĐ 342 (salary, pension or a fixed amount), from February under QĐ 01 (a fixed
    amount becomes 0,3% of the regional minimum wage, or 5.000 đồng for a student)."""
    rng = ctx.rng_for("hanoi-dues")
    ward = Organization.objects.get(code=CODE)
    jan, feb = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    cells = [c for c in cells_of(ward, jan) if c.parent_id == ward.pk][:DUES_CELLS]
    payments = 0
    for org in cells:
        for m in Member.objects.filter(pk__in=roster_ids(org, jan)).order_by("pk"):
            if m.occupation == "Hưu trí":
                dues_basis_set(actor=ctx.actor, member=m, kind="pension", valid_from=jan,
                               base_amount=rng.randrange(4_000_000, 12_000_000, 50_000))  # fmt: skip
                continue
            if m.occupation in SALARIED:
                dues_basis_set(actor=ctx.actor, member=m, kind="salary", valid_from=jan,
                               base_amount=rng.randrange(5_000_000, 20_000_000, 10_000))  # fmt: skip
                continue
            dues_basis_set(actor=ctx.actor, member=m, kind="fixed", valid_from=jan, fixed_amount=10_000)
            young = m.birth_date > dt.date(2003, 1, 1)
            dues_basis_set(actor=ctx.actor, member=m, kind="student" if young else "min_wage", valid_from=feb,
                           base_amount=None if young else REGIONAL_MINIMUM_WAGE)  # fmt: skip
        for month in range(1, until.month + 1):
            first = dt.date(2026, month, 1)
            paid_on = first + dt.timedelta(days=rng.randint(3, 14))
            if paid_on > until:
                break
            payments += len(dues_collect_month(actor=ctx.actor, org=org, month=first, paid_on=paid_on,
                                               collected_by="Đồng chí chi ủy viên phụ trách tài chính"))  # fmt: skip
    return payments
