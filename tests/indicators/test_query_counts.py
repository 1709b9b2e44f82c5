"""Every registered indicator — of every area, whatever is registered when the test runs — takes
the same number of queries on a ward with one member as on a district many times its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.catalogue import Period, all_indicators
from dangvu.members.models import EventKind as K
from dangvu.members.services import member_record_event
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.fixture
def sizes(tree, admit, register, actor):
    """A small subtree (ward B: one cell, three members, one admitted and one died in the year)
    and a much larger one (the district: 25 more cells, ~60 members, admissions, transfers, a
    unit move and deaths in the year)."""
    register(tree.b1), admit(tree.b1, on=D(2016, 4, 1))
    member_record_event(actor=actor, member=register(tree.b1), kind=K.DIED, date=D(2016, 9, 9))
    ward = tree.a
    for i in range(25):
        cell = org_found(
            actor=actor, code=f"X{i}", name=f"Chi bộ số {i}", kind=Kind.WARD, level=Level.CELL, parent=ward,
            founded_on=D(2010, 1, 1) if i % 5 else D(2016, 2, 1),
        )  # fmt: skip
        members = [register(cell, joined_on=D(2016, 2, 1)), admit(cell, on=D(2016, 3, i % 28 + 1))]
        if i % 3 == 0:
            member_record_event(actor=actor, member=members[0], kind=K.TRANSFERRED, date=D(2016, 5, 1), to_org=tree.c)
        if i % 4 == 0:
            member_record_event(actor=actor, member=members[1], kind=K.DIED, date=D(2016, 6, 1))
    for i in range(3):
        org_found(
            actor=actor, code=f"N{i}", name=f"Chi bộ Công ty N{i}", kind=Kind.NON_STATE_ENTERPRISE,
            level=Level.GRASSROOTS_CELL, parent=tree.hm, founded_on=D(2016, 8, 1),
        )  # fmt: skip
    org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2016, 10, 1))
    return tree.b, tree.hm


def test_every_indicator_takes_as_many_queries_on_a_ward_as_on_the_district(sizes):
    small, large = sizes
    assert all_indicators(), "no indicator is registered"
    for ind in all_indicators():
        counts = []
        for org in (small, large):
            n = _queries(lambda ind=ind, org=org: ind.compute(org, Y2016))
            if ind.records is not None:
                n += _queries(lambda ind=ind, org=org: ind.records(org, Y2016).count())
            counts.append(n)
        assert counts[0] == counts[1], f"{ind.key}: {counts[0]} queries on a ward, {counts[1]} on the district"
