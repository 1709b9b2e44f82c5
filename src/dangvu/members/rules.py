"""The member rules, as pure functions over plain data (no database), each citing its source.

- Admission age: from full 18 to full 60 years, counted in months (Điều lệ Đảng, Điều 1;
  Quy định 24-QĐ/TW 2021, điểm 1.2: "tính theo tháng"). Over 60 needs the Secretariat's
  consent, recorded here as an override with its reason.
- Probation: 12 months from the admission decision (Điều lệ Đảng, Điều 5); recognition
  takes effect on the day probation ends, even when the meeting is late (Quy định 24, 4.2).
- Party age: from the admission decision, probation included, minus the periods out of the
  Party (Hướng dẫn 01-HD/TW 2021, 3.6): removal or expulsion until re-admission. A restoration
  (khôi phục đảng tịch) annuls the wrong expulsion, so its gap counts (treated as uncertain:
  the committee may decide otherwise).
- Badges: 30, 40, 45 (since 2016), 50, 55 … 90 years (Quy định 94-QĐ/TW 2017 and
  Hướng dẫn 01); presented on 3/2, 19/5, 2/9 and 7/11; the gravely ill up to 12 months early
  (30–65 years) or 24 months early (70–90 years). By date in BADGE_RULES: the milestones and
  occasions of each period with their source. Hướng dẫn 01-HD/TW (2021), mục 18 keeps the four
  occasions "và các dịp kỷ niệm quan trọng khác tại tổ chức cơ sở đảng" (other occasions are the
  province's standing committee's decision, not modelled). No change for 2025–2026 was found in the
  published guidance; that period's entry says so (certain=False).
"""

import datetime as dt
from dataclasses import dataclass, field

from dangvu.core.dates import add_months, add_years, format_date, whole_months_between

from .models import Activity, EventKind, Standing, Status

MIN_ADMISSION_MONTHS = 18 * 12
MAX_ADMISSION_MONTHS = 60 * 12
PROBATION_MONTHS = 12
BADGE_YEARS_BEFORE_2016 = (30, 40, 50, 55, 60, 65, 70, 75, 80, 85, 90)
BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
PRESENTATION_DAYS = ((2, 3), (5, 19), (9, 2), (11, 7))  # (month, day)


@dataclass(frozen=True)
class BadgeRules:
    """Which milestones earn a badge and on which days it is presented, from `valid_from` on."""

    valid_from: dt.date
    years: tuple[int, ...]
    occasions: tuple[tuple[int, int], ...]  # (month, day)
    source: str
    certain: bool = True


BADGE_RULES = (  # oldest first
    BadgeRules(dt.date(1900, 1, 1), BADGE_YEARS_BEFORE_2016, PRESENTATION_DAYS,
               "Quy định 45-QĐ/TW (2011) thi hành Điều lệ Đảng; Hướng dẫn 01-HD/TW (2011)"),
    BadgeRules(dt.date(2016, 1, 1), BADGE_YEARS, PRESENTATION_DAYS,
               "Quy định 29-QĐ/TW (25/7/2016) thêm mốc 45 năm; Hướng dẫn 01-HD/TW (2016), Quy định 94-QĐ/TW (2017)"),
    BadgeRules(dt.date(2021, 10, 28), BADGE_YEARS, PRESENTATION_DAYS,
               "Quy định 24-QĐ/TW (2021); Hướng dẫn 01-HD/TW (28/9/2021), mục 18"),
    BadgeRules(dt.date(2025, 7, 1), BADGE_YEARS, PRESENTATION_DAYS,
               "Hướng dẫn 01-HD/TW (2021), mục 18 — chưa thấy văn bản năm 2025–2026 thay đổi mốc hoặc dịp trao",
               certain=False),
)  # fmt: skip


def badge_rules_on(day: dt.date) -> BadgeRules:
    return [r for r in BADGE_RULES if r.valid_from <= day][-1]


class RuleError(Exception):
    """A lifecycle event that does not fit the member's state; `field` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# --- admission age -------------------------------------------------------------------------


def admission_age_problem(birth_date: dt.date, admitted_on: dt.date) -> str | None:
    """None if the age fits 18–60 years counted in months, else the Vietnamese reason."""
    months = whole_months_between(birth_date, admitted_on)
    if months < MIN_ADMISSION_MONTHS:
        return (
            f"Người vào Đảng phải đủ 18 tuổi (tính theo tháng); ngày {format_date(admitted_on)} "
            f"mới {months // 12} tuổi {months % 12} tháng (Điều lệ Đảng, Điều 1)."
        )
    if months > MAX_ADMISSION_MONTHS:
        return (
            f"Người trên 60 tuổi ({months // 12} tuổi {months % 12} tháng) chỉ được kết nạp khi Ban Bí thư "
            "đồng ý (Quy định 24-QĐ/TW); cần ghi lý do chấp thuận ngoại lệ."
        )
    return None


def probation_end(admitted_on: dt.date) -> dt.date:
    return add_months(admitted_on, PROBATION_MONTHS)


# --- the lifecycle as a state machine --------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """What replay needs of a MemberEvent."""

    kind: str
    date: dt.date
    org_id: int | None = None
    to_org_id: int | None = None
    standing: str = ""


@dataclass
class Period:
    org_id: int
    standing: str
    activity: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    start_kind: str = ""
    end_kind: str = ""


@dataclass
class State:
    status: str | None = None  # None: not yet a member
    org_id: int | None = None
    standing: str | None = None
    activity: str = Activity.ACTIVE
    admitted_on: dt.date | None = None  # of the current probation (admission or re-admission)
    status_before_out: str | None = None
    periods: list[Period] = field(default_factory=list)

    @property
    def in_system(self) -> bool:
        return self.status in (Status.PROBATIONARY, Status.FULL)


_OUT = {
    EventKind.REMOVED: Status.REMOVED,
    EventKind.DISMISSED: Status.DISMISSED,
    EventKind.EXPELLED: Status.EXPELLED,
    EventKind.DIED: Status.DIED,
    EventKind.PROBATION_FAILED: Status.PROBATION_FAILED,
    EventKind.TRANSFERRED_OUT: Status.TRANSFERRED_OUT,
}
_STATUS_WORDS = {
    None: "chưa là đảng viên",
    Status.TRANSFERRED_OUT: "đã chuyển sinh hoạt đi nơi khác",
    Status.REMOVED: "đã bị xóa tên",
    Status.PROBATION_FAILED: "đã bị xóa tên do không được công nhận chính thức",
    Status.DISMISSED: "đã bị cho ra khỏi Đảng",
    Status.EXPELLED: "đã bị khai trừ",
    Status.DIED: "đã từ trần",
}


def _refuse(state: State, what: str):
    words = _STATUS_WORDS.get(state.status, "đang sinh hoạt đảng")
    raise RuleError("kind", f"Không thể {what}: đảng viên {words}.")


def _close(state: State, day: dt.date, kind: str):
    if state.periods and state.periods[-1].valid_to is None:
        last = state.periods[-1]
        if last.valid_from >= day:
            state.periods.pop()  # the period would be empty: the next one starts the same day
        else:
            last.valid_to = day
            last.end_kind = kind


def _open(state: State, day: dt.date, kind: str):
    state.periods.append(Period(state.org_id, state.standing, state.activity, day, None, kind))


def _change(state: State, ev: Event, **changes):
    _close(state, ev.date, ev.kind)
    for name, value in changes.items():
        setattr(state, name, value)
    _open(state, ev.date, ev.kind)


def apply(state: State, ev: Event) -> State:
    """Apply one event to the state, or raise RuleError saying why it does not fit."""
    k = ev.kind
    if k in (EventKind.ADMITTED, EventKind.REGISTERED, EventKind.TRANSFERRED_IN):
        if state.status is not None and state.status != Status.TRANSFERRED_OUT:
            _refuse(state, EventKind(k).label.lower())
        if k == EventKind.ADMITTED and state.status is not None:
            _refuse(state, "kết nạp")
        standing = Standing.PROBATIONARY if k == EventKind.ADMITTED else (ev.standing or Standing.FULL)
        if k == EventKind.ADMITTED:
            state.admitted_on = ev.date
        state.status = Status(standing)
        state.org_id, state.standing, state.activity = ev.org_id, standing, Activity.ACTIVE
        _open(state, ev.date, k)
    elif k == EventKind.READMITTED:
        if state.status not in (Status.REMOVED, Status.DISMISSED, Status.EXPELLED, Status.PROBATION_FAILED):
            _refuse(state, "kết nạp lại")
        state.status, state.admitted_on = Status.PROBATIONARY, ev.date
        state.org_id, state.standing, state.activity = ev.org_id, Standing.PROBATIONARY, Activity.ACTIVE
        _open(state, ev.date, k)
    elif k == EventKind.RESTORED:
        if state.status not in (Status.REMOVED, Status.DISMISSED, Status.EXPELLED):
            _refuse(state, "khôi phục đảng tịch")
        standing = state.status_before_out or Standing.FULL
        state.status = Status(standing)
        state.org_id, state.standing, state.activity = ev.org_id, standing, Activity.ACTIVE
        _open(state, ev.date, k)
    elif k == EventKind.RECOGNIZED:
        if state.status != Status.PROBATIONARY:
            if state.status == Status.FULL:
                raise RuleError("kind", "Đảng viên này đã là đảng viên chính thức.")
            _refuse(state, "công nhận chính thức")
        state.status = Status.FULL
        _change(state, ev, standing=Standing.FULL)
    elif k in _OUT:
        if not state.in_system:
            _refuse(state, EventKind(k).label.lower())
        if k == EventKind.PROBATION_FAILED and state.status != Status.PROBATIONARY:
            raise RuleError("kind", "Chỉ đảng viên dự bị mới có thể không được công nhận chính thức.")
        _close(state, ev.date, k)
        state.status_before_out = state.standing
        state.status, state.org_id = _OUT[k], None
    elif k in (EventKind.TRANSFERRED, EventKind.MOVED):
        if not state.in_system:
            _refuse(state, "chuyển sinh hoạt")
        if ev.to_org_id is None:
            raise RuleError("to_org", "Hãy chọn chi bộ, đảng bộ nơi chuyển đến.")
        if ev.to_org_id == state.org_id:
            raise RuleError("to_org", "Nơi chuyển đến trùng với nơi đang sinh hoạt.")
        _change(state, ev, org_id=ev.to_org_id)
    elif k == EventKind.TEMPORARY_TRANSFER:
        if not state.in_system:
            _refuse(state, "chuyển sinh hoạt tạm thời")
    elif k in (EventKind.EXEMPTED, EventKind.SUSPENDED):
        if not state.in_system:
            _refuse(state, EventKind(k).label.lower())
        if state.activity != Activity.ACTIVE:
            raise RuleError("kind", f"Đảng viên đang {Activity(state.activity).label.lower()}.")
        new = Activity.EXEMPT if k == EventKind.EXEMPTED else Activity.SUSPENDED
        _change(state, ev, activity=new)
    elif k == EventKind.RESUMED:
        if not state.in_system or state.activity == Activity.ACTIVE:
            raise RuleError("kind", "Đảng viên không ở trạng thái miễn hoặc đình chỉ sinh hoạt.")
        _change(state, ev, activity=Activity.ACTIVE)
    else:  # pragma: no cover - every EventKind is handled above
        raise RuleError("kind", f"Sự kiện không được hỗ trợ: {k}")
    return state


def replay(events: list[Event], until: dt.date | None = None) -> State:
    """The state after the events (sorted by date, then in the order given), up to `until`."""
    state = State()
    for ev in events:
        if until is not None and ev.date > until:
            break
        apply(state, ev)
    return state


# --- party age and badges --------------------------------------------------------------------

_GAP_START = (EventKind.REMOVED, EventKind.DISMISSED, EventKind.EXPELLED, EventKind.PROBATION_FAILED, EventKind.DIED)


def out_of_party_gaps(events: list[Event]) -> list[tuple[dt.date, dt.date | None]]:
    """Intervals [start, end) out of the Party that party age excludes. A restoration
    closes its gap as if it never happened; a re-admission ends it from its date."""
    gaps: list[list] = []
    for ev in events:
        if ev.kind in _GAP_START:
            gaps.append([ev.date, None])
        elif ev.kind == EventKind.READMITTED and gaps and gaps[-1][1] is None:
            gaps[-1][1] = ev.date
        elif ev.kind == EventKind.RESTORED and gaps and gaps[-1][1] is None:
            gaps.pop()
    return [(a, b) for a, b in gaps]


def party_age_days(admitted_on: dt.date, events: list[Event], on: dt.date) -> int:
    """Days of party age on `on`: since the first admission, minus the gaps out of the Party."""
    if on < admitted_on:
        return 0
    days = (on - admitted_on).days
    for start, end in out_of_party_gaps(events):
        if start >= on:
            continue
        days -= ((min(end, on) if end else on) - start).days
    return max(days, 0)


def party_age_years(admitted_on: dt.date, events: list[Event], on: dt.date) -> int:
    """Whole years of party age on `on` (anniversaries pushed back by the gaps)."""
    return len(milestones_reached(admitted_on, events, on))


def milestone_date(admitted_on: dt.date, events: list[Event], years: int) -> dt.date | None:
    """The day party age reaches `years` years: the anniversary pushed back by the gaps before
    it. None while the member is out of the Party with no return."""
    target = add_years(admitted_on, years)
    for start, end in out_of_party_gaps(events):
        if start >= target:
            break
        if end is None:
            return None
        target += end - start
    return target


def milestones_reached(admitted_on: dt.date, events: list[Event], on: dt.date, milestones=range(1, 100)):
    reached = []
    for years in milestones:
        day = milestone_date(admitted_on, events, years)
        if day is None or day > on:
            break
        reached.append(years)
    return reached


def badge_years_for(day: dt.date) -> tuple[int, ...]:
    return badge_rules_on(day).years


def presentation_dates(year: int) -> list[dt.date]:
    """The year's presentation days, each by the rules in force on it."""
    days = []
    for m, d in PRESENTATION_DAYS + tuple(o for r in BADGE_RULES for o in r.occasions):
        day = dt.date(year, m, d)
        if (m, d) in badge_rules_on(day).occasions and day not in days:
            days.append(day)
    return sorted(days)


def previous_presentation_date(day: dt.date) -> dt.date:
    earlier = [d for d in presentation_dates(day.year) + presentation_dates(day.year - 1) if d < day]
    return max(earlier)


def next_presentation_date(day: dt.date) -> dt.date:
    later = [d for d in presentation_dates(day.year) + presentation_dates(day.year + 1) if d >= day]
    return min(later)


def early_months(years: int) -> int:
    """How early the gravely ill may receive a badge."""
    return 24 if years >= 70 else 12


def badge_due(
    admitted_on: dt.date,
    events: list[Event],
    presentation: dt.date,
    received: frozenset[int] | set[int] = frozenset(),
    gravely_ill: bool = False,
    include_overdue: bool = False,
) -> int | None:
    """The badge (in years of party age) due at `presentation`, or None.

    Due when the milestone falls after the previous presentation date and on or before this
    one; with `include_overdue`, also an earlier milestone whose badge was never received.
    The gravely ill count their milestone 12 or 24 months early.
    """
    previous = previous_presentation_date(presentation)
    due = None
    for years in badge_years_for(presentation):
        day = milestone_date(admitted_on, events, years)
        if day is None:
            break
        if gravely_ill:
            day = add_months(day, -early_months(years))
        if day > presentation:
            break
        if years not in received and (include_overdue or day > previous):
            due = years
    return due
