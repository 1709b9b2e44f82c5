"""core.compiled: a read by key is compiled once per connection and run again with each call's
values — the same rows and objects as Django's own query, a scope's read never answering with
another scope's compiled query, and nothing compiled on the second call."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import Count, DateField, Q
from django.db.models.sql import compiler as sql_compiler
from django.http import Http404

from dangvu.accounts.backends import AccountBackend
from dangvu.accounts.scope import Scope
from dangvu.core import compiled
from dangvu.core.compiled import Slot
from dangvu.members.models import Member

from ..conftest import Role


def _by_pk():
    return Member.objects.select_related("org").filter(pk=Slot("pk", Member._meta.pk))[:2]


def test_a_compiled_read_gives_what_the_queryset_gives_for_each_value(tree, register):
    first, second = register(tree.a1), register(tree.b1)
    for member in (first, second, first):
        [found] = compiled.rows(Member, ("test.by-pk",), _by_pk, pk=member.pk)
        plain = Member.objects.select_related("org").get(pk=member.pk)
        assert found == plain
        assert {f.attname: getattr(found, f.attname) for f in Member._meta.concrete_fields} == {
            f.attname: getattr(plain, f.attname) for f in Member._meta.concrete_fields
        }
        assert found.org.name == plain.org.name
        assert Member.org.is_cached(found)  # the unit came with the row: no query to reach it
    assert compiled.rows(Member, ("test.by-pk",), _by_pk, pk=second.pk + 1000) == []


def test_values_are_prepared_as_django_prepares_a_lookups(tree, register):
    older = register(tree.a1, birth_date=dt.date(1960, 1, 2))
    register(tree.a1, birth_date=dt.date(1990, 1, 2))

    def born_before():
        return Member.objects.filter(birth_date__lt=Slot("day", DateField())).values_list("pk", flat=True)

    assert compiled.rows(Member, ("test.born",), born_before, day=dt.date(1970, 1, 1)) == [older.pk]
    assert len(compiled.rows(Member, ("test.born",), born_before, day=dt.date(2000, 1, 1))) == 2


def test_the_second_call_compiles_nothing(tree, register, monkeypatch):
    member = register(tree.a1)
    compiled.rows(Member, ("test.by-pk",), _by_pk, pk=member.pk)
    calls = []
    original = sql_compiler.SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(sql_compiler.SQLCompiler, "as_sql", counting)
    converters = sql_compiler.SQLCompiler.get_converters
    monkeypatch.setattr(
        sql_compiler.SQLCompiler,
        "get_converters",
        lambda self, expressions: calls.append(self) or converters(self, expressions),
    )
    assert compiled.rows(Member, ("test.by-pk",), _by_pk, pk=member.pk) == [member]
    assert calls == []  # nor are the columns' converters found again
    assert Member.objects.filter(pk=member.pk).count() == 1  # an ordinary query still compiles
    assert calls


def test_each_scope_reads_through_its_own_query(tree, register, make_user):
    """Two users' scopes on one connection, in turns: a compiled query kept for one scope never
    answers for the other (the scope's unit is part of its key)."""
    in_a, in_b = register(tree.a1), register(tree.b1)
    scope_a = Scope.of(make_user(Role.ORG_BOARD, tree.a))
    scope_b = Scope.of(make_user(Role.ORG_BOARD, tree.b))
    district = Scope.of(make_user(Role.ORG_BOARD, tree.hm))
    for _ in range(2):
        assert scope_a.get_member(in_a.pk) == in_a
        assert scope_b.get_member(in_b.pk) == in_b
        with pytest.raises(Http404):
            scope_a.get_member(in_b.pk)
        with pytest.raises(Http404):
            scope_b.get_member(in_a.pk)
        assert district.get_member(in_a.pk) == in_a and district.get_member(in_b.pk) == in_b
        assert scope_a.get_org(tree.a1.pk) == tree.a1
        with pytest.raises(Http404):
            scope_a.get_org(tree.b1.pk)
    with pytest.raises(Http404):
        Scope(None, None, frozenset()).get_member(in_a.pk)  # no unit: nothing, and no query


def test_the_session_user_is_read_with_their_account_or_not_at_all(tree, make_user, django_assert_num_queries):
    user = make_user(Role.ORG_BOARD, tree.a)
    backend = AccountBackend()
    for _ in range(2):
        with django_assert_num_queries(1):
            found = backend.get_user(user.pk)
            assert found == user
            assert found.assignment.org == tree.a and found.credential.must_change is not None
    assert backend.get_user(user.pk + 1000) is None
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None


def test_a_member_is_found_by_card_or_citizen_id_within_the_scope_alone(tree, register, make_user):
    """What an import's member column reads for every row (Scope.member_by_number): the card
    number or the citizen ID, the first by id should each name a member, and nothing outside the
    scope — each scope through its own compiled query, read fresh each time."""
    in_a = register(tree.a1, party_card_no="01010001", citizen_id="001080000001")
    other = register(tree.a1, party_card_no="001080000002", citizen_id="001080000003")
    in_b = register(tree.b1, party_card_no="02020002", citizen_id="001080000004")
    scope_a = Scope.of(make_user(Role.ORG_BOARD, tree.a))
    district = Scope.of(make_user(Role.ORG_BOARD, tree.hm))
    for _ in range(2):
        assert scope_a.member_by_number("01010001") == in_a
        assert scope_a.member_by_number("001080000001") == in_a
        assert scope_a.member_by_number("001080000002") == other  # a card number that is a citizen ID's form
        assert scope_a.member_by_number("02020002") is None  # another ward's member
        assert district.member_by_number("02020002") == in_b
        assert scope_a.member_by_number("99999999") is None
    Member.objects.filter(pk=in_a.pk).update(full_name="Nguyễn Văn Đổi")
    assert scope_a.member_by_number("01010001").full_name == "Nguyễn Văn Đổi"  # read fresh
    assert Scope(None, None, frozenset()).member_by_number("01010001") is None


def test_a_connection_keeps_a_bounded_number(tree, register, monkeypatch):
    monkeypatch.setattr(compiled, "KEPT", 3)
    member = register(tree.a1)
    for n in range(6):
        assert compiled.rows(Member, ("test.bounded", n), _by_pk, pk=member.pk) == [member]
    kept = [key for key in connections["default"].__dict__["_dangvu_compiled"] if key[0] == "test.bounded"]
    assert kept == [("test.bounded", 3), ("test.bounded", 4), ("test.bounded", 5)]


def test_a_history_read_by_padded_shapes_gives_the_entries_asked(tree, register):
    """history_entries pads each kind's ids to a power of two: every count of ids still gives
    exactly the entries of those records, newest first."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from dangvu.members.models import MemberEvent
    from dangvu.members.selectors import history_entries

    members = [register(tree.a1) for _ in range(5)]
    events = list(MemberEvent.objects.filter(member__in=members).values_list("pk", flat=True))
    assert len(events) >= 5
    types = {model: ContentType.objects.get_for_model(model) for model in (Member, MemberEvent)}
    for n in range(1, 6):
        records = {Member: [m.pk for m in members[:n]], MemberEvent: events[:n]}
        expected = list(
            LogEntry.objects.filter(
                Q(content_type=types[Member], object_id__in=records[Member])
                | Q(content_type=types[MemberEvent], object_id__in=records[MemberEvent])
            )
            .order_by("-timestamp", "-pk")
            .values_list("pk", flat=True)
        )
        assert [e.pk for e in history_entries(records)] == expected
        assert len(expected) >= 2 * n


def test_a_prefix_slot_matches_as_startswith_does_wildcards_included(tree, register):
    from django.db.models import CharField, F

    from dangvu.core.compiled import StartsWith

    register(tree.a1, full_name="Lê_Văn A")
    register(tree.a1, full_name="LêxVăn B")
    register(tree.a1, full_name="Lê%Thị C")

    def build():
        return Member.objects.filter(StartsWith(F("full_name"), Slot("start", CharField()))).values_list(
            "full_name", flat=True
        )

    for start in ("Lê_", "Lê%", "Lêx", "Lê", "Khác"):
        expected = set(Member.objects.filter(full_name__startswith=start).values_list("full_name", flat=True))
        assert set(compiled.rows(Member, ("test.starts",), build, start=start)) == expected
    assert set(compiled.rows(Member, ("test.starts",), build, start="Lê_")) == {"Lê_Văn A"}


def test_a_units_counts_read_compiled_are_those_of_the_subtree_query(tree, register):
    from dangvu.members.selectors import member_counts_by_org_on, member_counts_in_subtree_on
    from dangvu.organizations.selectors import path_on, subtree_paths_on, subtree_periods_on

    register(tree.a1), register(tree.a2), register(tree.b1)
    today = dt.date.today()
    for unit in (tree.hn, tree.hm, tree.a, tree.a1, tree.c):
        path = path_on(unit, today)
        periods = subtree_periods_on(unit, today)
        assert sorted(subtree_paths_on(path, today)) == sorted(periods.values_list("org_id", "path"))
        expected = member_counts_by_org_on(unit, today, units=periods.values("org_id"))
        assert member_counts_in_subtree_on(path, today) == expected
    in_province = member_counts_in_subtree_on(path_on(tree.hn, today), today)
    assert sum(c["total"] for c in in_province.values()) == 3
    assert path_on(tree.a, dt.date(1900, 1, 1)) is None
    assert subtree_paths_on(None, today) == [] and member_counts_in_subtree_on(None, today) == {}


def test_an_id_past_the_columns_range_finds_nothing(tree, register, make_user):
    """As Django makes `get(pk=<20 digits>)` find nothing: a 404, not a database error or a scan."""
    register(tree.a1)
    huge = 10**20
    assert compiled.rows(Member, ("test.by-pk",), _by_pk, pk=huge) == []
    assert compiled.rows(Member, ("test.by-pk",), _by_pk, pk=-huge) == []
    scope = Scope.of(make_user(Role.ORG_BOARD, tree.a))
    with pytest.raises(Http404):
        scope.get_member(huge)
    with pytest.raises(Http404):
        scope.get_org(huge)
    assert AccountBackend().get_user(huge) is None


def test_a_run_changes_nothing_kept(tree, register):
    """Each run binds its values on a compiler of its own: the kept compiled query is only read,
    so threads sharing a connection (Django's test server gives its request threads one) never
    run with each other's values."""
    first, second = register(tree.a1), register(tree.b1)
    compiled.rows(Member, ("test.by-pk",), _by_pk, pk=first.pk)
    kept = connections["default"].__dict__["_dangvu_compiled"][("test.by-pk",)]
    compiler_state, query_state = dict(vars(kept.compiler)), dict(vars(kept.queryset.query))
    assert compiled.rows(Member, ("test.by-pk",), _by_pk, pk=second.pk) == [second]
    assert vars(kept.compiler) == compiler_state and "as_sql" not in vars(kept.compiler)
    assert vars(kept.queryset.query) == query_state and "get_compiler" not in vars(kept.queryset.query)


def test_a_units_member_page_read_compiled_is_member_pages(tree, register, make_user):
    """A unit's page lists its subtree's members by compiled queries: the same count, pages and rows,
    in the same order, as member_page over Scope.members_under, for each page asked (a number, none,
    not a number, past the end), and only the members in the Party."""
    from django.test import RequestFactory

    from dangvu.members.models import IN_PARTY_STATUSES
    from dangvu.members.tables import member_page, subtree_member_page

    members = [register(tree.a1 if i % 2 else tree.a2) for i in range(55)]
    register(tree.b1)
    Member.objects.filter(pk=members[0].pk).update(status="died")  # no longer listed
    scope = Scope.of(make_user(Role.ORG_BOARD, tree.hm))
    for unit in (tree.a, tree.a1, tree.b, tree.c):
        for number in ("1", "2", None, "x", "99"):
            request = RequestFactory().get("/", {"page": number} if number else {})
            plain = member_page(request, scope.members_under(unit).filter(status__in=IN_PARTY_STATUSES))
            fast = subtree_member_page(request, scope, unit)
            assert (fast.paginator.count, fast.number, fast.numbers) == (
                plain.paginator.count,
                plain.number,
                plain.numbers,
            )
            assert [(r.pk, r.full_name, r.org.name) for r in fast.object_list] == [
                (r.pk, r.full_name, r.org.name) for r in plain.object_list
            ]
    assert subtree_member_page(RequestFactory().get("/"), scope, tree.a).paginator.count == 54
    outside = Scope.of(make_user(Role.ORG_BOARD, tree.b))
    assert subtree_member_page(RequestFactory().get("/"), outside, tree.a).paginator.count == 0


def test_a_compiled_count_is_the_querysets_count_and_zero_for_none(tree, register):
    from django.db import connection as default
    from django.test.utils import CaptureQueriesContext

    register(tree.a1), register(tree.a1), register(tree.b1)

    def in_cell():
        return Member.objects.filter(org_id=Slot("org", Member._meta.get_field("org").target_field))

    for unit in (tree.a1, tree.b1, tree.c):
        expected = Member.objects.filter(org=unit).count()
        with CaptureQueriesContext(default) as queries:
            assert compiled.count(Member, ("test.count",), in_cell, org=unit.pk) == expected
        assert "COUNT(*)" in queries[0]["sql"] and "GROUP BY" not in queries[0]["sql"]
    assert compiled.count(Member, ("test.count",), in_cell, org=tree.c.pk) == 0


def test_a_compiled_statement_runs_as_its_queryset_in_sql_of_the_callers_own(tree, register):
    """compiled.statement: the SQL and the bound values, which a caller wraps (a UNION, a window);
    the units' depths and the unit list of the member search are read that way."""
    from dangvu.organizations.models import Organization
    from dangvu.organizations.selectors import _alive_now, tree_now, units_by_depth

    def build():
        return Organization.objects.filter(parent_id=Slot("parent", Organization._meta.pk)).values_list("pk")

    for unit in (tree.hn, tree.a, tree.a1):
        sql, params, alias = compiled.statement(Organization, ("test.children",), build, parent=unit.pk)
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS wrapped", params)
            assert cursor.fetchone()[0] == Organization.objects.filter(parent=unit).count()
        # The same counts and choices as the querysets they replace, for each root and shape.
        whole = dict(_alive_now(unit).values_list("depth").annotate(n=Count("*")).order_by())
        assert units_by_depth(unit, at_most=10_000) == whole
        for rows, keep in [(1, None), (1, tree.a1), (100, None), (100, tree.a1)]:
            listed = [o.pk for o, _ in tree_now(unit, rows, keep=keep if unit != tree.a1 else None)]
            shown = _alive_now(unit).filter(depth__lte=unit.depth + (1 if rows == 1 else 9))
            expected = set(shown.values_list("pk", flat=True)) | ({keep.pk} if keep and unit != tree.a1 else set())
            assert set(listed) == expected, (unit, rows, keep)
    with pytest.raises(ValueError):
        compiled.statement(Organization, ("test.none",), Organization.objects.none)
