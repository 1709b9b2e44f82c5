"""The member registry of Hoàng Mai from 2006 to 2016, lived through day by day.

Everything is written by members.services, in date order: the members there on 1/1/2006 are
registered, then each year brings admissions (with a seasonality around 3/2, 19/5 and 2/9),
recognitions twelve months later (a few fail), deaths of the elderly, exemptions, transfers
within the district, to and from outside, and a few removals; the restructurings of the plan
happen on their day, moving the members of a merged unit. A small in-memory mirror of each
member (`Person`) decides who may take part in what, so no query is needed to choose.
"""

import datetime as dt
import heapq
import itertools
import time
from collections import Counter
from dataclasses import dataclass

from dangvu.core.dates import add_months, add_years
from dangvu.core.numbers import format_int
from dangvu.members import rules
from dangvu.members.bulk import members_register_bulk
from dangvu.members.models import EventKind, Member
from dangvu.members.services import member_admit, member_recognize, member_record_event, member_register, member_update

from .context import HISTORY_FROM, YEAR, YEAR_END, DemoContext, seconds
from .hoang_mai import RESIDENT, RESTRUCTURINGS, Merge, Unit, active_on, plan
from .people import People, random_day

# Admissions per year at scale 1.0 before the demo year; the demo year's 209 is the seed's figure.
ADMISSIONS = {2006: 196, 2007: 204, 2008: 211, 2009: 188, 2010: 220, 2011: 231, 2012: 215, 2013: 198,
              2014: 226, 2015: 203}  # fmt: skip
ADMISSIONS_IN_YEAR = 209
# Admissions cluster before the anniversaries on which cells like to hold the ceremony: 3/2 (the
# Party), 19/5 (Hồ Chí Minh's birthday), 2/9 (National Day); the rest follow the month weights.
ANNIVERSARIES = [(2, 3), (5, 19), (9, 2)]
ANNIVERSARY_SHARE = 0.4
MONTH_WEIGHTS = [7, 5, 9, 9, 9, 9, 8, 8, 9, 10, 10, 7]
ELSEWHERE = [
    "Đảng bộ phường Khương Trung, quận Thanh Xuân, Hà Nội", "Đảng bộ phường Bách Khoa, quận Hai Bà Trưng, Hà Nội",
    "Đảng bộ phường Trung Hòa, quận Cầu Giấy, Hà Nội", "Đảng bộ phường Phúc Đồng, quận Long Biên, Hà Nội",
    "Đảng bộ xã Tứ Hiệp, huyện Thanh Trì, Hà Nội", "Đảng bộ phường Láng Hạ, quận Đống Đa, Hà Nội",
    "Đảng bộ phường Mỹ Đình 1, quận Nam Từ Liêm, Hà Nội", "Đảng bộ phường Văn Quán, quận Hà Đông, Hà Nội",
    "Đảng bộ thành phố Nam Định, tỉnh Nam Định", "Đảng bộ huyện Kiến Xương, tỉnh Thái Bình",
    "Đảng bộ thành phố Phủ Lý, tỉnh Hà Nam", "Đảng bộ thành phố Bắc Ninh, tỉnh Bắc Ninh",
    "Đảng bộ Khối Doanh nghiệp Hà Nội", "Đảng bộ quận Lê Chân, thành phố Hải Phòng",
]  # fmt: skip
# Yearly chances of what may happen to a member, by age.
DEATH_BY_AGE = [(50, 0.0008), (60, 0.003), (70, 0.007), (80, 0.018), (90, 0.045), (200, 0.1)]
TRANSFER_IN_RATE = 0.011  # new housing areas keep bringing members in
FAIL_RATE = 0.015
# Years with at least one member not recognized and one removal whatever the scale.
SURE_YEARS = (2009, 2013)


@dataclass
class Person:
    """What the timeline knows of a member, to decide what may happen to them."""

    pk: int
    birth: dt.date
    org: str
    probationary: bool
    active: bool = True
    in_party: bool = True
    # Left alone by the random events: the example member the browser tests look for, and the
    # core members who keep every cell alive (at any scale a cell keeps full members to introduce
    # candidates and vote; a chi bộ cơ sở needs three).
    keep: bool = False


def weekday(day: dt.date) -> dt.date:
    """Decisions are signed on working days: a Saturday or Sunday becomes the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


class Timeline:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("members")
        self.people = People(ctx.rng_for("people"))
        self.units = [u for u in plan() if u.holds_members]
        self.by_code = {u.code: u for u in self.units}
        self.persons: dict[int, Person] = {}
        self.pks: list[int] = []
        self.queue: list = []
        self.seq = itertools.count()
        self.numbers: dict[int, int] = {}
        self.done = Counter()
        self.today = HISTORY_FROM

    # --- scheduling ------------------------------------------------------------------------

    def at(self, day: dt.date, action, *args, priority: int = 2):
        if day <= YEAR_END:
            heapq.heappush(self.queue, (day, priority, next(self.seq), action, args))

    def run_until(self, day: dt.date):
        """Carry out everything scheduled before `day`."""
        while self.queue and self.queue[0][0] < day:
            when, _, _, action, args = heapq.heappop(self.queue)
            self.today = when
            action(when, *args)

    def decision(self, day: dt.date) -> str:
        """The district committee's decisions of a year are numbered in order of their date."""
        n = self.numbers.get(day.year) or self.rng.randint(3, 12)
        self.numbers[day.year] = n + self.rng.randint(1, 3)
        return f"{n}-QĐ/QU"

    def active_units(self, day: dt.date, resident: bool | None = None) -> list[Unit]:
        return [
            u for u in self.units
            if active_on(u, day) and (resident is None or (u.profile == RESIDENT) == resident)
        ]  # fmt: skip

    # --- the whole story ---------------------------------------------------------------------

    def run(self):
        started = time.perf_counter()
        self.register_existing()
        self.ctx.say(f"Đảng viên đầu kỳ (01/01/2006): {len(self.pks)} ({seconds(time.perf_counter() - started)}).")
        for change in RESTRUCTURINGS:
            self.at(change.on, self.restructure, change, priority=0)
        for unit in self.units:
            if unit.founded_on > HISTORY_FROM:
                self.at(unit.founded_on, self.staff, unit, priority=1)
        for year in range(HISTORY_FROM.year, YEAR + 1):
            self.run_until(dt.date(year, 1, 1))
            self.plan_year(year)
        self.run_until(YEAR_END + dt.timedelta(days=1))
        self.ctx.say(
            "Sự kiện 2006–2016: "
            + ", ".join(f"{EventKind(k).label.lower()}: {format_int(n)}" for k, n in sorted(self.done.items()))
        )

    def scaled(self, n: int, minimum: int = 1) -> int:
        return max(minimum, round(n * self.ctx.scale))

    def register_existing(self):
        """The members already in the Party on 01/01/2006, registered together through
        members_register_bulk (what member_register stores for each, in a few statements per
        thousand rows: most of the demo's time went to this step one member at a time)."""
        rows, drawn = [], []
        for unit in self.units:
            if unit.founded_on > HISTORY_FROM:
                continue
            core = 3 if unit.level == "grassroots_cell" else 2
            for i in range(self.scaled(unit.size, 3 if core == 3 else 1)):
                # The example member the browser tests search for: the first of Định Công's cell 1.
                example = unit.code == "HM-DC-01" and i == 0
                birth, fields = self.registration(unit, HISTORY_FROM, example=example)
                rows.append((len(rows), fields))
                drawn.append((unit, birth, i < core))
        ids = members_register_bulk(actor=self.ctx.actor, rows=rows).ids
        for n, (unit, birth, keep) in enumerate(drawn):
            self.persons[ids[n]] = Person(ids[n], birth, unit.code, probationary=False, keep=keep)
            self.pks.append(ids[n])

    def registration(self, unit: Unit, day: dt.date, *, transferred_in=False, example=False) -> tuple:
        """(birth date, member_register's keyword arguments) of a member joining `unit` on `day`."""
        rng = self.rng
        if unit.profile == RESIDENT and rng.random() < 0.62:
            birth = random_day(rng, dt.date(1922, 1, 1), add_years(day, -60))
        else:
            birth = random_day(rng, add_years(day, -56), add_years(day, -21))
        age_at_admission = min(rng.triangular(18.1, 40, 23), (day - birth).days / 365.25 - 1.1)
        admitted = birth + dt.timedelta(days=int(age_at_admission * 365.25))
        admitted = max(admitted, add_months(birth, 18 * 12) + dt.timedelta(days=1))
        identity = self.people.identity(
            birth_date=birth, profile=unit.profile, ward=unit.code.split("-")[1], card=True, on=day,
            **({"sex": "M", "full_name": "Nguyễn Văn An"} if example else {}),
        )  # fmt: skip
        return birth, dict(
            org=self.ctx.orgs[unit.code], joined_on=day, admitted_on=admitted,
            recognized_on=rules.probation_end(admitted), transferred_in=transferred_in,
            place=rng.choice(ELSEWHERE) if transferred_in else "",
            decision_no=f"{rng.randint(10, 400)}/GGT" if transferred_in else "",
            **identity,
        )  # fmt: skip

    def register(self, unit: Unit, day: dt.date, *, transferred_in=False) -> Person:
        birth, fields = self.registration(unit, day, transferred_in=transferred_in)
        member = member_register(actor=self.ctx.actor, **fields)
        person = Person(member.pk, birth, unit.code, probationary=False)
        self.persons[member.pk] = person
        self.pks.append(member.pk)
        if transferred_in:
            self.done[EventKind.TRANSFERRED_IN] += 1
        return person

    def plan_year(self, year: int):
        rng = self.rng
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        count = ADMISSIONS_IN_YEAR if year == YEAR else self.scaled(ADMISSIONS[year], 2)
        # About 1.5% are not recognized after probation; at least one in some years, at any scale.
        failing = set(rng.sample(range(count), max(round(count * FAIL_RATE), year in SURE_YEARS)))
        for i, day in enumerate(self.admission_days(year, count)):
            units = self.active_units(day)
            unit = rng.choices(units, weights=[u.intake for u in units])[0]
            self.at(day, self.admit, unit, i in failing)
        in_party = [p for p in self.persons.values() if p.in_party]
        for _ in range(round(len(in_party) * TRANSFER_IN_RATE)):
            self.at(weekday(random_day(rng, start, end)), self.transfer_in)
        removals = 0
        for person in in_party:
            if person.keep:
                continue
            age = year - person.birth.year
            working = age < 58
            resident = self.by_code[person.org].profile == RESIDENT
            chances = [
                (self.die, next(p for limit, p in DEATH_BY_AGE if age < limit)),
                (self.exempt, 0.05 if age >= 75 and person.active else 0),
                (self.transfer_out, (0.01 if resident else 0.015) if working else 0),
                (self.transfer_within, (0.003 if resident else 0.015) if working else 0),
                (self.remove, 0.0008 if working else 0),
            ]
            roll = rng.random()
            for action, chance in chances:
                if roll < chance:
                    self.at(random_day(rng, start, end), action, person)
                    removals += action == self.remove
                    break
                roll -= chance
        if year in SURE_YEARS and not removals:  # a removal (xóa tên) now and then, at any scale
            person = self.pick(lambda p: year - p.birth.year < 58)
            if person is not None:
                self.at(random_day(rng, start, end), self.remove, person)

    def admission_days(self, year: int, count: int) -> list[dt.date]:
        """Decision days of a year's admissions: many in the two weeks before 3/2, 19/5 and 2/9,
        when cells like to hold the ceremony, the rest spread over the year (fewer around Tết)."""
        rng = self.rng
        days = []
        for _ in range(count):
            if rng.random() < ANNIVERSARY_SHARE:
                month, day_of_month = rng.choice(ANNIVERSARIES)
                day = dt.date(year, month, day_of_month) - dt.timedelta(days=rng.randint(0, 14))
            else:
                first = dt.date(year, rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0], 1)
                day = random_day(rng, first, add_months(first, 1) - dt.timedelta(days=1))
            days.append(max(weekday(day), dt.date(year, 1, 2)))
        return sorted(days)

    # --- what happens on a day --------------------------------------------------------------

    def admit(self, day: dt.date, unit: Unit, fails: bool = False):
        rng = self.rng
        if not active_on(unit, day):  # merged away since the year was planned
            unit = rng.choice(self.active_units(day, resident=unit.profile == RESIDENT))
        low, mode, high = (18.2, 26, 50) if unit.profile == RESIDENT else (21, 28, 45)
        while True:
            birth = day - dt.timedelta(days=int(rng.triangular(low, high, mode) * 365.25))
            if rules.admission_age_problem(birth, day) is None:
                break
        identity = self.people.identity(birth_date=birth, profile=unit.profile, ward=unit.code.split("-")[1], on=day)
        member = member_admit(
            actor=self.ctx.actor, org=self.ctx.orgs[unit.code], admitted_on=day, decision_no=self.decision(day),
            **identity,
        )  # fmt: skip
        person = Person(member.pk, birth, unit.code, probationary=True)
        self.persons[member.pk] = person
        self.pks.append(member.pk)
        self.done[EventKind.ADMITTED] += 1
        meeting = weekday(rules.probation_end(day) + dt.timedelta(days=rng.randint(5, 40)))
        if fails:
            self.at(meeting, self.fail_probation, person)
        else:
            self.at(meeting, self.recognize, person)

    def recognize(self, day: dt.date, person: Person):
        if not (person.in_party and person.probationary):
            return
        member_recognize(
            actor=self.ctx.actor, member=Member.objects.get(pk=person.pk), decision_no=self.decision(day),
            decision_date=day,
        )  # fmt: skip
        member_update(
            actor=self.ctx.actor, member=Member.objects.get(pk=person.pk), party_card_no=self.people.card_no()
        )
        person.probationary = False
        self.done[EventKind.RECOGNIZED] += 1

    def event(self, day: dt.date, person: Person, kind: str, **kw) -> bool:
        if not person.in_party:
            return False
        member_record_event(actor=self.ctx.actor, member=Member(pk=person.pk), kind=kind, date=day, **kw)
        self.done[kind] += 1
        return True

    def fail_probation(self, day: dt.date, person: Person):
        if person.probationary and self.event(
            day, person, EventKind.PROBATION_FAILED, decision_no=self.decision(day),
            reason="Không đủ tư cách đảng viên sau thời gian dự bị",
        ):  # fmt: skip
            person.in_party = False

    def die(self, day: dt.date, person: Person):
        if self.event(day, person, EventKind.DIED):
            person.in_party = False

    def exempt(self, day: dt.date, person: Person):
        if person.active and self.event(day, person, EventKind.EXEMPTED, reason="Tuổi cao, sức khỏe yếu"):
            person.active = False

    def remove(self, day: dt.date, person: Person):
        if self.event(
            day, person, EventKind.REMOVED, decision_no=self.decision(day),
            reason="Không sinh hoạt đảng ba tháng trong năm không có lý do chính đáng",
        ):  # fmt: skip
            person.in_party = False

    def transfer_out(self, day: dt.date, person: Person):
        if self.event(day, person, EventKind.TRANSFERRED_OUT, place=self.rng.choice(ELSEWHERE)):
            person.in_party = False

    def transfer_within(self, day: dt.date, person: Person, to: Unit | None = None):
        if to is None:
            resident = self.by_code[person.org].profile == RESIDENT
            choices = [u for u in self.active_units(day, resident) if u.code != person.org]
            to = self.rng.choice(choices)
        if self.event(day, person, EventKind.TRANSFERRED, to_org=self.ctx.orgs[to.code]):
            person.org = to.code

    def transfer_in(self, day: dt.date):
        units = self.active_units(day)
        unit = self.rng.choices(units, weights=[max(u.size, 3) for u in units])[0]
        self.register(unit, day, transferred_in=True)

    def staff(self, day: dt.date, unit: Unit):
        """A unit founded after 2006 starts with members transferred from other units of the
        district and from outside (a chi bộ needs at least three full members)."""
        for i in range(self.scaled(unit.size, 3)):
            person = None
            if i % 2:
                person = self.pick(lambda p: not p.probationary and day.year - p.birth.year < 55 and p.org != unit.code)
            if person is None:
                person = self.register(unit, day, transferred_in=True)
            else:
                self.transfer_within(day, person, to=unit)
            person.keep = True

    def pick(self, fits) -> Person | None:
        """A random member in the Party now for whom `fits(person)` holds (None if none is found soon)."""
        for _ in range(200):
            person = self.persons[self.rng.choice(self.pks)]
            if person.in_party and not person.keep and fits(person):
                return person
        return None

    def restructure(self, day: dt.date, change):
        from .steps.s10_tree import restructure

        restructure(self.ctx, change)
        if isinstance(change, Merge):
            for person in self.persons.values():
                if person.in_party and person.org == change.source:
                    person.org = change.target
