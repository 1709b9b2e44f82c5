"""The review indicators on hand-built data: decided results only, the subtree as it stood in the
year, overrides counted, "top class 5 years in a row", and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import dangvu.reviews.indicators  # noqa: F401
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.indicators.selectors import evaluate
from dangvu.reviews.models import Stage
from dangvu.reviews.selectors import member_history, org_history, top_years_in_a_row
from dangvu.reviews.services import member_results_record_bulk, org_result_record, review_cycle_open

Y2016 = Period.year(2016)
KEYS = [
    "review.orgs.rated", "review.orgs.top", "review.orgs.top_exemplary", "review.orgs.top_5_years",
    "review.members.rated", "review.members.good_or_better", "review.overrides",
]  # fmt: skip


def decide(actor, cycle, org, cls, **kw):
    return org_result_record(actor=actor, cycle=cycle, org=org, stage=Stage.DECISION, cls=cls, **kw)


@pytest.fixture
def year_2016(tree, actor, register):
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2016)
    decide(actor, cycle, tree.a, "tsvm", points=95, exemplary=True)
    decide(actor, cycle, tree.b, "tsvm", points=91)
    # Proposed but not decided: not counted.
    org_result_record(actor=actor, cycle=cycle, org=tree.c, stage=Stage.PROPOSAL, cls="good", points=80)
    # A cell's result feeds its committee's rules but is not a grassroots result.
    decide(actor, cycle, tree.a1, "tsvm")
    a_members = [register(tree.a1) for _ in range(3)]
    c_members = [register(tree.c) for _ in range(2)]
    member_results_record_bulk(
        actor=actor, cycle=cycle, org=tree.a, stage=Stage.DECISION,
        rows=[{"member": a_members[0], "cls": "excellent"}, {"member": a_members[1], "cls": "completed"},
              {"member": a_members[2], "cls": "good"}],
    )  # fmt: skip
    member_results_record_bulk(
        actor=actor,
        cycle=cycle,
        org=tree.c,
        stage=Stage.PROPOSAL,
        rows=[{"member": m, "cls": "good"} for m in c_members],
    )
    decide(actor, cycle, tree.c, "good", points=45, override_reason="Điểm trừ do sự cố khách quan, đã khắc phục")
    return cycle, a_members


def test_review_indicators_count_decided_results(tree, year_2016):
    values = {key: catalogue.compute(key, tree.hm, Y2016) for key in KEYS}
    assert values == {
        "review.orgs.rated": 3, "review.orgs.top": 2, "review.orgs.top_exemplary": 1, "review.orgs.top_5_years": 0,
        "review.members.rated": 3, "review.members.good_or_better": 2, "review.overrides": 1,
    }  # fmt: skip
    assert catalogue.compute("review.orgs.rated", tree.a, Y2016) == 1
    assert catalogue.compute("review.orgs.rated", tree.hm, Period.year(2015)) == 0
    records = catalogue.get("review.orgs.top").records(tree.hm, Y2016)
    assert set(records.values_list("org__code", flat=True)) == {"A", "B"}
    assert catalogue.get("review.overrides").records(tree.hm, Y2016).get().rules == ["hd27.org.weak_points"]


def test_review_figures_are_the_year_s_and_absent_for_a_quarter(tree, year_2016):
    """A quarter does not report the whole year's review under its own name: each review figure is
    absent (shown "—") with no records, over a quarter or any period that is not whole years; a
    period of whole years (a term) reads each year's cycle."""
    review = [i for i in catalogue.all_indicators() if i.key.startswith("review.")]
    for period in (Period.quarter(2016, 4), Period(Y2016.start, dt.date(2016, 6, 30))):
        for ind in review:
            assert ind.compute(tree.hm, period) is None, (ind.key, period)
            assert ind.records(tree.hm, period).count() == 0, (ind.key, period)
    term = Period(dt.date(2015, 1, 1), Y2016.end)
    assert catalogue.compute("review.orgs.rated", tree.hm, term) == 3
    figures = {f.key: f for f in evaluate(tree.hm, Period.quarter(2016, 4), keys=KEYS)}
    assert all(f.value is None and not f.records for f in figures.values())


def test_review_indicators_take_a_fixed_number_of_queries(tree, year_2016, register, actor):
    def count(org):
        counts = {}
        for key in KEYS:
            ind = catalogue.get(key)
            with CaptureQueriesContext(connection) as q:
                ind.compute(org, Y2016)
                list(ind.records(org, Y2016))
            counts[key] = len(q.captured_queries)
        return counts

    small = count(tree.b)
    assert count(tree.hm) == small and max(small.values()) <= 6


def test_top_five_years_in_a_row_and_history(tree, actor, year_2016):
    _, a_members = year_2016
    for year in (2017, 2018, 2019, 2020):
        cycle = review_cycle_open(actor=actor, committee=tree.hm, year=year)
        top = "tsvm" if year < 2018 else "excellent"
        if year >= 2018:  # from 2018 an excellent committee needs its cells classed
            decide(actor, cycle, tree.a1, "excellent")
            decide(actor, cycle, tree.a2, "good")
            decide(actor, cycle, tree.b1, "excellent")
        decide(actor, cycle, tree.a, top if year != 2019 else "good")
        decide(actor, cycle, tree.c, top)
        decide(actor, cycle, tree.b, top)
    # B: TSVM 2016, 2017, excellent 2018–2020: five in a row. A missed 2019; C was good in 2016.
    assert list(top_years_in_a_row(tree.hm, 2020, 5).values_list("code", flat=True)) == ["B"]
    assert catalogue.compute("review.orgs.top_5_years", tree.hm, Period.year(2020)) == 1
    assert [(r.cycle.year, r.decided_class) for r in org_history(tree.a)][:3] == [
        (2016, "tsvm"), (2017, "tsvm"), (2018, "excellent"),
    ]  # fmt: skip
    assert [r.decided_class for r in member_history(a_members[0])] == ["excellent"]


def test_review_figures_have_their_own_display_order():
    """The dashboard and the report list figures by order: two review figures sharing one order were
    listed in an arbitrary (key) order, cells between organizations' classes."""
    review = [i for i in catalogue.all_indicators() if i.key.startswith("review.")]
    orders = [i.order for i in review]
    assert len(orders) == len(set(orders))
    keys = [i.key for i in review]
    assert keys.index("review.orgs.good_or_better") < keys.index("review.cells.rated") < keys.index("review.cells.top")


def test_figures_read_together_equal_their_records_counted_one_by_one(tree, year_2016, actor):
    """The review's figures come from three shared queries (organizations, directly held cells,
    members); each must still be what its own records say, in one evaluation and alone."""
    cycle, _ = year_2016
    decide(actor, cycle, tree.a2, "good")  # a result that is not a grassroots organization's
    review = [i for i in catalogue.all_indicators() if i.key.startswith("review.") and i.records is not None]
    for org in (tree.hm, tree.a, tree.c):
        together = {f.key: f for f in evaluate(org, 2016)}
        for ind in review:
            records = ind.records(org, Y2016)
            units = records.values("pk" if records.model.__name__ == "Organization" else "org_id").distinct().count()
            alone = ind.compute(org, Y2016)
            if ind.counted:
                assert alone == records.count() == together[ind.key].value, (ind.key, org.code)
            elif ind.key != "review.overrides":
                assert alone == units == together[ind.key].value, (ind.key, org.code)
            assert together[ind.key].records == records.count(), (ind.key, org.code)
    assert {f.key: f.value for f in evaluate(tree.hm, 2016) if f.key.startswith("review.orgs.")} == {
        "review.orgs.rated": 3, "review.orgs.top": 2, "review.orgs.top_exemplary": 1, "review.orgs.top_5_years": 0,
        "review.orgs.good": 1, "review.orgs.good_or_better": 3,
    }  # fmt: skip
