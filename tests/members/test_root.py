"""Member.root follows the member's unit wherever it goes (a transfer, a unit moved to another
province), so a province's search through the (root, name) index finds exactly the members its
scope holds. conftest checks the same invariant after every test that writes members."""

import datetime as dt

import pytest
from django.db import connection, transaction

from dangvu.members import selectors
from dangvu.members.models import EventKind, Member
from dangvu.members.services import member_record_event
from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.services import org_found, org_move

D = dt.date


@pytest.fixture
def second_province(tree, actor):
    """A second root beside Hà Nội with a ward and its cell: DN → X → X1."""

    def found(code, name, kind, level, parent):
        return org_found(
            actor=actor, code=code, name=name, kind=kind, level=level, parent=parent, founded_on=D(2004, 1, 1)
        )

    dn = found("DN", "Đảng bộ tỉnh Đồng Nai", Kind.OTHER, Level.PROVINCE, None)
    dq = found("DQ", "Đảng bộ huyện Định Quán", Kind.OTHER, Level.DISTRICT, dn)
    x = found("X", "Đảng bộ xã Phú Ngọc", Kind.WARD, Level.GRASSROOTS_COMMITTEE, dq)
    x1 = found("X1", "Chi bộ ấp 1", Kind.WARD, Level.CELL, x)
    return dn, dq, x, x1


def roots(*members):
    return [Member.objects.get(pk=m.pk).root_id for m in members]


def test_a_member_takes_the_root_of_the_unit_admitted_to_and_transferred_to(tree, second_province, register, actor):
    dn, _dq, _x, x1 = second_province
    member = register(tree.a1)
    assert roots(member) == [tree.hn.pk]
    member_record_event(actor=actor, member=member, kind=EventKind.TRANSFERRED, date=D(2016, 2, 1), to_org=x1)
    assert roots(member) == [dn.pk]


def test_a_unit_moved_to_another_province_takes_its_members_along(tree, second_province, register, actor):
    dn, dq, _x, _x1 = second_province
    moved, stays = register(tree.a1), register(tree.b1)
    org_move(actor=actor, org=tree.a, new_parent=dq, on=D(2016, 7, 1))
    assert roots(moved, stays) == [dn.pk, tree.hn.pk]
    org_move(actor=actor, org=tree.a, new_parent=tree.hm, on=D(2017, 7, 1))
    assert roots(moved) == [tree.hn.pk]


@pytest.mark.parametrize("query", ["thu", "van thu", "nguyen"])
def test_a_province_search_through_the_root_finds_what_the_units_give(
    tree, second_province, register, monkeypatch, query
):
    _dn, _dq, _x, x1 = second_province
    mine = [register(tree.a1), register(tree.b1), register(tree.c)]
    register(x1)  # same name pattern in the other province: never in Hà Nội's answer
    scope = Member.objects.filter(org__path__startswith=tree.hn.path)
    by_units = list(selectors.search(scope, query, units=8, root_id=tree.hn.pk).values_list("pk", flat=True))
    monkeypatch.setattr(selectors, "ROOT_INDEX_UNITS", 0)
    by_root = selectors.search(scope, query, units=8, root_id=tree.hn.pk)
    if connection.vendor == "postgresql":  # through the words' index, under the province's root
        where = str(by_root.query).split("WHERE")[1]
        assert "dangvu_name_words" in where and f"'{tree.hn.pk}:" in where
    assert list(by_root.values_list("pk", flat=True)) == by_units  # the same members, in the same order
    assert set(by_units) == {m.pk for m in mine}


def test_a_province_clerk_sees_the_members_its_units_hold_wherever_they_went(
    tree, second_province, register, make_user, actor
):
    """A scope that is a whole tree reads its members by their root (accounts.scope), not by the
    units' paths: a member transferred out, and a unit moved out with its members, leave it."""
    from dangvu.accounts.scope import Scope

    dn, dq, _x, x1 = second_province
    leaving, staying, moved = register(tree.a1), register(tree.b1), register(tree.c)
    arriving = register(x1)
    member_record_event(actor=actor, member=leaving, kind=EventKind.TRANSFERRED, date=D(2016, 2, 1), to_org=x1)
    org_move(actor=actor, org=tree.c, new_parent=dq, on=D(2016, 7, 1))
    hanoi, dongnai = Scope.of(make_user("org_board", tree.hn)), Scope.of(make_user("org_board", dn))
    for scope in (hanoi, dongnai):
        assert "root_id" in str(scope.members().query).split("WHERE")[1]
        by_units = Member.objects.filter(org__path__startswith=scope.root.path)
        assert set(scope.members()) == set(by_units)
    assert set(hanoi.members()) == {staying}
    assert set(dongnai.members()) == {leaving, moved, arriving}
    # Below the root the scope stays the unit's subtree by paths, and so does a unit asked for
    # within a province's scope; a unit outside the scope has nobody.
    assert set(Scope.of(make_user("grassroots", tree.b)).members()) == {staying}
    assert "root_id" not in str(hanoi.members_under(tree.b).query).split("WHERE")[1]
    assert set(hanoi.members_under(tree.b)) == {staying}
    assert set(dongnai.members_under(Organization.objects.get(pk=tree.c.pk))) == {moved}  # its path now
    assert not hanoi.members_under(dq).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
@pytest.mark.parametrize("units", [8, 5_000])  # read unit by unit, and through the (root, name) index
def test_a_search_never_walks_the_sort_keys_index_for_its_order(tree, register, units):
    """However the database collates, the order is an expression no index gives: walked in key
    order, PostgreSQL tested every name until it had a page ("hung" over the country: 15 s)."""
    register(tree.a1)
    found = selectors.search(Member.objects.all(), "thu", units=units, root_id=tree.hn.pk)
    sql, params = found.values_list("pk")[:50].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # What a database created with the "C" collation has for the key's own index.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's rows checked now: an index needs it
        cursor.execute('CREATE INDEX member_sort_key_bytes ON members_member (sort_key COLLATE "C", id)')
        cursor.execute("SET LOCAL enable_sort = off")  # the planner then takes any index that orders
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Sort Key" in plan, plan
