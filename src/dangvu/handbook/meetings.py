"""The member's cell's meetings: the month's list, the member's answer before a meeting, and what
the secretary's attendance sheet takes from the answers."""

import datetime as dt

from django.db import transaction
from django.http import Http404

from dangvu.core.audit import acting_as
from dangvu.core.errors import fail
from dangvu.core.text import clean
from dangvu.meetings.models import Meeting, Presence
from dangvu.members.models import Member

from .models import MeetingReply
from .notices import notices_send


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return first, after


def meetings_of(member: Member, month: dt.date):
    """The meetings of the member's own cell in the month of `month`, with the member's answer."""
    first, after = month_bounds(month)
    meetings = list(
        Meeting.objects.filter(org_id=member.org_id, date__gte=first, date__lt=after)
        .prefetch_related("votes")
        .order_by("date", "id")
    )
    replies = {r.meeting_id: r for r in MeetingReply.objects.filter(member=member, meeting__in=meetings)}
    return [(m, replies.get(m.pk)) for m in meetings]


def meeting_of(member: Member, pk) -> Meeting:
    """One meeting of the member's own cell; 404 for any other, as for one that does not exist."""
    found = Meeting.objects.filter(org_id=member.org_id, pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy buổi sinh hoạt của chi bộ đồng chí.")
    return found


@transaction.atomic
def meeting_reply(*, actor, member: Member, meeting: Meeting, coming: bool, reason: str = "", today: dt.date):
    """Record or change the member's answer; only before the meeting's day is over."""
    if meeting.org_id != member.org_id:
        raise Http404("Không tìm thấy buổi sinh hoạt của chi bộ đồng chí.")
    if meeting.date < today:
        fail("coming", "Buổi sinh hoạt đã qua; việc có mặt do đồng chí bí thư ghi trong biên bản.")
    reason = clean(reason)
    if not coming and not reason:
        fail("reason", "Hãy ghi lý do vắng để chi bộ biết, ví dụ “Đi công tác”.")
    with acting_as(actor):
        reply, _ = MeetingReply.objects.update_or_create(
            meeting=meeting, member=member, defaults={"coming": coming, "reason": "" if coming else reason}
        )
    return reply


def attendance_from_replies(meeting: Meeting) -> dict[int, tuple[str, str]]:
    """{member id: (presence, reason)} the attendance sheet starts from: present for those who said
    they come, excused with their reason for those who said they cannot."""
    return {
        r.member_id: (Presence.PRESENT, "") if r.coming else (Presence.EXCUSED, r.reason)
        for r in MeetingReply.objects.filter(meeting=meeting)
    }


@transaction.atomic
def meeting_call_notify(*, actor, org, kind: str, date: dt.date, place: str = "", agenda: str = "") -> Meeting:
    """Call a meeting of the cell ahead (meetings.services.meeting_call, its checks and audit) and
    tell every member of the cell who has an account, so they answer before the day."""
    from dangvu.meetings.services import meeting_call

    meeting = meeting_call(actor=actor, org=org, kind=kind, date=date, place=place, agenda=agenda)
    members = Member.objects.filter(org=org, account__isnull=False)
    where = f" tại {meeting.place}" if meeting.place else ""
    notices_send(members=members, url=f"/so-tay/sinh-hoat/?thang={date:%Y-%m}",
                 text=f"Chi bộ triệu tập {meeting.get_kind_display().lower()} ngày {date:%d/%m/%Y}{where}; "
                 "đồng chí hãy trả lời có dự họp hay không.")  # fmt: skip
    return meeting


def called_ahead(org, today: dt.date) -> list[tuple[Meeting, int, int]]:
    """The cell's meetings from today on, with how many members said they come and how many not."""
    rows = []
    for m in Meeting.objects.filter(org=org, date__gte=today).prefetch_related("replies").order_by("date", "id"):
        replies = list(m.replies.all())
        rows.append((m, sum(r.coming for r in replies), sum(not r.coming for r in replies)))
    return rows
