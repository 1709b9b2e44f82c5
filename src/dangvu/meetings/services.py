"""Writes of cell meetings. A meeting is recorded after it is held: a date in the future is
refused; the chair, the secretary and every member in the attendance must belong to the cell on
the meeting's date; an absence with a good reason must say the reason."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.core.audit import acting_as
from dangvu.core.closing import require_open
from dangvu.core.dates import format_date
from dangvu.core.errors import fail, refuse_if_changed
from dangvu.core.errors import version_of as version_of  # the token the edit forms carry
from dangvu.core.text import clean
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import MEMBER_LEVELS, Organization
from dangvu.organizations.selectors import covering

from .models import Attendance, Meeting, MeetingKind, Presence, Vote


def roster_ids(org: Organization, day: dt.date) -> set[int]:
    """Ids of the members of the cell at the end of `day` (one query)."""
    return set(MemberPeriod.objects.filter(covering(day), org=org).values_list("member_id", flat=True))


def meeting_checks(org, kind, date, chair, secretary, called: bool = False, read: dict | None = None) -> list:
    """A meeting's checks, each a callable raising its ValidationError: _check runs them in turn,
    the meeting form all at once (web.forms.check_all) so every error shows on the first submit.
    A check whose fields are missing or did not parse waits for the one that names them; the
    cell's life, the closed year and the roster are read only for a day that can be recorded.
    The roster, once read, is kept in `read` ("roster"), so the caller does not read it again."""
    is_day = isinstance(date, dt.date)
    known_day = date if is_day and (called or date <= dt.date.today()) else None
    cell_ok = org is not None and org.level in MEMBER_LEVELS
    read = {} if read is None else read

    def roster() -> set[int]:
        if "roster" not in read:
            read["roster"] = roster_ids(org, known_day)
        return read["roster"]

    def cell():
        if org is None:
            fail("org", "Hãy chọn chi bộ.")

    def kind_known():
        if kind not in MeetingKind.values:
            fail("kind", "Hãy chọn loại buổi sinh hoạt.")

    def day():
        if not is_day:
            fail("date", "Hãy nhập ngày họp theo dạng ngày/tháng/năm, ví dụ 15/03/2016.")
        if date > dt.date.today() and not called:
            fail("date", f"Ngày họp {format_date(date)} ở tương lai; chỉ ghi buổi sinh hoạt đã diễn ra.")

    def cell_level():
        if org is not None and not cell_ok:
            fail("org", f"{org.name} là {org.get_level_display().lower()}; hãy chọn một chi bộ.")

    def cell_on_the_day():
        if cell_ok and known_day:
            if not org.is_active_on(known_day):
                fail("org", f"{org.name} không hoạt động vào ngày {format_date(known_day)}.")
            require_open(org=org, day=known_day)  # a closed year's meetings count in its issued report

    def chair_and_secretary():
        if not (cell_ok and known_day):
            return
        for field, person, label in (("chair", chair, "Người chủ trì"), ("secretary", secretary, "Thư ký")):
            if person is not None and person.pk not in roster():
                fail(field, f"{label} {person.full_name} không sinh hoạt tại {org.name} vào ngày {format_date(date)}.")

    def two_people():
        if chair is not None and secretary is not None and chair.pk == secretary.pk:
            fail("secretary", "Thư ký phải là người khác người chủ trì.")

    return [cell, kind_known, day, cell_level, cell_on_the_day, chair_and_secretary, two_people]


def _check(org, kind, date, chair, secretary, called: bool = False) -> set[int]:
    read: dict = {}
    for check in meeting_checks(org, kind, date, chair, secretary, called, read):
        check()
    return read["roster"] if "roster" in read else roster_ids(org, date)


@transaction.atomic
def meeting_create(
    *,
    actor,
    org: Organization,
    kind: str,
    date: dt.date,
    place: str = "",
    chair: Member | None = None,
    secretary: Member | None = None,
    agenda: str = "",
    minutes=None,
    resolution=None,
    attendance: list | None = None,
) -> Meeting:
    """Record a meeting held by a cell, with its attendance if given
    ([(member, presence, reason)], see meeting_set_attendance)."""
    _check(org, kind, date, chair, secretary)
    with acting_as(actor):
        meeting = Meeting(
            org=org, kind=kind, date=date, place=clean(place), chair=chair, secretary=secretary, agenda=agenda.strip()
        )
        if minutes:
            meeting.minutes = minutes
        if resolution:
            meeting.resolution = resolution
        meeting.save()
        if attendance:
            _set_attendance(meeting, attendance)
    return meeting


CALL_AHEAD_DAYS = 60


@transaction.atomic
def meeting_call(*, actor, org: Organization, kind: str, date: dt.date, place: str = "", agenda: str = "") -> Meeting:
    """Call a meeting ahead (the invitation): its day, place and agenda, within CALL_AHEAD_DAYS, so
    the members answer before it (Sổ tay đảng viên); attendance and votes are recorded on the day or
    after, through meeting_update, and it counts as held only once its day has come (held_in)."""
    if isinstance(date, dt.date) and not dt.date.today() <= date <= dt.date.today() + dt.timedelta(CALL_AHEAD_DAYS):
        fail("date", f"Ngày họp {format_date(date)}: chỉ triệu tập trước từ hôm nay đến {CALL_AHEAD_DAYS} ngày tới.")
    _check(org, kind, date, None, None, called=True)
    with acting_as(actor):
        return Meeting.objects.create(org=org, kind=kind, date=date, place=clean(place), agenda=agenda.strip())


EDITABLE = ("kind", "date", "place", "chair", "secretary", "agenda")


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    expected_version: str | None = None,
    minutes=None,
    resolution=None,
    attendance: list | None = None,
    votes: list | None = None,
    **fields,
) -> Meeting:
    """Correct a recorded meeting: its kind, date, place, chair, secretary, agenda, files, and —
    when given — the whole attendance ([(member, presence, reason)], replacing every row) and the
    whole list of votes ([{question, votes_for, votes_against, abstain}], replacing every vote).
    The same checks as recording, on the corrected values: no date in the future, the chair, the
    secretary and every attendee members of the cell on the (new) date, a reason for an excused
    absence, no vote larger than those present. Everything is checked before anything is written;
    the audit keeps the old values. With `expected_version` (the `version_of` the form was loaded
    with), a change saved by someone else since then is refused rather than overwritten. The
    removal list (selectors.removal_flags) reads the attendance, so a corrected absence counts at
    once."""
    current = Meeting.objects.select_for_update().select_related("org").get(pk=meeting.pk)
    refuse_if_changed(current, expected_version, "Buổi sinh hoạt")
    require_open(org=current.org, day=current.date)  # moving it out of a closed year changes that year too
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        name = sorted(unknown)[0]
        if name == "org":
            fail(name, "Không đổi được chi bộ của buổi sinh hoạt đã ghi; hãy ghi buổi sinh hoạt ở chi bộ đúng.")
        fail(name, "Trường không thuộc buổi sinh hoạt.")
    data = {name: fields.get(name, getattr(current, name)) for name in EDITABLE}
    roster = _check(current.org, data["kind"], data["date"], data["chair"], data["secretary"])
    if attendance is not None:
        rows = _clean_attendance(current.org, data["date"], roster, attendance)
    else:
        rows = list(current.attendances.select_related("member"))
        for row in rows:
            if row.member_id not in roster:
                fail(
                    "date",
                    f"Đồng chí {row.member.full_name} không sinh hoạt tại {current.org.name} vào ngày "
                    f"{format_date(data['date'])}; hãy sửa cả danh sách tham dự khi đổi ngày họp.",
                )
    present = sum(1 for row in rows if row.presence == Presence.PRESENT)
    if votes is not None:
        new_votes = [_numbered_vote(i, present, v) for i, v in enumerate(votes, start=1)]
    else:
        new_votes = list(current.votes.all())
        for vote in new_votes:
            total = vote.votes_for + vote.votes_against + vote.abstain
            if present and total > present:
                fail(
                    "attendance",
                    f'Biểu quyết "{vote.question}" có {total} phiếu, nhiều hơn số đảng viên có mặt ({present}); '
                    "hãy sửa cả biểu quyết.",
                )
    with acting_as(actor):
        for name, value in data.items():
            setattr(current, name, clean(value) if name == "place" else (value.strip() if name == "agenda" else value))
        if minutes:
            current.minutes = minutes
        if resolution:
            current.resolution = resolution
        current.save()
        if attendance is not None:
            _write_attendance(current, rows, replace_all=True)
        if votes is not None:
            for old in current.votes.all():
                old.delete()  # one by one, so that the audit log records each
            for vote in new_votes:
                vote.meeting = current
                vote.save()
    meeting.refresh_from_db()
    return current


def attendance_checks(org: Organization, day: dt.date, roster: set[int], entries) -> list:
    """The checks of the attendance entries ([(member, presence, reason)]), one per entry, each a
    callable raising its ValidationError on "attendance": _clean_attendance runs them in turn, the
    meeting form all at once, so every member left unmarked or absent without a reason is named on
    the first submit."""
    checks, seen = [], set()
    for member, presence, reason in entries:
        twice = member.pk in seen
        seen.add(member.pk)

        def entry(member=member, presence=presence, reason=reason, twice=twice):
            if twice:
                fail("attendance", f"Đồng chí {member.full_name} có hai dòng trong danh sách tham dự.")
            if member.pk not in roster:
                fail(
                    "attendance",
                    f"Đồng chí {member.full_name} không sinh hoạt tại {org.name} vào ngày {format_date(day)}.",
                )
            if presence not in Presence.values:
                fail("attendance", f"Hãy chọn có mặt hay vắng cho đồng chí {member.full_name}.")
            if presence == Presence.EXCUSED and not clean(reason):
                fail("attendance", f"Hãy ghi lý do vắng của đồng chí {member.full_name}.")

        checks.append(entry)
    return checks


def _clean_attendance(org: Organization, day: dt.date, roster: set[int], entries) -> list[Attendance]:
    """The attendance rows to write, every entry checked (attendance_checks): one row per member,
    a member of the cell that day, a presence chosen, the reason of an excused absence."""
    entries = list(entries)
    for check in attendance_checks(org, day, roster, entries):
        check()
    return [
        Attendance(member=member, presence=presence, reason=clean(reason) if presence != Presence.PRESENT else "")
        for member, presence, reason in entries
    ]


def _write_attendance(meeting: Meeting, rows: list[Attendance], replace_all: bool = False) -> list[Attendance]:
    stale = Attendance.objects.filter(meeting=meeting)
    if not replace_all:
        stale = stale.filter(member_id__in=[r.member_id for r in rows])
    # Deleted and saved one by one so that the audit log records each row.
    for old in stale:
        old.delete()
    for row in rows:
        row.meeting = meeting
        row.save()
    return rows


def _set_attendance(meeting: Meeting, entries) -> list[Attendance]:
    rows = _clean_attendance(meeting.org, meeting.date, roster_ids(meeting.org, meeting.date), entries)
    return _write_attendance(meeting, rows)


def _clean_vote(*, present: int, question: str, votes_for: int, votes_against: int, abstain: int = 0) -> Vote:
    if not clean(question):
        fail("question", "Hãy ghi nội dung biểu quyết.")
    counts = {"votes_for": votes_for, "votes_against": votes_against, "abstain": abstain}
    for name, value in counts.items():
        if not isinstance(value, int) or value < 0:
            fail(name, "Hãy nhập số phiếu (số nguyên, không âm).")
    if present and sum(counts.values()) > present:
        fail("votes_for", f"Tổng số biểu quyết ({sum(counts.values())}) vượt số đảng viên có mặt ({present}).")
    return Vote(question=clean(question), **counts)


def vote_checks(present: int, votes: list[dict]) -> list:
    """The checks of the edit form's vote lines, one per line, each refusing on "votes" with the
    line's number (as meeting_update does), so the form names every wrong line at once."""
    return [lambda i=i, v=v: _numbered_vote(i, present, v) for i, v in enumerate(votes, start=1)]


def _numbered_vote(number: int, present: int, vote: dict) -> Vote:
    """A vote line of the edit form, its refusal naming the line."""
    try:
        return _clean_vote(present=present, **vote)
    except ValidationError as e:
        problems = " ".join(m for messages in e.message_dict.values() for m in messages)
        question = clean(vote.get("question", ""))
        fail("votes", f"Biểu quyết thứ {number}{f' ({question})' if question else ''}: {problems}")


def _touch(meeting: Meeting) -> None:
    """A new version of the meeting (locking its row till the end of the transaction), so an edit
    form loaded before this change is refused instead of replacing what was just recorded."""
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now())


@transaction.atomic
def meeting_set_attendance(*, actor, meeting: Meeting, entries) -> list[Attendance]:
    """Record who attended: [(member, presence, reason)]. Each member must belong to the cell on
    the meeting's date; an excused absence needs its reason. Replaces those members' earlier rows."""
    require_open(org=meeting.org, day=meeting.date, field="attendance")
    with acting_as(actor):
        _touch(meeting)
        return _set_attendance(meeting, entries)


@transaction.atomic
def meeting_add_vote(
    *, actor, meeting: Meeting, question: str, votes_for: int, votes_against: int, abstain: int = 0
) -> Vote:
    """A vote taken at the meeting; its total cannot exceed those present (when attendance is recorded)."""
    require_open(org=meeting.org, day=meeting.date, field="question")
    present = meeting.attendances.filter(presence=Presence.PRESENT).count()
    vote = _clean_vote(
        present=present, question=question, votes_for=votes_for, votes_against=votes_against, abstain=abstain
    )
    with acting_as(actor):
        _touch(meeting)
        vote.meeting = meeting
        vote.save()
        return vote
