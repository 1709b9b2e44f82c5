"""Cadre work of Hoàng Mai, 2014–2016, through cadres.services.

In 2016 the district committee and its grassroots committees take exactly 126 decisions of
transfer, rotation, appointment and re-appointment (the seed: "điều động, luân chuyển, bổ nhiệm,
bổ nhiệm lại 126 đồng chí"), plus a few secondments, dismissals and resignations that the figure
does not count. 2014 and 2015 get a smaller history; some re-appointments of 2016 renew
appointments of 2011 (five-year terms), the others cite their first appointment in a note.
The cadres are members of the registry where there are enough of them, otherwise named persons.
"""

import datetime as dt

from dangvu.cadres.models import ActionKind
from dangvu.cadres.services import cadre_action_create
from dangvu.core.catalogue import Period, compute
from dangvu.members.models import IN_PARTY_STATUSES, Member
from dangvu.organizations.models import GRASSROOTS_LEVELS, Organization

from ..context import DemoContext
from ..people import People, random_day

YEAR = 2016
# (kind, how many) taking effect in 2016: 30 + 18 + 50 + 28 = 126.
PLAN_2016 = ((ActionKind.TRANSFER, 30), (ActionKind.ROTATION, 18), (ActionKind.APPOINTMENT, 50),
             (ActionKind.REAPPOINTMENT, 28))  # fmt: skip
UNCOUNTED_2016 = ((ActionKind.SECONDMENT, 3), (ActionKind.DISMISSAL, 4), (ActionKind.RESIGNATION, 2))
HISTORY = {2014: ((ActionKind.TRANSFER, 9), (ActionKind.ROTATION, 5), (ActionKind.APPOINTMENT, 12),
                  (ActionKind.REAPPOINTMENT, 4)),
           2015: ((ActionKind.TRANSFER, 11), (ActionKind.ROTATION, 7), (ActionKind.APPOINTMENT, 15),
                  (ActionKind.REAPPOINTMENT, 6), (ActionKind.DISMISSAL, 2))}  # fmt: skip
DISTRICT_POSTS = [
    "Chánh Văn phòng Quận ủy", "Phó Trưởng Ban Tổ chức Quận ủy", "Phó Trưởng Ban Tuyên giáo Quận ủy",
    "Trưởng phòng Nội vụ quận", "Phó Trưởng phòng Tài chính – Kế hoạch quận", "Phó Trưởng phòng Giáo dục và Đào tạo",
    "Chủ tịch UBND phường", "Phó Chủ tịch UBND phường", "Bí thư Đảng ủy phường", "Phó Bí thư Đảng ủy phường",
    "Hiệu trưởng trường trung học cơ sở", "Phó Hiệu trưởng trường tiểu học", "Phó Giám đốc Trung tâm Y tế quận",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc phường",
]  # fmt: skip
GRASSROOTS_POSTS = [
    "Phó Chủ tịch UBND phường", "Công chức Văn phòng – Thống kê phường", "Trưởng Công an phường",
    "Chỉ huy trưởng Quân sự phường", "Công chức Địa chính – Xây dựng phường", "Phó Trưởng khoa", "Tổ trưởng chuyên môn",
    "Kế toán trưởng",
]  # fmt: skip
OUTSIDE_UNITS = ["UBND quận Hoàng Mai", "Quận đoàn Hoàng Mai", "Hội Liên hiệp Phụ nữ quận", "Sở Nội vụ Hà Nội",
                 "UBND huyện Thanh Trì", "Trung tâm Bồi dưỡng chính trị quận"]  # fmt: skip


class _Cadres:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("cadres")
        self.people = People(ctx.rng_for("cadres-people"))
        self.hm = Organization.objects.get(code="HM")
        self.grassroots = list(
            Organization.objects.filter(path__startswith=self.hm.path, level__in=GRASSROOTS_LEVELS).order_by("code")
        )
        # Long-standing members, in a stable order; each serves in at most one 2016 decision.
        members = Member.objects.filter(
            org__path__startswith=self.hm.path, status__in=IN_PARTY_STATUSES, admitted_on__lt=dt.date(2010, 1, 1)
        ).order_by("pk")
        pool = list(members.values_list("pk", flat=True))
        self.members = [Member.objects.get(pk=pk) for pk in sorted(self.rng.sample(pool, min(len(pool), 90)))]
        self.numbers: dict[tuple[int, int], int] = {}

    def person(self) -> dict:
        if self.members and self.rng.random() < 0.7:
            return {"member": self.members.pop(0)}
        return {"full_name": self.people.name(self.rng.choice("MMF"))}

    def decider(self, day: dt.date) -> Organization:
        """The district committee for about 60% of decisions, else a grassroots committee active that day."""
        active = [o for o in self.grassroots if o.is_active_on(day)]
        return self.hm if (not active or self.rng.random() < 0.6) else self.rng.choice(active)

    def decision_no(self, by: Organization, day: dt.date) -> str:
        n = self.numbers[(by.pk, day.year)] = self.numbers.get((by.pk, day.year), 0) + self.rng.randint(1, 6)
        return f"{n}-QĐ/QU" if by.pk == self.hm.pk else f"{n}-QĐ/ĐU"

    def record(self, kind: str, effective: dt.date, **extra):
        by = extra.pop("decided_by", None) or self.decider(effective)
        decided = max(effective - dt.timedelta(days=self.rng.randint(0, 10)), dt.date(effective.year, 1, 2))
        if not by.is_active_on(decided):
            by = self.hm
        posts = DISTRICT_POSTS if by.pk == self.hm.pk else GRASSROOTS_POSTS
        data = {"position": self.rng.choice(posts), **self.units(kind, effective)}
        data.update(extra)
        if "member" not in data and "full_name" not in data:
            data.update(self.person())
        return cadre_action_create(
            actor=self.ctx.actor, kind=kind, decided_by=by, decision_no=self.decision_no(by, decided),
            decision_date=decided, effective_date=effective, **data,
        )  # fmt: skip

    def units(self, kind: str, day: dt.date) -> dict:
        if kind not in (ActionKind.TRANSFER, ActionKind.ROTATION, ActionKind.SECONDMENT):
            return {}
        active = [o for o in self.grassroots if o.is_active_on(day)]
        source, target = self.rng.sample(active, 2)
        if self.rng.random() < 0.3:
            return {"from_org": source, "to_unit": self.rng.choice(OUTSIDE_UNITS)}
        return {"from_org": source, "to_org": target}

    def year(self, year: int, plan) -> int:
        made = 0
        for kind, count in plan:
            for _ in range(count):
                effective = random_day(self.rng, dt.date(year, 1, 11), dt.date(year, 12, 20))
                if kind == ActionKind.REAPPOINTMENT:
                    self.reappoint(effective)
                else:
                    self.record(kind, effective)
                made += 1
        return made

    def reappoint(self, effective: dt.date):
        """Half renew an appointment recorded five years before; the others cite it in a note."""
        person = self.person()
        position = self.rng.choice(DISTRICT_POSTS)
        first = effective.replace(year=effective.year - 5) if effective.month != 2 else effective.replace(
            year=effective.year - 5, day=min(effective.day, 28))  # fmt: skip
        if self.rng.random() < 0.5 and self.hm.is_active_on(first):
            self.record(ActionKind.APPOINTMENT, first, decided_by=self.hm, position=position, **person)
            self.record(ActionKind.REAPPOINTMENT, effective, decided_by=self.hm, position=position, **person)
        else:
            note = f"Bổ nhiệm lần đầu năm {first.year} (hồ sơ lưu tại Ban Tổ chức Quận ủy)."
            self.record(ActionKind.REAPPOINTMENT, effective, position=position, note=note, **person)


def build(ctx: DemoContext) -> None:
    cadres = _Cadres(ctx)
    for year, plan in HISTORY.items():
        cadres.year(year, plan)
    cadres.year(YEAR, PLAN_2016 + UNCOUNTED_2016)
    hm = cadres.hm
    counted = compute("cadres.actions", hm, Period.year(YEAR))
    expected = sum(n for _, n in PLAN_2016)
    if counted != expected:  # the seed's figure must come out of the records
        raise RuntimeError(f"cadres.actions {YEAR} = {counted}, expected {expected}")
    ctx.say(f"Công tác cán bộ {YEAR}: {counted} đồng chí được điều động, luân chuyển, bổ nhiệm, bổ nhiệm lại.")
