"""Reads of inspections, supervisions and discipline: the records behind the indicators, the
lists a user's scope may see, and the statute-of-limitations alerts. Each takes a fixed number
of queries whatever the size of the subtree."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from dangvu.core.catalogue import Period
from dangvu.members.models import Member, MemberPeriod
from dangvu.organizations.lineage import received
from dangvu.organizations.models import Organization
from dangvu.organizations.selectors import stood_under, subtree_ids_during

from . import rules
from .models import Discipline, Inspection


def inspections_in(org: Organization, period: Period, kind: str | None = None) -> QuerySet[Inspection]:
    """Inspections (or supervisions) started in `period` and conducted by a unit that stood in
    `org`'s subtree on its start date."""
    qs = Inspection.objects.filter(
        stood_under(org, period.start, period.end, "conducted_by_id", "start_date"),
        start_date__range=(period.start, period.end),
    )
    return qs.filter(kind=kind) if kind else qs


def disciplines_in(org: Organization, period: Period) -> QuerySet[Discipline]:
    """Discipline decisions dated in `period` by a unit that stood in `org`'s subtree on the decision
    date; in today's boundaries also those of the members it received one by one, before they passed."""
    where = stood_under(
        org, period.start, period.end, "decided_by_id", "decision_date", "subject_member_id", members_anywhere=True
    )
    return Discipline.objects.filter(where, decision_date__range=(period.start, period.end))


def member_disciplines(org: Organization, period: Period) -> QuerySet[Discipline]:
    """Discipline decisions dated in `period` of members who belonged to `org`'s subtree on the
    decision date, whoever decided (a ward's member may be disciplined by the district).

    Two small queries (the subtree's ids go in as a subquery), then a filter by id: a year's
    decisions are few, and a correlated EXISTS over the member periods made PostgreSQL's planner
    scan them for minutes on a freshly loaded database."""
    decisions = list(
        Discipline.objects.filter(
            subject_member__isnull=False, decision_date__range=(period.start, period.end)
        ).values_list("pk", "subject_member_id", "decision_date")
    )
    if not decisions:
        return Discipline.objects.none()
    spans: dict[int, list] = {}
    for member_id, start, end in MemberPeriod.objects.filter(
        member_id__in={m for _, m, _ in decisions},
        org_id__in=subtree_ids_during(org, period.start, period.end),
    ).values_list("member_id", "valid_from", "valid_to"):
        spans.setdefault(member_id, []).append((start, end))
    # In today's boundaries a member received one by one brings their decisions before they passed.
    came = {m: part.day for part in received(org, period.start) for m in part.member_ids}
    ids = [
        pk
        for pk, member_id, day in decisions
        if any(start <= day and (end is None or end >= day) for start, end in spans.get(member_id, ()))
        or day < came.get(member_id, day)
    ]
    return Discipline.objects.filter(pk__in=ids)


def disciplined_members(org: Organization, period: Period) -> QuerySet[Member]:
    """The members of `org`'s subtree disciplined in `period`, each once however many decisions
    (the review rules: a member disciplined in the year is rated lowest; one violation counts once)."""
    return Member.objects.filter(pk__in=member_disciplines(org, period).values("subject_member_id"))


# --- what a user's scope may see ---------------------------------------------------------------


def visible_inspections(root: Organization | None) -> QuerySet[Inspection]:
    """Inspections conducted in, or of a unit or member in, the subtree of `root` (today's tree)."""
    if root is None:
        return Inspection.objects.none()
    p = root.path
    return Inspection.objects.filter(
        Q(conducted_by__path__startswith=p)
        | Q(subject_org__path__startswith=p)
        | Q(subject_member__org__path__startswith=p)
    ).select_related("conducted_by", "subject_org", "subject_member")


def visible_disciplines(root: Organization | None) -> QuerySet[Discipline]:
    if root is None:
        return Discipline.objects.none()
    p = root.path
    return Discipline.objects.filter(
        Q(decided_by__path__startswith=p)
        | Q(subject_org__path__startswith=p)
        | Q(subject_member__org__path__startswith=p)
    ).select_related("decided_by", "subject_org", "subject_member")


def filter_by(qs: QuerySet, date_field: str, org_field: str, org: Organization | None, year: int | None):
    """A list narrowed as an indicator counts: the year by `date_field`, the org by the subtree
    it had during that year (or today's subtree when no year is given)."""
    if year:
        period = Period.year(year)
        qs = qs.filter(**{f"{date_field}__range": (period.start, period.end)})
        if org is not None:
            qs = qs.filter(stood_under(org, period.start, period.end, f"{org_field}_id", date_field))
    elif org is not None:
        qs = qs.filter(**{f"{org_field}__path__startswith": org.path})
    return qs


# --- statute of limitations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Limitation:
    record: object  # a Discipline or an Inspection
    form: str
    ends: dt.date | None  # None: no statute of limitations
    state: str  # "none", "open", "passed"


def _state(ends: dt.date | None, on: dt.date) -> str:
    if ends is None:
        return "none"
    return "open" if on <= ends else "passed"


def discipline_limitations(disciplines: QuerySet[Discipline], on: dt.date) -> list[Limitation]:
    """Each decision with the last day of the statute of limitations of its violation for its
    form, and whether that day has passed on `on` (after it, no heavier form may be decided for
    the same violation). One query."""
    return [
        Limitation(d, d.form, ends, _state(ends, on))
        for d in disciplines.order_by("violation_date", "id")
        for ends in [rules.limitation_ends(d.form, d.violation_date)]
    ]


def disciplines_past_limitation(disciplines: QuerySet[Discipline], on: dt.date) -> list[Limitation]:
    return [item for item in discipline_limitations(disciplines, on) if item.state == "passed"]


def violations_awaiting_discipline(inspections: QuerySet[Inspection], on: dt.date) -> list[Limitation]:
    """Inspections that found a dated violation not yet followed by a discipline decision, with
    the last day a khiển trách may still be decided and whether it has passed — the dashboard's
    "vi phạm sắp hết / đã hết thời hiệu" alert. One query."""
    decided = Discipline.objects.filter(
        Q(inspection_id=OuterRef("pk"))
        | (Q(subject_member_id=OuterRef("subject_member_id")) & Q(subject_member__isnull=False))
        | (Q(subject_org_id=OuterRef("subject_org_id")) & Q(subject_org__isnull=False)),
        decision_date__gte=OuterRef("violation_date"),
    )
    pending = inspections.filter(violations_found=True, violation_date__isnull=False).filter(~Exists(decided))
    return [
        Limitation(i, "reprimand", ends, _state(ends, on))
        for i in pending.order_by("violation_date", "id")
        for ends in [rules.limitation_ends("reprimand", i.violation_date)]
    ]
