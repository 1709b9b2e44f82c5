"""core.prepared: the reads by key that every page runs are prepared on PostgreSQL, the reads of a
subtree are not (a plan kept without the path prefix could read every unit for a cell), and the
values bound on the server give the same rows as Django's own binding."""

import re

import pytest
from django.db import connection, transaction

from dangvu.accounts.scope import Scope
from dangvu.core.prepared import prepared
from dangvu.members.models import Member

from ..conftest import Role

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        return [row[0] for row in cursor.fetchall()]


def test_a_read_inside_is_prepared_once_and_one_outside_is_not(tree, register):
    member = register(tree.a1, full_name="Lê Thị O'Hà")
    connection.ensure_connection()
    before = len(_prepared_statements())
    for _ in range(3):
        with prepared():
            found = Member.objects.filter(pk=member.pk, birth_date=member.birth_date, full_name="Lê Thị O'Hà").get()
        assert found == member
    statements = _prepared_statements()
    assert len(statements) == before + 1
    assert '"members_member"."full_name" = $2' in statements[-1]
    Member.objects.filter(org__path__startswith=tree.a.path).count()
    assert len(_prepared_statements()) == before + 1


def test_a_member_page_prepares_its_reads_by_key_and_a_unit_page_not_its_subtree(client, tree, register, make_user):
    member = register(tree.a1)
    client.force_login(make_user(Role.ORG_BOARD, tree.hm))
    assert client.get(f"/dang-vien/{member.pk}/").status_code == 200
    statements = _prepared_statements()
    assert any("django_session" in s for s in statements)
    assert any('"members_memberevent"' in s and "$1" in s for s in statements)
    assert client.get(f"/to-chuc/{tree.a.pk}/").status_code == 200
    statements = _prepared_statements()
    assert any(re.search(r'"organizations_organization"\."parent_id" = \(?\$', s) for s in statements)
    # The unit and its members are read by id (the scope's prefix beside the key); its subtree's
    # counts and member list, read by the prefix alone, are planned for each unit.
    subtree_reads = [s for s in statements if " LIKE " in s and not re.search(r'"id" = \(?\$', s)]
    assert not subtree_reads


def test_a_record_outside_the_scope_stays_unfound_when_prepared(tree, register, make_user):
    inside, outside = register(tree.a1), register(tree.b1)
    scope = Scope.of(make_user(Role.ORG_BOARD, tree.a))
    for _ in range(7):  # past PostgreSQL's five custom plans: the kept plan still tests the scope
        assert scope.get_member(inside.pk) == inside
        with pytest.raises(Exception, match="Không tìm thấy"):
            scope.get_member(outside.pk)


def test_a_members_own_pages_are_prepared(client, tree, make_user):
    client.force_login(make_user(Role.MEMBER, tree.a))
    assert client.get("/so-tay/").status_code == 200
    assert any('"handbook_memberaccount"' in s and "$1" in s for s in _prepared_statements())


def test_only_reads_are_prepared_not_the_savepoints_and_writes_around_them(tree, register):
    member = register(tree.a1)
    with prepared():
        for _ in range(2):
            with transaction.atomic():  # a savepoint, within the test's transaction
                Member.objects.filter(pk=member.pk).update(phone="0912345678")
            assert Member.objects.get(pk=member.pk).phone == "0912345678"
    statements = _prepared_statements()
    assert any(s.startswith("SELECT") and '"members_member"' in s for s in statements)
    assert [s for s in statements if not s.startswith(("SELECT", "WITH", "("))] == []
