"""How each area's records read on a figure's records page: one row per record, Vietnamese
headers, the business date (the decision's or the event's day, never when it was typed in), the
person or unit linked, classes and kinds by their label, money and counts written the Vietnamese
way. A model without a table here falls back to records._generic."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse

from dangvu.awards.models import Award
from dangvu.cadres.models import CadreAction
from dangvu.candidates.models import Candidate
from dangvu.core.dates import format_date
from dangvu.dues.models import Payment
from dangvu.elections.models import ElectionArea
from dangvu.inspection.models import Discipline, Inspection
from dangvu.meetings.models import Meeting
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.reviews.models import MemberResult, OrgResult, Override
from dangvu.tasks.models import Evaluation, Task
from dangvu.tasks.rules import STATUS_LABELS, TaskLine, status
from dangvu.training.models import TrainingClass

from .display import vn_number, vn_percent


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


def cell(value) -> Cell:
    """A value as the page writes it: people and units linked, dates d/m/Y, numbers 10.600."""
    if isinstance(value, Cell):
        return value
    if value is None or value == "":
        return Cell("")
    if isinstance(value, Member):
        return Cell(value.full_name, reverse("member-detail", args=[value.pk]))
    if isinstance(value, Organization):
        return Cell(value.name, reverse("org-detail", args=[value.pk]))
    if isinstance(value, bool):
        return Cell("Có" if value else "")
    if isinstance(value, dt.date):
        return Cell(format_date(value))
    if isinstance(value, int | Decimal | float):
        return Cell(vn_number(value))
    return Cell(str(value))


def _linked(text: str, name: str, pk: int) -> Cell:
    return Cell(text, reverse(name, args=[pk]))


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, Callable], ...]  # (header, record -> value)
    order: tuple[str, ...]
    related: tuple[str, ...] = ()
    prepare: Callable | None = None  # e.g. an annotation the columns read

    def render(self, qs, window: slice):
        qs = qs.select_related(*self.related) if self.related else qs
        if self.prepare:
            qs = self.prepare(qs)
        rows = [[cell(get(obj)) for _, get in self.columns] for obj in qs.order_by(*self.order)[window]]
        return [header for header, _ in self.columns], rows


def _org_class(result) -> str:
    grade = result.cycle.get_rulebook().org_grade(result.decided_class)
    return grade.label if grade else result.decided_class


def _member_class(result) -> str:
    grade = result.cycle.get_rulebook().member_grade(result.decided_class)
    return grade.label if grade else result.decided_class


def _month(day: dt.date) -> str:
    return f"{day:%m/%Y}"


def _money(amount) -> str:
    return f"{vn_number(amount)} đồng"


def _task_status(task) -> str:
    result = getattr(task, "result", None)
    line = TaskLine(task.target, task.deadline, task.weight, result.done_on if result else None,
                    result.quantity if result else None)  # fmt: skip
    return STATUS_LABELS[status(line, dt.date.today())]


def _evaluation_link(e) -> Cell:
    period = f"Quý {e.quarter}/{e.cycle.year}" if e.quarter else f"Năm {e.cycle.year}"
    if e.member_id:
        return Cell(period, reverse("tasks-member", args=[e.member_id, e.cycle.year, e.quarter]))
    return Cell(period, reverse("tasks-org", args=[e.org_id, e.cycle.year, e.quarter]))


TABLES: dict[type, Table] = {
    Task: Table(
        (
            ("Nhiệm vụ", lambda t: t.title),
            ("Tổ chức đảng", lambda t: t.org),
            ("Đảng viên", lambda t: t.member),
            ("Yêu cầu", lambda t: f"{vn_number(t.target.normalize())} {t.measure}"),
            ("Thời hạn", lambda t: t.deadline),
            ("Ngày hoàn thành", lambda t: t.result.done_on if hasattr(t, "result") else None),
            ("Tiến độ", _task_status),
        ),
        ("deadline", "org__path", "id"),
        ("org", "member", "result"),
    ),
    Evaluation: Table(
        (
            ("Kỳ đánh giá", _evaluation_link),
            ("Tổ chức đảng", lambda e: e.org),
            ("Đảng viên", lambda e: e.member),
            ("Tổng điểm", lambda e: e.points.normalize() if e.points is not None else None),
            ("Kết luận", _member_class),
        ),
        ("cycle__year", "quarter", "org__path", "id"),
        ("org", "member", "cycle"),
    ),
    Candidate: Table(
        (
            ("Quần chúng ưu tú", lambda c: _linked(c.full_name, "candidate-detail", c.pk)),
            ("Chi bộ", lambda c: c.org),
            ("Ngày sinh", lambda c: c.birth_date),
            ("Ngày đưa vào danh sách", lambda c: c.opened_on),
            ("Bước đã đạt", lambda c: c.get_stage_display()),
            ("Ngày của bước", lambda c: c.stage_on),
        ),
        ("opened_on", "sort_key", "id"),
        ("org",),
    ),
    CadreAction: Table(
        (
            ("Đồng chí", lambda a: a.member or a.full_name),
            ("Hình thức", lambda a: _linked(a.get_kind_display(), "cadre-detail", a.pk)),
            ("Chức vụ", lambda a: a.position),
            ("Từ đơn vị", lambda a: a.from_org or a.from_unit),
            ("Đến đơn vị", lambda a: a.to_org or a.to_unit),
            ("Số quyết định", lambda a: a.decision_no),
            ("Ngày quyết định", lambda a: a.decision_date),
            ("Ngày hiệu lực", lambda a: a.effective_date),
            ("Hết thời hạn bổ nhiệm", lambda a: a.term_end),
        ),
        ("decision_date", "id"),
        ("member", "from_org", "to_org"),
    ),
    TrainingClass: Table(
        (
            ("Lớp bồi dưỡng", lambda c: _linked(c.title, "training-detail", c.pk)),
            ("Loại lớp", lambda c: c.get_kind_display()),
            ("Đơn vị mở lớp", lambda c: c.organizer),
            ("Ngày khai giảng", lambda c: c.start_date),
            ("Ngày bế giảng", lambda c: c.end_date),
            ("Số lượt tham dự", lambda c: c.named_total + c.unnamed_count),
        ),
        ("start_date", "id"),
        ("organizer",),
        lambda qs: qs.annotate(named_total=Count("attendances")),
    ),
    Meeting: Table(
        (
            ("Chi bộ", lambda m: m.org),
            ("Ngày họp", lambda m: _linked(format_date(m.date), "meeting-detail", m.pk)),
            ("Loại", lambda m: m.get_kind_display()),
            ("Địa điểm", lambda m: m.place),
        ),
        ("date", "org__path", "id"),
        ("org",),
    ),
    Payment: Table(
        (
            ("Đảng viên", lambda p: p.member),
            ("Chi bộ thu", lambda p: p.org),
            ("Tháng", lambda p: _month(p.month)),
            ("Ngày nộp", lambda p: p.paid_on),
            ("Số tiền", lambda p: _money(p.amount)),
            ("Biên lai", lambda p: _linked(p.receipt_no, "receipt-detail", p.pk) if p.receipt_no else ""),
        ),
        ("paid_on", "id"),
        ("member", "org"),
    ),
    Award: Table(
        (
            ("Tập thể, cá nhân", lambda a: a.recipient_org or a.recipient_member or a.recipient_name),
            ("Danh hiệu, hình thức", lambda a: _linked(a.get_title_display(), "award-detail", a.pk)),
            ("Căn cứ, phong trào", lambda a: a.get_program_display()),
            ("Đơn vị khen thưởng", lambda a: a.awarded_by),
            ("Số quyết định", lambda a: a.decision_no),
            ("Ngày quyết định", lambda a: a.decision_date),
        ),
        ("decision_date", "id"),
        ("recipient_org", "recipient_member", "awarded_by"),
    ),
    Inspection: Table(
        (
            ("Đối tượng", lambda i: i.subject),
            ("Hình thức", lambda i: _linked(i.get_kind_display(), "inspection-detail", i.pk)),
            ("Đơn vị tiến hành", lambda i: i.conducted_by),
            ("Ngày bắt đầu", lambda i: i.start_date),
            ("Ngày kết thúc", lambda i: i.end_date),
        ),
        ("start_date", "id"),
        ("subject_org", "subject_member", "conducted_by"),
    ),
    Discipline: Table(
        (
            ("Đối tượng", lambda d: d.subject),
            ("Hình thức kỷ luật", lambda d: _linked(d.get_form_display(), "discipline-detail", d.pk)),
            ("Cấp quyết định", lambda d: d.decided_by),
            ("Ngày quyết định", lambda d: d.decision_date),
            ("Ngày xảy ra vi phạm", lambda d: d.violation_date),
        ),
        ("decision_date", "id"),
        ("subject_org", "subject_member", "decided_by"),
    ),
    ElectionArea: Table(
        (
            ("Khu vực bỏ phiếu", lambda a: a.name),
            ("Cuộc bầu cử", lambda a: _linked(a.election.name, "election-detail", a.election_id)),
            ("Ngày bầu cử", lambda a: a.election.date),
            ("Cử tri trong danh sách", lambda a: a.registered),
            ("Cử tri đã đi bầu", lambda a: a.voted),
            ("Tỷ lệ", lambda a: vn_percent(100 * Decimal(a.voted) / a.registered) if a.registered else "—"),
        ),
        ("election__date", "name", "id"),
        ("election",),
    ),
    OrgResult: Table(
        (
            ("Tổ chức đảng", lambda r: r.org),
            ("Năm", lambda r: str(r.cycle.year)),
            ("Xếp loại", _org_class),
            ("Tiêu biểu", lambda r: r.exemplary),
            ("Điểm", lambda r: r.points.normalize() if r.points is not None else None),
            ("Ngày quyết định", lambda r: r.decided_on),
        ),
        ("cycle__year", "org__path", "id"),
        ("org", "cycle"),
    ),
    MemberResult: Table(
        (
            ("Đảng viên", lambda r: r.member),
            ("Tổ chức cơ sở đảng", lambda r: r.org),
            ("Năm", lambda r: str(r.cycle.year)),
            ("Xếp loại", _member_class),
            ("Ngày quyết định", lambda r: r.decided_on),
        ),
        ("cycle__year", "org__path", "member__sort_key", "id"),
        ("member", "org", "cycle"),
    ),
    Override: Table(
        (
            ("Tổ chức đảng", lambda o: o.org),
            ("Đảng viên", lambda o: o.member),
            ("Năm", lambda o: str(o.cycle.year)),
            ("Mức quyết định", lambda o: o.decided_class),
            ("Lý do", lambda o: o.reason),
        ),
        ("cycle__year", "org__path", "id"),
        ("org", "member", "cycle"),
    ),
}


_ONCE = "mỗi {} được tính một lần dù có nhiều {} trong kỳ, nên số hồ sơ có thể nhiều hơn con số."
# What the figure is, when it is not the number of records listed: stated on the page, and held
# to it by tests/indicators/test_record_pages.py.
RELATIONS: dict[str, str] = {
    "training.attendances": "Số lượt là tổng cột “Số lượt tham dự” của các lớp dưới đây.",
    "dues.collected": "Số tiền là tổng cột “Số tiền” của các lần nộp dưới đây.",
    "elections.registered": "Số cử tri là tổng cột “Cử tri trong danh sách” của các khu vực bỏ phiếu dưới đây.",
    "elections.voted": "Số cử tri là tổng cột “Cử tri đã đi bầu” của các khu vực bỏ phiếu dưới đây.",
    "elections.turnout": "Tỷ lệ = tổng cử tri đã đi bầu / tổng cử tri trong danh sách của các khu vực dưới đây.",
    "inspection.orgs": "Đối tượng: " + _ONCE.format("tổ chức", "cuộc kiểm tra"),
    "inspection.members": "Đối tượng: " + _ONCE.format("đảng viên", "cuộc kiểm tra"),
    "supervision.orgs": "Đối tượng: " + _ONCE.format("tổ chức", "cuộc giám sát"),
    "supervision.members": "Đối tượng: " + _ONCE.format("đảng viên", "cuộc giám sát"),
    "discipline.orgs": "Đối tượng: " + _ONCE.format("tổ chức", "quyết định kỷ luật"),
    "discipline.members": "Đối tượng: " + _ONCE.format("đảng viên", "quyết định kỷ luật"),
    "review.orgs.rated": "Tổ chức đảng: " + _ONCE.format("tổ chức", "kết quả xếp loại (các năm của kỳ)"),
    "review.orgs.top": "Tổ chức đảng: " + _ONCE.format("tổ chức", "kết quả xếp loại (các năm của kỳ)"),
    "review.orgs.top_exemplary": "Tổ chức đảng: " + _ONCE.format("tổ chức", "kết quả xếp loại (các năm của kỳ)"),
    "review.orgs.good": "Tổ chức đảng: " + _ONCE.format("tổ chức", "kết quả xếp loại (các năm của kỳ)"),
    "review.orgs.good_or_better": "Tổ chức đảng: " + _ONCE.format("tổ chức", "kết quả xếp loại (các năm của kỳ)"),
}
