"""Reads of the dashboard: the key figures (from the indicator catalogue), the series behind its
charts and the alerts. Every function takes a fixed number of queries whatever the size of the
subtree; none counts a figure the catalogue already defines."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractMonth

from dangvu.cadres.selectors import terms_ending
from dangvu.core.catalogue import Period
from dangvu.core.dates import add_months, add_years, year_bounds
from dangvu.core.text import natural_key
from dangvu.inspection.selectors import violations_awaiting_discipline, visible_inspections
from dangvu.members import rules
from dangvu.members.indicators import admissions
from dangvu.members.models import IN_PARTY_STATUSES, EventKind, Member, MemberBadge, MemberEvent, Standing
from dangvu.members.selectors import badges_due, badges_due_at, periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Organization, OrgPeriod
from dangvu.organizations.selectors import covering, subtree_ids_on
from dangvu.reports.selectors import YearFigures, year_figures
from dangvu.reviews.models import OrgResult
from dangvu.reviews.rulebooks import NoRulebook, rulebook_for
from dangvu.targets.models import Target
from dangvu.targets.selectors import achievement

# The figures the dashboard shows, in the catalogue's words; each links to its records.
KEY_FIGURES = (
    "members.total",
    "members.admitted",
    "orgs.grassroots",
    "orgs.founded.non_state_enterprise",
    "review.orgs.rated",
    "review.orgs.top",
    "review.orgs.top_exemplary",
    "cadres.actions",
    "training.classes",
    "training.attendances",
    "discipline.members",
    "elections.turnout",
)

PROBATION_ALERT_DAYS = 30
TERM_ALERT_MONTHS = 6


def key_figures(org: Organization, year: int) -> YearFigures:
    """The dashboard's figures of `org`'s subtree for `year`, with targets and plan achievement,
    straight from the indicator catalogue — from the year's snapshot when the year is closed."""
    return year_figures(org, year, KEY_FIGURES)


# --- charts --------------------------------------------------------------------------------------


def admissions_by_month(org: Organization, year: int) -> list[int]:
    """Admissions in each month of `year` (12 numbers, January first): the records behind
    `members.admitted`, grouped by month in one query (plus one for the root's paths)."""
    rows = (
        admissions(org, Period.year(year))
        .order_by()
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(n=Count("id"))
    )
    months = [0] * 12
    for row in rows:
        months[row["month"] - 1] = row["n"]
    return months


@dataclass(frozen=True)
class ClassCount:
    code: str
    label: str
    count: int
    top: bool
    lowest: bool


def review_classes(org: Organization, year: int) -> tuple[list[ClassCount], int]:
    """The decided classes of the grassroots organizations of `org`'s subtree in the review of
    `year`, in the order of that year's rulebook (best first), and how many of the top class
    were named exemplary. The same records as `review.orgs.rated`. One query (plus the subtree's)."""
    from dangvu.reviews.selectors import decided_org_results

    try:
        book = rulebook_for(year)
    except NoRulebook:
        return [], 0
    rows = (
        decided_org_results(org, Period.year(year))
        .order_by()
        .values("decided_class")
        .annotate(n=Count("org_id", distinct=True), exemplary=Count("org_id", distinct=True, filter=Q(exemplary=True)))
    )
    counts = {r["decided_class"]: r["n"] for r in rows}
    exemplary = sum(r["exemplary"] for r in rows)
    classes = [ClassCount(g.code, g.label, counts.get(g.code, 0), g.top, g.lowest) for g in book.org_classes]
    return classes, exemplary


@dataclass(frozen=True)
class UnitPlan:
    org: Organization
    admitted: int
    target: int | float | None
    percent: float | None


def plan_by_subordinate(org: Organization, year: int, key: str = "members.admitted") -> list[UnitPlan]:
    """Admissions of each direct subordinate of `org` (as the tree stood at the end of `year`)
    against its own target for the year. Each admission counts for the subordinate its cell
    stood under on the day of the admission — as `members.admitted` counts it for that unit.
    Four queries whatever the number of units."""
    period = Period.year(year)
    end = period.end
    subs = sorted(
        OrgPeriod.objects.filter(covering(end), parent=org).select_related("org"), key=lambda p: natural_key(p.org.name)
    )
    if not subs:
        return []
    sub_ids = [p.org_id for p in subs]
    # Every path each subordinate had during the year: an admission before a move counts where it
    # stood then, if that was under `org`.
    positions = list(
        OrgPeriod.objects.filter(
            Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=period.start)), org_id__in=sub_ids
        ).values("org_id", "path", "valid_from", "valid_to")
    )
    path_then = OrgPeriod.objects.filter(org_id=OuterRef("org_id"), valid_from__lte=OuterRef("date")).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("date"))
    )
    by_path = (
        admissions(org, period)
        .order_by()
        .annotate(unit_path=Subquery(path_then.values("path")[:1]))
        .values("unit_path", "date")
        .annotate(n=Count("id"))
    )
    admitted = dict.fromkeys(sub_ids, 0)
    for row in by_path:
        for p in positions:
            if (
                row["unit_path"]
                and row["unit_path"].startswith(p["path"])
                and p["valid_from"] <= row["date"]
                and (p["valid_to"] is None or row["date"] < p["valid_to"])
            ):
                admitted[p["org_id"]] += row["n"]
                break
    targets = dict(
        Target.objects.filter(indicator_key=key, year=year, org_id__in=sub_ids).values_list("org_id", "value")
    )
    plans = []
    for p in subs:
        target = targets.get(p.org_id)
        target = None if target is None else (int(target) if target == int(target) else float(target))
        plans.append(UnitPlan(p.org, admitted[p.org_id], target, achievement(admitted[p.org_id], target)))
    return plans


# --- alerts ---------------------------------------------------------------------------------------


def _days_landing_in(when, first: dt.date, last: dt.date, guess_first: dt.date, guess_last: dt.date):
    """The first and last day d with first <= when(d) <= last, for a non-decreasing `when` (a day
    plus some months or years) whose inverse is near the guesses: exact bounds for an indexed
    date range, so that SQL can count what the rule in Python would keep."""
    low, high = guess_first - dt.timedelta(days=4), guess_last + dt.timedelta(days=4)
    assert when(low) < first and when(high) > last
    while when(low) < first:
        low += dt.timedelta(days=1)
    while when(high) > last:
        high -= dt.timedelta(days=1)
    return low, high


def _probation_ending(org: Organization, on: dt.date, days: int) -> QuerySet[Member]:
    last = on + dt.timedelta(days=days)
    months = rules.PROBATION_MONTHS
    admitted = _days_landing_in(rules.probation_end, on, last, add_months(on, -months), add_months(last, -months))
    # The members admitted in that range first (index on admitted_on), then whether each is
    # probationary in the subtree on the day (index on the member's periods): a few thousand rows
    # on the country, where the subtree's probationary periods are hundreds of thousands.
    probationary = periods_on(org, on).filter(standing=Standing.PROBATIONARY, member_id=OuterRef("pk"))
    return Member.objects.filter(Exists(probationary), admitted_on__range=admitted)


def probation_ending(org: Organization, on: dt.date, days: int = PROBATION_ALERT_DAYS) -> list[tuple[Member, dt.date]]:
    """[(member, probation end)] of the members of `org`'s subtree still probationary at the end
    of `on` whose 12 months of probation end within the next `days` days (on `on` included),
    soonest first. One query (plus the subtree's)."""
    found = [(m, rules.probation_end(m.admitted_on)) for m in _probation_ending(org, on, days).select_related("org")]
    return sorted(found, key=lambda x: (x[1], x[0].sort_key))


def probation_ending_count(org: Organization, on: dt.date, days: int = PROBATION_ALERT_DAYS) -> int:
    """len(probation_ending(...)) as one COUNT query (plus the subtree's)."""
    return _probation_ending(org, on, days).count()


def _probation_overdue(org: Organization, on: dt.date) -> QuerySet[Member]:
    # Recognition takes effect on the day probation ends, even when the meeting is late; still
    # probationary after that day means the cell has not decided (or not recorded) it.
    probationary = periods_on(org, on).filter(standing=Standing.PROBATIONARY, member_id=OuterRef("pk"))
    return Member.objects.filter(Exists(probationary), admitted_on__lt=add_months(on, -rules.PROBATION_MONTHS))


def probation_overdue(org: Organization, on: dt.date) -> list[tuple[Member, dt.date]]:
    """[(member, probation end)] of the members of `org`'s subtree still probationary at the end
    of `on` whose 12 months of probation ended before `on`: recognition (or not) is overdue.
    Longest overdue first. One query (plus the subtree's)."""
    found = [(m, rules.probation_end(m.admitted_on)) for m in _probation_overdue(org, on).select_related("org")]
    return sorted(found, key=lambda x: (x[1], x[0].sort_key))


def probation_overdue_count(org: Organization, on: dt.date) -> int:
    return _probation_overdue(org, on).count()


def next_presentation(on: dt.date) -> dt.date:
    return rules.next_presentation_date(on)


def badges_due_next(org: Organization, members: QuerySet[Member], on: dt.date) -> list[tuple[Member, int]]:
    """[(member, years)] of the members of `org`'s subtree (within `members`, the user's scope)
    due a Huy hiệu Đảng at the next presentation date on or after `on`. Three queries, reading
    only the members whose milestone can fall due then."""
    subtree = members.filter(org__path__startswith=org.path).select_related("org")
    return badges_due_at(subtree, next_presentation(on))


def badges_due_count(org: Organization, members: QuerySet[Member], on: dt.date) -> int:
    """len(badges_due_next(...)) without reading the members into Python: the members with no
    gap out of the Party (never re-admitted or restored) reach a badge's years on their
    admission anniversary, so those whose anniversary of a badge's years falls after the
    previous presentation date and on or before the next one, and who have not received that
    badge, are counted in SQL; the few who came back are read and judged by the rule itself
    (`badges_due`). Five queries whatever the subtree."""
    presentation = next_presentation(on)
    previous = rules.previous_presentation_date(presentation)
    subtree = members.filter(org__path__startswith=org.path)
    came_back = MemberEvent.objects.filter(
        member_id=OuterRef("pk"), kind__in=(EventKind.READMITTED, EventKind.RESTORED)
    )
    window = Q()
    for years in rules.badge_years_for(presentation):
        admitted = _days_landing_in(
            lambda d, y=years: add_years(d, y), previous + dt.timedelta(days=1), presentation,
            add_years(previous, -years), add_years(presentation, -years),
        )  # fmt: skip
        received = MemberBadge.objects.filter(member_id=OuterRef("pk"), years=years)
        window |= Q(admitted_on__range=admitted) & ~Exists(received)
    plain = subtree.filter(window, status__in=IN_PARTY_STATUSES).exclude(Exists(came_back)).count()
    returned = badges_due(subtree.filter(Exists(came_back)), presentation)
    return plain + len(returned)


def terms_ending_soon(org: Organization, on: dt.date, months: int = TERM_ALERT_MONTHS):
    """Appointments decided in `org`'s subtree whose 5-year term ends within `months` months of
    `on` and that no re-appointment has replaced. One query."""
    return terms_ending(org, within_months=months, today=on)


def limitations_passed(org: Organization, on: dt.date):
    """Violations found by inspections in or of `org`'s subtree, never followed by a discipline
    decision, whose statute of limitations (for a khiển trách) had passed by `on`. One query."""
    return [item for item in violations_awaiting_discipline(visible_inspections(org), on) if item.state == "passed"]


def reviews_missing(org: Organization, year: int) -> QuerySet[Organization]:
    """The grassroots organizations of `org`'s subtree (as it stood at the end of `year`) that
    have entered no result at any stage (self-assessment, proposal or decision) in a review
    cycle of `year`. One query (plus the subtree's)."""
    end = year_bounds(year)[1]
    entered = OrgResult.objects.filter(cycle__year=year).filter(
        ~Q(self_class="") | ~Q(proposed_class="") | ~Q(decided_class="")
    )
    return (
        Organization.objects.filter(pk__in=subtree_ids_on(org, end), level__in=GRASSROOTS_LEVELS)
        .exclude(pk__in=entered.values("org_id"))
        .order_by("name_key")
    )


def alert_counts(org: Organization, members: QuerySet[Member], year: int, on: dt.date) -> dict[str, int]:
    """How many records each alert of the dashboard lists (the alert pages list them), each one
    COUNT query or one small query. The counts depend on `org`'s subtree only, not on how much
    larger the scope `members` is."""
    return {
        "du-bi": probation_ending_count(org, on),
        "du-bi-qua-han": probation_overdue_count(org, on),
        "huy-hieu": badges_due_count(org, members, on),
        "bo-nhiem": terms_ending_soon(org, on).count(),
        "thoi-hieu": len(limitations_passed(org, on)),
        "danh-gia": reviews_missing(org, year).count(),
    }
