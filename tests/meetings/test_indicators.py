"""meetings.held on hand-built data, at a fixed number of queries whatever the subtree."""

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.meetings.services import meeting_create

from ..conftest import D

Y2016 = Period.year(2016)


def test_meetings_held_in_the_period(actor, tree, django_assert_max_num_queries):
    for org, day in ((tree.a1, D(2016, 1, 5)), (tree.a2, D(2016, 2, 5)), (tree.b1, D(2016, 3, 5)),
                     (tree.c, D(2015, 12, 5))):  # fmt: skip
        meeting_create(actor=actor, org=org, kind="regular", date=day)
    with django_assert_max_num_queries(4):
        assert catalogue.compute("meetings.held", tree.a, Y2016) == 2
    assert catalogue.compute("meetings.held", tree.hm, Y2016) == 3
    assert catalogue.compute("meetings.held", tree.hm, Period.year(2015)) == 1
    with django_assert_max_num_queries(4):
        assert len(list(catalogue.records("meetings.held", tree.hm, Y2016))) == 3
