"""Reads of the member registry: membership on any date, status and party age at any date,
badges due, search. Lists that a user sees go through accounts.scope first."""

import copy
import datetime as dt

from django.db import connections
from django.db.models import BigIntegerField, BooleanField, CharField, Count, DateField, F, Func, Q, QuerySet, Value
from django.db.models.functions import Cast, Collate, Lower, StrIndex

from dangvu.core import compiled
from dangvu.core.compiled import Slot
from dangvu.core.prepared import preparing
from dangvu.core.text import clean, search_terms
from dangvu.organizations.models import Organization, OrgPeriod, root_id_of
from dangvu.organizations.selectors import covering, subtree_ids_on, subtree_now, subtree_on_slots

from . import rules
from .models import IN_PARTY_STATUSES, EventKind, GivenName, Member, MemberBadge, MemberEvent, MemberPeriod, Standing


def periods_on(org: Organization, day: dt.date, include_subtree: bool = True) -> QuerySet[MemberPeriod]:
    """Who belonged to `org` (and, by default, the units under it as the tree stood that day)
    at the end of `day`."""
    qs = MemberPeriod.objects.filter(covering(day))
    if include_subtree:
        return qs.filter(org_id__in=subtree_ids_on(org, day))
    return qs.filter(org=org)


def member_count_on(org: Organization, day: dt.date, include_subtree: bool = True) -> int:
    return periods_on(org, day, include_subtree).count()


def member_counts_on(org: Organization, day: dt.date) -> dict:
    """Members, probationary, full, exempted and suspended in the subtree at the end of `day`."""
    return period_counts(periods_on(org, day))


def period_counts(periods: QuerySet[MemberPeriod]) -> dict:
    """Members, probationary, full, exempted and suspended among `periods` (one per member a day)."""
    # Counting member_id (never null), not id: on PostgreSQL the (unit, end day) index that carries
    # the period's start, standing, activity and member (members 0008) then answers alone.
    agg = periods.aggregate(
        total=Count("member_id"),
        probationary=Count("member_id", filter=Q(standing=Standing.PROBATIONARY)),
        full=Count("member_id", filter=Q(standing=Standing.FULL)),
        exempt=Count("member_id", filter=Q(activity="exempt")),
        suspended=Count("member_id", filter=Q(activity="suspended")),
    )
    return agg


def members_on(org: Organization, day: dt.date, include_subtree: bool = True) -> QuerySet[Member]:
    """The members of `org` at the end of `day`, as things were then."""
    return Member.objects.filter(pk__in=periods_on(org, day, include_subtree).values("member_id"))


def rule_events(member: Member) -> list[rules.Event]:
    """The member's events in order, as the rules replay them."""
    # Plain tuples, not model instances: this runs on every change of every member.
    rows = MemberEvent.objects.filter(member_id=member.pk).order_by("date", "id")
    return [rules.Event(*row) for row in rows.values_list("kind", "date", "org_id", "to_org_id", "standing")]


def state_on(member: Member, day: dt.date) -> rules.State:
    """Status, cell, standing and activity of `member` at the end of `day`."""
    return rules.replay(rule_events(member), until=day)


def party_age_years(member: Member, on: dt.date) -> int:
    return rules.party_age_years(member.admitted_on, rule_events(member), on)


def timeline(member: Member) -> QuerySet[MemberEvent]:
    return member.events.select_related("org__parent", "to_org__parent").order_by("date", "id")


_TIMELINE_FIELDS = (
    "id", "kind", "date", "decision_no", "decision_date", "org_id", "to_org_id", "place", "until", "standing",
    "reason", "override_reason", "org__name", "org__parent__name", "to_org__name", "to_org__parent__name",
)  # fmt: skip


def timeline_rows(member: Member) -> list[dict]:
    """`timeline` as the member's page shows it, one dict an event: its fields, `kind_label`, and
    `unit`, the units it names as the page writes them ("A — its superior → B — its superior" for a
    move, the unit's name otherwise). Only the columns shown, and no model built: the four units
    and their 60 columns `timeline` selects cost the page ~1 ms of CPU."""
    labels = dict(MemberEvent._meta.get_field("kind").flatchoices)
    rows = compiled.rows(MemberEvent, ("members.timeline",), _timeline_query, member=member.pk)
    for r in rows:
        r["kind_label"] = labels.get(r["kind"], r["kind"])
        if r["to_org_id"] is not None:
            r["unit"] = f"{_with_superior(r, 'org__')} → {_with_superior(r, 'to_org__')}"
        else:
            r["unit"] = r["org__name"] if r["org_id"] is not None else ""
    return rows


def _timeline_query():
    return (
        MemberEvent.objects.filter(member_id=Slot("member", Member._meta.pk))
        .order_by("date", "id")
        .values(*_TIMELINE_FIELDS)
    )


def of_member(model, member: Member, *order: str) -> list:
    """`model`'s rows of one member (badges, work-history lines) in `order`, each with `member` as
    its member: a query compiled once (core.compiled), as every member's page asks it."""
    found = compiled.rows(
        model, ("members.of-member", model._meta.label, order),
        lambda: model.objects.filter(member_id=Slot("member", Member._meta.pk)).order_by(*order),
        member=member.pk,
    )  # fmt: skip
    for row in found:
        row.member = member
    return found


def _with_superior(row: dict, prefix: str) -> str:
    """transfers.unit_with_superior of a timeline row's unit."""
    if row[f"{prefix}name"] is None:
        return ""
    superior = row[f"{prefix}parent__name"]
    return f"{row[prefix + 'name']} — {superior}" if superior is not None else row[prefix + "name"]


def badges_due(members: QuerySet[Member], presentation: dt.date, include_overdue: bool = False):
    """[(member, years)] of those in `members` due a Huy hiệu Đảng at `presentation`.

    Three queries whatever the number: candidates (in the Party then, admitted at least 30
    years before, allowing the 24 months the gravely ill may gain), their events, their badges.
    """
    earliest = dt.date(presentation.year - 28, presentation.month, 1)
    candidates = list(members.filter(admitted_on__lte=earliest, status__in=IN_PARTY_STATUSES).order_by("sort_key"))
    events: dict[int, list] = {m.pk: [] for m in candidates}
    for ev in MemberEvent.objects.filter(member__in=[m.pk for m in candidates]).order_by("date", "id"):
        events[ev.member_id].append(rules.Event(ev.kind, ev.date, ev.org_id, ev.to_org_id, ev.standing))
    received: dict[int, set] = {}
    for member_id, years in MemberBadge.objects.filter(member__in=events.keys()).values_list("member_id", "years"):
        received.setdefault(member_id, set()).add(years)
    due = []
    for m in candidates:
        years = rules.badge_due(
            m.admitted_on, events[m.pk], presentation, frozenset(received.get(m.pk, ())),
            include_overdue=include_overdue,
        )  # fmt: skip
        if years:
            due.append((m, years))
    return due


WHOLE_TREE_UNITS = 20_000  # a scope with more units than this searches through the words' index
# A scope with more units than this, within one root, searches through the (root, words) index
# (members 0016): on the country data a province (5.800 units) reads "tran thi lan" in ~5 ms there
# against ~45 ms unit by unit; a ward's 60 units are faster unit by unit.
ROOT_INDEX_UNITS = 1_000


def in_tree(root_id: int) -> Q:
    """The members of the tree whose root is `root_id` (Member.root, kept with their unit). The id
    as a bigint: btree_gin's operator class has no bigint = integer, and with a plain integer
    PostgreSQL filtered the country's name matches row by row (500 ms) instead of reading the
    (root, name) index; written the same way by a scope and by `search`, the two are one condition."""
    return Q(root_id=Cast(Value(root_id), BigIntegerField()))


def search(members: QuerySet[Member], query: str, units: int = 0, root_id: int | None = None) -> QuerySet[Member]:
    """Members matching every word of `query` without regard to diacritics ("nguyen van an"),
    or exactly by party card number or citizen ID when the query is a number. `units`: how many
    units `members` (a scope) spans, and `root_id` the root of the tree the scope is in (when it
    is within one) — they pick the index that finds the names fastest.

    Names come in Vietnamese order (by given name), found first and sorted after: ordered by the
    sort key itself, PostgreSQL walked the sort-key index testing every name until it had a page
    of matches (15 s over the country's 6,6 million members for "hung")."""
    query = clean(query)  # a number pasted with a zero-width space still finds its member
    if not query:
        return members
    compact = query.replace(" ", "")
    if compact.isdigit():
        return members.filter(Q(citizen_id=compact) | Q(party_card_no=compact) | Q(citizen_id__startswith=compact))
    words = search_terms(query)
    if not words:
        return members
    # Word order is not enforced: "an nguyen" finds Nguyễn Văn An. Over a whole tree (or more)
    # PostgreSQL finds a name among millions through the index of the words' beginnings (members
    # 0016). Within a province or smaller it is slower than reading the scope's names unit by unit
    # from the (unit, name key, id) index (0007): common words ("thi", "van") have posting lists of
    # millions of members whatever the scope. strpos() tests the same thing as LIKE '% word%' but
    # is not something an index answers, so the planner cannot pick one there. SQLite has neither
    # index and tests the names of its scope (a district) either way.
    big = units > WHOLE_TREE_UNITS or (root_id is not None and units > ROOT_INDEX_UNITS)
    if big and connections[members.db].vendor == "postgresql":
        # The words are indexed under their tree's root: the root adds nothing to the scope (its
        # members are all in that tree) but picks the tree's own posting lists. Sorted by an
        # expression (_InByteOrder: the keys are lower-case hex, it sorts like the column, but its
        # index cannot be walked). Through the words' index PostgreSQL reads each match's row and
        # sorts from it: read again by id, "hung" in a province (2.758 matches) cost 33-40 ms
        # instead of 21-23.
        found = members.filter(_HasWords(words, _roots() if root_id is None else [root_id]))
        found = found.order_by(_InByteOrder("sort_key"), "pk")
        if len(words) == 1 and root_id is not None:
            # What a page of the list reads instead (page_of_ids): the same matches, in the same
            # order, the first of them found without sorting all of them.
            found.first_matches = _FirstByGivenName(members, words[0], root_id)
        return found
    found = members
    for i, word in enumerate(words):
        found = found.alias(**{f"_at{i}": StrIndex("name_key", Value(" " + word))}).filter(**{f"_at{i}__gt": 0})
    # Unit by unit the ids come from the index alone, then only the matching rows are read by id to
    # be sorted. The scope is in `found` already: repeated around it, PostgreSQL read the province's
    # 116.000 members a second time (a parallel hash join) to keep the 2.758 "hung" of them.
    return _reading_like(Member.objects.filter(pk__in=found.values("pk")), members).order_by(
        _InByteOrder("sort_key"), "pk"
    )


def _roots() -> list[int | None]:
    """Every tree's root, and None for the members in no tree: the words of a scope that spans trees."""
    return [*Organization.objects.filter(parent=None).values_list("pk", flat=True), None]


class _FirstByGivenName:
    """The first matches of a one-word search of a tree (PostgreSQL), in the list's order, read from
    where the order keeps them: the members whose given name begins with the word lie in ranges of
    the (root, sort key) index — one for each given name's start of the sort keys (GivenName) —
    read in order and stopped once there are enough; those who hold the word only before their
    given name (a middle or family name) come from the index of the words before the given name
    (members 0018), sorted. PostgreSQL merges the ordered parts (Merge Append) and stops.

    Sorting every match read every one of their rows: "hung" on the city data set matches 14.352
    members, whose first 1.001 this reads with ~1.100 rows (21-25 ms -> 3-4 ms, pgbench).

    Exact whatever the names: a member's range comes from its own stored keys (the triggers of
    0018), the given name is the name key's last word on both sides, and the two parts cannot
    share a member (the words before the given name that the index holds are those the given name
    does not begin with)."""

    # More ranges than this (a word of a letter or two begins many given names): every match sorted.
    MAX_RANGES = 64

    def __init__(self, members: QuerySet[Member], word: str, root_id: int):
        self.members, self.word, self.root_id = members, word, root_id

    def sql(self, limit: int) -> tuple[str, list] | None:
        """(SQL, params) of the first `limit` matches' ids and sort keys, in order, or None where
        the ranges are too many to merge (the caller sorts every match)."""
        starts = sorted(set(GivenName.objects.filter(word__startswith=self.word).values_list("sort_start", flat=True)))
        if len(starts) > self.MAX_RANGES:
            return None
        given = _GivenStartsWith(self.word)
        in_tree_order = self.members.filter(in_tree(self.root_id)).values_list("pk", "sort_key")
        parts, params = [], []
        for start in starts:
            branch = in_tree_order.filter(given, sort_key__gte=start + "01", sort_key__lt=start + "02")
            sql, branch_params = _compiled(branch.order_by("sort_key", "pk")[:limit])
            parts.append(f"({sql})")
            params += branch_params
        # The function's words are those the given name does not begin with: no member of both parts.
        before = in_tree_order.filter(_HasWords([self.word], [self.root_id], "dangvu_words_before_given"))
        # Sorted by bytes (as _InByteOrder), which no index gives: PostgreSQL finds them through
        # the words' index and sorts what it finds, rather than walking the sort-key index to the
        # end testing every name; the merge sorts the kept ones again by the column's order. A
        # family or middle name ("nguyen", "van") has a hundred thousand of them on the city data.
        sql, before_params = _compiled(before.order_by(Collate(F("sort_key"), "C"), "pk")[:limit])
        parts.append(f"({sql})")
        params += before_params
        merged = " UNION ALL ".join(parts)
        return f"SELECT * FROM ({merged}) merged ORDER BY 2, 1 LIMIT %s", [*params, limit]


def _compiled(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    return sql, list(params)


class _GivenStartsWith(Func):
    """The member's given name — the name key's last word — begins with `word` (PostgreSQL)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, word: str):
        super().__init__(F("name_key"), Value(word))

    def as_sql(self, compiler, connection, **extra_context):
        key, word = self.get_source_expressions()
        key_sql, key_params = compiler.compile(key)
        word_sql, word_params = compiler.compile(word)
        return f"starts_with(split_part({key_sql}, ' ', -1), {word_sql})", [*key_params, *word_params]


class _HasWords(Func):
    """The name key holds a word beginning with each of `words`, in one of the trees of `roots`
    (PostgreSQL): the words, under the root, are among `dangvu_name_words(root_id, name_key)`, the
    beginnings of its words that the words' index holds (members 0016). The same members as
    `name_key LIKE '% word%'` for each word, written so the index answers it exactly: a
    containment of arrays, one a tree, no row read again to recheck it. `function`: the indexed
    function whose words are tested (`dangvu_words_before_given`: only the words before the given
    name that it does not begin with, members 0018)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, words: list[str], roots: list[int | None], function: str = "dangvu_name_words"):
        super().__init__(F("root_id"), F("name_key"))
        self.function = function
        self.keys = [[f"{'' if root is None else root}:{word}" for word in words] for root in roots]

    def as_sql(self, compiler, connection, **extra_context):
        root, root_params = compiler.compile(self.get_source_expressions()[0])
        key, key_params = compiler.compile(self.get_source_expressions()[1])
        test = f"{self.function}({root}, {key}) @> %s::text[]"
        sql = " OR ".join([test] * len(self.keys)) or "FALSE"
        params = [p for keys in self.keys for p in (*root_params, *key_params, keys)]
        return f"({sql})", params


class _InByteOrder(Collate):
    """A sort key (lower-case hex) compared byte by byte, as an expression no index matches:
    PostgreSQL sorts the matches instead of walking the key's index (15 s for "hung" over the
    country), and under the "C" collation compares bytes, with abbreviated keys, where lower()
    under the database's locale (C.UTF-8 is not "C" to PostgreSQL 15) called strcoll on every
    pair: "hung" in the city, 14.342 matches, 47-69 -> 28-30 ms (EXPLAIN ANALYZE). The key is
    wrapped (key || ''): on a database whose own collation is "C", `key COLLATE "C"` would be the
    column as its index orders it, and PostgreSQL would walk the index again. The same order: the
    keys hold only 0-9 and a-f. SQLite keeps lower()."""

    def __init__(self, expression):
        super().__init__(Func(expression, template="(%(expressions)s || '')", output_field=CharField()), "C")

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(Lower(self.get_source_expressions()[0].get_source_expressions()[0]))


def search_within(
    members: QuerySet[Member], query: str, within: Organization, units: int | None = None
) -> QuerySet[Member]:
    """`search` over `members`, a scope that is `within`'s subtree today: sized by its units (one
    count, unless the caller counted them: `units`) and told its root, so a province reads its
    names through the (root, name) index."""
    if units is None:
        units = subtree_now(within).count()
    return search(members, query, units=units, root_id=root_id_of(within.path))


def page_of_ids(found: QuerySet[Member], limit: int, first: int, size: int) -> tuple[list[int], int]:
    """One page of `found`'s ids in its order — `size` of them from the `first`-th (0-based) — and
    how many there are, counted up to `limit`: one query, read by one PostgreSQL process. Only the
    page's ids travel: a common name ("hung", 14.342 members on the city data) sent its 5.001 first
    ids to be counted and sliced in Python (~2 ms of the search's CPU). The count comes with each
    row (a window over the matches kept); a page past the end has no row, and is counted alone.

    A scope of up to ROOT_INDEX_UNITS units reads its index entries unit by unit; PostgreSQL shares
    such reads among parallel workers, which lowers one request's wait but costs more CPU in all
    (~60 ms against ~45 ms for a province read that way on the country data), and a busy server's
    cores are taken by the other requests."""
    connection = connections[found.db]
    sql, params = _first_matches_sql(found, limit) or _compiled(found.values_list("pk")[:limit])
    # The matches' order is kept through the subquery: nothing above it joins, groups or sorts
    # (PostgreSQL documents it for aggregates over a sorted subquery; the window has no ORDER BY).
    rows = _by_one_process(
        connection, f"SELECT kept.*, COUNT(*) OVER () FROM ({sql}) kept LIMIT %s OFFSET %s", (*params, size, first)
    )
    if rows:
        return [row[0] for row in rows], rows[0][-1]
    if not first:
        return [], 0
    return [], _by_one_process(connection, f"SELECT COUNT(*) FROM ({sql}) kept", params)[0][0]


def first_ids(found: QuerySet[Member], count: int) -> list[int] | None:
    """The ids of `found`'s first `count` members in its order, read by given name where `search`
    offers it (one word over a tree, PostgreSQL), or None where it does not: the caller slices
    `found`, which sorts every match."""
    compiled = _first_matches_sql(found, count)
    if compiled is None:
        return None
    return [row[0] for row in _by_one_process(connections[found.db], *compiled)]


def _first_matches_sql(found: QuerySet[Member], limit: int) -> tuple[str, list] | None:
    """The SQL of `found`'s first `limit` matches read by given name (_FirstByGivenName), which
    `search` leaves on the queryset it returns (a queryset derived from it has none), or None."""
    first_matches = getattr(found, "first_matches", None)
    return first_matches.sql(limit) if first_matches is not None else None


def _by_one_process(connection, sql: str, params) -> list[tuple]:
    """The rows of `sql`, read without parallel workers on PostgreSQL. The setting and the query
    go as one message, which PostgreSQL runs as one transaction of its own in autocommit (the
    setting ends with it) and within the caller's transaction otherwise (until its end, as SET
    LOCAL does): one round trip where BEGIN, SET, the query and COMMIT took four (~0,3 ms of a
    search's CPU). Django's PostgreSQL cursors bind on the client, which allows two statements;
    a cursor of core.prepared's binds on the server, which does not: never one here."""
    token = preparing.set(False)
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute(sql, params)
                return cursor.fetchall()
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0; " + sql, params)
            cursor.nextset()
            return cursor.fetchall()
    finally:
        preparing.reset(token)


def _reading_like(queryset: QuerySet, like: QuerySet) -> QuerySet:
    """`queryset` fetching the related rows `like` fetches (its select_related and prefetches),
    so a caller's queryset keeps them through `search`."""
    queryset.query.select_related = copy.deepcopy(like.query.select_related)
    return queryset.prefetch_related(*like._prefetch_related_lookups)


def badges_due_at(members: QuerySet[Member], presentation: dt.date):
    """What `badges_due(members, presentation)` gives, reading only the members who can be due:
    those whose admission anniversary of a badge's years falls since the previous presentation
    date (a few days' slack; the rule decides), and those re-admitted or restored, whose
    milestones a gap out of the Party may push later (a member back in the Party after a gap has
    one of those events). Four queries, sized by the few candidates rather than by every member
    admitted 30 years ago (which `badges_due` reads, for its overdue badges)."""
    from dangvu.core.dates import add_years

    slack = dt.timedelta(days=3)
    previous = rules.previous_presentation_date(presentation)
    window = Q()
    for years in rules.badge_years_for(presentation):
        window |= Q(
            admitted_on__gt=add_years(previous, -years) - slack,
            admitted_on__lte=add_years(presentation, -years) + slack,
        )
    came_back = MemberEvent.objects.filter(kind__in=(EventKind.READMITTED, EventKind.RESTORED)).values("member_id")
    ids = set(members.filter(window).values_list("pk", flat=True))
    ids.update(members.filter(pk__in=came_back).values_list("pk", flat=True))
    return badges_due(members.filter(pk__in=ids), presentation)


def member_counts_by_org_on(org: Organization, day: dt.date, units: QuerySet | None = None) -> dict[int, dict]:
    """Per unit of `org`'s subtree on `day` (as the tree stood then), the counts of
    `member_counts_on`: one grouped query, so a unit's page gets its own totals and its
    sub-units' from a single pass over the periods instead of two. `units`: the subtree's unit ids
    that day (`subtree_ids_on`) where the caller holds them, so `org`'s path is not read again."""
    periods = periods_on(org, day) if units is None else MemberPeriod.objects.filter(covering(day), org_id__in=units)
    return {row.pop("org_id"): row for row in _counts_by_org(periods)}


def member_counts_in_subtree_on(root_path: str | None, day: dt.date) -> dict[int, dict]:
    """`member_counts_by_org_on` for the subtree at `root_path` on `day` (the root's `path_on`
    that day): the same grouped query, compiled once (core.compiled), as a unit's page asks it."""
    if root_path is None:
        return {}

    def build():
        units = OrgPeriod.objects.filter(subtree_on_slots()).values("org_id")
        return _counts_by_org(MemberPeriod.objects.filter(covering(Slot("day", DateField())), org_id__in=units))

    rows = compiled.rows(MemberPeriod, ("members.counts-in-subtree",), build, day=day, path=root_path)
    return {row.pop("org_id"): row for row in rows}


def _counts_by_org(periods: QuerySet) -> QuerySet:
    return (
        periods.values("org_id")
        .annotate(
            total=Count("id"),
            probationary=Count("id", filter=Q(standing=Standing.PROBATIONARY)),
            full=Count("id", filter=Q(standing=Standing.FULL)),
            exempt=Count("id", filter=Q(activity="exempt")),
            suspended=Count("id", filter=Q(activity="suspended")),
        )
        .order_by()
    )


# What the member page reads of an entry and its actor (an entry has 16 columns, its user 11).
_ENTRY_FIELDS = (
    "content_type", "object_repr", "action", "changes", "changes_text", "timestamp", "additional_data",
    "actor__first_name", "actor__username", "content_type__app_label", "content_type__model",
)  # fmt: skip


def history_entries(records: dict[type, list[int]], limit: int = 500, unnamed: frozenset = frozenset()) -> list:
    """The audit entries of `records` (model -> ids: a member and their events, badges,
    work-history lines), newest first, at most `limit`, in a number of queries that does not grow
    with them: one for the entries, one per kind of record their changed foreign keys point to
    (auditlog's `changes_display_dict` would fetch each unit named in each event, one query
    apiece). Foreign keys named in `unnamed` are left as ids (a page that does not show them)."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    # Compiled once per shape (core.compiled): each kind's ids padded to a power of two by
    # repeating its last (the same rows), so a few shapes serve every member's page.
    kinds = [(ContentType.objects.get_for_model(model).pk, _padded(pks)) for model, pks in records.items() if pks]
    if not kinds:
        return []
    shape = tuple(len(pks) for _, pks in kinds)
    object_id = LogEntry._meta.get_field("object_id")
    content_type = ContentType._meta.pk

    def build():
        wanted = Q()
        for k, n in enumerate(shape):
            ids = [Slot(f"id{k}_{i}", object_id) for i in range(n)]
            wanted |= Q(content_type_id=Slot(f"type{k}", content_type), object_id__in=ids)
        entries = LogEntry.objects.filter(wanted).select_related("actor", "content_type").only(*_ENTRY_FIELDS)
        return entries.order_by("-timestamp", "-pk")[:limit]

    values = {}
    for k, (type_id, pks) in enumerate(kinds):
        values[f"type{k}"] = type_id
        values.update((f"id{k}_{i}", pk) for i, pk in enumerate(pks))
    entries = compiled.rows(LogEntry, ("members.history", shape, limit), build, **values)
    _name_foreign_keys(entries, unnamed)
    return entries


def _padded(pks: list) -> list:
    size = 1 << (len(pks) - 1).bit_length()
    return [*pks, *[pks[-1]] * (size - len(pks))]


def _name_foreign_keys(entries: list, unnamed: frozenset):
    """Give each entry the names of the records its changed foreign keys point to, fetched in
    one query per related model, where auditlog would get them one by one."""
    wanted: dict = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in entry.changes_dict.items():
            field = next((f for f in model._meta.concrete_fields if f.name == name), None) if model else None
            if field is None or not field.many_to_one or name in unnamed:
                continue
            for value in values:
                try:
                    wanted.setdefault(field.related_model, set()).add(field.related_model._meta.pk.to_python(value))
                except Exception:
                    continue  # "None", or a legacy value that is not an id
    names = {
        (model, str(pk)): str(obj)
        for model, pks in wanted.items()
        for pk, obj in model._default_manager.in_bulk([pk for pk in pks if pk is not None]).items()
    }

    def display(field, value):
        if value == "None" or field.name in unnamed:
            return value
        return names.get((field.related_model, str(value)), f"Deleted '{field.related_model.__name__}' ({value})")

    for entry in entries:
        # auditlog's changes_display_dict asks this method for each foreign key value.
        entry._get_changes_display_for_fk_field = display
