"""Hoàng Mai's review of 2016 under Hướng dẫn 27-HD/BTCTW, decided by the district committee,
through reviews.services.

All 54 grassroots organizations are rated; exactly 27 "Trong sạch, vững mạnh" (TSVM), 6 of them
"tiêu biểu" — the same ones the awards step honours (`tsvm.top_choice`, kept in `ctx.tsvm` and
`ctx.tsvm_exemplary` as organization codes, whichever step asks first). The others spread
over good, completed and two weak. Every member of the year is rated by their grassroots
organization in one bulk call each, except those exempted or suspended (not rated); the four
members disciplined in 2016 (s60: `ctx.disciplined_2016`) are rated lowest.
"""

import datetime as dt
from decimal import Decimal

from dangvu.core.numbers import format_int
from dangvu.members.models import Activity
from dangvu.members.selectors import periods_on
from dangvu.organizations.models import Organization
from dangvu.reviews.models import Stage
from dangvu.reviews.services import (
    member_results_record_bulk,
    org_result_record,
    review_cycle_close,
    review_cycle_open,
)

from ..context import DemoContext
from ..tsvm import disciplined as disciplined_2016
from ..tsvm import grassroots_of_members, grassroots_on, top_choice

YEAR = 2016
YEAR_END = dt.date(YEAR, 12, 31)
DECIDED_ON = dt.date(YEAR, 12, 26)  # the district's conclusion, before the awards of 30/12
WEAK = 2
POINTS = {"tsvm": (90, 98), "good": (72, 89), "completed": (55, 69), "weak": (40, 48)}
# Shares of the members' classes in an organization of each class (excellent, good, completed);
# "failed" is left to the disciplined and a rare few.
MEMBER_MIX = {
    "tsvm": (0.18, 0.72, 0.10), "good": (0.12, 0.74, 0.14), "completed": (0.08, 0.70, 0.22),
    "weak": (0.04, 0.60, 0.36),
}  # fmt: skip


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("reviews")
    hm = Organization.objects.get(code="HM")
    grassroots = grassroots_on(hm, YEAR_END)
    tsvm, exemplary = top_choice(ctx)
    disciplined = disciplined_2016(ctx, hm)
    rest = [o.code for o in grassroots if o.code not in tsvm]
    troubled = _troubled_codes(hm, disciplined)
    weak = set(rng.sample([c for c in rest if c not in troubled], WEAK))
    classes = {}
    for code in rest:
        classes[code] = "weak" if code in weak else ("good" if rng.random() < 0.68 else "completed")
    classes.update({code: "tsvm" for code in tsvm})

    cycle = review_cycle_open(actor=ctx.actor, committee=hm, year=YEAR)
    rated = 0
    for org in grassroots:
        cls = classes[org.code]
        rated += _members(ctx, rng, cycle, org, cls, disciplined)
        low, high = POINTS[cls]
        points = Decimal(rng.randint(low * 2, high * 2)) / 2
        self_cls = "tsvm" if cls == "good" and rng.random() < 0.3 else cls  # some assess themselves higher
        self_points = min(Decimal(100), points + (Decimal(rng.randint(0, 6)) / 2))
        org_result_record(actor=ctx.actor, cycle=cycle, org=org, stage=Stage.SELF, cls=self_cls, points=self_points)
        org_result_record(actor=ctx.actor, cycle=cycle, org=org, stage=Stage.PROPOSAL, cls=cls, points=points)
        org_result_record(
            actor=ctx.actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls, points=points,
            exemplary=org.code in exemplary, decided_on=DECIDED_ON,
        )  # fmt: skip
    cycle = review_cycle_close(actor=ctx.actor, cycle=cycle)
    ctx.review_cycle_2016 = cycle
    ctx.say(
        f"Đánh giá, xếp loại năm {YEAR}: {len(grassroots)} tổ chức cơ sở đảng, {len(tsvm)} trong sạch, vững mạnh "
        f"({len(exemplary)} tiêu biểu); {format_int(rated)} đảng viên được xếp loại."
    )


def _troubled_codes(hm, disciplined) -> set[str]:
    ids = grassroots_of_members(hm, disciplined)
    return set(Organization.objects.filter(pk__in=ids).values_list("code", flat=True))


def _members(ctx, rng, cycle, org, org_class: str, disciplined: set[int]) -> int:
    """Rate the members of `org` at the end of the year in one bulk call; returns how many were rated."""
    periods = periods_on(org, YEAR_END).order_by("member_id").values_list("member_id", "activity")
    excellent, good, _ = MEMBER_MIX[org_class]
    rows = []
    for member_id, activity in periods:
        if activity != Activity.ACTIVE:
            rows.append({"member": member_id, "cls": ""})  # not rated; the service records why
            continue
        if member_id in disciplined:
            cls = "failed"
        else:
            draw = rng.random()
            cls = (
                "excellent" if draw < excellent else "good" if draw < excellent + good
                else "failed" if draw > 0.997 else "completed"
            )  # fmt: skip
        rows.append({"member": member_id, "cls": cls})
    if rows:
        member_results_record_bulk(
            actor=ctx.actor, cycle=cycle, org=org, stage=Stage.DECISION, rows=rows, decided_on=DECIDED_ON
        )
    return sum(1 for r in rows if r["cls"])
