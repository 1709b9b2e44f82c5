"""Keeping the UnitYear rows equal to the member periods and events they are derived from.

Every write of periods or events changes the rows by what it changed, in its own transaction:
`_rebuild` (behind every member service) gives the member's periods before and after and the event
it added, core.bulk's inserts (the import, the demo) the rows they inserted. A period covers the
year-ends of [the year of its first day, the year before its `valid_to`] (valid_to is the first day
it no longer covers), up to the horizon. With no horizon nothing is kept and the figures count live.
`tally_fill` recomputes everything: after the synthetic loader's COPY, or to move the horizon on.

Each row carries the unit's place at the end of its year (`path`, see models.py): set when the row
is made, and for the moved units' rows of the move's year and after by `places_changed`."""

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from dangvu.members.models import EventKind, MemberPeriod, Standing
from dangvu.organizations.models import OrgPeriod

from .models import COUNTED, Horizon, UnitYear

_ONE_DAY = dt.timedelta(days=1)

COLUMNS = COUNTED
ADMITTED, STARTED, ENDED, PAIRS = 5, 6, 7, 8
_SPANNED = 5  # the counts of the members at a year's end (total … suspended), first in COLUMNS


def horizon() -> int | None:
    return Horizon.objects.values_list("year", flat=True).first()


def member_periods_before(member_id: int | None) -> tuple[int | None, list[tuple]]:
    """(the horizon, the member's periods as (org_id, standing, activity, valid_from, valid_to)),
    read before a rebuild replaces them; no periods are read when no horizon is kept."""
    year = horizon()
    if year is None or member_id is None:
        return year, []
    rows = MemberPeriod.objects.filter(member_id=member_id)
    return year, list(rows.values_list("org_id", "standing", "activity", "valid_from", "valid_to"))


class _Changes:
    """What a write adds to the rows: {(org_id, year): [COLUMNS…]}."""

    def __init__(self, last_year: int):
        self.last_year = last_year
        self.units = defaultdict(lambda: [0] * len(COLUMNS))
        # The year-end counts a period adds to each year it spans, kept as what changes at its
        # first year and back after its last, and spread over the years by apply(): a member in
        # the Party since 1990 spans 36 years, and counting them year by year was ~30 µs a period
        # (a sixth of the member import's own CPU on PostgreSQL).
        self.spans = defaultdict(lambda: [0] * _SPANNED)

    def period(self, sign: int, org_id, standing, activity, start: dt.date, end: dt.date | None) -> None:
        last_year = self.last_year
        last = min(last_year, end.year - 1) if end is not None else last_year
        if start.year <= last:
            values = (
                sign,
                sign if standing == Standing.PROBATIONARY else 0,
                sign if standing == Standing.FULL else 0,
                sign if activity == "exempt" else 0,
                sign if activity == "suspended" else 0,
            )
            first = self.spans[(org_id, start.year)]
            for i, v in enumerate(values):
                first[i] += v
            if last < last_year:
                after = self.spans[(org_id, last + 1)]
                for i, v in enumerate(values):
                    after[i] -= v
        if start.year <= last_year:
            self.units[(org_id, start.year)][STARTED] += sign
        if end is not None and end.year <= last_year:
            self.units[(org_id, end.year)][ENDED] += sign

    def pairs(self, sign: int, periods: list[tuple], places: "Places", keep=None) -> None:
        """One member's periods as (org_id, …, valid_from, valid_to): each pair (`_pairs_of`) is
        counted at the two units' lowest common superior on its day (see models.py); with `keep`,
        only the pairs (beginning unit, ending unit, day) it accepts."""
        for org_id, other_id, day in _pairs_of(periods, self.last_year):
            if keep is None or keep(org_id, other_id, day):
                common = places.common(org_id, day, other_id, day - _ONE_DAY)
                if common is not None:
                    self.units[(common, day.year)][PAIRS] += sign

    def member(self, sign: int, periods: list[tuple]) -> None:
        """One member's periods as (org_id, standing, activity, valid_from, valid_to)."""
        for org_id, standing, activity, start, end in periods:
            self.period(sign, org_id, standing, activity, start, end)

    def admitted(self, org_id, day: dt.date) -> None:
        if org_id is not None and day.year <= self.last_year:
            self.units[(org_id, day.year)][ADMITTED] += 1

    def _spread(self) -> None:
        """The periods' counts (`spans`) added to each year they span, unit by unit up to the last year."""
        by_unit = defaultdict(dict)
        for (org_id, year), change in self.spans.items():
            by_unit[org_id][year] = change
        for org_id, changes in by_unit.items():
            counts = [0] * _SPANNED
            for year in range(min(changes), self.last_year + 1):
                change = changes.get(year)
                if change is not None:
                    counts = [c + d for c, d in zip(counts, change, strict=True)]
                if any(counts):
                    row = self.units[(org_id, year)]
                    for i, c in enumerate(counts):
                        row[i] += c
        self.spans.clear()

    def apply(self) -> None:
        """Add the changes to the rows, making those missing: INSERT … ON CONFLICT (SQLite and
        PostgreSQL), one statement for up to 500 rows."""
        self._spread()
        units = [(org_id, year, *values) for (org_id, year), values in self.units.items() if any(values)]
        _add(UnitYear, ("org_id", "year"), COLUMNS, units, connection.ops.quote_name)
        if units:  # the rows just made have no place yet
            _place(UnitYear.objects.filter(org_id__in={u[0] for u in units}, path=""))


def _place(rows) -> int:
    """Set the `path` of the UnitYear `rows` to their unit's place at the end of the row's year: the
    path of its last position begun by 31/12 (one UPDATE, the positions read by their unit)."""
    last = OrgPeriod.objects.filter(org_id=OuterRef("org_id"), valid_from__year__lte=OuterRef("year"))
    return rows.update(path=Coalesce(Subquery(last.order_by("-valid_from").values("path")[:1]), Value("")))


def places_changed(sender, units: list[int], on: dt.date, old_prefix: str, new_prefix: str, **kwargs) -> None:
    """organizations.signals.positions_changed: the units moved on `on` from under `old_prefix` to
    under `new_prefix`. Their rows of that year and after follow them (those before keep the place
    they had), and the pairs of that day and after with one side in a moved unit are counted again
    at their common superior in the tree as it now stands (a move dated before transfers already
    recorded changes where they met)."""
    if not units:
        return
    _place(UnitYear.objects.filter(org_id__in=units, year__gte=on.year))
    last_year = horizon()
    if last_year is None or on.year > last_year:
        return
    moved = set(units)
    touched = MemberPeriod.objects.filter(org_id__in=moved).filter(Q(valid_from__gte=on) | Q(valid_to__gte=on))
    by_member = defaultdict(list)
    rows = MemberPeriod.objects.filter(member_id__in=touched.values("member_id"))
    for member_id, *period in rows.values_list("member_id", "org_id", "standing", "activity", "valid_from", "valid_to"):
        by_member[member_id].append(tuple(period))
    if not by_member:
        return
    org_ids = {p[0] for periods in by_member.values() for p in periods}
    now, before = Places(org_ids), Places(org_ids, moved=(moved, on, old_prefix, new_prefix))
    changes = _Changes(last_year)

    def meets_a_moved_unit(org_id, other_id, day) -> bool:
        return day >= on and (org_id in moved or other_id in moved)

    for periods in by_member.values():
        changes.pairs(-1, periods, before, keep=meets_a_moved_unit)
        changes.pairs(1, periods, now, keep=meets_a_moved_unit)
    changes.apply()


class Places:
    """Where units stood in the tree on given days, read in one query for the units asked (None:
    all): what a pair's common superior is found with. `moved` maps a unit's place from a day on
    back to the place it had before a move (places_changed's old places)."""

    def __init__(self, org_ids, moved: tuple | None = None):
        self.positions = defaultdict(list)
        rows = OrgPeriod.objects.all() if org_ids is None else OrgPeriod.objects.filter(org_id__in=set(org_ids))
        rows = rows.values_list("org_id", "valid_from", "valid_to", "path")
        for org_id, start, end, path in rows:
            self.positions[org_id].append((start, end, path))
        self.moved = moved  # (unit ids, on, old prefix, new prefix)

    def path(self, org_id, day: dt.date) -> str | None:
        if self.moved is not None and org_id in self.moved[0] and day >= self.moved[1]:
            _, on, old, new = self.moved
            now = self.path_now(org_id, day)
            return None if now is None else old + now[len(new) :]
        return self.path_now(org_id, day)

    def path_now(self, org_id, day: dt.date) -> str | None:
        for start, end, path in self.positions.get(org_id, ()):
            if start <= day and (end is None or day < end):
                return path
        return None

    def common(self, org_id, day: dt.date, other_id, other_day: dt.date) -> int | None:
        """The lowest unit above or at both `org_id` on `day` and `other_id` on `other_day`."""
        if org_id == other_id:  # a recognition, an exemption: the unit itself, wherever it stands
            return org_id
        a, b = self.path(org_id, day), self.path(other_id, other_day)
        if a is None or b is None:
            return None
        return _common(a, b)


def _common(a: str, b: str) -> int | None:
    """The last unit two paths ("/1/5/17/") share."""
    last = None
    for x, y in zip(a.strip("/").split("/"), b.strip("/").split("/"), strict=False):
        if x != y:
            break
        last = int(x)
    return last


def _pairs_of(periods: list[tuple], last_year: int) -> list[tuple]:
    """The days in the kept years on which one of a member's periods (org_id, …, valid_from,
    valid_to) ends and another begins — a recognition, a transfer, a unit's members moved — as
    (the beginning period's unit, the ending period's unit, the day)."""
    ends = {p[4]: p[0] for p in periods if p[4] is not None and p[4].year <= last_year}
    return [(p[0], ends[p[3]], p[3]) for p in periods if p[3] in ends]


def _places_for(changes: "_Changes", *members: list[tuple]) -> "Places | None":
    """The places of the units of the members' periods when they make a pair in the kept years
    (None: no pair, nothing read)."""
    if not any(_pairs_of(periods, changes.last_year) for periods in members):
        return None
    return Places(p[0] for periods in members for p in periods)


def _add(model, keys: tuple, columns: tuple, rows: list[tuple], qn) -> None:
    if not rows:
        return
    table = qn(model._meta.db_table)
    names = ", ".join(qn(c) for c in (*keys, *columns))
    added = ", ".join(f"{qn(c)} = {table}.{qn(c)} + excluded.{qn(c)}" for c in columns)
    one = "(" + ", ".join(["%s"] * (len(keys) + len(columns))) + ")"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array a column: 500 rows of VALUES were a 20 KB statement that psycopg split and
            # filled on the client, twice for each batch of an import (~10 µs a member).
            types = [model._meta.get_field(c).db_type(connection) for c in (*keys, *columns)]
            arrays = ", ".join(f"%s::{t}[]" for t in types)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) "
                f"ON CONFLICT ({', '.join(qn(k) for k in keys)}) DO UPDATE SET {added}",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))} "
                f"ON CONFLICT ({', '.join(qn(k) for k in keys)}) DO UPDATE SET {added}",
                [v for row in chunk for v in row],
            )


def periods_replaced(last_year: int | None, before: list[tuple], after, admitted=()) -> None:
    """A member's periods went from `before` (as member_periods_before reads them) to `after`
    (members.rules periods), and the admission events `admitted` ((org_id, day)) were added."""
    if last_year is None:
        return
    changes = _Changes(last_year)
    after = [(p.org_id, p.standing, p.activity, p.valid_from, p.valid_to) for p in after]
    changes.member(-1, before)
    changes.member(1, after)
    places = _places_for(changes, before, after)
    if places is not None:
        changes.pairs(-1, before, places)
        changes.pairs(1, after, places)
    for org_id, day in admitted:
        changes.admitted(org_id, day)
    changes.apply()


def periods_inserted(sender, rows: list[dict], **kwargs) -> None:
    """core.bulk inserted member periods (an import, the demo)."""
    last_year = horizon()
    if last_year is None:
        return
    changes = _Changes(last_year)
    periods = [(r["org_id"], r["standing"], r["activity"], r["valid_from"], r["valid_to"]) for r in rows]
    changes.member(1, periods)
    places = _places_for(changes, periods)
    if places is not None:  # members inserted whole: a member's periods are all among `rows`
        by_member = defaultdict(list)
        for r, p in zip(rows, periods, strict=True):
            by_member[r["member_id"]].append(p)
        for own in by_member.values():
            changes.pairs(1, own, places)
    changes.apply()


def events_inserted(sender, rows: list[dict], **kwargs) -> None:
    """core.bulk inserted member events: the admissions among them count."""
    admitted = [(r["org_id"], r["date"]) for r in rows if r["kind"] == EventKind.ADMITTED and r.get("org_id")]
    if not admitted:
        return
    last_year = horizon()
    if last_year is None:
        return
    changes = _Changes(last_year)
    for org_id, day in admitted:
        changes.admitted(org_id, day)
    changes.apply()


@transaction.atomic
def tally_fill(*, last_year: int | None = None) -> int:
    """Recompute every row from the periods and events, up to `last_year` (default: next year),
    and keep the rows from then on. Returns the number of unit rows. On the country (13 million
    periods) some minutes, the periods and events locked against writes meanwhile (PostgreSQL)."""
    last_year = last_year or dt.date.today().year + 1
    qn = connection.ops.quote_name
    periods, events = qn(MemberPeriod._meta.db_table), qn("members_memberevent")
    units = qn(UnitYear._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # no write may slip between the reading and the rows
            cursor.execute(f"LOCK TABLE {periods}, {events} IN SHARE MODE")
        cursor.execute(f"SELECT MIN(valid_from) FROM {periods}")
        first = cursor.fetchone()[0]
        cursor.execute(f"DELETE FROM {units}")
        Horizon.objects.all().delete()
        Horizon.objects.create(year=last_year)
        if first is None:
            return 0
        first_year = (dt.date.fromisoformat(first) if isinstance(first, str) else first).year
        # The years as a derived table both databases read: (year, 1 January, 31 December).
        days = " UNION ALL ".join(["SELECT %s AS year, %s AS first_day, %s AS last_day"] * (last_year - first_year + 1))
        years = []
        for y in range(first_year, last_year + 1):
            years += [y, *(connection.ops.adapt_datefield_value(d) for d in (dt.date(y, 1, 1), dt.date(y, 12, 31)))]

        def in_year(day: str) -> str:
            return f"JOIN ({days}) y ON {day} BETWEEN y.first_day AND y.last_day"

        def only(column: str) -> str:  # 1 in `column`, 0 in the others
            return ", ".join("1" if c == column else "0" for c in COLUMNS)

        cursor.execute(
            f"""
            INSERT INTO {units} ({", ".join(qn(c) for c in ("org_id", "year", *COLUMNS))})
            SELECT org_id, year, {", ".join(f"SUM({qn(c)})" for c in COLUMNS)}
            FROM (
                SELECT p.org_id, y.year, 1 AS total,
                       CASE WHEN p.standing = %s THEN 1 ELSE 0 END AS probationary,
                       CASE WHEN p.standing = %s THEN 1 ELSE 0 END AS full_members,
                       CASE WHEN p.activity = 'exempt' THEN 1 ELSE 0 END AS exempt,
                       CASE WHEN p.activity = 'suspended' THEN 1 ELSE 0 END AS suspended,
                       0 AS admitted, 0 AS started, 0 AS ended, 0 AS pairs
                FROM {periods} p JOIN ({days}) y
                  ON p.valid_from <= y.last_day AND (p.valid_to IS NULL OR p.valid_to > y.last_day)
                UNION ALL
                SELECT e.org_id, y.year, {only("admitted")}
                FROM {events} e {in_year("e.date")}
                WHERE e.kind = %s AND e.org_id IS NOT NULL
                UNION ALL
                SELECT p.org_id, y.year, {only("started")} FROM {periods} p {in_year("p.valid_from")}
                UNION ALL
                SELECT p.org_id, y.year, {only("ended")} FROM {periods} p {in_year("p.valid_to")}
                UNION ALL
                SELECT p.org_id, y.year, {only("pairs")}
                FROM {periods} p JOIN {periods} q ON q.member_id = p.member_id AND q.valid_to = p.valid_from
                {in_year("p.valid_from")}
                WHERE q.org_id = p.org_id
            ) AS counted
            GROUP BY org_id, year
            """,
            [Standing.PROBATIONARY, Standing.FULL, *years, *years, EventKind.ADMITTED, *years, *years, *years],
        )
        made = cursor.rowcount
        last_day = connection.ops.adapt_datefield_value(dt.date(last_year, 12, 31))
        _fill_pairs_across(last_year, last_day)
    _place(UnitYear.objects.all())
    return made


def _fill_pairs_across(last_year: int, last_day) -> None:
    """The pairs between two units (a transfer, a member moved with their unit), each at the
    units' common superior on its day (those within one unit are counted by tally_fill's SQL).
    Read grouped by units and day with the database's streaming cursor; the places of every unit
    in memory (the country: ~700.000 positions), the superior of two units that never moved found
    once."""
    qn = connection.ops.quote_name
    periods = qn(MemberPeriod._meta.db_table)
    places = Places(None)
    fixed = {org_id for org_id, positions in places.positions.items() if len(positions) == 1}
    found: dict[tuple, int | None] = {}
    counts: dict[tuple, int] = defaultdict(int)
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            f"""
            SELECT p.org_id, q.org_id, p.valid_from, COUNT(*)
            FROM {periods} p JOIN {periods} q ON q.member_id = p.member_id AND q.valid_to = p.valid_from
            WHERE q.org_id <> p.org_id AND p.valid_from <= %s
            GROUP BY p.org_id, q.org_id, p.valid_from
            """,
            [last_day],
        )
        while chunk := cursor.fetchmany(10_000):
            for org_id, other_id, day, n in chunk:
                day = dt.date.fromisoformat(day) if isinstance(day, str) else day
                if org_id in fixed and other_id in fixed:
                    key = (org_id, other_id)
                    if key not in found:
                        found[key] = places.common(org_id, day, other_id, day - _ONE_DAY)
                    common = found[key]
                else:
                    common = places.common(org_id, day, other_id, day - _ONE_DAY)
                if common is not None:
                    counts[(common, day.year)] += n
    rows = [
        (org_id, year, *(n if i == PAIRS else 0 for i in range(len(COLUMNS)))) for (org_id, year), n in counts.items()
    ]
    _add(UnitYear, ("org_id", "year"), COLUMNS, rows, qn)


def tally_tidy() -> None:
    """After a whole fill, on PostgreSQL: VACUUM (ANALYZE) the rows, so that a subtree's sums are
    read from the index alone at once (the visibility map; ~1,6 ms a province's sum instead of ~19
    with every row looked up in the table) and planned with the new statistics, instead of after
    autovacuum's next round. Not inside a transaction (VACUUM cannot run there), nor on SQLite."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(UnitYear._meta.db_table)}")


def tally_stop() -> None:
    """Keep no rows (the figures count live)."""
    UnitYear.objects.all().delete()
    Horizon.objects.all().delete()
