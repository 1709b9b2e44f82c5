"""The election of 22/5/2016 (Quốc hội khóa XIV, HĐND các cấp 2016–2021) in Hoàng Mai, through
elections.services: one area per ward (14 wards) and one for the armed forces.

The numbers are drawn per area, then the absentees are spread over the wards so that the
district turnout, as the `elections.turnout` indicator computes it, is the seed's 99,35%. The
figure itself is stored nowhere: it comes out of the areas.
"""

import datetime as dt

from dangvu.core.numbers import format_int
from dangvu.core.text import unaccent
from dangvu.elections.services import election_area_record, election_create
from dangvu.organizations.models import GRASSROOTS_LEVELS, Kind, Organization
from dangvu.organizations.selectors import subtree_ids_on

from ..context import DemoContext

DAY = dt.date(2016, 5, 22)
NAME = "Bầu cử đại biểu Quốc hội khóa XIV và đại biểu HĐND các cấp nhiệm kỳ 2016–2021"
WARDS = ["Đại Kim", "Định Công", "Giáp Bát", "Hoàng Liệt", "Hoàng Văn Thụ", "Lĩnh Nam", "Mai Động", "Tân Mai",
         "Thanh Trì", "Thịnh Liệt", "Trần Phú", "Tương Mai", "Vĩnh Hưng", "Yên Sở"]  # fmt: skip
ARMED_FORCES = "Lực lượng vũ trang quận"
TURNOUT = 99.35  # the seed's figure, which the drawn numbers must reproduce


def turnout(registered: int, voted: int) -> float:
    """As the indicator rounds it (elections.indicators.turnout)."""
    return round(voted * 100 / registered, 2)


def absentees_for(registered: int) -> int:
    """The number of registered voters who did not vote that gives exactly TURNOUT."""
    guess = round(registered * (100 - TURNOUT) / 100)
    for absent in sorted(range(max(guess - 50, 0), guess + 50), key=lambda a: abs(a - guess)):
        if turnout(registered, registered - absent) == TURNOUT:
            return absent
    raise AssertionError(f"no absentee count gives {TURNOUT}% for {registered} voters")


def spread(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, whole numbers that add up to it."""
    shares = [total * w // sum(weights) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("elections")
    hm = Organization.objects.get(code="HM")
    units = list(Organization.objects.filter(pk__in=subtree_ids_on(hm, DAY), level__in=GRASSROOTS_LEVELS))
    wards = {unaccent(o.name): o for o in units if o.kind == Kind.WARD}
    armed = sorted((o for o in units if o.kind == Kind.ARMED_FORCES), key=lambda o: o.code)

    def ward_org(name: str) -> Organization:
        key = unaccent(name)
        return next((o for n, o in sorted(wards.items()) if n.endswith(" " + key)), hm)

    registered = [rng.randint(15_000, 30_000) for _ in WARDS]
    forces = rng.randint(600, 1_200)  # the armed forces all vote
    absent = spread(absentees_for(sum(registered) + forces), [r * rng.randint(80, 120) for r in registered])

    election = election_create(actor=ctx.actor, name=NAME, date=DAY, organizer=hm)
    for name, count, away in zip(WARDS, registered, absent, strict=True):
        election_area_record(actor=ctx.actor, election=election, name=f"Phường {name}", org=ward_org(name),
                             registered=count, voted=count - away)  # fmt: skip
    election_area_record(actor=ctx.actor, election=election, name=ARMED_FORCES, org=armed[0] if armed else hm,
                         registered=forces, voted=forces)  # fmt: skip
    voters = format_int(sum(registered) + forces)
    ctx.say(f"Bầu cử 22/5/2016: {len(WARDS) + 1} khu vực, {voters} cử tri.")
