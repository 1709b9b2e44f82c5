"""Reads of tasks and evaluations: what a scope may see, the rows of a member's or a unit's
period with their derived status, and the evaluations and tasks behind the figures. Each takes
a fixed number of queries whatever the size of the subtree."""

from django.db.models import F, Q, QuerySet, Value
from django.utils import timezone

from dangvu.core import compiled
from dangvu.core.catalogue import Period
from dangvu.core.compiled import Slot
from dangvu.organizations.models import GRASSROOTS_LEVELS, Level, Organization
from dangvu.organizations.selectors import subtree_ids_during
from dangvu.reviews.rulebooks import GOOD_MEMBER_CLASSES

from . import rules
from .models import YEAR, Evaluation, Task

COLLECTIVE_LEVELS = (*GRASSROOTS_LEVELS, Level.CELL)


def tasks_in_scope(root: Organization) -> QuerySet[Task]:
    """Tasks of units in `root`'s subtree (a clerk's scope)."""
    return Task.objects.filter(org__path__startswith=root.path)


def period_rows(tasks: QuerySet[Task]) -> list[tuple[Task, object, str]]:
    """(task, its result or None, its derived status) in deadline order."""
    today = timezone.localdate()
    rows = []
    for t in tasks.select_related("result").order_by("deadline", "id"):
        result = getattr(t, "result", None)
        line = rules.TaskLine(
            t.target, t.deadline, t.weight, result.done_on if result else None, result.quantity if result else None
        )
        rows.append((t, result, rules.status(line, today)))
    return rows


def _quarters(period: Period) -> list[tuple[int, int]]:
    """The (year, quarter) evaluations a period reads: a whole year reads the year's evaluations
    (quarter 0), a quarter its own, any other period the quarters lying wholly inside it."""
    if period == Period.year(period.start.year):
        return [(period.start.year, YEAR)]
    out = []
    for year in range(period.start.year, period.end.year + 1):
        for q in (1, 2, 3, 4):
            p = Period.quarter(year, q)
            if period.start <= p.start and p.end <= period.end:
                out.append((year, q))
    return out


def decided_evaluations(org: Organization, period: Period, members: bool) -> QuerySet[Evaluation]:
    """Decided evaluations of the period of units (or of members in units) of `org`'s subtree."""
    wanted = Q(pk__in=[])
    for year, quarter in _quarters(period):
        wanted |= Q(cycle__year=year, quarter=quarter)
    found = Evaluation.objects.filter(wanted, org_id__in=subtree_ids_during(org, period.start, period.end))
    found = found.filter(member__isnull=not members).exclude(decided_class="")
    return found if members else found.filter(org__level__in=COLLECTIVE_LEVELS)


def good_evaluations(org, period, members: bool) -> QuerySet[Evaluation]:
    return decided_evaluations(org, period, members).filter(decided_class__in=GOOD_MEMBER_CLASSES)


def tasks_due(org: Organization, period: Period) -> QuerySet[Task]:
    """Tasks of collectives and members of the subtree whose deadline falls in the period."""
    return Task.objects.filter(
        org_id__in=subtree_ids_during(org, period.start, period.end), deadline__range=(period.start, period.end)
    )


def tasks_on_time(org: Organization, period: Period) -> QuerySet[Task]:
    """Of those, the ones done by the deadline with the target reached (rules.ON_TIME or BEYOND)."""
    return tasks_due(org, period).filter(
        result__done_on__isnull=False, result__done_on__lte=F("deadline"), result__quantity__gte=F("target")
    )


def cycle_for(org: Organization, year: int):
    """The review cycle of `year` that covers `org`: the nearest committee above it that opened one."""
    from dangvu.reviews.models import ReviewCycle

    ancestors = [int(x) for x in org.path.strip("/").split("/")]
    return (
        ReviewCycle.objects.filter(year=year, committee_id__in=ancestors)
        .select_related("committee")
        .order_by("-committee__path")
        .first()
    )


def may_conclude(root: Organization | None, eval_org: Organization, for_member: bool) -> bool:
    """Whether a user whose scope starts at `root` takes the conclusion: for a member, their
    grassroots committee or a level above; for a collective, a level above it."""
    if root is None:
        return False
    if for_member:
        return eval_org.path.startswith(root.path)
    return eval_org.path.startswith(root.path) and root.pk != eval_org.pk


def member_results(member) -> list[dict]:
    """The member's evaluations under QĐ 366 (quarters and years, with points) and the years'
    classes the review recorded without a scored evaluation (a review imported or decided on its
    page), oldest first: {year, quarter, period, points, proposed, decided} with the classes' labels
    as the year's rulebook names them."""
    from dangvu.reviews.models import MemberResult
    from dangvu.reviews.rulebooks import rulebook

    def labels(code):
        return {g.code: g.label for g in rulebook(code).member_classes}

    # The columns shown, not the evaluations' 22 (their scores as JSON) and their cycles' 9; the
    # evaluations and the review's classes in one query (UNION ALL), told apart by `scored`,
    # compiled once (core.compiled): every member's page asks it.
    shown = ("cycle__year", "cycle__rulebook", "proposed_class", "decided_class")
    key = Evaluation._meta.get_field("member").target_field

    def build():
        evaluations = (
            Evaluation.objects.filter(member_id=Slot("member", key))
            .annotate(scored=Value(True))
            .values_list("scored", *shown, "quarter", "points")
        )
        no_points = Value(None, output_field=Evaluation._meta.get_field("points"))
        classes = (
            MemberResult.objects.filter(member_id=Slot("member", key))
            .exclude(decided_class="")
            .annotate(scored=Value(False), year_quarter=Value(YEAR), no_points=no_points)
            .values_list("scored", *shown, "year_quarter", "no_points")
        )
        return evaluations.union(classes, all=True)

    found = compiled.rows(Evaluation, ("tasks.member-results",), build, member=member.pk)
    scored_years = {year for scored, year, *_, quarter, _points in found if scored and quarter == YEAR}
    rows = []
    for scored, year, code, proposed, decided, quarter, points in found:
        if not scored and year in scored_years:
            continue  # the year's scored evaluation shows its class
        n = labels(code)
        rows.append({"year": year, "quarter": quarter, "points": points,
                     "proposed": n.get(proposed, ""), "decided": n.get(decided, "")})  # fmt: skip
    for r in rows:
        r["period"] = f"Quý {r['quarter']}/{r['year']}" if r["quarter"] else f"Năm {r['year']}"
    # A year's row after its quarters.
    return sorted(rows, key=lambda r: (r["year"], r["quarter"] or 5))
