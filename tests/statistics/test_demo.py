"""The standard statistics on the Hoàng Mai 2016 demo: the increase/decrease table adds up."""

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.indicators.statistics import composition, flows

YEAR = Period.year(2016)


def test_hoang_mai_2016_members_at_the_start_plus_increases_minus_decreases_is_members_at_the_end(db, demo_data):
    hm = demo_data.hm
    increase, decrease, balance = flows(hm, YEAR)
    start, up, down, end = (row[1] for row in balance.rows)
    assert (up, down) == (increase.total, decrease.total)
    assert start + increase.total - decrease.total == end
    assert start == catalogue.compute("members.total", hm, Period.year(2015))
    assert end == catalogue.compute("members.total", hm, YEAR)
    assert increase.total == catalogue.compute("members.increase", hm, YEAR)
    assert decrease.total == catalogue.compute("members.decrease", hm, YEAR)
    # The seed's 209 admissions are all increases of the district by admission.
    assert (
        dict((r[0], r[1]) for r in increase.rows)["Kết nạp"] == catalogue.compute("members.admitted", hm, YEAR) == 209
    )


def test_hoang_mai_composition_adds_up_to_members_total(db, demo_data):
    hm = demo_data.hm
    total = catalogue.compute("members.total", hm, YEAR)
    assert total > 0
    assert all(table.total == total for table in composition(hm, YEAR.end))
