"""Emulation and awards of Hoàng Mai, through awards.services.

The seed: at the conference of 12/1/2017 the district committee honoured 6 grassroots
organizations "Trong sạch vững mạnh tiêu biểu" and 21 "Trong sạch vững mạnh" for 2016, and 27
collectives and 43 persons for their work under Chỉ thị 03. The decisions are dated 30/12/2016
(the last working day of 2016), before the conference that presented them, so that the figures
of 2016 (`dangvu indicators --year 2016`) count them; `for_year` records that they reward 2016.

The 27 organizations are the ones the 2016 review rates TSVM: `tsvm.top_choice(ctx)` picks them once
and keeps the codes in `ctx.tsvm` (all 27) and `ctx.tsvm_exemplary` (the 6 among them), and
s80_reviews reads the same context (or, alone, makes the same pick with the same generator).
"""

import datetime as dt

from dangvu.awards.models import Program, RecipientKind, Title
from dangvu.awards.services import award_create
from dangvu.core.catalogue import Period, compute
from dangvu.members.models import IN_PARTY_STATUSES, Member, MemberPeriod
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import covering, subtree_periods_on

from ..context import DemoContext
from ..people import People
from ..tsvm import EXEMPLARY, TOP, grassroots_on, top_choice

YEAR = 2016
YEAR_END = dt.date(YEAR, 12, 31)
DECIDED = dt.date(2016, 12, 30)  # a Friday; the conference of 12/1/2017 presented these decisions
CT03_COLLECTIVES, CT03_PERSONS = 27, 43
NAMED_COLLECTIVES = [
    "Tổ dân phố số 5 phường Đại Kim", "Trường Tiểu học Định Công", "Hội Cựu chiến binh phường Tương Mai",
    "Đoàn Thanh niên phường Hoàng Liệt", "Hội Liên hiệp Phụ nữ phường Giáp Bát", "Trường Mầm non Hoa Sữa",
    "Tổ dân phố số 12 phường Lĩnh Nam", "Trạm Y tế phường Thịnh Liệt", "Hội Người cao tuổi phường Vĩnh Hưng",
    "Tổ dân phố số 3 phường Mai Động", "Ban Công tác Mặt trận khu dân cư số 7 phường Yên Sở",
    "Phòng Văn hóa và Thông tin quận",
]  # fmt: skip
SEED_KEYS = ("awards.orgs.tsvm_exemplary", "awards.orgs.tsvm", "awards.collectives.ct03", "awards.persons.ct03")
NAMED_ROLES = ["Tổ trưởng tổ dân phố", "Trưởng ban công tác Mặt trận", "Chi hội trưởng Hội Phụ nữ",
               "Giáo viên", "Hội viên Hội Cựu chiến binh"]  # fmt: skip


class _Awards:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("awards")
        self.people = People(ctx.rng_for("awards-people"))
        self.hm = Organization.objects.get(code="HM")

    def give(self, *, day=DECIDED, decision_no, by=None, for_year=None, **fields):
        return award_create(
            actor=self.ctx.actor, awarded_by=by or self.hm, decision_no=decision_no, decision_date=day,
            for_year=for_year or day.year, **fields,
        )  # fmt: skip

    def review(self, codes: list[str], title: str, decision_no: str, day=DECIDED, for_year=YEAR) -> None:
        for org in Organization.objects.filter(code__in=codes).order_by("code"):
            self.give(
                recipient_kind=RecipientKind.COLLECTIVE, recipient_org=org, title=title, program=Program.REVIEW,
                decision_no=decision_no, day=day, for_year=for_year,
            )  # fmt: skip

    def ct03(self, collectives: int, persons: int, decision_no: str, day=DECIDED) -> None:
        """Party organizations and named collectives; members of the registry and a few named persons."""
        units = [o for o in Organization.objects.filter(pk__in=subtree_periods_on(self.hm, day).values("org_id"))
                 .exclude(pk=self.hm.pk).order_by("code")]  # fmt: skip
        orgs = sorted(self.rng.sample(units, min(len(units), collectives - collectives // 2)), key=lambda o: o.code)
        names = NAMED_COLLECTIVES + [f"Tổ dân phố số {n} quận Hoàng Mai" for n in range(1, collectives + 1)]
        for org in orgs:
            self.give(recipient_kind=RecipientKind.COLLECTIVE, recipient_org=org, title=Title.CERTIFICATE,
                      title_detail="Giấy khen của Ban Thường vụ Quận ủy", program=Program.CT03,
                      decision_no=decision_no, day=day)  # fmt: skip
        for name in names[: collectives - len(orgs)]:
            self.give(recipient_kind=RecipientKind.COLLECTIVE, recipient_name=name, title=Title.CERTIFICATE,
                      title_detail="Giấy khen của Ban Thường vụ Quận ủy", program=Program.CT03,
                      decision_no=decision_no, day=day)  # fmt: skip
        pool = list(
            Member.objects.filter(pk__in=MemberPeriod.objects.filter(covering(day), org_id__in=[u.pk for u in units])
                                  .values("member_id"), status__in=IN_PARTY_STATUSES)
            .order_by("pk").values_list("pk", flat=True)
        )  # fmt: skip
        chosen = sorted(self.rng.sample(pool, min(len(pool), persons - 8)))
        for member in Member.objects.filter(pk__in=chosen).order_by("pk"):
            self.give(recipient_kind=RecipientKind.PERSON, recipient_member=member, title=Title.CERTIFICATE,
                      program=Program.CT03, decision_no=decision_no, day=day)  # fmt: skip
        for _ in range(persons - len(chosen)):
            name = f"{self.rng.choice(NAMED_ROLES)} {self.people.name(self.rng.choice('MF'))}"
            self.give(recipient_kind=RecipientKind.PERSON, recipient_name=name, title=Title.CERTIFICATE,
                      program=Program.CT03, decision_no=decision_no, day=day)  # fmt: skip

    def grassroots_certificates(self, year: int) -> None:
        """Grassroots committees honour some of their own members each year (program "other")."""
        day = dt.date(year, 12, 27)
        for org in self.rng.sample(grassroots_on(self.hm, day), 5):
            self.give(by=org, day=day, for_year=year, decision_no=f"{self.rng.randint(20, 90)}-QĐ/ĐU",
                      recipient_kind=RecipientKind.PERSON, recipient_name=self.people.name(self.rng.choice("MF")),
                      title=Title.CERTIFICATE, program=Program.OTHER,
                      title_detail="Hoàn thành xuất sắc nhiệm vụ")  # fmt: skip


def build(ctx: DemoContext) -> None:
    awards = _Awards(ctx)
    hm = awards.hm
    # 2015: a smaller record of the year before.
    earlier = [o.code for o in grassroots_on(hm, dt.date(2015, 12, 29))]
    picked = sorted(awards.rng.sample(earlier, 24))
    awards.review(picked[:5], Title.TSVM_EXEMPLARY, "488-QĐ/QU", dt.date(2015, 12, 29), 2015)
    awards.review(picked[5:], Title.TSVM, "489-QĐ/QU", dt.date(2015, 12, 29), 2015)
    awards.ct03(20, 30, "476-QĐ/QU", dt.date(2015, 12, 29))
    awards.grassroots_certificates(2015)
    # 2016: the seed's figures.
    tsvm, exemplary = top_choice(ctx)
    awards.review(exemplary, Title.TSVM_EXEMPLARY, "512-QĐ/QU")
    awards.review([c for c in tsvm if c not in exemplary], Title.TSVM, "513-QĐ/QU")
    awards.ct03(CT03_COLLECTIVES, CT03_PERSONS, "514-QĐ/QU")
    awards.grassroots_certificates(YEAR)
    year = Period.year(YEAR)
    figures = {key: compute(key, hm, year) for key in SEED_KEYS}
    if tuple(figures.values()) != (EXEMPLARY, TOP - EXEMPLARY, CT03_COLLECTIVES, CT03_PERSONS):
        raise RuntimeError(f"awards {YEAR}: {figures}")  # the seed's figures must come out of the records
    ctx.say(
        f"Khen thưởng {YEAR}: {figures['awards.orgs.tsvm_exemplary']} TCCSĐ trong sạch vững mạnh tiêu biểu, "
        f"{figures['awards.orgs.tsvm']} trong sạch vững mạnh; Chỉ thị 03: {figures['awards.collectives.ct03']} "
        f"tập thể, {figures['awards.persons.ct03']} cá nhân."
    )
