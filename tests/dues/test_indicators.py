"""dues.collected on hand-built data, at a fixed number of queries whatever the subtree."""

import pytest

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.dues import services as dues

from ..conftest import D

Y2016 = Period.year(2016)


@pytest.mark.parametrize("org_name,expected", [("a", 10_000), ("hm", 15_000), ("b", 5_000), ("c", 0)])
def test_dues_collected_in_the_period(actor, tree, register, org_name, expected, django_assert_max_num_queries):
    for org, paid_on in ((tree.a1, D(2016, 1, 5)), (tree.a2, D(2016, 2, 5)), (tree.b1, D(2016, 3, 5)),
                         (tree.a1, D(2015, 12, 5))):  # fmt: skip
        m = register(org)
        dues.dues_basis_set(actor=actor, member=m, kind="fixed", fixed_amount=5_000, valid_from=D(2015, 1, 1))
        dues.dues_pay(actor=actor, member=m, month=paid_on, paid_on=paid_on)
    org = getattr(tree, org_name)
    with django_assert_max_num_queries(4):
        assert catalogue.compute("dues.collected", org, Y2016) == expected
    with django_assert_max_num_queries(4):
        assert sum(p.amount for p in catalogue.records("dues.collected", org, Y2016)) == expected
