import pytest

from dangvu.core.numbers import (
    format_decimal,
    format_int,
    format_percent,
    format_plan,
    format_share,
    format_thousands_over,
    percent_of_plan,
)


def test_seed_figures_are_written_as_the_seed_writes_them():
    assert format_percent(99.35) == "99,35%"
    assert format_plan(209, 180) == "đạt 116% kế hoạch"
    assert percent_of_plan(6, 5) == 120
    assert format_share(27, 54) == "27/54"
    assert format_share(13235, 14938) == "13.235/14.938"
    assert format_thousands_over(10648) == "trên 10,6 nghìn"


@pytest.mark.parametrize(
    ("value", "text"),
    [(10600, "10,6 nghìn"), (10699, "trên 10,6 nghìn"), (10700, "10,7 nghìn"), (2000, "2 nghìn"),
     (2050, "trên 2 nghìn"), (999, "999"), (125400, "125,4 nghìn")],
)  # fmt: skip
def test_thousands_round_down_with_tren(value, text):
    assert format_thousands_over(value) == text


def test_grouping_and_rounding():
    assert format_int(16234) == "16.234"
    assert format_int(5600000) == "5.600.000"
    assert format_decimal(99.345) == "99,35"  # half up, not banker's rounding
    assert format_decimal(1234.5) == "1.234,50"
    assert percent_of_plan(179, 180) == 99  # never rounded up to a plan not reached
    assert percent_of_plan(5, 0) is None and format_plan(5, None) == ""
