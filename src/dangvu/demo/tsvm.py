"""The 27 grassroots organizations rated "Trong sạch, vững mạnh" (TSVM) for 2016 and the 6
exemplary among them: the review step (s80) rates them and the awards step (s70) honours them, so
both ask this one choice, whichever runs first."""

import datetime as dt

from dangvu.core.catalogue import Period
from dangvu.inspection.selectors import disciplined_members
from dangvu.members.models import MemberPeriod
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import covering, subtree_periods_on

from .context import DemoContext

YEAR = 2016
YEAR_END = dt.date(YEAR, 12, 31)
TOP, EXEMPLARY = 27, 6


def grassroots_on(hm: Organization, day: dt.date) -> list[Organization]:
    """The grassroots organizations of the district on `day`, by code."""
    ids = subtree_periods_on(hm, day).values("org_id")
    return list(Organization.objects.filter(pk__in=ids, level__in=GRASSROOTS_LEVELS).order_by("code"))


def disciplined(ctx: DemoContext, hm: Organization) -> set[int]:
    """The members disciplined in 2016 (as the inspection step kept them, or read back)."""
    ids = getattr(ctx, "disciplined_2016", None)
    if ids is not None:
        return set(ids)
    return set(disciplined_members(hm, Period.year(YEAR)).values_list("pk", flat=True))


def grassroots_of_members(hm: Organization, member_ids: set[int]) -> set[int]:
    """The grassroots organizations the given members belonged to at the end of 2016."""
    units = {p.org_id: (p.org.level, p.parent_id) for p in subtree_periods_on(hm, YEAR_END).select_related("org")}
    cells = MemberPeriod.objects.filter(covering(YEAR_END), member_id__in=member_ids).values_list("org_id", flat=True)
    return {units[c][1] if units[c][0] == Level.CELL else c for c in cells if c in units}


def top_choice(ctx: DemoContext) -> tuple[list[str], list[str]]:
    """(codes of the 27 TSVM organizations, codes of the 6 exemplary among them), chosen once
    (generator "reviews-top") and kept in the context. Organizations founded in 2016 and those
    with a member disciplined in 2016 are not among them."""
    if getattr(ctx, "tsvm", None) and getattr(ctx, "tsvm_exemplary", None):
        # Whether a step kept all 27 in `tsvm` or only the 21 not exemplary, the top class is
        # both lists together.
        exemplary = _codes(ctx.tsvm_exemplary)
        return sorted(set(_codes(ctx.tsvm)) | set(exemplary)), exemplary
    hm = Organization.objects.get(code="HM")
    troubled = grassroots_of_members(hm, disciplined(ctx, hm))
    eligible = [o.code for o in grassroots_on(hm, YEAR_END) if o.founded_on.year < YEAR and o.pk not in troubled]
    rng = ctx.rng_for("reviews-top")
    tsvm = sorted(rng.sample(eligible, TOP))
    exemplary = sorted(rng.sample(tsvm, EXEMPLARY))
    ctx.tsvm, ctx.tsvm_exemplary = tsvm, exemplary
    return tsvm, exemplary


def _codes(items) -> list[str]:
    """Codes from whatever another step kept: codes, organizations or ids."""
    items = list(items)
    if items and isinstance(items[0], Organization):
        return sorted(o.code for o in items)
    if items and isinstance(items[0], int):
        return sorted(Organization.objects.filter(pk__in=items).values_list("code", flat=True))
    return sorted(items)
