"""Figures of the member registry: members at the end of a period, admissions, and the flows in
and out of a subtree. A fixed number of queries each, whatever the subtree size.

`members.increase` and `members.decrease` are defined so that, for any subtree and period,

    members.total at the end of the day before the period
        + members.increase − members.decrease = members.total at the end of the period.

A member counts in a subtree at the end of day t when a MemberPeriod of theirs covers t and its
unit stood under the subtree's root that day (exactly what `members.total` counts). The increase
is the number of (member, day d in the period) where the member counts at the end of d but not at
the end of d − 1; the decrease, the reverse. So a member enters by admission, transfer in from
outside, re-admission, restoration, or a move/transfer from a unit outside the subtree — or by
their whole unit being moved under the subtree (org_move); and leaves the opposite ways. A move
between two units inside the subtree is neither.

In today's boundaries (the default, organizations/lineage.py) a member also counts in the subtree
at the end of t when a period of theirs covering t lies in what the subtree received by a merge,
split or reorganization after t — a cell it received, or a member it received in the cell they
came from. So a ward formed on 1/7/2025 starts 2025 with its predecessors' parts, the members who
came with them are neither an increase nor a decrease, and what happened to them before 1/7 (an
admission, a death) is the ward's own. As they stood (`--as-stood`) only the tree of each day counts.

Same-day changes follow the end-of-day rule. A stay that starts and ends inside the subtree on
the same day (admitted and transferred out on 5/3) leaves no period at all — `rules.replay` drops
empty periods — so it is neither an increase nor a decrease, though the admission still counts in
`members.admitted`, which counts admission events. A member who leaves and comes back on the
same day is in the subtree at the end of both days, so nothing counts.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from dangvu.core.catalogue import Period, indicator, shared
from dangvu.organizations.lineage import Part, received, received_on
from dangvu.organizations.models import Organization, OrgPeriod
from dangvu.organizations.selectors import (
    covering,
    overlapping,
    paths_stood_under,
    paths_under_on,
    stood_under,
    subtree_ids_on,
)
from dangvu.tallies import selectors as tallies

from .models import EventKind, MemberEvent, MemberPeriod, Standing
from .selectors import member_counts_on, period_counts, periods_on

_ONE_DAY = dt.timedelta(days=1)


# --- members at the end of the period -------------------------------------------------------


def periods_at_end(org: Organization, period: Period) -> QuerySet[MemberPeriod]:
    """The subtree's members at the end of the period. In today's boundaries (lineage.py) also
    those then in the cells and among the members it received later (a ward formed on 1/7/2025
    starts 2025 with its predecessors' parts); one query more, only when it received anything."""
    extra = received_on(org, period.start, period.end)
    if extra is None:
        return periods_on(org, period.end)
    day = period.end
    return MemberPeriod.objects.filter(covering(day)).filter(Q(org_id__in=subtree_ids_on(org, day)) | extra)


def probationary_at_end(org: Organization, period: Period) -> QuerySet[MemberPeriod]:
    return periods_at_end(org, period).filter(standing=Standing.PROBATIONARY)


def full_at_end(org: Organization, period: Period) -> QuerySet[MemberPeriod]:
    return periods_at_end(org, period).filter(standing=Standing.FULL)


def _counts_at_end(org: Organization, period: Period) -> dict:
    """Total, probationary and full at the end of the period: one scan of the periods, shared by
    the three figures within one evaluation."""

    def count():
        if received_on(org, period.start, period.end) is not None:
            return period_counts(periods_at_end(org, period))
        day = period.end
        if (day.month, day.day) == (12, 31):  # a year-end: the per-unit rows answer, when kept
            under = paths_under_on(org, day)
            summed = tallies.year_end_counts(under, day.year) if under is not None else None
            if summed is not None:
                return summed
        return member_counts_on(org, day)

    # What was received after the end depends on the end alone: the key needs no start.
    return shared(("members.counts_on", org.pk, period.end), count)


@indicator(
    "members.total", "Tổng số đảng viên", "đảng viên", records=periods_at_end, targetable=False, order=20, counted=True
)
def total(org: Organization, period: Period) -> int:
    return _counts_at_end(org, period)["total"]


@indicator(
    "members.probationary",
    "Đảng viên dự bị",
    "đảng viên",
    records=probationary_at_end,
    targetable=False,
    order=21,
    counted=True,
)
def probationary(org: Organization, period: Period) -> int:
    return _counts_at_end(org, period)["probationary"]


@indicator(
    "members.full", "Đảng viên chính thức", "đảng viên", records=full_at_end, targetable=False, order=22, counted=True
)
def full(org: Organization, period: Period) -> int:
    return _counts_at_end(org, period)["full"]


# --- admissions ---------------------------------------------------------------------------------


def admissions(org: Organization, period: Period) -> QuerySet[MemberEvent]:
    """Admission events dated in the period, in units that stood in the subtree on the day of the
    admission (a unit moved mid-year counts each admission for one superior only)."""
    return MemberEvent.objects.filter(
        stood_under(org, period.start, period.end, member_field="member_id"),
        kind=EventKind.ADMITTED,
        date__range=(period.start, period.end),
    )


@indicator("members.admitted", "Kết nạp đảng viên mới", "đảng viên", records=admissions, order=23, counted=True)
def admitted(org: Organization, period: Period) -> int:
    year = period.start.year
    if period == Period.year(year) and tallies.kept(year):  # a whole year: the per-unit rows
        under = paths_stood_under(org, period.start, period.end)
        if under is not None:
            return tallies.admissions(under, year)
    return admissions(org, period).count()


# --- flows in and out ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Crossing:
    """A member entering (or leaving) the subtree's end-of-day count on `day`. `period_id` is the
    MemberPeriod that carries them in (covering `day`) or out (covering the day before)."""

    member_id: int
    day: dt.date
    period_id: int
    kind: str  # the event kind that started / ended that period, or "moved" for a unit's move


def _boundary_in(start: dt.date, end: dt.date) -> Q:
    return Q(valid_from__range=(start, end)) | Q(valid_to__range=(start, end))


def _covers(row: dict, day: dt.date) -> bool:
    return row["valid_from"] <= day and (row["valid_to"] is None or day < row["valid_to"])


def crossings(org: Organization, period: Period) -> tuple[list[Crossing], list[Crossing]]:
    """(entries, exits) of `org`'s subtree during `period`, as the tree stood each day.

    Three queries whatever the subtree size: the root's positions in the tree; the member periods
    of its units that begin or end in the period, or whose unit moved in the period; those units'
    positions. Only members whose standing in the subtree may have changed are read. Within one
    evaluation the increase, the decrease and their records share one reading.
    """
    return shared(("members.crossings", org.pk, period), lambda: _crossings(org, period))


@dataclass(frozen=True)
class _Subtree:
    roots: list[dict]  # the root's positions during the period and the day before
    units: QuerySet[OrgPeriod]  # the positions under them then
    moved_units: QuerySet  # the ids of the units whose position began or ended in the period
    static: bool  # neither the root nor any unit under it moved during the period


def _subtree(org: Organization, period: Period) -> _Subtree:
    """Two queries (one if the root did not exist): the root's positions, and whether a unit under
    it moved in the period."""

    def read():
        before, end = period.day_before, period.end
        roots = list(
            OrgPeriod.objects.filter(overlapping(before, end), org=org).values("path", "valid_from", "valid_to")
        )
        under = Q()
        for r in roots:
            under |= Q(path__startswith=r["path"])
        units = OrgPeriod.objects.filter(under & overlapping(before, end))
        moved_units = units.filter(_boundary_in(period.start, end)).values("org_id")
        root = roots[0] if roots else None
        static = (
            len(roots) == 1
            and root["valid_from"] <= before
            and (root["valid_to"] is None or root["valid_to"] > end)
            and not moved_units.exists()
        )
        return _Subtree(roots, units, moved_units, static)

    return shared(("members.subtree", org.pk, period), read)


def _crossings(org: Organization, period: Period) -> tuple[list[Crossing], list[Crossing]]:
    before, end = period.day_before, period.end
    tree = _subtree(org, period)
    roots, units, moved_units = tree.roots, tree.units, tree.moved_units
    # In today's boundaries what the subtree received counts in it until the day it passed
    # (received_on), so the members a new ward received are neither an increase nor a decrease.
    parts = received(org, before)  # a part received on the first day changes the day before too
    if not roots and not parts:
        return [], []
    if tree.static and not parts:
        return _static_crossings(units, period)
    candidates = MemberPeriod.objects.none()
    if roots:
        candidates = MemberPeriod.objects.filter(overlapping(before, end), org_id__in=units.values("org_id")).filter(
            _boundary_in(period.start, end) | Q(org_id__in=moved_units)
        )
    extra = received_on(org, before, before)
    if extra is not None:
        candidates |= MemberPeriod.objects.filter(overlapping(before, end), extra, _boundary_in(period.start, end))
    rows = list(candidates.values("id", "member_id", "org_id", "valid_from", "valid_to", "start_kind", "end_kind"))
    positions = defaultdict(list)
    unit_rows = OrgPeriod.objects.filter(overlapping(before, end), org_id__in=candidates.values("org_id"))
    for p in unit_rows.values("org_id", "path", "valid_from", "valid_to"):
        positions[p["org_id"]].append(p)

    def in_subtree(row: dict, day: dt.date) -> bool:
        if any(day < part.day and _passed(part, row) for part in parts):
            return True
        root = next((r for r in roots if _covers(r, day)), None)
        unit = next((p for p in positions[row["org_id"]] if _covers(p, day)), None)
        return root is not None and unit is not None and unit["path"].startswith(root["path"])

    by_member = defaultdict(list)
    for row in rows:
        by_member[row["member_id"]].append(row)
    entries, exits = [], []
    for member_id, periods in by_member.items():
        days = set()
        days.update(part.day for part in parts)
        for row in periods:
            days.update((row["valid_from"], row["valid_to"]))
            for p in positions[row["org_id"]]:
                days.update((p["valid_from"], p["valid_to"]))
        for day in sorted(d for d in days if d is not None and period.start <= d <= end):
            now = next((r for r in periods if _covers(r, day) and in_subtree(r, day)), None)
            then = next((r for r in periods if _covers(r, day - _ONE_DAY) and in_subtree(r, day - _ONE_DAY)), None)
            if now and not then:
                kind = now["start_kind"] if now["valid_from"] == day else EventKind.MOVED
                entries.append(Crossing(member_id, day, now["id"], kind))
            elif then and not now:
                kind = then["end_kind"] if then["valid_to"] == day else EventKind.MOVED
                exits.append(Crossing(member_id, day, then["id"], kind))
    return entries, exits


def _passed(part: Part, row: dict) -> bool:
    """Whether the member period `row` lies in what `part` passed: a unit received (with its
    subtree) or a member received, in the unit they came from."""
    if row["org_id"] in part.unit_ids:
        return True
    return row["member_id"] in part.member_ids and row["org_id"] in part.from_ids


def _static_crossings(units, period: Period) -> tuple[list[Crossing], list[Crossing]]:
    """`crossings` when neither the root nor any unit under it moved during the period (the common
    case): a member enters on day d when a period of theirs in the subtree starts on d and no other
    period of theirs in the subtree ends on d, and leaves the other way round. One query reads the
    subtree's periods that start or end in the period; the matching is done here (a correlated
    NOT EXISTS made PostgreSQL hash every period of the subtree, twice)."""
    start, end = period.start, period.end
    rows = list(
        MemberPeriod.objects.filter(org_id__in=units.values("org_id"))
        .filter(_boundary_in(start, end))
        .values_list("id", "member_id", "valid_from", "valid_to", "start_kind", "end_kind")
    )
    starting = {(m, f) for _, m, f, _, _, _ in rows if start <= f <= end}
    ending = {(m, t) for _, m, _, t, _, _ in rows if t is not None and start <= t <= end}
    entries = [Crossing(m, f, i, sk) for i, m, f, _, sk, _ in rows if start <= f <= end and (m, f) not in ending]
    exits = [
        Crossing(m, t, i, ek)
        for i, m, _, t, _, ek in rows
        if t is not None and start <= t <= end and (m, t) not in starting
    ]
    return entries, exits


def _static_flow_counts(units, period: Period) -> tuple[int, int]:
    """The numbers of entries and exits `_static_crossings` finds, counted by the database: the
    same periods, the same rule (a period starting on d is an entry unless another of the member's
    periods in the subtree ends on d, and the other way round), without carrying each province's
    tens of thousands of periods into Python (a third of the country's evaluation). One query."""
    start, end = period.start, period.end
    boundary = (
        MemberPeriod.objects.filter(org_id__in=units.values("org_id"))
        .filter(_boundary_in(start, end))
        .values("member_id", "valid_from", "valid_to")
    )
    inner, params = boundary.query.sql_with_params()
    sql = f"""
        WITH b AS ({inner}),
        days AS (
            SELECT member_id, valid_from AS day, 1 AS starts, 0 AS ends FROM b WHERE valid_from BETWEEN %s AND %s
            UNION ALL
            SELECT member_id, valid_to AS day, 0 AS starts, 1 AS ends FROM b WHERE valid_to BETWEEN %s AND %s
        ),
        per_day AS (SELECT SUM(starts) AS starts, SUM(ends) AS ends FROM days GROUP BY member_id, day)
        SELECT COALESCE(SUM(CASE WHEN ends = 0 THEN starts ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN starts = 0 THEN ends ELSE 0 END), 0)
        FROM per_day
    """
    with connection.cursor() as cursor:
        days = [connection.ops.adapt_datefield_value(d) for d in (start, end)]
        cursor.execute(sql, (*params, *days, *days))
        entries, exits = cursor.fetchone()
    return int(entries), int(exits)


def flow_counts(org: Organization, period: Period) -> dict:
    """The increase and decrease and how many periods are behind each: what `crossings` gives,
    counted in the database when nothing moved in the tree (the crossings then carry each period
    once; a whole year from the per-unit tallies, see tallies.models), else from `crossings`.
    Shared within one evaluation."""

    def count():
        tree = _subtree(org, period)
        if tree.roots and tree.static and not received(org, period.day_before):
            summed = None
            if period == Period.year(period.start.year):  # a whole year: the per-unit rows, when kept
                summed = tallies.flows(Q(path__startswith=tree.roots[0]["path"]), period.start.year)
            if summed is not None:
                entries, exits = summed["entries"], summed["exits"]
            else:
                entries, exits = _static_flow_counts(tree.units, period)
            return {"increase": entries, "decrease": exits, "increase_records": entries, "decrease_records": exits}
        entries, exits = crossings(org, period)
        return {
            "increase": len(entries),
            "decrease": len(exits),
            "increase_records": len({c.period_id for c in entries}),
            "decrease_records": len({c.period_id for c in exits}),
        }

    return shared(("members.flow_counts", org.pk, period), count)


def increase_periods(org: Organization, period: Period) -> QuerySet[MemberPeriod]:
    return MemberPeriod.objects.filter(pk__in=[c.period_id for c in crossings(org, period)[0]])


def decrease_periods(org: Organization, period: Period) -> QuerySet[MemberPeriod]:
    return MemberPeriod.objects.filter(pk__in=[c.period_id for c in crossings(org, period)[1]])


# How many periods are behind the flows: the distinct periods of the crossings (a period may carry
# a member in twice when its unit moves out and back in), without sending their ids back to count.


def _increase_count(org: Organization, period: Period) -> int:
    return flow_counts(org, period)["increase_records"]


def _decrease_count(org: Organization, period: Period) -> int:
    return flow_counts(org, period)["decrease_records"]


@indicator(
    "members.increase",
    "Đảng viên tăng trong kỳ",
    "đảng viên",
    records=increase_periods,
    records_count=_increase_count,
    targetable=False,
    order=24,
)
def increase(org: Organization, period: Period) -> int:
    return flow_counts(org, period)["increase"]


@indicator(
    "members.decrease",
    "Đảng viên giảm trong kỳ",
    "đảng viên",
    records=decrease_periods,
    records_count=_decrease_count,
    targetable=False,
    order=25,
)
def decrease(org: Organization, period: Period) -> int:
    return flow_counts(org, period)["decrease"]
