"""The 2015–2020 congresses of Hoàng Mai and its grassroots organizations, through
committees.services, with committees chosen among their full members on the congress day.

Synthetic, as all the demo: grassroots congresses from April to June 2015, the district's
(Đại hội Đảng bộ quận Hoàng Mai lần thứ III) on 16/7/2015 after them, as the Party holds
congresses from the cells upward. Each committee is drawn with the generator "committees" from
the full members of the unit's subtree on the day, in id order, so the draw is reproducible.
Sizes follow the usual practice: 45 district committee members with 13 in the standing committee;
an đảng ủy cơ sở of 5 to 9; a chi bộ cơ sở with 9 members or more a chi ủy of 3, smaller ones a
secretary and a deputy.
"""

import datetime as dt

from dangvu.committees.models import Role
from dangvu.committees.services import committee_elect, congress_record
from dangvu.members.models import Member, Standing
from dangvu.members.selectors import periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_periods_on

from ..context import DemoContext

DISTRICT_DAY = dt.date(2015, 7, 16)
GRASSROOTS_FROM = dt.date(2015, 4, 6)  # grassroots congresses run from here, a few a week
DISTRICT_COMMITTEE, DISTRICT_STANDING, DISTRICT_DELEGATES = 45, 13, 300


def _roles(org: Organization, size: int) -> list[str]:
    """The roles of a committee of `size`, secretary first."""
    if org.level == Level.DISTRICT:
        standing = min(DISTRICT_STANDING, size)
        return ([Role.SECRETARY, Role.DEPUTY, Role.DEPUTY] + [Role.STANDING] * standing)[:standing] + [Role.MEMBER] * (
            size - standing
        )
    return ([Role.SECRETARY, Role.DEPUTY] + [Role.MEMBER] * size)[:size]


def _size(org: Organization, full: int) -> int:
    if org.level == Level.DISTRICT:
        return min(DISTRICT_COMMITTEE, full)
    if org.level == Level.GRASSROOTS_COMMITTEE:
        return min(max(5, min(9, full // 10)), full)
    return min(3 if full >= 9 else 2, full)


def _hold(ctx: DemoContext, rng, org: Organization, day: dt.date, number: int | None, delegates_cap: int) -> int:
    periods = periods_on(org, day)
    members = periods.count()
    if members == 0:
        return 0
    congress = congress_record(
        actor=ctx.actor, org=org, held_on=day, term_start=2015, term_end=2020,
        delegates=min(members, delegates_cap), number=number,
    )  # fmt: skip
    full = list(periods.filter(standing=Standing.FULL).order_by("member_id").values_list("member_id", flat=True))
    size = _size(org, len(full))
    if size == 0:
        return 0
    chosen = rng.sample(full, size)
    by_id = Member.objects.in_bulk(chosen)
    committee_elect(
        actor=ctx.actor,
        congress=congress,
        elected=list(zip([by_id[i] for i in chosen], _roles(org, size), strict=True)),
    )
    return size


def build(ctx: DemoContext) -> None:
    rng = ctx.rng_for("committees")
    hm = Organization.objects.get(code="HM")
    grassroots = list(
        Organization.objects.filter(
            pk__in=subtree_periods_on(hm, GRASSROOTS_FROM).values("org_id"), level__in=GRASSROOTS_LEVELS
        ).order_by("code")
    )
    seats = 0
    for i, org in enumerate(grassroots):
        day = GRASSROOTS_FROM + dt.timedelta(days=7 * (i // 4) + i % 4)  # four a week, Monday to Thursday
        seats += _hold(ctx, rng, org, day, None, 150)
    seats += _hold(ctx, rng, hm, DISTRICT_DAY, 3, DISTRICT_DELEGATES)
    ctx.say(f"Đại hội nhiệm kỳ 2015–2020: {len(grassroots)} tổ chức cơ sở đảng và Đảng bộ quận; {seats} cấp ủy viên.")
