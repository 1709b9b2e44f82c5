"""Writes to the member registry. Each service validates everything first and raises a
ValidationError naming the field, in Vietnamese, before anything is stored; it runs in one
transaction and is attributed to `actor` in the audit.

The events are the record; after each change the member's periods and current status are
rebuilt from all of their events (rules.replay), so an event entered late, with an earlier date,
still yields a consistent history or is refused.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail, refuse_if_changed
from dangvu.core.errors import version_of as version_of  # the token the edit forms carry
from dangvu.core.text import clean, name_sort_key, search_key
from dangvu.organizations.models import MEMBER_LEVELS, Organization
from dangvu.tallies import services as tallies

from . import rules
from .identity import clean_identity, past_date
from .models import (
    EventKind,
    Member,
    MemberBadge,
    MemberEvent,
    MemberPeriod,
    MemberWorkPeriod,
    Standing,
    Status,
)
from .selectors import rule_events

WORK_FIELDS = ("started_on", "ended_on", "work", "place")
DECISION_REQUIRED = {
    EventKind.ADMITTED, EventKind.RECOGNIZED, EventKind.EXPELLED, EventKind.READMITTED, EventKind.RESTORED,
    EventKind.PROBATION_FAILED, EventKind.REMOVED, EventKind.DISMISSED,
}  # fmt: skip


def can_override_admission_age(actor) -> bool:
    """Only a role with the OVERRIDE_AGE capability (the organization board of a superior
    committee, or an administrator) may admit outside 18–60 years; the role is asked through
    Django's has_perm (accounts.backends), which keeps accounts above members."""
    if actor is None:
        return True
    return actor.has_perm("dangvu.override_age")


# --- validation ------------------------------------------------------------------------------


def _check_org(field_name: str, org: Organization | None, day: dt.date):
    if org is None:
        fail(field_name, "Hãy chọn chi bộ.")
    if org.level not in MEMBER_LEVELS:
        fail(field_name, f"{org.name} là {org.get_level_display().lower()}; hãy chọn một chi bộ.")
    if not org.is_active_on(day):
        fail(field_name, f"{org.name} không hoạt động vào ngày {format_date(day)}{_active_span(org, day)}.")


def _active_span(org: Organization, day: dt.date) -> str:
    """What the clerk can do about a day outside the cell's life: the day it began or ended."""
    if day < org.founded_on:
        return f" (thành lập ngày {format_date(org.founded_on)}; hãy ghi ngày từ đó trở đi)"
    return f" (đã giải thể, sáp nhập từ ngày {format_date(org.dissolved_on)})"


# --- rebuilding the derived state --------------------------------------------------------------


def _as_rule_event(ev: MemberEvent) -> rules.Event:
    return rules.Event(ev.kind, ev.date, ev.org_id, ev.to_org_id, ev.standing)


def _replay_or_fail(events: list[rules.Event]) -> rules.State:
    try:
        return rules.replay(events)
    except rules.RuleError as e:
        fail(e.field, e.message)


def _rebuild(member: Member, state: rules.State, new: bool = False, event: MemberEvent | None = None):
    """Store the periods and today's status derived from the events (`event`: the one just added),
    and change the per-unit year-end counts (tallies) by what changed, in the same transaction."""
    last_year, before = tallies.member_periods_before(None if new else member.pk)
    if not new:  # a member created in this call has no periods yet
        MemberPeriod.objects.filter(member=member).delete()
    MemberPeriod.objects.bulk_create(
        MemberPeriod(
            member=member,
            org_id=p.org_id,
            standing=p.standing,
            activity=p.activity,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
            start_kind=p.start_kind,
            end_kind=p.end_kind,
        )
        for p in state.periods
    )
    admitted = [(event.org_id, event.date)] if event is not None and event.kind == EventKind.ADMITTED else []
    tallies.periods_replaced(last_year, before, state.periods, admitted)
    recognized = [p.valid_from for p in state.periods if p.start_kind == EventKind.RECOGNIZED]
    changed = {
        "status": state.status,
        "org_id": state.org_id or (state.periods[-1].org_id if state.periods else member.org_id),
        "activity": state.activity,
    }
    if recognized:
        changed["recognized_on"] = recognized[-1]
    updates = [k for k, v in changed.items() if getattr(member, k) != v]
    for k, v in changed.items():
        setattr(member, k, v)
    if updates:
        member.save(update_fields=updates)


def _append_event(member: Member, event: MemberEvent, new: bool = False) -> MemberEvent:
    """Check that the new event fits the member's history, then store it and rebuild.
    `new`: the member was created in this call and has no events yet (saves two queries)."""
    require_open(org=event.org or member.org, day=event.date)
    events = [] if new else rule_events(member)
    events.append(_as_rule_event(event))
    events.sort(key=lambda e: e.date)  # stable: same-day events keep their order of entry
    state = _replay_or_fail(events)
    event.member = member
    event.save()
    _rebuild(member, state, new=new, event=event)
    return event


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def member_admit(
    *,
    actor,
    org: Organization,
    admitted_on: dt.date,
    decision_no: str,
    decision_date: dt.date | None = None,
    age_override_reason: str = "",
    **identity,
) -> Member:
    """Admit a new probationary member into the cell `org` on `admitted_on` (the decision's date).

    Guarantees: identity valid and unique; aged 18–60 counted in months unless an authorised
    actor records a reason; the cell active that day; one ADMITTED event and one period.
    """
    data, problem = check_admission(
        actor=actor, org=org, admitted_on=admitted_on, decision_no=decision_no, decision_date=decision_date,
        age_override_reason=age_override_reason, **identity,
    )  # fmt: skip
    override = clean(age_override_reason)
    with acting_as(actor):
        member = Member(
            **data,
            admitted_on=admitted_on,
            admission_decision=clean(decision_no),
            status=Status.PROBATIONARY,
            org=org,
            name_key=search_key(data["full_name"]),
            sort_key=name_sort_key(data["full_name"]),
        )
        member.save()
        _append_event(
            member,
            MemberEvent(
                kind=EventKind.ADMITTED,
                date=admitted_on,
                decision_no=clean(decision_no),
                decision_date=decision_date or admitted_on,
                org=org,
                override_reason=override if problem else "",
            ),
            new=True,
        )
    return member


def check_admission(
    *, actor, org, admitted_on, decision_no, decision_date=None, age_override_reason="", holders=None,
    open_check=None, **identity,
) -> tuple[dict, str | None]:  # fmt: skip
    """member_admit's checks, in its order: raise the ValidationError naming the first bad field, or
    return (the cleaned identity, the age problem an authorised override let through). `holders`
    and `open_check` (core.closing.require_open by default) let the bulk import (members.bulk) look
    numbers and closed years up once for many rows."""
    data = clean_identity(identity, holders=holders)
    for required in ("full_name", "birth_date", "sex"):
        if not data.get(required):
            fail(required, "Thông tin bắt buộc; hãy nhập trước khi lưu.")
    past_date("admitted_on", admitted_on, "Ngày kết nạp")
    past_date("decision_date", decision_date, "Ngày quyết định", required=False)
    if not clean(decision_no):
        fail("decision_no", "Hãy nhập số quyết định kết nạp, ví dụ 125-QĐ/QU.")
    _check_org("org", org, admitted_on)
    (open_check or require_open)(org=org, day=admitted_on, field="admitted_on")
    problem = rules.admission_age_problem(data["birth_date"], admitted_on)
    if problem:
        if not clean(age_override_reason):
            fail("birth_date", problem)
        if not can_override_admission_age(actor):
            fail("age_override_reason", "Chỉ Ban Tổ chức cấp ủy cấp trên được chấp thuận ngoại lệ về tuổi.")
    return data, problem


@transaction.atomic
def member_register(
    *,
    actor,
    org: Organization,
    joined_on: dt.date,
    admitted_on: dt.date,
    recognized_on: dt.date | None = None,
    transferred_in: bool = False,
    place: str = "",
    decision_no: str = "",
    **identity,
) -> Member:
    """Bring an existing member into the registry: from an earlier system or paper records
    (REGISTERED), or transferred in from outside the committee (TRANSFERRED_IN, an increase).
    Their admission and recognition dates are historical facts recorded as given.
    The checks are check_registration's and the events registration_events', which the bulk
    import (members.bulk) uses too."""
    where = dict(org=org, joined_on=joined_on, recognized_on=recognized_on, transferred_in=transferred_in,
                 place=place, decision_no=decision_no)  # fmt: skip
    data = check_registration(admitted_on=admitted_on, **where, **identity)
    events = registration_events(**where)
    full_on = events[0]["standing"] == Standing.FULL
    with acting_as(actor):
        member = Member(
            **data,
            admitted_on=admitted_on,
            recognized_on=recognized_on,
            status=Status.FULL if full_on else Status.PROBATIONARY,
            org=org,
            name_key=search_key(data["full_name"]),
            sort_key=name_sort_key(data["full_name"]),
        )
        member.save()
        for n, values in enumerate(events):
            _append_event(member, MemberEvent(**values), new=n == 0)
    return member


def check_registration(
    *,
    org: Organization | None,
    joined_on: dt.date | None,
    admitted_on: dt.date | None,
    recognized_on: dt.date | None = None,
    transferred_in: bool = False,
    place: str = "",
    decision_no: str = "",
    holders=None,
    **identity,
) -> dict:
    """member_register's checks, in its order: raise the ValidationError naming the first bad field
    (every bad identity field at once), or return the cleaned identity. `holders`: who already holds
    a citizen ID or card number (see clean_identity); the bulk import passes the rows it has
    accepted and the members stored."""
    data = clean_identity(identity, holders=holders)
    for required in ("full_name", "birth_date", "sex"):
        if not data.get(required):
            fail(required, "Thông tin bắt buộc; hãy nhập trước khi lưu.")
    past_date("admitted_on", admitted_on, "Ngày vào Đảng")
    past_date("joined_on", joined_on, "Ngày bắt đầu sinh hoạt")
    past_date("recognized_on", recognized_on, "Ngày chính thức", required=False)
    if admitted_on <= data["birth_date"]:
        fail("admitted_on", "Ngày vào Đảng phải sau ngày sinh.")
    if joined_on < admitted_on:
        fail("joined_on", "Ngày bắt đầu sinh hoạt tại chi bộ không thể trước ngày vào Đảng.")
    if recognized_on and recognized_on < rules.probation_end(admitted_on):
        fail("recognized_on", f"Ngày chính thức sớm nhất là {format_date(rules.probation_end(admitted_on))}.")
    if transferred_in and not clean(place):
        fail("place", "Hãy nhập nơi chuyển đến từ (đảng bộ, chi bộ nơi đi).")
    _check_org("org", org, joined_on)
    return data


def registration_events(
    *, org: Organization, joined_on: dt.date, recognized_on: dt.date | None = None, transferred_in: bool = False,
    place: str = "", decision_no: str = "",
) -> list[dict]:  # fmt: skip
    """The events member_register records, in order, as MemberEvent field values (checked
    arguments): REGISTERED, or TRANSFERRED_IN, on the day of joining the cell — as a full member
    when recognized by then — and RECOGNIZED when the recognition came after."""
    full_on = bool(recognized_on and recognized_on <= joined_on)
    first = {
        "kind": EventKind.TRANSFERRED_IN if transferred_in else EventKind.REGISTERED, "date": joined_on,
        "org_id": org.pk, "place": clean(place), "decision_no": clean(decision_no),
        "standing": Standing.FULL if full_on else Standing.PROBATIONARY,
    }  # fmt: skip
    if recognized_on and not full_on:
        return [first, {"kind": EventKind.RECOGNIZED, "date": recognized_on, "org_id": org.pk}]
    return [first]


def _month(value) -> str:
    return f"{value:%m/%Y}"


def clean_work_history(rows: list[dict]) -> list[dict]:
    """Normalize the work history (quá trình công tác) and check each line: a start month, the
    work, a start not in the future and not after the end. One ValidationError on the field
    `work_history` whose messages name the line ("Dòng 2: …"), counted from 1 in the order given."""
    out, problems = [], []
    today = dt.date.today()
    for n, row in enumerate(rows, start=1):
        started, ended = row.get("started_on"), row.get("ended_on")
        work, place = clean(row.get("work") or ""), clean(row.get("place") or "")
        if started is None:
            problems.append(f"Dòng {n}: hãy nhập tháng bắt đầu (tháng/năm, ví dụ 09/2005).")
        elif ended is not None and ended < started:
            problems.append(
                f"Dòng {n}: tháng bắt đầu {_month(started)} sau tháng kết thúc {_month(ended)}; "
                "hãy sửa lại (để trống tháng kết thúc nếu đến nay vẫn làm)."
            )
        elif started > today:
            problems.append(f"Dòng {n}: tháng bắt đầu {_month(started)} ở tương lai; hãy nhập tháng đã qua.")
        if not work:
            problems.append(f"Dòng {n}: hãy ghi công việc, chức vụ (ví dụ Giáo viên, Tổ trưởng chuyên môn).")
        out.append({"id": row.get("id"), "started_on": started and started.replace(day=1),
                    "ended_on": ended and ended.replace(day=1), "work": work, "place": place})  # fmt: skip
    if problems:
        raise ValidationError({"work_history": problems})
    return out


def _save_work_history(member: Member, rows: list[dict]):
    """Make the member's work history the `rows`, in their order: a line with the id of one of
    the member's lines updates it (only when something changed, so the audit shows real changes),
    a line without one is added, a line left out is deleted."""
    existing = {p.pk: p for p in MemberWorkPeriod.objects.filter(member=member)}
    kept = set()
    for order, row in enumerate(rows):
        values = {name: row[name] for name in WORK_FIELDS}
        line = existing.get(row.get("id"))
        if line is None:
            MemberWorkPeriod.objects.create(member=member, order=order, **values)
            continue
        kept.add(line.pk)
        values["order"] = order
        if any(getattr(line, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(line, k, v)
            line.save()
    for pk, line in existing.items():
        if pk not in kept:
            line.delete()


@transaction.atomic
def member_update(
    *, actor, member: Member, expected_version: str | None = None, work_history: list[dict] | None = None, **identity
) -> Member:
    """Correct identity and record-sheet fields; the audit keeps the old values. With
    `expected_version` (the `version_of` the form was loaded with), a change saved by someone else
    since then is refused rather than overwritten. Only the fields given are written, on the row as
    it is now. `work_history`, when given, replaces the work history (see clean_work_history):
    lines carry the id of the line they correct; None leaves it as it is."""
    current = Member.objects.select_for_update().get(pk=member.pk)
    refuse_if_changed(current, expected_version, "Hồ sơ")
    data = clean_identity(identity, member=current)
    history = clean_work_history(work_history) if work_history is not None else None
    with acting_as(actor):
        for k, v in data.items():
            setattr(current, k, v)
        if "full_name" in data:
            current.name_key = search_key(current.full_name)
            current.sort_key = name_sort_key(current.full_name)
        current.save(update_fields=[*data, "name_key", "sort_key", "updated_at"])
        if history is not None:
            _save_work_history(current, history)
    for k in (*data, "name_key", "sort_key", "updated_at"):
        setattr(member, k, getattr(current, k))
    return current


def event_checks(
    member: Member, kind: str, *, date=None, decision_no="", decision_date=None, to_org=None, place="", until=None
) -> list:
    """member_record_event's checks that need only the fields typed, each a callable raising its
    ValidationError: the service runs them in turn, the event form all at once (web.forms.check_all)
    so every error shows on the first submit. A date that is missing or did not parse is left to
    the first check; the ones after it wait for it."""
    is_day = isinstance(date, dt.date)

    def after_admission():
        if is_day and date < member.admitted_on:
            fail("date", f"Ngày hiệu lực phải sau ngày vào Đảng ({format_date(member.admitted_on)}).")

    def decision():
        if kind in DECISION_REQUIRED and not clean(decision_no or ""):
            fail("decision_no", "Hãy nhập số quyết định.")

    def destination():
        if kind == EventKind.TEMPORARY_TRANSFER and to_org is None and not clean(place or ""):
            fail("place", "Hãy chọn chi bộ hoặc nhập nơi sinh hoạt tạm thời.")
        if kind == EventKind.TRANSFERRED_OUT and not clean(place or ""):
            fail("place", "Hãy nhập nơi chuyển đến (đảng bộ, chi bộ ngoài hệ thống).")
        if kind == EventKind.TRANSFERRED_IN and not clean(place or ""):
            fail("place", "Hãy nhập nơi chuyển đến từ.")

    def temporary_until():
        if kind == EventKind.TEMPORARY_TRANSFER and until is not None and is_day and until <= date:
            fail("until", "Ngày kết thúc sinh hoạt tạm thời phải sau ngày bắt đầu.")

    return [
        lambda: past_date("date", date, "Ngày hiệu lực"),
        lambda: past_date("decision_date", decision_date, "Ngày quyết định", required=False),
        after_admission,
        decision,
        destination,
        temporary_until,
    ]


@transaction.atomic
def member_record_event(
    *,
    actor,
    member: Member,
    kind: str,
    date: dt.date,
    decision_no: str = "",
    decision_date: dt.date | None = None,
    to_org: Organization | None = None,
    place: str = "",
    until: dt.date | None = None,
    reason: str = "",
    org: Organization | None = None,
    standing: str = "",
) -> MemberEvent:
    """Record a lifecycle event after admission (recognition, transfer, removal, death …).

    Refuses, naming the field: a date in the future or before the admission, a missing decision
    number where one is required, a destination cell that is not active, and any event that
    does not fit the member's state on that date (rules.apply)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if kind not in EventKind.values or kind in (EventKind.ADMITTED, EventKind.REGISTERED):
        fail("kind", "Loại sự kiện không hợp lệ.")
    for check in event_checks(
        member, kind, date=date, decision_no=decision_no, decision_date=decision_date, to_org=to_org, place=place,
        until=until,
    ):  # fmt: skip
        check()
    if kind in (EventKind.TRANSFERRED, EventKind.MOVED, EventKind.READMITTED, EventKind.RESTORED):
        target = to_org if kind in (EventKind.TRANSFERRED, EventKind.MOVED) else org
        _check_org(
            "to_org" if to_org is not None or kind in (EventKind.TRANSFERRED, EventKind.MOVED) else "org", target, date
        )
    if kind == EventKind.TRANSFERRED_IN:
        _check_org("org", org, date)
    with acting_as(actor):
        return _append_event(
            member,
            MemberEvent(
                kind=kind,
                date=date,
                decision_no=clean(decision_no),
                decision_date=decision_date,
                org_id=org.pk if org else member.org_id,
                to_org=to_org,
                place=clean(place),
                until=until,
                reason=clean(reason),
                standing=standing or (Standing.FULL if member.recognized_on else ""),
            ),
        )


def probation_end_of(member: Member) -> dt.date:
    """The day the member's current probation ends (from the last admission or readmission)."""
    probation_started = (
        member.periods.filter(start_kind__in=[EventKind.ADMITTED, EventKind.READMITTED])
        .order_by("-valid_from")
        .values_list("valid_from", flat=True)
        .first()
        or member.admitted_on
    )
    return rules.probation_end(probation_started)


def recognition_checks(member: Member, *, decision_no="", decision_date=None, ends: dt.date | None = None) -> list:
    """member_recognize's checks of the fields typed, as event_checks: the decision's date (given,
    past, not before probation ends) and its number."""

    def not_before_the_end():
        day = ends or probation_end_of(member)
        if isinstance(decision_date, dt.date) and decision_date < day:
            fail("decision_date", f"Chưa hết 12 tháng dự bị: sớm nhất ngày {format_date(day)} mới được công nhận.")

    return [
        lambda: past_date("decision_date", decision_date, "Ngày quyết định"),
        not_before_the_end,
        lambda: clean(decision_no or "") or fail("decision_no", "Hãy nhập số quyết định."),
    ]


def member_recognize(*, actor, member: Member, decision_no: str, decision_date: dt.date) -> MemberEvent:
    """Recognize a probationary member as full. It takes effect the day probation ends, even
    when the meeting and the decision come later; a decision before that day is refused."""
    if member.status != Status.PROBATIONARY:
        label = "đã là đảng viên chính thức" if member.status == Status.FULL else member.get_status_display().lower()
        fail("kind", f"Không thể công nhận chính thức: đảng viên {label}.")
    ends = probation_end_of(member)
    for check in recognition_checks(member, decision_no=decision_no, decision_date=decision_date, ends=ends):
        check()
    return member_record_event(
        actor=actor, member=member, kind=EventKind.RECOGNIZED, date=ends, decision_no=decision_no,
        decision_date=decision_date,
    )  # fmt: skip


@transaction.atomic
def members_move_with_unit(
    *, actor, source: Organization, target: Organization, on: dt.date, decision: str = "", member_ids=None
) -> int:
    """Move the members of `source` on `on` to `target` because of a restructuring (merge,
    split); each gets a MOVED event, so their history shows where they were before."""
    ids = MemberPeriod.objects.filter(org=source, valid_from__lte=on, valid_to__isnull=True)
    if member_ids is not None:
        ids = ids.filter(member_id__in=member_ids)
    members = list(Member.objects.filter(pk__in=ids.values("member_id")))
    if members:
        _check_org("target", target, on)
    moved = 0
    for member in members:
        member_record_event(
            actor=actor, member=member, kind=EventKind.MOVED, date=on, to_org=target, decision_no=decision,
            reason=f"Sắp xếp tổ chức: {source.name} → {target.name}",
        )  # fmt: skip
        moved += 1
    return moved


@transaction.atomic
def member_award_badge(*, actor, member: Member, years: int, presented_on: dt.date, decision_no: str = ""):
    """Record a Huy hiệu Đảng presented to the member; one per milestone."""
    if years not in rules.BADGE_YEARS:
        fail("years", "Huy hiệu Đảng chỉ có các mốc 30, 40, 45, 50 … 90 năm tuổi đảng.")
    past_date("presented_on", presented_on, "Ngày trao")
    if member.badges.filter(years=years).exists():
        fail("years", f"Đảng viên đã nhận Huy hiệu {years} năm tuổi Đảng.")
    with acting_as(actor):
        return MemberBadge.objects.create(
            member=member, years=years, presented_on=presented_on, decision_no=clean(decision_no)
        )
