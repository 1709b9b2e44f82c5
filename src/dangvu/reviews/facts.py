"""From the records to the plain facts the rulebooks read: who belonged to an organization in the
year and in what activity, who was disciplined, how its subordinate units were classed.

Discipline comes from the inspection app (an area beside reviews); the rulebooks themselves never
touch the database.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from dangvu.core.catalogue import Period
from dangvu.core.dates import year_bounds
from dangvu.inspection.models import Discipline
from dangvu.inspection.selectors import disciplined_members
from dangvu.members.models import MemberPeriod
from dangvu.organizations.eras import UPPER_LEVELS
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_ids_during, subtree_ids_on

from .models import MemberResult, OrgResult, ReviewCycle, Stage
from .rulebooks import MemberFacts, OrgFacts

STAGE_FIELD = {Stage.SELF: "self_class", Stage.PROPOSAL: "proposed_class", Stage.DECISION: "decided_class"}


def year_end(cycle: ReviewCycle) -> dt.date:
    return dt.date(cycle.year, 12, 31)


def cycle_org_ids(cycle: ReviewCycle, levels=GRASSROOTS_LEVELS):
    """Ids (a subquery) of the units of `levels` under the cycle's committee at the end of its year."""
    return Organization.objects.filter(
        pk__in=subtree_ids_on(cycle.committee, year_end(cycle)), level__in=levels
    ).values("pk")


def rates_members(org: Organization) -> bool:
    """Whether the members' classes are recorded under `org`: a grassroots organization, or a cell
    held directly by a committee above the grassroots (a ward's chi bộ trực thuộc from 1/7/2025),
    which has no grassroots organization above it."""
    if org.level in GRASSROOTS_LEVELS:
        return True
    return org.level == Level.CELL and org.parent is not None and org.parent.level in UPPER_LEVELS


def grassroots_of(org: Organization) -> Organization:
    """The grassroots organization a cell belongs to (a grassroots one is its own); a cell directly
    under a committee above the grassroots answers for itself (`rates_members`)."""
    return org.parent if org.level == Level.CELL and not rates_members(org) else org


@dataclass(frozen=True)
class YearMember:
    member_id: int
    activity: str  # at the end of the member's last period in the organization that year


def members_of_year(cycle: ReviewCycle, org: Organization) -> dict[int, YearMember]:
    """The members who belonged to `org` (its cells included) at some time in the cycle's year.
    One query for the periods (plus the two of the subtree)."""
    start, end = year_bounds(cycle.year)
    periods = (
        MemberPeriod.objects.filter(org_id__in=subtree_ids_during(org, start, end), valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .order_by("member_id", "valid_from")
        .values_list("member_id", "activity")
    )
    return {member_id: YearMember(member_id, activity) for member_id, activity in periods}


def disciplined_member_ids(cycle: ReviewCycle, org: Organization) -> set[int]:
    """Members of `org`'s subtree disciplined in the cycle's year, each once."""
    return set(disciplined_members(org, Period.year(cycle.year)).values_list("pk", flat=True))


def _disciplined_org_ids(cycle: ReviewCycle, org_ids) -> set[int]:
    start, end = year_bounds(cycle.year)
    return set(
        Discipline.objects.filter(subject_org_id__in=org_ids, decision_date__range=(start, end)).values_list(
            "subject_org_id", flat=True
        )
    )


def _class_of(row: dict) -> str:
    """The class the rules read for a subordinate unit or a member: the decision if taken, else
    the proposal."""
    return row["decided_class"] or row["proposed_class"]


def org_facts(cycle: ReviewCycle, org: Organization, stage: str, values: dict) -> OrgFacts:
    """The facts of `org` in `cycle` for a class proposed or decided at `stage`, `values` being the
    figures entered on the form (points, disunity …)."""
    end = year_end(cycle)
    cells = list(
        Organization.objects.filter(pk__in=subtree_ids_on(org, end), level=Level.CELL)
        .exclude(pk=org.pk)
        .values_list("pk", flat=True)
    )
    sub_rows = OrgResult.objects.filter(cycle=cycle, org_id__in=cells).values("decided_class", "proposed_class")
    subordinate_classes = tuple(c for c in map(_class_of, sub_rows) if c)
    if org.level == Level.CELL:
        start, _ = year_bounds(cycle.year)
        in_cell = MemberPeriod.objects.filter(org=org, valid_from__lte=end).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=start)
        )
        member_rows = MemberResult.objects.filter(cycle=cycle, member_id__in=in_cell.values("member_id"))
    else:
        member_rows = MemberResult.objects.filter(cycle=cycle, org=org)
    member_classes = tuple(c for c in map(_class_of, member_rows.values("decided_class", "proposed_class")) if c)
    disciplined_units = _disciplined_org_ids(cycle, [*cells, org.pk])
    percent = values.get("targets_met_percent")
    return OrgFacts(
        is_committee=org.level == Level.GRASSROOTS_COMMITTEE,
        points=values.get("points"),
        disunity=bool(values.get("disunity")),
        members_disciplined_corruption=values.get("members_disciplined_corruption") or 0,
        subordinates_total=len(cells),
        subordinate_classes=subordinate_classes,
        subordinates_disciplined=len(disciplined_units - {org.pk}),
        member_classes=member_classes,
        targets_met_share=None if percent is None else percent / 100,
        leadership_disciplined=bool(values.get("leadership_disciplined")) or org.pk in disciplined_units,
    )


def member_facts(year_member: YearMember, disciplined: set[int]) -> MemberFacts:
    return MemberFacts(disciplined_in_year=year_member.member_id in disciplined, activity=year_member.activity)
