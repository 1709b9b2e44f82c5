import pytest

from dangvu.members.restructure import org_merge
from dangvu.members.selectors import member_count_on, members_on
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.selectors import subtree_ids_on, tree_on
from dangvu.organizations.services import org_found, org_move

from ..conftest import D


def test_tree_as_of_a_date_before_and_after_a_move(tree, actor):
    org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2017, 6, 1))
    before = {o.code for o, _ in tree_on(tree.b, D(2016, 12, 31))}
    after = {o.code for o, _ in tree_on(tree.b, D(2017, 6, 1))}
    assert before == {"B", "B1"}
    assert after == {"B", "B1", "A2"}
    assert tree.a2.id in set(subtree_ids_on(tree.a, D(2016, 12, 31)).values_list("org_id", flat=True))
    assert tree.a2.id not in set(subtree_ids_on(tree.a, D(2017, 6, 1)).values_list("org_id", flat=True))


def test_members_move_with_their_unit_and_past_counts_stay(tree, actor, admit, register):
    for _ in range(3):
        register(tree.a2)
    register(tree.b1)
    org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2017, 6, 1))
    assert member_count_on(tree.a, D(2016, 12, 31)) == 3
    assert member_count_on(tree.b, D(2016, 12, 31)) == 1
    assert member_count_on(tree.a, D(2017, 12, 31)) == 0
    assert member_count_on(tree.b, D(2017, 12, 31)) == 4


def test_merge_moves_members_and_keeps_the_2016_membership(tree, actor, register):
    moved = [register(tree.a1) for _ in range(2)]
    stay = register(tree.b1)
    org_merge(actor=actor, source=tree.a1, target=tree.b1, on=D(2017, 1, 1), decision="12-QĐ/QU")
    tree.a1.refresh_from_db()
    assert tree.a1.dissolved_on == D(2017, 1, 1) and tree.a1.merged_into == tree.b1
    assert tree.a1.dissolution_decision == "12-QĐ/QU"
    in_a1_2016 = set(members_on(tree.a1, D(2016, 12, 31)).values_list("pk", flat=True))
    assert in_a1_2016 == {m.pk for m in moved}
    in_b1_2017 = set(members_on(tree.b1, D(2017, 1, 1)).values_list("pk", flat=True))
    assert in_b1_2017 == {m.pk for m in moved} | {stay.pk}
    for m in moved:
        m.refresh_from_db()
        assert m.org == tree.b1
        assert m.events.filter(kind="moved", to_org=tree.b1, decision_no="12-QĐ/QU").exists()
    # The tree of 2016 still shows A1 under A; today's does not.
    assert "A1" in {o.code for o, _ in tree_on(tree.a, D(2016, 12, 31))}
    assert "A1" not in {o.code for o, _ in tree_on(tree.a, D(2017, 1, 2))}


def test_merging_a_ward_committee_moves_its_cells_under_the_target(tree, actor, register):
    register(tree.a1)
    org_merge(actor=actor, source=tree.a, target=tree.b, on=D(2020, 1, 1))
    tree.a1.refresh_from_db()
    assert tree.a1.parent == tree.b
    assert member_count_on(tree.b, D(2020, 1, 1)) == 1
    assert member_count_on(tree.a, D(2019, 12, 31)) == 1


def test_a_unit_founded_later_is_absent_from_earlier_trees(tree, actor):
    new = org_found(
        actor=actor, code="DN1", name="Chi bộ Công ty TNHH An Phát", kind=Kind.NON_STATE_ENTERPRISE,
        level=Level.GRASSROOTS_CELL, parent=tree.hm, founded_on=D(2016, 5, 10),
    )  # fmt: skip
    assert new.pk not in set(subtree_ids_on(tree.hm, D(2016, 5, 9)).values_list("org_id", flat=True))
    assert new.pk in set(subtree_ids_on(tree.hm, D(2016, 5, 10)).values_list("org_id", flat=True))


def test_the_database_refuses_a_second_open_position_for_a_unit(tree):
    from django.db import IntegrityError, transaction

    from dangvu.organizations.models import OrgPeriod

    current = OrgPeriod.objects.get(org=tree.a2, valid_to__isnull=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgPeriod.objects.create(
            org=tree.a2, parent=tree.b, path=f"{tree.b.path}{tree.a2.pk}/", valid_from=D(2017, 6, 1)
        )
    assert OrgPeriod.objects.filter(org=tree.a2, valid_to__isnull=True).get() == current
