"""Reads of cell meetings: scoped lists, the meetings behind `meetings.held`, and the members
flagged for consideration of removal (xóa tên)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth

from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under

from .models import Attendance, Meeting, Presence

# Điều lệ Đảng (2011), Điều 8, khoản 2: a member who leaves party activity or does not pay dues
# three months in a year without a good reason is considered by the cell for removal (xóa tên);
# kept in Quy định 24-QĐ/TW (2021). Months are counted separately for absence and for dues.
REMOVAL_MONTHS = 3


def held_in(org: Organization, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    """Meetings dated in [start, end] in cells that stood under `org` on the meeting day. Fixed query count.
    A meeting called ahead (services.meeting_call) is not held before its day."""
    end = min(end, dt.date.today())
    return Meeting.objects.filter(stood_under(org, start, end), date__gte=start, date__lte=end)


def meeting_list(
    root: Organization | None, *, org: Organization | None = None, year: int | None = None, kind: str = ""
) -> QuerySet[Meeting]:
    if root is None:
        return Meeting.objects.none()
    qs = Meeting.objects.filter(org__path__startswith=root.path)
    if org is not None and year:
        qs = qs.filter(stood_under(org, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    elif org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    if year:
        qs = qs.filter(date__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("org", "chair", "secretary").annotate(
        present=Count("attendances", filter=Q(attendances__presence=Presence.PRESENT)),
        absent=Count("attendances", filter=~Q(attendances__presence=Presence.PRESENT)),
    )


def attendance_of(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendances.select_related("member").order_by("member__sort_key")


def absent_months(root: Organization, year: int) -> dict[int, set[int]]:
    """{member id: months of `year` with an absence without a good reason}, cells under `root`."""
    rows = (
        Attendance.objects.filter(
            presence=Presence.UNEXCUSED, meeting__date__year=year, meeting__org__path__startswith=root.path
        )
        .annotate(m=ExtractMonth("meeting__date"))
        .values_list("member_id", "m")
        .distinct()
    )
    found: dict[int, set[int]] = {}
    for member_id, month in rows:
        found.setdefault(member_id, set()).add(month)
    return found


@dataclass
class RemovalFlag:
    member: Member
    absent_months: list[int] = field(default_factory=list)
    unpaid_months: list[int] = field(default_factory=list)


def removal_flags(root: Organization | None, year: int, as_of: dt.date | None = None) -> list[RemovalFlag]:
    """Members in the Party under `root` who, in `year`, were absent from party activity without a
    good reason in at least three months, or did not pay dues for at least three months (as of
    `as_of`, default today): the cell should consider them for removal (Điều lệ Đảng, Điều 8)."""
    from dangvu.dues.selectors import unpaid_months

    if root is None:
        return []
    as_of = as_of or dt.date.today()
    absent = {k: v for k, v in absent_months(root, year).items() if len(v) >= REMOVAL_MONTHS}
    unpaid = {k: v for k, v in unpaid_months(root, year, as_of).items() if len(v) >= REMOVAL_MONTHS}
    ids = set(absent) | set(unpaid)
    members = Member.objects.filter(pk__in=ids, status__in=IN_PARTY_STATUSES).select_related("org").order_by("sort_key")
    return [RemovalFlag(m, sorted(absent.get(m.pk, ())), sorted(unpaid.get(m.pk, ()))) for m in members]
