"""Reads of the dashboard: the key figures (from the indicator catalogue), the series behind its
charts and the alerts. Every function takes a fixed number of queries whatever the size of the
subtree; none counts a figure the catalogue already defines."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractMonth

from dangvu.cadres.selectors import terms_ending
from dangvu.core.dates import add_months, year_bounds
from dangvu.indicators.registry import Period
from dangvu.indicators.selectors import YearFigures, year_figures
from dangvu.inspection.selectors import violations_awaiting_discipline, visible_inspections
from dangvu.members import rules
from dangvu.members.indicators import admissions
from dangvu.members.models import Member, Standing
from dangvu.members.selectors import badges_due_at, periods_on
from dangvu.organizations.models import GRASSROOTS_LEVELS, Organization, OrgPeriod
from dangvu.organizations.selectors import covering, subtree_ids_on
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
    subs = list(OrgPeriod.objects.filter(covering(end), parent=org).select_related("org").order_by("org__name_key"))
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


def probation_ending(org: Organization, on: dt.date, days: int = PROBATION_ALERT_DAYS) -> list[tuple[Member, dt.date]]:
    """[(member, probation end)] of the members of `org`'s subtree still probationary at the end
    of `on` whose 12 months of probation end within the next `days` days (on `on` included),
    soonest first. One query (plus the subtree's)."""
    last = on + dt.timedelta(days=days)
    # A range wide enough for any month length; the exact end is checked with the rule itself.
    qs = Member.objects.filter(
        pk__in=periods_on(org, on).filter(standing=Standing.PROBATIONARY).values("member_id"),
        admitted_on__gte=add_months(on, -rules.PROBATION_MONTHS) - dt.timedelta(days=3),
        admitted_on__lte=add_months(last, -rules.PROBATION_MONTHS) + dt.timedelta(days=3),
    ).select_related("org")
    found = [(m, rules.probation_end(m.admitted_on)) for m in qs]
    return sorted(((m, end) for m, end in found if on <= end <= last), key=lambda x: (x[1], x[0].sort_key))


def next_presentation(on: dt.date) -> dt.date:
    return rules.next_presentation_date(on)


def badges_due_next(org: Organization, members: QuerySet[Member], on: dt.date) -> list[tuple[Member, int]]:
    """[(member, years)] of the members of `org`'s subtree (within `members`, the user's scope)
    due a Huy hiệu Đảng at the next presentation date on or after `on`. Three queries, reading
    only the members whose milestone can fall due then."""
    subtree = members.filter(org__path__startswith=org.path).select_related("org")
    return badges_due_at(subtree, next_presentation(on))


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
