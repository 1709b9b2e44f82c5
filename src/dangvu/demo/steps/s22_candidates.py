"""The admission files of Hoàng Mai 2016 (candidates.services), after the registry (s20).

Every admission of 2016 made by s20 gets the file that led to it: listed by the cell, course
certificate, application, background check, two full members of the cell (or, in a small cell,
of the same grassroots organization) as introducers, the cell's vote with at least two thirds of
its full members, all dated before the decision — then linked to the member. Most candidates of
youth age (up to 30 on the day of the introductions, candidates.rules.YOUTH_AGE) are introduced
instead by the Youth Union's resolution and one full member (candidates.rules.UNION), as the
Statute asks where there is a Youth Union; which ones is drawn from a generator of its own. Files
still open at the end of 2016 (some stalled for months) and a few closed during the year are added too.
The count of open files is `candidates.in_pipeline`, computed from these records.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from dangvu.candidates import services
from dangvu.candidates.models import StepKind, UnionBody
from dangvu.candidates.rules import MIN_CELL_FULL_MEMBERS, youth_age_problem
from dangvu.core.dates import add_months, add_years
from dangvu.members.models import EventKind, MemberEvent, MemberPeriod
from dangvu.organizations.models import Level
from dangvu.organizations.selectors import covering

from ..context import YEAR, YEAR_END, DemoContext
from ..hoang_mai import RESIDENT, active_on, plan
from ..people import People, random_day

IDENTITY = ("full_name", "birth_date", "sex", "ethnicity", "religion", "education", "qualification",
            "political_theory", "occupation", "birthplace", "hometown", "address")  # fmt: skip
OPEN_AT_YEAR_END = 96  # files open on 31/12/2016, at any scale: the pipeline feeds next year's 209
CLOSED_IN_YEAR = 8
POSITIONS = ["Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên", "Tổ trưởng tổ dân phố", "Trưởng phòng",
             "Chuyên viên", "Giáo viên", "Trưởng ban công tác Mặt trận", "Đảng viên"]  # fmt: skip
CLOSE_REASONS = ["Chuyển công tác nơi khác", "Xin rút hồ sơ", "Chưa đủ tiêu chuẩn, chi bộ tiếp tục bồi dưỡng"]
IN_CHARGE = ["Đồng chí Bí thư chi bộ", "Đồng chí Phó Bí thư chi bộ", "Văn phòng Đảng ủy", "Ban Tổ chức Quận ủy"]
# The share of candidates of youth age whose Youth Union introduces them (the others: two members,
# e.g. where their workplace has no Youth Union organization).
YOUTH_UNION_SHARE = 0.7


class Files:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("candidates")
        # Its own generator, so that the Youth Union's introductions leave every other draw as it was.
        self.youth_rng = ctx.rng_for("candidates-youth-union")
        self.people = People(ctx.rng_for("candidates-people"))
        self.orgs_by_pk = {o.pk: o for o in ctx.orgs.values()}
        self.units = {u.code: u for u in plan() if u.holds_members}

    def introducers(self, org, day: dt.date, exclude: int | None = None) -> list[int]:
        """Two full members admitted more than a year before `day`: of the cell, else of its
        grassroots organization, else of the district."""
        earliest = add_years(day, -1) - dt.timedelta(days=1)
        base = MemberPeriod.objects.filter(covering(day), standing="full", member__admitted_on__lt=earliest)
        if exclude:
            base = base.exclude(member_id=exclude)
        for scope in ({"org": org}, {"org__parent": org.parent}, {"org__path__startswith": self.ctx.org("HM").path}):
            ids = sorted(set(base.filter(**scope).values_list("member_id", flat=True)))
            if len(ids) >= 2:
                return self.rng.sample(ids, 2)
        raise RuntimeError(f"Không đủ đảng viên chính thức để giới thiệu ở {org} ngày {day}")

    def build_file(self, org, identity: dict, days: list[dt.date], upto: str, member_id=None):
        """Open a file and carry it through the steps up to `upto` on the given days
        (opened, application, background, introduced, vote)."""
        rng, actor = self.rng, self.ctx.actor
        opened, application, background, introduced, vote = days
        c = services.candidate_open(actor=actor, org=org, opened_on=opened, in_charge=rng.choice(POSITIONS), **identity)
        course = opened - dt.timedelta(days=rng.randint(0, 120))
        services.candidate_record_step(
            actor=actor, candidate=c, kind=StepKind.COURSE, date=course, reference=f"{rng.randint(100, 9999)}/CN-TTCT",
            in_charge="Trung tâm Bồi dưỡng chính trị quận Hoàng Mai",
        )  # fmt: skip
        if upto == "course":
            return c
        for kind, day in ((StepKind.APPLICATION, application), (StepKind.BACKGROUND, background)):
            services.candidate_record_step(actor=actor, candidate=c, kind=kind, date=day,
                                           in_charge=rng.choice(IN_CHARGE))  # fmt: skip
            if upto == kind:
                return c
        union = self.youth_union(org, identity["birth_date"], introduced)
        for n, member_pk in enumerate(self.introducers(org, introduced, exclude=member_id)):
            # Drawn for the second member even when the Youth Union takes their place: the rest of
            # the files then come out the same.
            position, months = rng.choice(POSITIONS), rng.randint(13, 72)
            if union and n == 1:
                continue
            services.candidate_add_introducer(
                actor=actor, candidate=c, member=self.member(member_pk), position=position,
                worked_together_since=add_months(introduced, -months), introduced_on=introduced,
            )  # fmt: skip
        if union:
            services.candidate_add_union_introduction(actor=actor, candidate=c, **union)
        if upto == "introduced":
            return c
        # A cell left with under three full members (at a small scale) leaves the vote to its
        # grassroots committee when it has one; a file of a chi bộ cơ sở in that state waits.
        voting_org = None
        full = services.full_members_on(org, vote)
        if full < MIN_CELL_FULL_MEMBERS and org.level == Level.CELL:
            voting_org = org.parent
            full = services.full_members_on(voting_org, vote, subtree=True)
        if full == 0 and member_id is None:
            return c
        against = rng.randint(0, full // 4)
        services.candidate_record_vote(
            actor=actor, candidate=c, date=vote, votes_for=full - against, votes_against=against, voting_org=voting_org,
            in_charge="Đồng chí Bí thư chi bộ", reference=f"{rng.randint(1, 40)}-NQ/CB",
        )  # fmt: skip
        return c

    def youth_union(self, org, birth_date: dt.date, day: dt.date) -> dict | None:
        """The Youth Union's resolution introducing a candidate of youth age on `day`, for
        YOUTH_UNION_SHARE of them; None otherwise. The Youth Union of the grassroots unit: its
        executive committee under a đảng bộ cơ sở, the chi đoàn cơ sở itself in a chi bộ cơ sở."""
        if youth_age_problem(birth_date, day) is not None or self.youth_rng.random() >= YOUTH_UNION_SHARE:
            return None
        grassroots = org.parent if org.level == Level.CELL else org
        unit = grassroots.name.removeprefix("Đảng bộ ").removeprefix("Chi bộ ")
        if unit.endswith(" quận"):  # "Công an quận" → "Công an quận Hoàng Mai"
            unit += " " + self.ctx.org("HM").name.removeprefix("Đảng bộ quận ")
        body = UnionBody.YOUTH_COMMITTEE if grassroots.level == Level.GRASSROOTS_COMMITTEE else UnionBody.YOUTH_BRANCH
        return {"body": body, "name": f"Đoàn TNCS Hồ Chí Minh {unit}",
                "resolution_no": f"{self.youth_rng.randint(1, 40):02d}-NQ/ĐTN", "resolution_date": day}  # fmt: skip

    def member(self, pk):
        from dangvu.members.models import Member

        return Member.objects.get(pk=pk)

    def step_days(self, org, end: dt.date, span: int) -> list[dt.date]:
        """Five increasing days before `end`, within `span` days and after the cell was founded."""
        end = max(end, org.founded_on)
        lo = max(org.founded_on, end - dt.timedelta(days=span))
        return sorted(random_day(self.rng, lo, end) for _ in range(5))

    def admitted(self):
        events = MemberEvent.objects.filter(kind=EventKind.ADMITTED, date__year=YEAR).select_related("member", "org")
        made = 0
        for ev in events.order_by("date", "id"):
            m, org = ev.member, ev.org
            end = max(ev.date - dt.timedelta(days=7), org.founded_on)
            days = self.step_days(org, end, self.rng.randint(150, 420))
            identity = {f: getattr(m, f) for f in IDENTITY}
            c = self.build_file(org, identity, days, upto="vote", member_id=m.pk)
            services.candidate_link_admission(actor=self.ctx.actor, candidate=c, member=m,
                                              in_charge="Ban Tổ chức Quận ủy")  # fmt: skip
            made += 1
        return made

    def pipeline(self):
        rng = self.rng
        cells = [o for code, o in sorted(self.ctx.orgs.items())
                 if code in self.units and active_on(self.units[code], YEAR_END)]  # fmt: skip
        weights = [max(self.units[o.code].intake, 0.2) for o in cells]
        stages = ["course", "application", "background", "introduced", "vote"]
        opened_open = 0
        for i in range(OPEN_AT_YEAR_END + CLOSED_IN_YEAR):
            org = rng.choices(cells, weights=weights)[0]
            unit = self.units[org.code]
            stalled = i % 6 == 0  # one in six has not moved for months
            end = YEAR_END - dt.timedelta(days=rng.randint(200, 330) if stalled else rng.randint(1, 120))
            days = self.step_days(org, end, rng.randint(60, 360))
            low, high = (19.5, 45) if unit.profile == RESIDENT else (21, 40)
            birth = YEAR_END - dt.timedelta(days=int(rng.uniform(low, high) * 365.25))
            identity = self.people.identity(birth_date=birth, profile=unit.profile, ward=org.code.split("-")[1])
            identity = {k: v for k, v in identity.items() if k in IDENTITY or k == "citizen_id"}
            try:
                c = self.build_file(org, identity, days, upto=rng.choice(stages))
            except ValidationError as e:  # a generated citizen ID that a member already has
                if "citizen_id" not in e.message_dict:
                    raise
                identity.pop("citizen_id")
                c = self.build_file(org, identity, days, upto=rng.choice(stages))
            if i >= OPEN_AT_YEAR_END:
                c.refresh_from_db()
                services.candidate_close(
                    actor=self.ctx.actor, candidate=c, closed_on=min(YEAR_END, c.stage_on + dt.timedelta(days=30)),
                    reason=rng.choice(CLOSE_REASONS),
                )  # fmt: skip
            else:
                opened_open += 1
        return opened_open


def build(ctx: DemoContext) -> None:
    files = Files(ctx)
    admitted = files.admitted()
    still_open = files.pipeline()
    ctx.say(f"Hồ sơ kết nạp: {admitted} hồ sơ đã kết nạp năm {YEAR}, {still_open} hồ sơ đang xem xét cuối năm, "
            f"{CLOSED_IN_YEAR} hồ sơ dừng xem xét.")  # fmt: skip
