"""The member registry of Hoàng Mai, 2006–2016, through members.services (see demo.timeline).

At scale 1.0 about 16,000 members at the end of 2016; `ctx.scale` shrinks the members present in
2006 and the admissions of earlier years, never the seed's 209 admissions of 2016.

Then the rest of the record sheet (Mẫu 2-HSĐV: languages, titles, Youth Union date, health,
work history …) for the example member and one member in twenty still in the Party, through
members.services.member_update, from their own seeded generator: the timeline's data and every
figure stay as they were. All of it is invented; no real person is described.
"""

import datetime as dt
import random
import time

from dangvu.core.dates import add_years
from dangvu.core.numbers import format_int
from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.members.services import member_update

from ..context import YEAR_END, DemoContext, seconds
from ..timeline import Timeline

EVERY = 20  # one member in EVERY gets a filled record sheet
LANGUAGES = ["Tiếng Anh B", "Tiếng Anh B1", "Tiếng Anh A2", "Tiếng Nga B", "Tiếng Pháp A", "Tiếng Trung B1", ""]
IT_SKILLS = ["Ứng dụng CNTT cơ bản", "Tin học văn phòng", "Tin học trình độ B", ""]
HEALTH = ["Tốt", "Tốt", "Bình thường"]
MASS_POSTS = [
    "Tổ trưởng tổ dân phố", "Chi hội trưởng Chi hội Cựu chiến binh", "Chi hội trưởng Chi hội Phụ nữ",
    "Bí thư Chi đoàn", "Chủ tịch Công đoàn cơ sở", "Ủy viên Ban Chấp hành Công đoàn cơ sở", "", "", "",
]  # fmt: skip
WORKPLACES = [
    "Công ty cổ phần Xây dựng số 5", "Công ty TNHH Thương mại Minh Phát", "Xí nghiệp May số 2",
    "Trường Tiểu học số 3", "Trạm Y tế phường", "Ủy ban nhân dân phường", "Hợp tác xã Dịch vụ Hòa Bình",
    "Ban Quản lý chợ", "Công ty Điện lực quận", "Nhà máy Cơ khí số 1",
]  # fmt: skip
JOBS = ["Nhân viên", "Kỹ thuật viên", "Cán sự", "Chuyên viên", "Công nhân", "Kế toán viên"]
LEADS = ["Tổ trưởng", "Phó phòng", "Trưởng phòng", "Đội trưởng", "Phó Giám đốc"]


def build(ctx: DemoContext) -> None:
    Timeline(ctx).run()
    fill_record_sheets(ctx)


def _month(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    day = start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))
    return day.replace(day=1)


def work_history(rng: random.Random, member: Member) -> list[dict]:
    """Two to four periods from about 22 years of age, one after the other; the last runs on to
    this day unless the member is retired."""
    start = add_years(member.birth_date, 22).replace(day=1)
    retired = member.occupation == "Hưu trí"
    end = min(add_years(member.birth_date, 60 if member.sex == "M" else 55), YEAR_END) if retired else YEAR_END
    if start >= end:
        return []
    lines, count = [], rng.randint(2, 4)
    for i in range(count):
        last = i == count - 1
        stop = None if last and not retired else (end if last else _month(rng, start, min(end, add_years(start, 12))))
        if stop is not None and stop <= start:
            break
        job = rng.choice(LEADS) if i and rng.random() < 0.5 else rng.choice(JOBS)
        work = member.occupation if last and member.occupation and not retired else job
        lines.append({"started_on": start, "ended_on": stop, "work": work, "place": rng.choice(WORKPLACES)})
        if stop is None:
            break
        start = stop
    return lines


def record_sheet(rng: random.Random, member: Member) -> dict:
    youth = min(add_years(member.birth_date, rng.randint(15, 17)), member.admitted_on - dt.timedelta(days=365))
    youth += dt.timedelta(days=rng.randint(0, 200))
    degree = "Thạc sĩ" if "Thạc sĩ" in member.qualification else ("Tiến sĩ" if rng.random() < 0.02 else "")
    return {
        "foreign_languages": rng.choice(LANGUAGES),
        "it_skills": rng.choice(IT_SKILLS),
        "academic_degree": degree,
        "minority_languages": f"Tiếng {member.ethnicity}" if member.ethnicity != "Kinh" else "",
        "youth_union_joined_on": youth if youth > member.birth_date else None,
        "mass_org_positions": rng.choice(MASS_POSTS),
        "health": rng.choice(HEALTH) if member.birth_date.year > 1950 else "Yếu",
        "temporary_address": "",
        "work_history": work_history(rng, member),
    }


def fill_record_sheets(ctx: DemoContext) -> int:
    started = time.perf_counter()
    rng = ctx.rng_for("member_records")
    pks = list(Member.objects.filter(status__in=IN_PARTY_STATUSES).order_by("pk").values_list("pk", flat=True))
    # The example member the browser tests open (timeline.register_existing) shows a full sheet.
    example = Member.objects.filter(full_name="Nguyễn Văn An", org__code="HM-DC-01").values_list("pk", flat=True)
    chosen = sorted({*pks[::EVERY], *example})
    for member in Member.objects.filter(pk__in=chosen).order_by("pk"):
        member_update(actor=ctx.actor, member=member, **record_sheet(rng, member))
    ctx.say(
        f"Phiếu đảng viên đủ thông tin: {format_int(len(chosen))} đảng viên ({seconds(time.perf_counter() - started)})."
    )
    return len(chosen)
