"""The tree's version changes with every write of units, however it is written, and the unit
choices a member list keeps under it are never those of another tree: a unit founded, renamed or
moved shows at once, and a change rolled back leaves nothing behind."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.urls import reverse

from dangvu.accounts.models import Role
from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.selectors import tree_choices
from dangvu.organizations.services import org_found, org_move, org_update
from dangvu.organizations.versions import drop_triggers, ensure_triggers, tree_token
from tests.conftest import D


def _token():
    return tree_token()[1]


def _names(choices) -> list[str]:
    return [unit.name for unit, _depth in choices[1]]


def test_every_way_of_writing_units_changes_the_version(tree, actor):
    seen = [_token()]

    def changed():
        seen.append(_token())
        return seen[-1] not in seen[:-1]

    Organization.objects.filter(pk=tree.a1.pk).count()
    assert not changed()  # a read changes nothing
    org_found(actor=actor, code="A3", name="Chi bộ tổ dân phố số 3", kind=Kind.WARD, level=Level.CELL,
              parent=tree.a, founded_on=D(2016, 1, 4))  # fmt: skip
    assert changed()
    Organization.objects.filter(pk=tree.a1.pk).update(short_name="TDP 1")  # an UPDATE past the models
    assert changed()
    unit = Organization(code="X", name="Đơn vị X", kind=Kind.WARD, level=Level.CELL, parent=tree.a,
                        path=f"{tree.a.path}999/", depth=tree.a.depth + 1, founded_on=D(2016, 1, 4))  # fmt: skip
    Organization.objects.bulk_create([unit])
    assert changed()
    Organization.objects.filter(code="X").delete()
    assert changed()
    with connection.cursor() as cursor:  # a hand-written statement
        cursor.execute("UPDATE organizations_organization SET name = name WHERE id = %s", [tree.c.pk])
    assert changed()


@pytest.mark.django_db(transaction=False)
def test_the_member_list_offers_a_unit_as_soon_as_it_is_founded_renamed_or_moved(client, make_user, tree, actor):
    client.force_login(make_user(Role.ADMIN, tree.hm))

    def offered() -> str:
        return client.get(reverse("member-list")).content.decode()

    assert "Chi bộ tổ dân phố số 3" not in offered()
    a3 = org_found(actor=actor, code="A3", name="Chi bộ tổ dân phố số 3", kind=Kind.WARD, level=Level.CELL,
                   parent=tree.a, founded_on=D(2016, 1, 4))  # fmt: skip
    assert "Chi bộ tổ dân phố số 3" in offered()
    org_update(actor=actor, org=a3, name="Chi bộ tổ dân phố số 3A")
    assert "Chi bộ tổ dân phố số 3A" in offered()
    before = tree_choices(tree.hm, 300, 1001)
    org_move(actor=actor, org=a3, new_parent=tree.b, on=D(2016, 6, 1))
    after = tree_choices(tree.hm, 300, 1001)
    moved = {unit.name: unit.path for unit, _depth in after[1]}["Chi bộ tổ dân phố số 3A"]
    assert moved.startswith(tree.b.path) and after != before


def test_a_change_rolled_back_leaves_no_choices_behind(tree, actor):
    """A counter would give the rolled-back change's number to the next change: its choices, kept
    meanwhile, would then be offered for a tree that never held them."""
    with transaction.atomic():
        org_found(actor=actor, code="U", name="Chi bộ đã hủy", kind=Kind.WARD, level=Level.CELL, parent=tree.a,
                  founded_on=D(2016, 1, 4))  # fmt: skip
        assert "Chi bộ đã hủy" in _names(tree_choices(tree.hm, 300, 1001))  # kept under that transaction's version
        transaction.set_rollback(True)
    assert "Chi bộ đã hủy" not in _names(tree_choices(tree.hm, 300, 1001))
    org_found(actor=actor, code="V", name="Chi bộ mới", kind=Kind.WARD, level=Level.CELL, parent=tree.a,
              founded_on=D(2016, 1, 4))  # fmt: skip
    names = _names(tree_choices(tree.hm, 300, 1001))
    assert "Chi bộ mới" in names and "Chi bộ đã hủy" not in names


def test_the_triggers_come_back_after_every_migrate_with_a_new_version(tree, actor):
    """SQLite drops a table's triggers when a migration rebuilds it: they are made again after
    every migrate (post_migrate), and the version changes then, since units may have been written
    while they were missing."""
    assert "Chi bộ tổ dân phố số 1" in _names(tree_choices(tree.hm, 300, 1001))  # kept
    drop_triggers(connection)
    token = _token()
    org_update(actor=actor, org=tree.a1, name="Chi bộ tổ dân phố số 1 mới")
    assert _token() == token  # without them the version stands still
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert _token() != token
    assert "Chi bộ tổ dân phố số 1 mới" in _names(tree_choices(tree.hm, 300, 1001))
    token = _token()
    org_update(actor=actor, org=tree.a1, name="Chi bộ tổ dân phố số 1")
    assert _token() != token
    ensure_triggers(connection)  # again: nothing fails, the triggers still work
    token = _token()
    org_update(actor=actor, org=tree.a1, name="Chi bộ tổ dân phố số một")
    assert _token() != token


def test_a_root_read_before_a_move_does_not_leave_its_list_for_the_others(tree, actor):
    """The scope's root comes with the user, before the version is read: a move committed in
    between gives an instance with the old path. Its list is kept apart from the current one."""
    stale = Organization.objects.get(pk=tree.a.pk)
    org_move(actor=actor, org=tree.a, new_parent=tree.hn, on=D(2016, 6, 1))
    tree_choices(stale, 300, 1001)
    fresh = Organization.objects.get(pk=tree.a.pk)
    assert _names(tree_choices(fresh, 300, 1001)) == ["Đảng bộ phường Định Công", "Chi bộ tổ dân phố số 1",
                                                      "Chi bộ tổ dân phố số 2"]  # fmt: skip
