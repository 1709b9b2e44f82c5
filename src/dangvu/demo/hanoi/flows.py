"""Members' flows of quận Hoàng Mai from 2017 to the day before the reorganization (30/6/2025), and
of the new wards after it, through the members' services: admissions (a year at a time through
members_admit_bulk, the import's bulk path; member_admit for the few the scenario names), recognitions
twelve months later (member_recognize), deaths of the elderly (member_record_event) and members
transferred in from elsewhere, registered a year at a time through members_register_bulk (the
import's bulk path). Kept small and fast: a year is a few hundred writes at scale 1, a handful at
the tests' scale; the figures the scenario is about (the new phường Hoàng Mai's 2025 and 2026) are
fixed counts that do not scale (ward_year.py)."""

import datetime as dt

from dangvu.members import rules
from dangvu.members.bulk import members_admit_bulk, members_register_bulk
from dangvu.members.models import EventKind, Member, MemberEvent, Status
from dangvu.members.services import member_admit, member_recognize, member_record_event
from dangvu.organizations.models import MEMBER_LEVELS, Level, Organization

from ..hoang_mai import RESIDENT, units_by_code
from ..people import People, random_day
from ..timeline import ELSEWHERE, weekday

# At scale 1.0, per year (Hoàng Mai admitted about 200 a year around 2016).
ADMISSIONS, TRANSFERS_IN, DEATHS = 210, 150, 55
RECOGNITION_DELAY = (5, 40)  # days after probation ends until the meeting decides


def working_day_from(day: dt.date, earliest: dt.date) -> dt.date:
    """`day`, or the first working day from `earliest` when moving a weekend back to Friday took it
    before then: 1/1/2017 is a Sunday, and its Friday 30/12/2016 lies in the demo's closed year."""
    if day >= earliest:
        return day
    return earliest + dt.timedelta(days=max(0, 7 - earliest.weekday()) if earliest.weekday() > 4 else 0)


class Flows:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng_for("hanoi-flows")
        self.people = People(ctx.rng_for("hanoi-people"))
        # The people made by the 2016 demo keep their numbers: never give one twice.
        for cid, card in Member.objects.values_list("citizen_id", "party_card_no"):
            if cid:
                self.people._citizen_ids.add(cid)
            if card:
                self.people._cards.add(card)
        self.numbers: dict[tuple, int] = {}
        self.admitted: list[tuple[int, dt.date]] = []  # (member id, admitted on) awaiting recognition
        self.share = 1.0  # of a year's flows, for a part of a year
        self._wards: dict[str, str] = {}  # a unit's path -> the new ward it stands under

    def scaled(self, n: int) -> int:
        return max(1, round(n * self.ctx.scale * self.share))

    def decision(self, day: dt.date, symbol: str) -> str:
        key = (day.year, symbol)
        self.numbers[key] = self.numbers.get(key, self.rng.randint(3, 12)) + self.rng.randint(1, 3)
        return f"{self.numbers[key]}-QĐ/{symbol}"

    def cells(self, root: Organization, day: dt.date) -> list[Organization]:
        """The cells (units holding members) under `root` active on `day`, in code order."""
        found = Organization.objects.filter(path__startswith=root.path, level__in=MEMBER_LEVELS).order_by("code")
        return [o for o in found if o.is_active_on(day)]

    def profile(self, org: Organization) -> str:
        unit = units_by_code().get(org.code)
        return unit.profile if unit else RESIDENT

    def admission(self, org: Organization, day: dt.date, symbol: str) -> dict:
        """member_admit's keyword arguments for a synthetic new member of `org` on `day`."""
        profile = self.profile(org)
        low, mode, high = (18.2, 26, 50) if profile == RESIDENT else (21, 28, 45)
        while True:
            birth = day - dt.timedelta(days=int(self.rng.triangular(low, high, mode) * 365.25))
            if rules.admission_age_problem(birth, day) is None:
                break
        parts = org.code.split("-")
        identity = self.people.identity(birth_date=birth, profile=profile, ward=parts[1] if len(parts) > 1 else "",
                                        on=day)  # fmt: skip
        ward = self.new_ward(org)
        if ward:  # after 1/7/2025 addresses name the new ward, with no district
            identity["address"] = identity["address"].split(", phường")[0] + f", phường {ward}, Hà Nội"
        return {"org": org, "admitted_on": day, "decision_no": self.decision(day, symbol), **identity}

    def admit(self, org: Organization, day: dt.date, symbol: str) -> Member:
        member = member_admit(actor=self.ctx.actor, **self.admission(org, day, symbol))
        self.admitted.append((member.pk, day))
        return member

    def admit_many(self, choices: list[tuple[Organization, dt.date]], symbol: str) -> int:
        """Admit one member per (cell, day) through the import's bulk path (members_admit_bulk:
        member_admit's checks, records and audit entries, a few statements per thousand rows)."""
        rows = [(n, self.admission(org, day, symbol)) for n, (org, day) in enumerate(choices, 1)]
        result = members_admit_bulk(actor=self.ctx.actor, rows=rows)
        self.admitted.extend((result.ids[n], fields["admitted_on"]) for n, fields in rows)
        return result.created

    def new_ward(self, org: Organization) -> str:
        """The name of the ward committee (from 1/7/2025) `org` stands under, or ""."""
        if org.path not in self._wards:
            found = [w for w in Organization.objects.filter(level=Level.COMMUNE) if org.path.startswith(w.path)]
            self._wards[org.path] = found[0].name.removeprefix("Đảng bộ phường ") if found else ""
        return self._wards[org.path]

    def recognize_until(self, until: dt.date, symbol: str) -> int:
        """Recognize every member admitted so far whose probation's meeting falls on or before `until`."""
        waiting, done = [], 0
        for pk, admitted_on in self.admitted:
            ended = rules.probation_end(admitted_on)
            day = working_day_from(weekday(ended + dt.timedelta(days=self.rng.randint(*RECOGNITION_DELAY))), ended)
            if day > until:
                waiting.append((pk, admitted_on))
                continue
            member_recognize(actor=self.ctx.actor, member=Member.objects.get(pk=pk),
                             decision_no=self.decision(day, symbol), decision_date=day)  # fmt: skip
            done += 1
        self.admitted = waiting
        return done

    def adopt_probationary(self, root: Organization, closed_until: dt.date) -> int:
        """The 2016 demo's probationary members await their recognition here — except those whose
        probation ended in the closed year (the demo closes 2016 after its report): their recognition
        takes effect on that day, which only a reopening of 2016 could record, so they are left as
        the issued report counted them. Returns how many were left."""
        left = 0
        members = Member.objects.filter(status=Status.PROBATIONARY, org__path__startswith=root.path).order_by("pk")
        for pk, admitted_on in members.values_list("pk", "admitted_on"):
            if rules.probation_end(admitted_on) <= closed_until:
                left += 1
            else:
                self.admitted.append((pk, admitted_on))
        return left

    def year(self, root: Organization, start: dt.date, end: dt.date, symbol: str, share: float = 1.0) -> dict:
        """A year of `root`'s flows, or the `share` of one between `start` and `end`; returns what was done."""
        self.share = share
        cells = self.cells(root, start)
        weights = [max(units_by_code()[c.code].intake, 0.1) if c.code in units_by_code() else 1.0 for c in cells]
        days = sorted(weekday(random_day(self.rng, start, end)) for _ in range(self.scaled(ADMISSIONS)))
        choices = [(self.rng.choices(cells, weights=weights)[0], max(day, start)) for day in days]
        self.admit_many([(org, day) for org, day in choices if org.is_active_on(day)], symbol)
        recognized = self.recognize_until(end, symbol)
        died = self.deaths(root, start, end)
        moved_in = self.transfers_in(cells, start, end, symbol)
        return {"admitted": len(days), "recognized": recognized, "died": died, "transferred_in": moved_in}

    def deaths(self, root: Organization, start: dt.date, end: dt.date) -> int:
        elderly = list(
            Member.objects.filter(status=Status.FULL, org__path__startswith=root.path,
                                  birth_date__lt=dt.date(start.year - 75, 1, 1))
            .exclude(pk__in=MemberEvent.objects.filter(date__gte=start).values("member_id"))
            .order_by("pk").values_list("pk", flat=True)[:2000]
        )  # fmt: skip
        chosen = self.rng.sample(elderly, min(len(elderly), self.scaled(DEATHS)))
        for pk in chosen:
            member_record_event(actor=self.ctx.actor, member=Member(pk=pk), kind=EventKind.DIED,
                                date=random_day(self.rng, start, end))  # fmt: skip
        return len(chosen)

    def transfers_in(self, cells: list[Organization], start: dt.date, end: dt.date, symbol: str) -> int:
        rows = []
        for n in range(self.scaled(TRANSFERS_IN)):
            org = self.rng.choice(cells)
            day = working_day_from(weekday(random_day(self.rng, start, end)), start)
            birth = day - dt.timedelta(days=int(self.rng.triangular(24, 75, 40) * 365.25))
            admitted = birth + dt.timedelta(days=int(self.rng.uniform(19, 35) * 365.25))
            if admitted >= day - dt.timedelta(days=400):
                admitted = day - dt.timedelta(days=400)
            identity = self.people.identity(birth_date=birth, profile=self.profile(org), card=True, on=day)
            rows.append((n + 1, {
                "org": org, "joined_on": day, "admitted_on": admitted, "recognized_on": rules.probation_end(admitted),
                "transferred_in": True, "place": self.rng.choice(ELSEWHERE), "decision_no": self.decision(day, symbol),
                **identity,
            }))  # fmt: skip
        return members_register_bulk(actor=self.ctx.actor, rows=rows).created
