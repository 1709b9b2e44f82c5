"""Writes of congresses and committees. Each service validates everything first (a
ValidationError naming the field, in Vietnamese, saying what to fix), then writes in one
transaction attributed to `actor`.

Rules (Điều lệ Đảng 2011, Điều 5, 9–12): a term lasts at most five years; only full members of
the organization may be elected or appointed to its committee (a probationary member may not
stand for election); a committee has one secretary at a time; a party cell (chi bộ) has no
standing committee.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members.models import Member, Standing
from dangvu.members.selectors import member_count_on, periods_on
from dangvu.organizations.eras import UPPER_LEVELS
from dangvu.organizations.models import Level, Organization

from .models import Congress, Departure, Entry, Role, Seat

MAX_TERM_YEARS = 5
# Levels whose committee has a standing committee (ban thường vụ); a cell's committee (chi ủy) has none.
STANDING_LEVELS = (*UPPER_LEVELS, Level.GRASSROOTS_COMMITTEE)
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def congress_name(org: Organization, number: int | None, term_start: int, term_end: int) -> str:
    """ "Đại hội Đảng bộ quận Hoàng Mai lần thứ III, nhiệm kỳ 2015–2020"."""
    ordinal = f" lần thứ {ROMAN[number] if number < len(ROMAN) else number}" if number else ""
    return f"Đại hội {org.name}{ordinal}, nhiệm kỳ {term_start}–{term_end}"


def _check_day(field: str, day, what: str):
    if not isinstance(day, dt.date):
        fail(field, f"Hãy nhập {what} theo dạng ngày/tháng/năm, ví dụ 16/07/2015.", code="required")
    if day > dt.date.today():
        fail(field, f"{what.capitalize()} {format_date(day)} ở tương lai; hãy nhập ngày đã diễn ra.")


def congress_checks(*, org: Organization, held_on, term_start, term_end, delegates, number=None) -> list:
    """congress_record's checks, each a callable raising its ValidationError: the service runs them
    in turn, the congress form all at once (web.forms.check_all) so every error shows on the first
    submit. A check whose fields are missing or did not parse waits for the one that names them."""
    day = held_on if isinstance(held_on, dt.date) and held_on <= dt.date.today() else None
    term_given = isinstance(term_start, int) and isinstance(term_end, int)

    def held():
        _check_day("held_on", held_on, "ngày đại hội")
        if not org.is_active_on(held_on):
            fail("held_on", f"{org.name} không hoạt động vào ngày {format_date(held_on)}; hãy kiểm tra ngày đại hội.")
        # the congress, and the seats it closes that day, are records of that year (the member sheets)
        require_open(org=org, day=held_on, field="held_on")

    def term():
        if not term_start or not term_end or term_end <= term_start:
            fail("term_end", "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu, ví dụ nhiệm kỳ 2015–2020.")
        if term_end - term_start > MAX_TERM_YEARS:
            fail(
                "term_end",
                f"Nhiệm kỳ {term_start}–{term_end} dài hơn 5 năm; Điều lệ Đảng quy định nhiệm kỳ tối đa 5 năm.",
            )

    def opens_the_term():
        if day is not None and term_given and day.year not in (term_start - 1, term_start):
            fail(
                "held_on",
                f"Đại hội mở đầu nhiệm kỳ {term_start}–{term_end} phải họp trong năm {term_start} (hoặc cuối năm "
                f"{term_start - 1}); ngày {format_date(day)} không khớp. Hãy kiểm tra ngày hoặc nhiệm kỳ.",
            )

    def no_overlap():
        if not term_given:
            return
        overlap = (
            Congress.objects.filter(org=org, term_start__lt=term_end, term_end__gt=term_start)
            .order_by("term_start")
            .first()
        )
        if overlap:
            fail("term_start", f"Đã có {overlap.name} ({overlap.term}); hai nhiệm kỳ không thể chồng lên nhau.")

    def delegated():
        if not isinstance(delegates, int) or delegates < 1:
            fail("delegates", "Hãy nhập số đại biểu (đảng viên) dự đại hội, là số nguyên dương.")
        if day is None:
            return
        members = member_count_on(org, day)
        if delegates > members:
            fail(
                "delegates",
                f"{org.name} có {members} đảng viên vào ngày {format_date(day)}, ít hơn {delegates} đại biểu; "
                "số đại biểu không thể nhiều hơn số đảng viên.",
            )

    def numbered():
        if number is not None and not 1 <= number <= 99:
            fail("number", "Lần thứ của đại hội là một số từ 1 đến 99 (hoặc để trống).")

    return [held, term, opens_the_term, no_overlap, delegated, numbered]


@transaction.atomic
def congress_record(
    *,
    actor,
    org: Organization,
    held_on: dt.date,
    term_start: int,
    term_end: int,
    delegates: int,
    number: int | None = None,
    name: str = "",
    note: str = "",
) -> Congress:
    """Record a congress that opens the term [term_start, term_end] of `org`. The committee of the
    previous term leaves office on `held_on` (its seats close with "Hết nhiệm kỳ")."""
    for check in congress_checks(
        org=org, held_on=held_on, term_start=term_start, term_end=term_end, delegates=delegates, number=number
    ):
        check()
    with acting_as(actor):
        previous = Seat.objects.filter(congress__org=org, congress__held_on__lt=held_on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=held_on)
        )
        previous.update(valid_to=held_on, departure=Departure.TERM_ENDED)
        return Congress.objects.create(
            org=org, number=number, held_on=held_on, term_start=term_start, term_end=term_end, delegates=delegates,
            name=clean(name) or congress_name(org, number, term_start, term_end), note=note.strip(),
        )  # fmt: skip


def _next_congress(congress: Congress) -> Congress | None:
    return Congress.objects.filter(org=congress.org, held_on__gt=congress.held_on).order_by("held_on").first()


def _check_member(congress: Congress, member: Member, day: dt.date, field: str = "member"):
    """The member must be a full member of the congress's organization (its subtree) on `day`."""
    org = congress.org
    period = periods_on(org, day).filter(member=member).select_related("org").first()
    if period is None:
        fail(
            field,
            f"Đồng chí {member.full_name} không phải đảng viên của {org.name} vào ngày {format_date(day)}; "
            "cấp ủy viên phải là đảng viên của chính tổ chức đảng đó. Hãy chọn đảng viên khác hoặc kiểm tra "
            "nơi sinh hoạt của đồng chí này.",
        )
    if period.standing != Standing.FULL:
        fail(
            field,
            f"Đồng chí {member.full_name} là đảng viên dự bị vào ngày {format_date(day)}; đảng viên dự bị không "
            "được bầu cử, ứng cử vào cấp ủy (Điều lệ Đảng, Điều 5).",
        )


def _check_role(congress: Congress, role: str, field: str = "role"):
    if role not in Role.values:
        fail(field, "Hãy chọn chức danh: Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ hoặc Cấp ủy viên.")
    if role == Role.STANDING and congress.org.level not in STANDING_LEVELS:
        fail(field, f"{congress.org.name} là chi bộ, không có Ban Thường vụ; hãy chọn Cấp ủy viên (chi ủy viên).")


def _open_on(congress: Congress, day: dt.date):
    return Seat.objects.filter(congress=congress, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def _check_secretary(congress: Congress, day: dt.date, field: str = "role"):
    holder = (
        Seat.objects.filter(congress=congress, role=Role.SECRETARY)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .select_related("member")
        .first()
    )
    if holder:
        fail(
            field,
            f"{congress.org.name} đã có Bí thư {holder.member.full_name} từ ngày {format_date(holder.valid_from)}; "
            "mỗi cấp ủy chỉ có một Bí thư. Hãy ghi đồng chí ấy thôi giữ chức trước khi thêm Bí thư mới.",
        )


def _check_within_term(congress: Congress, day: dt.date, field: str = "on"):
    if day < congress.held_on:
        fail(field, f"Ngày {format_date(day)} trước ngày đại hội ({format_date(congress.held_on)}).")
    following = _next_congress(congress)
    if day.year > congress.term_end or (following and day >= following.held_on):
        fail(field, f"Ngày {format_date(day)} ngoài nhiệm kỳ {congress.term} của {congress.org.name}.")


@transaction.atomic
def committee_elect(*, actor, congress: Congress, elected: list[tuple[Member, str]]) -> list[Seat]:
    """The committee elected by `congress`: (member, role) pairs, all valid or none saved."""
    if not elected:
        fail("elected", "Hãy nhập ít nhất một cấp ủy viên được bầu.")
    require_open(org=congress.org, day=congress.held_on, field="elected")
    if Seat.objects.filter(congress=congress, entry=Entry.CONGRESS).exists():
        fail("elected", f"{congress.name} đã ghi cấp ủy được bầu; thay đổi trong nhiệm kỳ hãy ghi bổ sung hoặc thôi.")
    seen = set()
    for member, role in elected:
        _check_role(congress, role, "elected")
        if member.pk in seen:
            fail("elected", f"Đồng chí {member.full_name} được ghi hai lần trong danh sách cấp ủy.")
        seen.add(member.pk)
        _check_member(congress, member, congress.held_on, "elected")
    if sum(1 for _, role in elected if role == Role.SECRETARY) > 1:
        fail("elected", "Danh sách có nhiều hơn một Bí thư; mỗi cấp ủy chỉ có một Bí thư.")
    with acting_as(actor):
        return [
            Seat.objects.create(
                congress=congress, member=member, role=role, valid_from=congress.held_on, entry=Entry.CONGRESS
            )
            for member, role in elected
        ]


@transaction.atomic
def seat_add(
    *, actor, congress: Congress, member: Member, role: str, on: dt.date, entry: str, decision_no: str = ""
) -> Seat:
    """Add a member to the committee of `congress` on `on`: elected at the congress (on its day),
    or elected / appointed later in the term (with the decision)."""
    if entry not in (Entry.CONGRESS, Entry.ELECTED, Entry.APPOINTED):
        fail("entry", "Hãy chọn hình thức: bầu tại đại hội, bầu bổ sung hoặc chỉ định bổ sung.")
    _check_role(congress, role)
    _check_day("on", on, "ngày")
    if entry == Entry.CONGRESS and on != congress.held_on:
        fail("on", f"Cấp ủy viên bầu tại đại hội nhận nhiệm vụ ngày đại hội ({format_date(congress.held_on)}).")
    if entry != Entry.CONGRESS:
        _check_within_term(congress, on)
        if not clean(decision_no):
            fail("decision_no", "Hãy nhập số quyết định chuẩn y hoặc chỉ định bổ sung cấp ủy viên.")
    _check_member(congress, member, on)
    require_open(org=congress.org, day=on, field="on")
    if _open_on(congress, on).filter(member=member).exists():
        fail("member", f"Đồng chí {member.full_name} đang là cấp ủy viên của nhiệm kỳ này.")
    if role == Role.SECRETARY:
        _check_secretary(congress, on)
    with acting_as(actor):
        return Seat.objects.create(
            congress=congress, member=member, role=role, valid_from=on, entry=entry, entry_decision=clean(decision_no)
        )


def _check_close(seat: Seat, on: dt.date):
    _check_day("on", on, "ngày thôi")
    if seat.valid_to is not None:
        fail("on", f"Đồng chí {seat.member.full_name} đã thôi từ ngày {format_date(seat.valid_to)}.")
    if on <= seat.valid_from:
        fail("on", f"Ngày thôi phải sau ngày nhận nhiệm vụ ({format_date(seat.valid_from)}).")
    require_open(org=seat.congress.org, day=on, field="on")


@transaction.atomic
def seat_end(*, actor, seat: Seat, on: dt.date, reason: str, decision_no: str = "", note: str = "") -> Seat:
    """The member leaves the committee on `on` (the seat covers up to, not including, that day),
    with the reason; the seat is kept as history."""
    if reason not in Departure.values or reason in (Departure.ROLE_CHANGE, Departure.TERM_ENDED):
        fail("reason", "Hãy chọn lý do thôi tham gia cấp ủy.")
    _check_close(seat, on)
    if reason == Departure.OTHER and not note.strip():
        fail("note", "Với lý do khác, hãy ghi rõ lý do.")
    with acting_as(actor):
        seat.valid_to, seat.departure = on, reason
        seat.departure_decision, seat.departure_note = clean(decision_no), note.strip()
        seat.save()
    return seat


@transaction.atomic
def seat_change_role(*, actor, seat: Seat, role: str, on: dt.date, decision_no: str) -> Seat:
    """A committee member takes another role (e.g. elected secretary mid-term): the old seat
    closes on `on` and a new one opens, so the history shows both."""
    _check_role(seat.congress, role)
    if role == seat.role:
        fail("role", f"Đồng chí {seat.member.full_name} đang giữ chức danh {seat.get_role_display()}.")
    _check_close(seat, on)
    _check_within_term(seat.congress, on)
    if not clean(decision_no):
        fail("decision_no", "Hãy nhập số quyết định chuẩn y hoặc phân công chức danh mới.")
    _check_member(seat.congress, seat.member, on)
    if role == Role.SECRETARY:
        _check_secretary(seat.congress, on)
    with acting_as(actor):
        seat.valid_to, seat.departure, seat.departure_decision = on, Departure.ROLE_CHANGE, clean(decision_no)
        seat.save()
        return Seat.objects.create(
            congress=seat.congress, member=seat.member, role=role, valid_from=on, entry=Entry.ROLE_CHANGE,
            entry_decision=clean(decision_no),
        )  # fmt: skip
