"""Cell meetings of 2016 in two wards, Định Công and Đại Kim (meetings.services): every cell
holds its regular meeting each month, with the attendance of its members that day and the vote
on the month's resolution, and a thematic meeting in May (Chỉ thị 05). A few members miss
meetings without a reason in three months or more, so the removal list has names.
`meetings.held` counts these records."""

import datetime as dt

from dangvu.meetings.models import MeetingKind, Presence
from dangvu.meetings.services import meeting_add_vote, meeting_create, roster_ids
from dangvu.members.models import Member
from dangvu.organizations.models import MEMBER_LEVELS, Organization

from ..context import YEAR, DemoContext

WARDS = ("HM-DC", "HM-DK")
THEMATIC = "Chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (Chỉ thị 05)"
REASONS = ["Ốm", "Đi công tác", "Việc gia đình", "Đi học tập trung"]


def cells(ctx: DemoContext, day: dt.date) -> list[Organization]:
    found = []
    for code in WARDS:
        ward = ctx.org(code)
        for org in Organization.objects.filter(path__startswith=ward.path, level__in=MEMBER_LEVELS).order_by("code"):
            if org.is_active_on(day):
                found.append(org)
    return found


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("meetings")
    truants: set[int] = set()
    held = 0
    for month in range(1, 13):
        for org in cells(ctx, dt.date(YEAR, month, 1)):
            day = dt.date(YEAR, month, rng.randint(3, 12))
            roster = list(Member.objects.filter(pk__in=roster_ids(org, day)).order_by("sort_key"))
            if not roster:
                continue
            if month == 1 and len(roster) >= 4:  # one member in such a cell stops coming
                truants.add(rng.choice(roster).pk)
            attendance = []
            for m in roster:
                roll = rng.random()
                if m.pk in truants and month in (3, 4, 6, 9):
                    attendance.append((m, Presence.UNEXCUSED, ""))
                elif m.activity != "active" or roll < 0.06:
                    attendance.append(
                        (m, Presence.EXCUSED, "Miễn sinh hoạt" if m.activity != "active" else rng.choice(REASONS))
                    )
                elif roll < 0.075:
                    attendance.append((m, Presence.UNEXCUSED, ""))
                else:
                    attendance.append((m, Presence.PRESENT, ""))
            present = [m for m, p, _ in attendance if p == Presence.PRESENT]
            meeting = meeting_create(
                actor=ctx.actor,
                org=org,
                kind=MeetingKind.REGULAR,
                date=day,
                place=f"Hội trường {org.short_name or org.name}",
                chair=present[0] if present else None,
                secretary=present[1] if len(present) > 1 else None,
                agenda=f"Sinh hoạt thường kỳ tháng {month}/{YEAR}: kiểm điểm nghị quyết, nhiệm vụ tháng tới.",
                attendance=attendance,
            )
            if present:
                meeting_add_vote(
                    actor=ctx.actor,
                    meeting=meeting,
                    question=f"Thông qua nghị quyết tháng {month}/{YEAR}",
                    votes_for=len(present),
                    votes_against=0,
                )
            held += 1
            if month == 5:
                meeting_create(
                    actor=ctx.actor,
                    org=org,
                    kind=MeetingKind.THEMATIC,
                    date=day + dt.timedelta(days=10),
                    agenda=THEMATIC,
                )
                held += 1
    ctx.say(f"Sinh hoạt chi bộ 2016 (phường Định Công, Đại Kim): {held} buổi.")
