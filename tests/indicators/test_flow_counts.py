"""The entries and exits counted in the database when nothing in the tree moved are exactly what
`crossings` finds, on the cases the grouping exists for: two periods of one member meeting on a
day inside the subtree, the first and last day of the period, out and back in, one-day stays."""

import pytest

from dangvu.core.catalogue import Period, evaluation
from dangvu.members.indicators import _subtree, crossings, flow_counts
from dangvu.members.models import EventKind as K
from dangvu.members.services import member_record_event

from ..conftest import D

PERIODS = [
    Period.year(2016),
    Period(D(2016, 1, 1), D(2016, 1, 1)),
    Period(D(2016, 12, 31), D(2016, 12, 31)),
    Period(D(2016, 6, 1), D(2016, 6, 30)),
    Period.year(2017),
]


@pytest.fixture
def histories(tree, register, admit, actor):
    def move(m, day, to):
        member_record_event(actor=actor, member=m, kind=K.TRANSFERRED, date=day, to_org=to)

    inside = register(tree.a1)
    move(inside, D(2016, 5, 1), tree.a2)  # within ward A
    admit(tree.a1, on=D(2016, 1, 1))  # admitted on the first day
    died = register(tree.a2)
    member_record_event(actor=actor, member=died, kind=K.DIED, date=D(2016, 12, 31))  # on the last day
    edges = register(tree.a2)
    move(edges, D(2016, 1, 1), tree.a1)
    move(edges, D(2016, 12, 31), tree.b1)
    away_and_back = register(tree.a1)
    move(away_and_back, D(2016, 3, 1), tree.c)
    move(away_and_back, D(2016, 9, 1), tree.a2)
    arrived = register(tree.b1)
    move(arrived, D(2016, 1, 1), tree.a1)
    hopping = register(tree.a1)
    move(hopping, D(2016, 6, 10), tree.b1)
    move(hopping, D(2016, 6, 11), tree.a2)
    member_record_event(actor=actor, member=register(tree.c), kind=K.TRANSFERRED_OUT, date=D(2016, 6, 15),
                        place="Đảng bộ tỉnh Bắc Ninh")  # fmt: skip


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_the_database_count_equals_the_crossings_for_every_unit(tree, histories, period):
    for org in (tree.a1, tree.a2, tree.a, tree.b1, tree.b, tree.c, tree.hm, tree.hn):
        with evaluation():
            assert _subtree(org, period).static  # nothing moved: the database path is the one taken
            counted = flow_counts(org, period)
        with evaluation():
            entries, exits = crossings(org, period)
        assert (counted["increase"], counted["decrease"]) == (len(entries), len(exits)), org.code
        assert counted["increase_records"] == len({c.period_id for c in entries}), org.code
        assert counted["decrease_records"] == len({c.period_id for c in exits}), org.code


def test_the_cases_do_cross_the_ward(tree, histories):
    with evaluation():
        counted = flow_counts(tree.a, Period.year(2016))
    # In: the admission, the arrival from B1, and the returns from C and from B1. Out: the death,
    # and the moves to C, to B1 (twice).
    assert (counted["increase"], counted["decrease"]) == (4, 4)
