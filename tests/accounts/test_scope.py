import pytest
from django.http import Http404

from dangvu.accounts.models import Capability
from dangvu.accounts.scope import Scope


def test_a_ward_clerk_sees_only_their_ward(tree, register, make_user):
    mine = register(tree.a1)
    theirs = register(tree.b1)
    scope = Scope.of(make_user("grassroots", tree.a))
    assert set(scope.members()) == {mine}
    assert scope.get_member(mine.pk) == mine
    with pytest.raises(Http404):
        scope.get_member(theirs.pk)
    with pytest.raises(Http404):
        scope.get_org(tree.b.pk)
    assert scope.covers(tree.a1) and not scope.covers(tree.hm)


def test_the_district_sees_every_ward_and_roles_limit_writes(tree, register, make_user):
    register(tree.a1), register(tree.b1)
    board = Scope.of(make_user("org_board", tree.hm))
    leader = Scope.of(make_user("leader", tree.hm))
    assert board.members().count() == 2
    assert board.can(Capability.OVERRIDE_AGE) and not leader.can(Capability.EDIT_MEMBERS)
    assert leader.members().count() == 2


def test_a_user_without_a_role_sees_nothing(tree, register, django_user_model):
    register(tree.a1)
    user = django_user_model.objects.create_user("lost", password="x" * 12)
    assert Scope.of(user).members().count() == 0
