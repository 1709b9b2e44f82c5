"""Reads of the annual review: the results behind the indicators, a cycle's organizations with
their stage, history across years, and "top class N years in a row". Each takes a fixed number
of queries whatever the size of the subtree."""

from django.db.models import Count, Q, QuerySet

from dangvu.core.catalogue import Period
from dangvu.core.text import natural_key
from dangvu.members.models import Member
from dangvu.organizations.eras import UPPER_LEVELS
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_ids_during, subtree_ids_on

from . import facts
from .models import MemberResult, OrgResult, Override, ReviewCycle
from .rulebooks import (
    GOOD_MEMBER_CLASSES,
    GOOD_ONLY_MEMBER_CLASSES,
    GOOD_ONLY_ORG_CLASSES,
    GOOD_OR_BETTER_ORG_CLASSES,
    TOP_ORG_CLASSES,
)


def whole_years(period: Period) -> bool:
    """Whether `period` is made of whole calendar years, the only periods the review answers for."""
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)


def _years(period: Period) -> list[int]:
    """The years whose review cycles a period reads. A cycle is a year's review, so a quarter (or any
    period that is not whole years) reads none: its classes are its own evaluations (QĐ 366's
    quarters, the tasks' evaluation.* figures), not the year's results."""
    return list(range(period.start.year, period.end.year + 1)) if whole_years(period) else []


def decided_org_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    """Decided results of grassroots organizations that stood in `org`'s subtree during the
    period, in cycles of the period's years."""
    return OrgResult.objects.filter(
        cycle__year__in=_years(period),
        org_id__in=subtree_ids_during(org, period.start, period.end),
        org__level__in=GRASSROOTS_LEVELS,
    ).exclude(decided_class="")


def top_org_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    return decided_org_results(org, period).filter(decided_class__in=TOP_ORG_CLASSES)


def good_org_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    """Rated "hoàn thành tốt nhiệm vụ" alone (not the top class)."""
    return decided_org_results(org, period).filter(decided_class__in=GOOD_ONLY_ORG_CLASSES)


def good_or_better_org_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    return decided_org_results(org, period).filter(decided_class__in=GOOD_OR_BETTER_ORG_CLASSES)


def decided_direct_cell_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    """Decided results of the cells held directly by a committee above the grassroots (chi bộ
    trực thuộc đảng ủy xã, phường from 1/7/2025), rated beside the grassroots organizations and
    counted apart from them ("… tổ chức cơ sở đảng và … chi bộ trực thuộc hoàn thành xuất sắc")."""
    return OrgResult.objects.filter(
        cycle__year__in=_years(period),
        org_id__in=subtree_ids_during(org, period.start, period.end),
        org__level=Level.CELL,
        org__parent__level__in=UPPER_LEVELS,
    ).exclude(decided_class="")


def top_direct_cell_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    return decided_direct_cell_results(org, period).filter(decided_class__in=TOP_ORG_CLASSES)


def good_or_better_direct_cell_results(org: Organization, period: Period) -> QuerySet[OrgResult]:
    return decided_direct_cell_results(org, period).filter(decided_class__in=GOOD_OR_BETTER_ORG_CLASSES)


def decided_member_results(org: Organization, period: Period) -> QuerySet[MemberResult]:
    return MemberResult.objects.filter(
        cycle__year__in=_years(period), org_id__in=subtree_ids_during(org, period.start, period.end)
    ).exclude(decided_class="")


def good_member_results(org: Organization, period: Period) -> QuerySet[MemberResult]:
    return decided_member_results(org, period).filter(decided_class__in=GOOD_MEMBER_CLASSES)


def good_only_member_results(org: Organization, period: Period) -> QuerySet[MemberResult]:
    """Rated "hoàn thành tốt nhiệm vụ" alone (not excellent)."""
    return decided_member_results(org, period).filter(decided_class__in=GOOD_ONLY_MEMBER_CLASSES)


def overrides_in(org: Organization, period: Period) -> QuerySet[Override]:
    return Override.objects.filter(
        cycle__year__in=_years(period), org_id__in=subtree_ids_during(org, period.start, period.end)
    )


def top_years_in_a_row(org: Organization, last_year: int, years: int) -> QuerySet[Organization]:
    """Grassroots organizations under `org` at the end of `last_year` rated in the top class
    (TSVM, or excellent from 2018) in each of the `years` years ending with `last_year`."""
    first = last_year - years + 1
    end_of_year = Period.year(last_year).end
    qualifying = (
        OrgResult.objects.filter(cycle__year__range=(first, last_year), decided_class__in=TOP_ORG_CLASSES)
        .values("org_id")
        .annotate(n=Count("cycle__year", distinct=True))
        .filter(n=years)
        .values("org_id")
    )
    return Organization.objects.filter(pk__in=subtree_ids_on(org, end_of_year), level__in=GRASSROOTS_LEVELS).filter(
        pk__in=qualifying
    )


# --- history -------------------------------------------------------------------------------------


def org_history(org: Organization) -> QuerySet[OrgResult]:
    """Every result of an organization, year by year."""
    return OrgResult.objects.filter(org=org).select_related("cycle").order_by("cycle__year")


def member_history(member: Member) -> QuerySet[MemberResult]:
    return MemberResult.objects.filter(member=member).select_related("cycle", "org").order_by("cycle__year")


# --- pages ----------------------------------------------------------------------------------------


def visible_cycles(root: Organization | None) -> QuerySet[ReviewCycle]:
    """Cycles a scope may open: those of a committee in the subtree, or above it (a grassroots
    clerk enters results in the district's cycle)."""
    if root is None:
        return ReviewCycle.objects.none()
    ancestor_ids = [int(x) for x in root.path.strip("/").split("/")]
    return ReviewCycle.objects.filter(
        Q(committee__path__startswith=root.path) | Q(committee_id__in=ancestor_ids)
    ).select_related("committee")


def cycle_rows(cycle: ReviewCycle, root: Organization) -> list[tuple[Organization, OrgResult | None, int]]:
    """The grassroots organizations of the cycle within `root`'s subtree and the cells a committee
    above the grassroots holds directly (facts.rates_members), each with its result (or None) and
    the number of its members rated (decided). Three queries."""
    units = Organization.objects.filter(
        pk__in=facts.cycle_org_ids(cycle, (*GRASSROOTS_LEVELS, Level.CELL)), path__startswith=root.path
    ).filter(Q(level__in=GRASSROOTS_LEVELS) | Q(parent__level__in=UPPER_LEVELS))
    orgs = sorted(units, key=lambda o: natural_key(o.name))
    results = {r.org_id: r for r in OrgResult.objects.filter(cycle=cycle, org__in=orgs)}
    rated = dict(
        MemberResult.objects.filter(cycle=cycle, org__in=orgs)
        .exclude(decided_class="")
        .values_list("org_id")
        .annotate(n=Count("id"))
    )
    return [(o, results.get(o.pk), rated.get(o.pk, 0)) for o in orgs]


def stage_of(result: OrgResult | None) -> str:
    if result is None:
        return "Chưa đánh giá"
    if result.decided_class:
        return "Đã quyết định"
    if result.proposed_class:
        return "Đã đề xuất"
    return "Đã tự đánh giá"


def member_rows(cycle: ReviewCycle, org: Organization) -> list[tuple[Member, MemberResult | None, str]]:
    """The members of `org` in the cycle's year, each with their result (or None) and activity."""
    year_members = facts.members_of_year(cycle, org)
    members = list(Member.objects.filter(pk__in=year_members.keys()).order_by("sort_key"))
    results = {r.member_id: r for r in MemberResult.objects.filter(cycle=cycle, member__in=members)}
    return [(m, results.get(m.pk), year_members[m.pk].activity) for m in members]


def org_rule_checks(cycle: ReviewCycle, org: Organization, result: OrgResult | None) -> list:
    """The rules that the class proposed for `org` (or decided, if no proposal) would break,
    as the deciding committee sees them before deciding."""
    if result is None or not (result.proposed_class or result.decided_class):
        return []
    values = {
        name: getattr(result, name)
        for name in ("points", "disunity", "members_disciplined_corruption", "targets_met_percent",
                     "leadership_disciplined")
    }  # fmt: skip
    cls = result.proposed_class or result.decided_class
    return cycle.get_rulebook().check_org(cls, facts.org_facts(cycle, org, "decision", values))
