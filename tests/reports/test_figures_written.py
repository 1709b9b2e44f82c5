"""How the report writes figures that have nothing behind them."""

from dangvu.reports.context import report_context

from ..conftest import D


def _row(ctx, label):
    table = next(t for t in ctx["annex"] if t["key"] == "indicators")
    return next(r for r in table["rows"] if r[0] == label)


def test_a_year_without_an_election_writes_no_turnout_rather_than_zero_percent(tree, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    ctx = report_context(tree.hm, 2016)
    assert _row(ctx, "Tỷ lệ cử tri đi bầu")[2] == "—"
    assert _row(ctx, "Kết nạp đảng viên mới")[2] == "1"
