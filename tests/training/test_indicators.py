"""training.* figures on hand-built data."""

import pytest

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move
from dangvu.training.services import attendance_add, training_class_create

from ..conftest import D

Y2016 = Period.year(2016)


@pytest.fixture
def open_class(actor):
    def _open(organizer, start=D(2016, 4, 4), unnamed=0, members=()):
        c = training_class_create(
            actor=actor, title="Lớp bồi dưỡng", organizer=organizer, kind="party_work", start_date=start,
            end_date=start, unnamed_count=unnamed,
        )  # fmt: skip
        for m in members:
            attendance_add(actor=actor, training_class=c, member=m)
        return c

    return _open


def value(key, org, period=Y2016):
    return catalogue.compute(key, org, period)


def test_classes_that_started_in_the_period_and_their_named_and_unnamed_attendances(tree, open_class, register):
    people = [register(tree.a1) for _ in range(3)]
    open_class(tree.hm, unnamed=150, members=people)
    open_class(tree.hm, unnamed=40)
    open_class(tree.hm, start=D(2015, 12, 30), unnamed=99, members=people[:1])
    open_class(tree.hm, start=D(2017, 1, 2), unnamed=99)
    assert value("training.classes", tree.hm) == 2
    assert value("training.attendances", tree.hm) == 193
    assert value("training.attendances", tree.hm, Period.year(2015)) == 100
    assert catalogue.get("training.attendances").records(tree.hm, Y2016).count() == 2


def test_a_wards_classes_roll_up_to_the_district_and_not_to_another_ward(tree, open_class):
    open_class(tree.a, unnamed=10), open_class(tree.a1, unnamed=5), open_class(tree.b, unnamed=7)
    assert (value("training.classes", tree.a), value("training.attendances", tree.a)) == (2, 15)
    assert (value("training.classes", tree.hm), value("training.attendances", tree.hm)) == (3, 22)
    assert value("training.classes", tree.c) == 0 and value("training.attendances", tree.c) == 0


def test_a_2016_figure_stays_with_the_tree_as_it_stood_in_2016(tree, open_class, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    open_class(tree.b, unnamed=30)
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 1, 1))
    open_class(tree.b, start=D(2017, 3, 1), unnamed=8)
    assert value("training.attendances", tree.hm) == 30 and value("training.attendances", other) == 0
    assert value("training.attendances", tree.hm, Period.year(2017)) == 0
    assert value("training.attendances", other, Period.year(2017)) == 8


def test_a_unit_moved_mid_year_counts_each_class_where_it_stood_when_it_began(tree, open_class, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    open_class(tree.b, start=D(2016, 3, 1), unnamed=30)
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2016, 7, 1))
    open_class(tree.b, start=D(2016, 9, 1), unnamed=8)
    assert value("training.attendances", tree.hm) == 30
    assert value("training.attendances", other) == 8
    assert value("training.attendances", tree.hn) == 38


@pytest.mark.parametrize("key", ["training.classes", "training.attendances"])
def test_each_figure_takes_the_same_few_queries_for_a_small_and_a_larger_subtree(
    tree, open_class, register, actor, key, django_assert_max_num_queries
):
    open_class(tree.a, unnamed=3, members=[register(tree.a1)])
    ind = catalogue.get(key)
    for size in (0, 10):
        for i in range(size):
            ward = org_found(
                actor=actor, code=f"W{i}", name=f"Đảng bộ phường Thử {i}", kind=Kind.WARD,
                level=Level.GRASSROOTS_COMMITTEE, parent=tree.hm, founded_on=D(2005, 1, 1),
            )  # fmt: skip
            open_class(ward, unnamed=i, members=[register(tree.a1)])
        with django_assert_max_num_queries(5):
            ind.compute(tree.hm, Y2016)
        with django_assert_max_num_queries(4):
            list(ind.records(tree.hm, Y2016))
