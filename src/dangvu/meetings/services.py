"""Writes of cell meetings. A meeting is recorded after it is held: a date in the future is
refused; the chair, the secretary and every member in the attendance must belong to the cell on
the meeting's date; an absence with a good reason must say the reason."""

import datetime as dt

from django.db import transaction

from dangvu.core.audit import acting_as
from dangvu.core.dates import format_date
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.models import MEMBER_LEVELS, Organization
from dangvu.organizations.selectors import covering

from .models import Attendance, Meeting, MeetingKind, Presence, Vote

FIELDS = ("org", "kind", "date", "place", "chair", "secretary", "agenda")


def roster_ids(org: Organization, day: dt.date) -> set[int]:
    """Ids of the members of the cell at the end of `day` (one query)."""
    return set(MemberPeriod.objects.filter(covering(day), org=org).values_list("member_id", flat=True))


def _check(org, kind, date, chair, secretary) -> set[int]:
    if org is None:
        fail("org", "Hãy chọn chi bộ.")
    if kind not in MeetingKind.values:
        fail("kind", "Hãy chọn loại buổi sinh hoạt.")
    if not isinstance(date, dt.date):
        fail("date", "Hãy nhập ngày họp theo dạng ngày/tháng/năm, ví dụ 15/03/2016.")
    if date > dt.date.today():
        fail("date", f"Ngày họp {format_date(date)} ở tương lai; chỉ ghi buổi sinh hoạt đã diễn ra.")
    if org.level not in MEMBER_LEVELS:
        fail("org", f"{org.name} là {org.get_level_display().lower()}; hãy chọn một chi bộ.")
    if not org.is_active_on(date):
        fail("org", f"{org.name} không hoạt động vào ngày {format_date(date)}.")
    roster = roster_ids(org, date)
    for field, person, label in (("chair", chair, "Người chủ trì"), ("secretary", secretary, "Thư ký")):
        if person is not None and person.pk not in roster:
            fail(field, f"{label} {person.full_name} không sinh hoạt tại {org.name} vào ngày {format_date(date)}.")
    if chair is not None and secretary is not None and chair.pk == secretary.pk:
        fail("secretary", "Thư ký phải là người khác người chủ trì.")
    return roster


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


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, minutes=None, resolution=None, **fields) -> Meeting:
    data = {name: fields.get(name, getattr(meeting, name)) for name in FIELDS}
    _check(data["org"], data["kind"], data["date"], data["chair"], data["secretary"])
    if (data["org"] != meeting.org or data["date"] != meeting.date) and meeting.attendances.exists():
        fail("date", "Buổi sinh hoạt đã có danh sách tham dự; không đổi chi bộ hoặc ngày họp.")
    with acting_as(actor):
        for name, value in data.items():
            setattr(meeting, name, clean(value) if name == "place" else value)
        if minutes:
            meeting.minutes = minutes
        if resolution:
            meeting.resolution = resolution
        meeting.save()
    return meeting


def _set_attendance(meeting: Meeting, entries) -> list[Attendance]:
    roster = roster_ids(meeting.org, meeting.date)
    seen, rows = set(), []
    for member, presence, reason in entries:
        if member.pk in seen:
            fail("attendance", f"Đồng chí {member.full_name} có hai dòng trong danh sách tham dự.")
        seen.add(member.pk)
        if member.pk not in roster:
            fail(
                "attendance",
                f"Đồng chí {member.full_name} không sinh hoạt tại {meeting.org.name} vào ngày "
                f"{format_date(meeting.date)}.",
            )
        if presence not in Presence.values:
            fail("attendance", f"Hãy chọn có mặt hay vắng cho đồng chí {member.full_name}.")
        if presence == Presence.EXCUSED and not clean(reason):
            fail("attendance", f"Hãy ghi lý do vắng của đồng chí {member.full_name}.")
        rows.append(
            Attendance(
                meeting=meeting, member=member, presence=presence,
                reason=clean(reason) if presence != Presence.PRESENT else "",
            )
        )  # fmt: skip
    Attendance.objects.filter(meeting=meeting, member_id__in=seen).delete()
    # Saved one by one so that the audit log records each row.
    for row in rows:
        row.save()
    return rows


@transaction.atomic
def meeting_set_attendance(*, actor, meeting: Meeting, entries) -> list[Attendance]:
    """Record who attended: [(member, presence, reason)]. Each member must belong to the cell on
    the meeting's date; an excused absence needs its reason. Replaces those members' earlier rows."""
    with acting_as(actor):
        return _set_attendance(meeting, entries)


@transaction.atomic
def meeting_add_vote(
    *, actor, meeting: Meeting, question: str, votes_for: int, votes_against: int, abstain: int = 0
) -> Vote:
    """A vote taken at the meeting; its total cannot exceed those present (when attendance is recorded)."""
    if not clean(question):
        fail("question", "Hãy ghi nội dung biểu quyết.")
    counts = {"votes_for": votes_for, "votes_against": votes_against, "abstain": abstain}
    for name, value in counts.items():
        if not isinstance(value, int) or value < 0:
            fail(name, "Hãy nhập số phiếu (số nguyên, không âm).")
    present = meeting.attendances.filter(presence=Presence.PRESENT).count()
    if present and sum(counts.values()) > present:
        fail("votes_for", f"Tổng số biểu quyết ({sum(counts.values())}) vượt số đảng viên có mặt ({present}).")
    with acting_as(actor):
        return Vote.objects.create(meeting=meeting, question=clean(question), **counts)
