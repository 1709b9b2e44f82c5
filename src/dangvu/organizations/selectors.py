"""Reads of the organization tree, today or as of a past date."""

import datetime as dt

from django.db import connections
from django.db.models import BigIntegerField, CharField, Count, DateField, ExpressionWrapper, F, Q, QuerySet

from dangvu.core import compiled
from dangvu.core.catalogue import shared
from dangvu.core.compiled import Slot, StartsWith
from dangvu.core.prepared import prepared
from dangvu.core.text import natural_key

from .models import GRASSROOTS_LEVELS, Organization, OrgPeriod
from .versions import Kept


def covering(day: dt.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to) interval covers `day`."""
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def path_on(org: Organization, day: dt.date) -> str | None:
    """The organization's path in the tree as it was on `day` (None if it did not exist then).
    Compiled once (core.compiled): nearly every page and figure asks it."""
    found = compiled.rows(OrgPeriod, ("organizations.path-on",), _path_on, org=org.pk, day=day)
    return found[0] if found else None


def _path_on():
    unit = Slot("org", Organization._meta.pk)
    return OrgPeriod.objects.filter(covering(_DAY), org_id=unit).order_by("id").values_list("path", flat=True)[:1]


# The slots of the compiled reads of a subtree on a day: the day, and the subtree's path that day.
_DAY = Slot("day", DateField())
_PATH = Slot("path", CharField())


def subtree_on_slots() -> Q:
    """The periods of a subtree on a day, as `subtree_periods_on` selects them, for a query
    compiled once (core.compiled) with the values `day` and `path` (the root's `path_on` that day)."""
    return covering(_DAY) & Q(StartsWith(F("path"), _PATH))


def subtree_paths_on(root_path: str | None, day: dt.date) -> list[tuple[int, str]]:
    """(unit id, path) of every unit of the subtree at `root_path` on `day` (`path_on`), as the
    tree stood that day: `subtree_periods_on`'s units, by a query compiled once (a unit's page)."""
    if root_path is None:
        return []

    def build():
        return OrgPeriod.objects.filter(subtree_on_slots()).values_list("org_id", "path")

    return compiled.rows(OrgPeriod, ("organizations.subtree-paths",), build, day=day, path=root_path)


def subtree_periods_on(root: Organization, day: dt.date) -> QuerySet[OrgPeriod]:
    """The periods of `root` and every unit under it on `day`, as the tree stood that day.
    Two queries whatever the size of the subtree: the root's path then, and an indexed prefix match."""
    root_path = path_on(root, day)
    if root_path is None:
        return OrgPeriod.objects.none()
    return OrgPeriod.objects.filter(covering(day), path__startswith=root_path)


def subtree_ids_on(root: Organization, day: dt.date) -> QuerySet:
    """Ids of `root` and every unit under it on `day`."""
    return subtree_periods_on(root, day).values("org_id")


def unit_ids(periods: QuerySet[OrgPeriod]) -> QuerySet:
    """The units of `periods` for a record filter's `IN (subquery)`, as `org_id + 0`: PostgreSQL
    then hashes the subtree's few thousand ids or probes the records' index with each, instead of
    merge-joining on the positions' org_id index from the smallest id (it walked every position
    below the province's first unit: 30-50 ms a province and a figure on the country's small
    record tables, ten times the hash). The values are the same."""
    return periods.values(unit=ExpressionWrapper(F("org_id") + 0, output_field=BigIntegerField())).values("unit")


def overlapping(start: dt.date, end: dt.date) -> Q:
    """Rows whose [valid_from, valid_to) interval meets the days [start, end] (inclusive)."""
    return Q(valid_from__lte=end) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start))


def _under_root_during(root: Organization, start: dt.date, end: dt.date) -> Q | None:
    """Paths under any position `root` held during [start, end] (one query, once per root and
    period within one evaluation: nearly every figure asks it, 40 times a root, 2.500 times for the
    country's 63 provinces), or None if it did not exist then."""

    def read():
        root_paths = OrgPeriod.objects.filter(overlapping(start, end), org_id=root.pk).values_list("path", flat=True)
        under = None
        for p in sorted(set(root_paths)):
            under = Q(path__startswith=p) if under is None else under | Q(path__startswith=p)
        return under

    return shared(("orgs.under_root", root.pk, start, end), read)


def subtree_ids_during(root: Organization, start: dt.date, end: dt.date) -> QuerySet:
    """Ids of the units that stood under `root` at some time in [start, end] (inclusive), as the
    tree stood then: the units to count a period's events in, even those merged away mid-period.
    In today's boundaries (lineage.py) also the units the subtree received whole after `start`.
    Two queries whatever the size of the subtree (three when it received units)."""
    from .lineage import received_unit_ids

    under = _under_root_during(root, start, end)
    extra = received_unit_ids(root, start)
    if under is None and not extra:
        return OrgPeriod.objects.none().values("org_id")
    where = overlapping(start, end) & under if under is not None else Q(pk__in=[])
    if extra:
        where |= Q(org_id__in=extra)
    return unit_ids(OrgPeriod.objects.filter(where)).distinct()


def _subtree_edge(root: Organization, start: dt.date, end: dt.date) -> tuple[Q | None, bool]:
    """(`_under_root_during`, whether a unit under the root during [start, end] also stood outside
    it then). Two queries, once per root and period within one indicator evaluation (every figure
    filtered by `stood_under` asks the same).

    The check reads the subtree's positions that begin or end inside the period (prefix index)
    and looks up only those units' other positions: asked as "any unit of the subtree with a
    position outside it" with LIMIT 1, PostgreSQL walked the whole unit table hoping to stop
    early, or hashed it (40-300 ms a province on the country)."""
    from django.db.models import Exists, OuterRef

    def edge():
        under = _under_root_during(root, start, end)
        if under is None:
            return None, False
        # A unit's positions do not overlap, so one that stood both under and outside the root
        # during the period has a position under it beginning or ending inside the period: only
        # those (nearly always none) are looked up elsewhere.
        moved = Q(valid_from__gt=start) | Q(valid_to__lte=end)
        units = OrgPeriod.objects.filter(overlapping(start, end) & under).filter(moved)
        elsewhere = OrgPeriod.objects.filter(overlapping(start, end), org_id=OuterRef("org_id")).exclude(under)
        return under, units.filter(Exists(elsewhere)).count() > 0

    return shared(("orgs.subtree_edge", root.pk, start, end), edge)


def stood_under(
    root: Organization,
    start: dt.date,
    end: dt.date,
    org_field: str = "org_id",
    date_field: str = "date",
    member_field: str | None = None,
    members_anywhere: bool = False,
):
    """A filter for records dated in [start, end] whose unit stood under `root` on the record's
    own date — so a unit moved mid-period counts its records before the move for the old
    superior and after it for the new one, never for both. Two queries for the root's paths and
    whether any unit crossed the subtree's edge in the period; when none did (nearly always), a
    plain `IN` the units, else a correlated EXISTS inside the caller's query.

    In today's boundaries (the default, lineage.py) the records the subtree received by a
    reorganization after `start` are added: those of the units it received, dated before they
    passed, and with `member_field` those of the members it received (made in the units they came
    from, or by any unit with `members_anywhere`)."""
    from django.db.models import Exists, OuterRef

    from .lineage import received_filter

    extra = received_filter(root, start, org_field, date_field, member_field, members_anywhere)
    under, crossed = _subtree_edge(root, start, end)
    if under is None:
        return extra if extra is not None else Q(pk__in=[])
    if not crossed:
        base = Q(**{f"{org_field}__in": unit_ids(OrgPeriod.objects.filter(overlapping(start, end) & under))})
    else:
        day = OuterRef(date_field)
        positions = OrgPeriod.objects.filter(under, org_id=OuterRef(org_field), valid_from__lte=day)
        base = Q(Exists(positions.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))))
    return base if extra is None else base | extra


def paths_stood_under(root: Organization, start: dt.date, end: dt.date) -> Q | None:
    """A filter on a `path` (the root's paths during [start, end]) that picks what `stood_under`
    picks by unit when that is by unit alone: no unit crossed the subtree's edge in the period and
    the subtree received nothing after `start` (nearly always), so a per-unit sum keyed by the
    unit's place (tallies) means the same. None otherwise: the caller filters the records
    themselves. The same shared readings as `stood_under`, so asking both costs nothing more."""
    from .lineage import received

    if received(root, start):
        return None
    under, crossed = _subtree_edge(root, start, end)
    if under is None or crossed:
        return None
    return under


def paths_under_on(root: Organization, day: dt.date) -> Q | None:
    """A filter on a `path`: under the root's place on `day` (None if it did not stand then). The
    same reading `stood_under` shares for that day."""
    return _under_root_during(root, day, day)


def subtree_now(root: Organization) -> QuerySet[Organization]:
    """`root` and every unit under it in today's tree, dissolved ones included."""
    return Organization.objects.filter(path__startswith=root.path)


def tree_on(root: Organization, day: dt.date) -> list[tuple[Organization, int]]:
    """The tree under `root` as it stood on `day`, in display order, with each unit's depth
    below `root`."""
    periods = list(subtree_periods_on(root, day).select_related("org"))
    base = min((p.path.count("/") for p in periods), default=0)
    periods.sort(key=lambda p: _display_key(p.path, {q.org_id: q.org for q in periods}))
    return [(p.org, p.path.count("/") - base) for p in periods]


def _display_key(path: str, orgs: dict) -> list:
    ids = [int(x) for x in path.strip("/").split("/")]
    return [(natural_key(orgs[i].name) if i in orgs else b"", i) for i in ids]


def grassroots_now(root: Organization) -> QuerySet[Organization]:
    return subtree_now(root).filter(level__in=GRASSROOTS_LEVELS, dissolved_on__isnull=True)


def children_now(org: Organization, include_dissolved: bool = False) -> list[Organization]:
    """The units directly under `org`, in natural order ("số 2" before "số 10")."""
    qs = org.children.order_by()  # sorted here; the ORDER BY path cost a unit's page ~0,2 ms of CPU
    if not include_dissolved:
        qs = qs.filter(dissolved_on__isnull=True)
    return _in_natural_order(qs)


def _in_natural_order(siblings) -> list[Organization]:
    return sorted(siblings, key=lambda o: (natural_key(o.name), o.path))


def in_tree_order(units) -> list[Organization]:
    """`units` (any iterable or queryset) as the tree lists them: each under its superior, siblings
    in natural order ("số 3" before "số 10"), which ordering by path (ids as text) does not give.
    Each unit gets `superior_name`. One query for the names of their superiors."""
    units = list(units)
    ids = {int(x) for o in units for x in o.path.strip("/").split("/")}
    named = {pk: _Named(name) for pk, name in Organization.objects.filter(pk__in=ids).values_list("pk", "name")}
    for o in units:  # read by the pickers, which search a cell by its ward's name too
        o.superior_name = named[o.parent_id].name if o.parent_id in named else ""
    return sorted(units, key=lambda o: _display_key(o.path, named))


class _Named:
    """What _display_key reads of a unit: its name."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


def ancestors_and_children(org: Organization) -> tuple[list[Organization], list[Organization]]:
    """`ancestors(org)` and `children_now(org, include_dissolved=True)` from one query (a unit's page
    shows both)."""
    ids = _ancestor_ids(org)
    pk = Organization._meta.pk

    def build():  # one query a depth, compiled once (core.compiled)
        return Organization.objects.order_by().filter(
            Q(pk__in=[Slot(f"above{i}", pk) for i in range(len(ids))]) | Q(parent_id=Slot("unit", pk))
        )

    with prepared():  # by keys: one plan for every unit (core.prepared)
        found = compiled.rows(
            Organization, ("organizations.around", len(ids)), build, unit=org.pk,
            **{f"above{i}": above for i, above in enumerate(ids)},
        )  # fmt: skip
    by_id = {o.pk: o for o in found if o.parent_id != org.pk}
    children = [o for o in found if o.parent_id == org.pk]
    return [by_id[i] for i in ids if i in by_id], _in_natural_order(children)


def _ancestor_ids(org: Organization) -> list[int]:
    return [int(x) for x in org.path.strip("/").split("/")[:-1]]


def ancestors(org: Organization) -> list[Organization]:
    """From the root down to `org`'s superior, as the tree is today."""
    ids = _ancestor_ids(org)
    by_id = Organization.objects.order_by().in_bulk(ids)  # put in order here, not by the database
    return [by_id[i] for i in ids if i in by_id]


def _alive_now(root: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(
        path__startswith=root.path, founded_on__lte=dt.date.today(), dissolved_on__isnull=True
    )


# Depths counted by one query of units_by_depth(at_most=…); a deeper tree takes another.
DEPTHS_A_QUERY = 6


def units_by_depth(root: Organization, at_most: int | None = None) -> dict[int, int]:
    """How many units today's tree has at each depth under `root` (`root` included), the depths
    with none left out. One query, read from an index alone on PostgreSQL.

    With `at_most`, no depth is counted past it (a count of `at_most` means "at least that many"):
    what a choice list of a few hundred units and the search's choice of index need to know. A
    city's one tree holds 30.000 units: counted whole, 10-16 ms of every member list and search;
    at most 1.001 a depth, each depth read from the (depth, path) index, ~1 ms."""
    if at_most is None:
        return dict(_alive_now(root).values_list("depth").annotate(n=Count("*")).order_by())
    counts, first = {}, root.depth
    while True:
        depths = range(first, first + DEPTHS_A_QUERY)
        found = _counted_to(root, depths, at_most)
        counts.update((depth, n) for depth, n in found if n)
        if not counts.get(depths[-1]):  # the tree ends within these depths
            return counts
        first = depths[-1] + 1


def _counted_to(root: Organization, depths: range, at_most: int) -> list[tuple[int, int]]:
    """[(depth, its units counted up to at_most)] for `depths`, in one statement: each depth's
    units read from the (depth, path) index until at_most are found. The subtree's condition is
    compiled once a connection (core.compiled; a queryset a depth cost ~0,1 ms each, compiling
    the subtree's ~0,4 ms) and its statement, which ends with its WHERE clause, narrowed to each
    depth."""
    sql, params, alias = compiled.statement(
        Organization, ("organizations.alive-depths",), _alive_under_depths, path=root.path, today=dt.date.today()
    )
    connection = connections[alias]
    depth_column = f"{connection.ops.quote_name(Organization._meta.db_table)}.{connection.ops.quote_name('depth')}"
    parts = [
        f"SELECT {d}, COUNT(*) FROM ({sql} AND {depth_column} = {d} LIMIT {int(at_most)}) AS d{d}"
        for d in map(int, depths)
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params * len(parts))
        return cursor.fetchall()


_TODAY = Slot("today", DateField())


def _alive_under() -> QuerySet[Organization]:
    """`_alive_now` with the root's path and today's date given at each run (core.compiled)."""
    return Organization.objects.filter(StartsWith(F("path"), _PATH), founded_on__lte=_TODAY, dissolved_on__isnull=True)


def _alive_under_depths() -> QuerySet[Organization]:
    return _alive_under().order_by().values("depth")


# 64 lists of at most UNIT_CHOICES units: a few MB a process at most, one list a scope (and unit asked).
_CHOICES = Kept(size=64)


def tree_choices(
    root: Organization, max_rows: int, at_most: int, keep: Organization | None = None
) -> tuple[dict[int, int], list[tuple[Organization, int]]]:
    """`units_by_depth(root, at_most)` and `tree_now(root, max_rows, keep, per_depth)` — what every
    member list offers to choose from — kept per process for the tree as it is (versions.Kept: one
    small query instead of two reads of the subtree, ~2 ms of PostgreSQL and ~0,6 of Python on the
    city). Today is part of the key: a unit founded or dissolved at midnight changes the list. The
    units are shared by the requests that get them: read them, do not change them."""

    def compute():
        per_depth = units_by_depth(root, at_most=at_most)
        return per_depth, tree_now(root, max_rows, keep=keep, per_depth=per_depth)

    # The root's place too: the caller's instance may be older than the version read (a move
    # committed in between), and its path is what the reads use.
    key = ("tree-choices", root.pk, root.path, root.depth, max_rows, at_most, keep.pk if keep else None,
           dt.date.today())  # fmt: skip
    return _CHOICES.get(key, compute)


def tree_now(
    root: Organization, max_rows: int, keep: Organization | None = None, per_depth: dict[int, int] | None = None
) -> list[tuple[Organization, int]]:
    """Today's tree under `root` in display order with depths, as deep as it goes without passing
    `max_rows` units (a district lists its cells, a province stops at its grassroots, the country
    at its provinces) — a choice list, not the whole tree of a province's five thousand units.
    `keep`, a unit under `root`, is listed whatever its depth. Two queries, one if the caller
    has `units_by_depth(root)` already (`per_depth`)."""
    if per_depth is None:
        per_depth = units_by_depth(root)
    deepest, total = root.depth, 0
    for depth in sorted(per_depth):
        total += per_depth[depth]
        if total > max_rows and depth > root.depth + 1:  # the root's own units are always listed
            break
        deepest = depth
    shallow = deepest <= root.depth + 1

    def build():
        unit = Organization._meta.pk
        shown = Q(depth__lte=Slot("deepest", Organization._meta.get_field("depth")))
        if shallow:
            # The root and its own units (a province's districts): found through the parent's
            # index, not by testing the depth of every unit in the subtree's range (a province's
            # 5.773: ~3 ms of PostgreSQL against 0,05).
            shown = Q(pk=Slot("root", unit)) | Q(parent_id=Slot("root", unit))
        if keep is not None:
            shown |= Q(pk=Slot("keep", unit))
        return _alive_under().filter(shown).only("id", "name", "name_key", "path", "depth", "level")

    # Compiled once a connection for each shape (core.compiled): ~0,4 ms of every member list.
    orgs = compiled.rows(
        Organization, ("organizations.tree-now", shallow, keep is not None), build,
        path=root.path, today=dt.date.today(), deepest=deepest, root=root.pk, keep=keep.pk if keep else None,
    )  # fmt: skip
    by_id = {o.pk: o for o in orgs}
    orgs.sort(key=lambda o: _display_key(o.path, by_id))
    return [(o, o.depth - root.depth) for o in orgs]
