"""Writes of party dues: a member's basis (with history), payments by month, a unit's share.
A month already paid is refused, and so is a payment below the amount due."""

import datetime as dt

from django.db import connections, router, transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.bulk import AuditLog, values_of
from dangvu.core.closing import require_open
from dangvu.core.dates import add_months, format_date
from dangvu.core.errors import fail
from dangvu.core.numbers import format_int
from dangvu.core.text import clean
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import Organization

from . import rules
from .models import BasisKind, DuesBasis, DuesShare, Payment
from .rules import due_of, format_month, month_end, month_start
from .selectors import basis_on, month_sheet

PREPAY_MONTHS = 12  # QĐ 342 lets members away for long pay ahead; a year at most here


_NEEDS_BASE = {
    BasisKind.SALARY: "tiền lương, phụ cấp tính đóng BHXH",
    BasisKind.PENSION: "lương hưu, trợ cấp BHXH",
    BasisKind.MIN_WAGE: "mức lương tối thiểu vùng nơi sinh hoạt đảng",
    BasisKind.MIN_WAGE_RETIRED: "mức lương tối thiểu vùng nơi sinh hoạt đảng",
}


def basis_checks(member: Member, *, kind, valid_from, base_amount=None, fixed_amount=None, voluntary_amount=None):
    """dues_basis_set's checks, each a callable raising its ValidationError: the service runs them
    in turn, the basis form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    month = month_start(valid_from) if isinstance(valid_from, dt.date) else None
    known_kind = kind in BasisKind.values and month is not None and not rules.kind_problem(kind, month)

    def kind_chosen():
        if kind not in BasisKind.values:
            fail("kind", "Hãy chọn đối tượng đóng đảng phí.")

    def month_given():
        if month is None:
            fail("valid_from", "Hãy nhập tháng áp dụng (ngày/tháng/năm, ví dụ 01/01/2016).")
        # a basis from a closed month would change the amounts due (and arrears) of that year's report
        require_open(org=member.org, day=month, field="valid_from")

    def kind_in_force():
        problem = kind in BasisKind.values and month is not None and rules.kind_problem(kind, month)
        if problem:
            fail("kind", problem)

    def amount_problem() -> tuple[str, str] | None:
        if kind in _NEEDS_BASE:
            if not base_amount or base_amount <= 0:
                return "base_amount", f"Hãy nhập {_NEEDS_BASE[kind]} hằng tháng (đồng)."
        elif kind in BasisKind.values and kind != BasisKind.STUDENT:
            if fixed_amount is None or not rules.FIXED_MIN <= fixed_amount <= rules.FIXED_MAX:
                return "fixed_amount", "Mức cố định phải từ 2.000 đến 30.000 đồng/tháng (QĐ 342-QĐ/TW, mục B.I)."
        return None

    def amounts():
        problem = amount_problem()
        if problem:
            fail(*problem)

    def voluntary():
        if voluntary_amount is None or not known_kind or amount_problem():
            return
        base, fixed = _amounts_kept(kind, base_amount, fixed_amount)
        due = rules.amount_due(kind, base, fixed, month)
        if due is not None and voluntary_amount < due:
            fail("voluntary_amount", f"Mức tự nguyện phải cao hơn mức phải đóng ({format_int(due)} đồng).")

    return [kind_chosen, month_given, kind_in_force, amounts, voluntary]


def _amounts_kept(kind: str, base_amount, fixed_amount) -> tuple:
    """The (base, fixed) amounts a basis of `kind` keeps: the base for salary, pension and minimum
    wage, the fixed amount for the others, none for a student."""
    if kind in _NEEDS_BASE:
        return base_amount, None
    if kind == BasisKind.STUDENT:
        return None, None
    return None, fixed_amount


@transaction.atomic
def dues_basis_set(
    *,
    actor,
    member: Member,
    kind: str,
    valid_from: dt.date,
    base_amount: int | None = None,
    fixed_amount: int | None = None,
    voluntary_amount: int | None = None,
    note: str = "",
) -> DuesBasis:
    """Set how the member's dues are computed from the month of `valid_from` on; earlier months
    keep their basis (history). The kind must be one the regulation in force that month knows
    (rules.kind_problem: a fixed amount until 01/2026, students and the regional minimum wage from
    02/2026). Salary, pension and minimum wage need the amount; a fixed amount must lie in
    2.000–30.000 đồng (QĐ 342, mục B.I); a voluntary amount must not be below the rate
    (basis_checks)."""
    for check in basis_checks(
        member, kind=kind, valid_from=valid_from, base_amount=base_amount, fixed_amount=fixed_amount,
        voluntary_amount=voluntary_amount,
    ):  # fmt: skip
        check()
    valid_from = month_start(valid_from)
    base_amount, fixed_amount = _amounts_kept(kind, base_amount, fixed_amount)
    with acting_as(actor):
        basis, _ = DuesBasis.objects.update_or_create(
            member=member, valid_from=valid_from,
            defaults={"kind": kind, "base_amount": base_amount, "fixed_amount": fixed_amount,
                      "voluntary_amount": voluntary_amount, "note": clean(note)},
        )  # fmt: skip
    return basis


def _cell_in_month(member: Member, month: dt.date) -> int | None:
    """The cell the member belonged to in the month (the latest one if they moved)."""
    start, end = month_start(month), month_end(month)
    return (
        MemberPeriod.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=start), member=member, valid_from__lte=end
        )
        .order_by("-valid_from")
        .values_list("org_id", flat=True)
        .first()
    )


def _cells_in_month(member_ids, month: dt.date) -> dict[int, int]:
    """_cell_in_month of each member, in one query (a member's periods do not overlap)."""
    start, end = month_start(month), month_end(month)
    found: dict[int, int] = {}
    for member_id, org_id in (
        MemberPeriod.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=start), member_id__in=member_ids, valid_from__lte=end
        )
        .order_by("valid_from")
        .values_list("member_id", "org_id")
    ):
        found[member_id] = org_id  # later periods win
    return found


def _checked_month(month, paid_on) -> dt.date:
    """The first day of `month`, once the month and the day paid are dates, the day is not in the
    future and the month not more than a year ahead of it."""
    if not isinstance(month, dt.date):
        fail("month", "Hãy chọn tháng nộp đảng phí.")
    month = month_start(month)
    if not isinstance(paid_on, dt.date):
        fail("paid_on", "Hãy nhập ngày nộp (ngày/tháng/năm).")
    if paid_on > dt.date.today():
        fail("paid_on", f"Ngày nộp {format_date(paid_on)} ở tương lai; hãy nhập ngày đã nộp.")
    if month > add_months(month_start(paid_on), PREPAY_MONTHS - 1):
        fail("month", f"Chỉ nộp trước tối đa {PREPAY_MONTHS} tháng.")
    return month


def _refuse_no_cell(member: Member, month: dt.date):
    fail("month", f"Tháng {format_month(month)} đồng chí {member.full_name} không sinh hoạt đảng ở chi bộ nào.")


def _due_and_amount(basis: DuesBasis | None, month: dt.date, amount) -> tuple[int, int]:
    """The amount due in `month` by the basis, and the amount paid (the amount due when not given)."""
    if basis is None:
        fail("month", "Chưa có căn cứ đóng đảng phí của đảng viên cho tháng này; hãy ghi mức đóng trước.")
    due = due_of(basis, month)
    if due is None:
        fail("month", f"Tháng {format_month(month)}: {rules.kind_problem(basis.kind, month)}")
    if amount is None:
        amount = due
    if not isinstance(amount, int) or amount < due:
        fail("amount", f"Số tiền thấp hơn mức phải đóng tháng {format_month(month)} ({format_int(due)} đồng).")
    return due, amount


def payment_checks(member: Member, *, month, paid_on, amount=None, read: dict | None = None) -> list:
    """dues_pay's checks, each a callable raising its ValidationError: the service runs them in
    turn, the payment form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them.
    What they read (the cell of the month "org_id", the amount due "due") is kept in `read`."""
    first = month_start(month) if isinstance(month, dt.date) else None
    day = paid_on if isinstance(paid_on, dt.date) and paid_on <= dt.date.today() else None
    read = {} if read is None else read

    def cell_id() -> int | None:
        if "org_id" not in read:
            read["org_id"] = _cell_in_month(member, first)
        return read["org_id"]

    def dates():
        _checked_month(month, paid_on)

    def paid_once():
        if first is None:
            return
        earlier = Payment.objects.filter(member=member, month=first).first()
        if earlier:
            fail(
                "month",
                f"Đồng chí {member.full_name} đã nộp đảng phí tháng {format_month(first)} ngày "
                f"{format_date(earlier.paid_on)}"
                + (f" (biên lai số {earlier.receipt_no})" if earlier.receipt_no else "")
                + "; không ghi lần thứ hai.",
            )

    def in_a_cell():
        if first is not None and cell_id() is None:
            _refuse_no_cell(member, first)

    def year_open():
        # dues.collected counts payments by the day paid, so that day's year must be open
        if first is not None and day is not None and cell_id() is not None:
            require_open(org=Organization.objects.get(pk=cell_id()), day=day, field="paid_on")

    def due_and_amount():
        if first is not None:
            read["due"] = _due_and_amount(basis_on(member, first), first, amount)

    return [dates, paid_once, in_a_cell, year_open, due_and_amount]


@transaction.atomic
def dues_pay(
    *,
    actor,
    member: Member,
    month: dt.date,
    paid_on: dt.date,
    amount: int | None = None,
    collected_by: str = "",
    receipt_no: str = "",
) -> Payment:
    """Record the member's dues for `month`. Refused: a month already paid, a payment date in the
    future, a month more than a year ahead, a month the member was not in the Party, no basis for
    that month, an amount below the amount due (payment_checks)."""
    read: dict = {}
    for check in payment_checks(member, month=month, paid_on=paid_on, amount=amount, read=read):
        check()
    due, amount = read["due"]
    with acting_as(actor):
        return Payment.objects.create(
            member=member, org_id=read["org_id"], month=month_start(month), amount=amount, amount_due=due,
            paid_on=paid_on, collected_by=clean(collected_by), receipt_no=clean(receipt_no),
        )  # fmt: skip


@transaction.atomic
def dues_collect_month(
    *, actor, org: Organization, month: dt.date, paid_on: dt.date, member_ids=None, collected_by: str = ""
) -> list[Payment]:
    """Record the month's dues of the cell's members who have a basis and have not paid yet
    (or only of `member_ids`): the collection sheet of a meeting, in one step.

    Guarantees: the payments, refusals (the first member dues_pay would refuse, with its message)
    and audit entries of dues_pay called for each of those members in the sheet's order, all or
    nothing, in a number of queries that does not grow with the members: what every member needs
    is read once, every row is checked before any is written, then the payments go in one
    bulk_create and their audit entries in one INSERT (core.bulk; bulk writes fire no auditlog
    signal)."""
    rows = [
        row
        for row in month_sheet(org, month)
        if not (row.paid or row.due is None or (member_ids is not None and row.member.pk not in member_ids))
    ]
    if not rows:  # nothing to record, nothing to refuse, as dues_pay never called
        return []
    month = _checked_month(month, paid_on)
    # The sheet's rows have not paid and have the basis dues_pay would read (selectors.basis_on).
    cells = _cells_in_month([row.member.pk for row in rows], month)
    units = Organization.objects.in_bulk(set(cells.values()))
    collected_by = clean(collected_by)
    checked = set()
    payments = []
    for row in rows:
        org_id = cells.get(row.member.pk)
        if org_id is None:
            _refuse_no_cell(row.member, month)
        if org_id not in checked:  # the same day paid for every row: one check per cell
            require_open(org=units[org_id], day=paid_on, field="paid_on")
            checked.add(org_id)
        due, amount = _due_and_amount(row.basis, month, None)
        payments.append(Payment(
            member=row.member, org_id=org_id, month=month, amount=amount, amount_due=due, paid_on=paid_on,
            collected_by=collected_by, receipt_no="",
        ))  # fmt: skip
    Payment.objects.bulk_create(payments)
    audit = AuditLog(actor, connections[router.db_for_write(Payment)])
    for payment in payments:
        audit.created(Payment, payment.pk, values_of(payment), str(payment))
    audit.flush()
    return payments


@transaction.atomic
def dues_share_set(*, actor, org: Organization, kept_percent: int, basis: str = "") -> DuesShare:
    """Override the share a unit keeps (the rest passes up) when its superior decided a different one;
    a cell under a grassroots committee stays within 30–50% (rules.SHARES)."""
    if not isinstance(kept_percent, int) or not 0 <= kept_percent <= 100:
        fail("kept_percent", "Tỷ lệ trích giữ lại phải từ 0 đến 100%.")
    problem = rules.kept_percent_problem(org.level, kept_percent)
    if problem:
        fail("kept_percent", problem)
    if not clean(basis):
        fail("basis", "Hãy ghi căn cứ (văn bản quy định tỷ lệ này).")
    with acting_as(actor):
        share, _ = DuesShare.objects.update_or_create(
            org=org, defaults={"kept_percent": kept_percent, "basis": clean(basis)}
        )
    return share
