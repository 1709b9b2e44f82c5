"""Figures in today's boundaries or as they stood.

A ward formed on 1/7/2025 from parts of old wards reports on the whole of 2025 in its new
boundaries: the records of the cells and members it received, from before its formation, count as
its own ("in today's boundaries", the default). The old view — a record counts where its unit
stood on the record's day — stays available (`counted_as_stood()`, `dangvu indicators --as-stood`)
and is what a year closed before the reorganization keeps in its snapshot.

Units that received nothing after a period began are counted exactly as before: one indexed query
per unit and period finds that there is nothing to add.
"""

import contextlib
import datetime as dt
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q

from .models import Lineage, Organization

_AS_STOOD: ContextVar[bool] = ContextVar("org_counted_as_stood", default=False)


@contextlib.contextmanager
def counted_as_stood(flag: bool = True):
    """Within it, figures count records where their unit stood on the record's day (no lineage)."""
    token = _AS_STOOD.set(flag)
    try:
        yield
    finally:
        _AS_STOOD.reset(token)


def as_stood() -> bool:
    return _AS_STOOD.get()


@dataclass(frozen=True)
class Part:
    """What a subtree received on `day`: units (and everything under them today) and members,
    with the units those members came from."""

    day: dt.date
    unit_ids: tuple[int, ...]
    member_ids: tuple[int, ...]
    from_ids: tuple[int, ...]


def received(root: Organization, start: dt.date) -> list[Part]:
    """The parts units of `root`'s subtree (today) received after `start`, by day; [] as stood.
    One query when there are none (nearly always), three otherwise, once per root within an
    evaluation whatever the periods asked (a year's figures, its start, its flows)."""
    if as_stood():
        return []
    from dangvu.core.catalogue import shared  # the catalogue's per-evaluation memo

    return [p for p in shared(("orgs.received", root.pk), lambda: _received(root)) if p.day > start]


def _received(root: Organization) -> list[Part]:
    rows = list(
        Lineage.objects.filter(successor__path__startswith=root.path).values_list(
            "on", "unit_ids", "member_ids", "predecessor_id"
        )
    )
    if not rows:
        return []
    by_day = defaultdict(lambda: (set(), set(), set()))
    for day, unit_ids, member_ids, predecessor_id in rows:
        units, members, sources = by_day[day]
        units.update(unit_ids)
        members.update(member_ids)
        if member_ids:
            sources.add(predecessor_id)
    # Every unit under a received one, as the tree is today, read once for all the days: a unit
    # lies under a received one when that one's id is on its path.
    received_ids = set().union(*(units for units, _, _ in by_day.values()))
    under = Q(pk__in=[])
    for path in Organization.objects.filter(pk__in=received_ids).values_list("path", flat=True):
        under |= Q(path__startswith=path)
    below = [
        (pk, {int(x) for x in path.strip("/").split("/")})
        for pk, path in (Organization.objects.filter(under).values_list("pk", "path") if received_ids else ())
    ]
    parts = []
    for day, (units, members, sources) in sorted(by_day.items()):
        unit_ids = tuple(sorted(pk for pk, on_path in below if on_path & units))
        parts.append(Part(day, unit_ids, tuple(sorted(members)), tuple(sorted(sources))))
    return parts


def received_filter(
    root: Organization,
    start: dt.date,
    org_field: str,
    date_field: str,
    member_field: str | None = None,
    members_anywhere: bool = False,
) -> Q | None:
    """Records dated before the day they passed to `root`'s subtree, of the units it received
    (and, with `member_field`, of the members it received, in the units they came from — or made
    by any unit with `members_anywhere`, as a discipline decided by the old ward): what "today's
    boundaries" adds to "as it stood". None when nothing was received."""
    extra = None
    for part in received(root, start):
        before = Q(**{f"{date_field}__lt": part.day})
        qs = []
        if part.unit_ids:
            qs.append(Q(**{f"{org_field}__in": part.unit_ids}) & before)
        if member_field and part.member_ids:
            where = {f"{member_field}__in": part.member_ids}
            if not members_anywhere:
                where[f"{org_field}__in"] = part.from_ids
            qs.append(Q(**where) & before)
        for q in qs:
            extra = q if extra is None else extra | q
    return extra


def received_on(root: Organization, start: dt.date, day: dt.date) -> Q | None:
    """Member periods (`org_id`, `member_id`) in what `root`'s subtree received after `day` (of the
    parts received after `start`): the units it received and the members it received in the units
    they came from. In today's boundaries they count in the subtree at the end of `day`, so a unit
    formed during the year starts the year with its predecessors' parts. None when nothing."""
    extra = None
    for part in received(root, start):
        if part.day <= day:
            continue
        q = Q(org_id__in=part.unit_ids) if part.unit_ids else Q(pk__in=[])
        if part.member_ids:
            q |= Q(member_id__in=part.member_ids, org_id__in=part.from_ids)
        extra = q if extra is None else extra | q
    return extra


def received_unit_ids(root: Organization, start: dt.date) -> set[int]:
    """Ids of the units `root`'s subtree received whole after `start` (with everything under them)."""
    return {pk for part in received(root, start) for pk in part.unit_ids}


def predecessors(org: Organization, start: dt.date, end: dt.date) -> list[Organization]:
    """The units that passed part of themselves to `org`'s subtree between `start` and `end`
    (inclusive), named as a report would: a cell's ward rather than the cell."""
    from .models import Level

    ids = Lineage.objects.filter(on__gt=start, on__lte=end, successor__path__startswith=org.path).values(
        "predecessor_id"
    )
    named = {}
    for unit in Organization.objects.filter(pk__in=ids).select_related("parent"):
        shown = unit.parent if unit.level == Level.CELL and unit.parent else unit
        if not shown.path.startswith(org.path):
            named[shown.pk] = shown
    return sorted(named.values(), key=lambda o: o.name_key)
