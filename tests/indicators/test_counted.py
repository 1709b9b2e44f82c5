"""An indicator declared `counted` has a value that IS the number of its records, so `evaluate`
reports that number without counting the records again; figures read from one query share it
within one evaluation, and only within it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core import catalogue
from dangvu.core.catalogue import Period, all_indicators
from dangvu.indicators.selectors import evaluate
from dangvu.organizations.models import Organization

from ..conftest import D
from .test_query_counts import sizes  # noqa: F401 - the fixture: a ward and a district with flows

Y2016 = Period.year(2016)


def _counted():
    found = [ind for ind in all_indicators() if ind.counted]
    assert found, "no indicator is declared counted"
    return found


def _units(pair):
    """The ward and the district (a unit moved inside them in 2016), and cells nothing moved in."""
    return [*pair, *Organization.objects.filter(code__in=["X0", "X3", "X4"])]


def test_every_counted_indicator_is_the_count_of_its_records(sizes):  # noqa: F811
    for org in _units(sizes):
        for ind in _counted():
            assert ind.records is not None, f"{ind.key} is counted but has no records"
            value = ind.compute(org, Y2016)
            assert value == ind.records(org, Y2016).count(), f"{ind.key} on {org.code}"


def test_a_records_count_given_is_the_count_of_the_records(sizes):  # noqa: F811
    given = [ind for ind in all_indicators() if ind.records_count is not None]
    assert {ind.key for ind in given} >= {"members.increase", "members.decrease"}
    seen = 0
    for org in _units(sizes):
        for ind in given:
            n = ind.records(org, Y2016).count()
            assert ind.records_count(org, Y2016) == n, f"{ind.key} on {org.code}"
            seen += n
    assert seen  # the flows are not all empty


def test_the_member_figures_are_the_records_behind_them(sizes):  # noqa: F811
    small, large = sizes
    assert {ind.key for ind in _counted()} >= {"members.total", "members.probationary", "members.full"}
    for org in (small, large):
        figures = {f.key: f for f in evaluate(org, 2016)}
        for ind in _counted():
            assert figures[ind.key].records == figures[ind.key].value, ind.key
        # Not counted: the records are counted on their own.
        increase = figures["members.increase"]
        assert increase.records == catalogue.records("members.increase", org, Y2016).count()


def _period_scans(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return sum('FROM "members_memberperiod"' in q["sql"] for q in ctx.captured_queries)


def test_the_three_member_totals_read_the_periods_once(sizes):  # noqa: F811
    _, district = sizes
    keys = ["members.total", "members.probationary", "members.full"]
    assert _period_scans(lambda: evaluate(district, 2016, keys)) == 1
    figures = {f.key: f.value for f in evaluate(district, 2016, keys)}
    assert figures["members.total"] == figures["members.probationary"] + figures["members.full"]
    # The flows in and out and the number of their records: one reading of the crossings.
    once = _period_scans(lambda: evaluate(district, 2016, ["members.increase"]))
    assert _period_scans(lambda: evaluate(district, 2016, ["members.increase", "members.decrease"])) == once


def test_nothing_is_shared_outside_one_evaluation(tree, admit):
    before = evaluate(tree.hm, 2016, ["members.total"])[0].value
    admit(tree.a1, on=D(2016, 3, 2))
    assert evaluate(tree.hm, 2016, ["members.total"])[0].value == before + 1
    calls = []
    with catalogue.evaluation():
        for _ in range(2):
            catalogue.shared(("k",), lambda: calls.append(1))
    catalogue.shared(("k",), lambda: calls.append(1))
    assert len(calls) == 2  # once inside the evaluation, once again after it


@pytest.mark.demo
@pytest.mark.django_db
def test_every_counted_indicator_is_the_count_of_its_records_on_the_demo(demo_data):
    hm = demo_data.hm
    for ind in _counted():
        assert ind.compute(hm, Y2016) == ind.records(hm, Y2016).count(), ind.key
