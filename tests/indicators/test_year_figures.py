"""A closed year's figures come from the close's snapshot for every reader that asks
`year_figures` (the dashboard, `dangvu indicators`); reopening the year makes them live again.
`evaluate` itself always counts the live records."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core.closing import unlocked
from dangvu.indicators.selectors import evaluate
from dangvu.reports.models import YearClose
from dangvu.reports.selectors import year_figures
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D

KEYS = ["members.admitted", "members.total", "orgs.grassroots"]


def _values(found) -> dict:
    return {f.key: f.value for f in found.figures}


def test_a_closed_year_reads_its_snapshot_until_it_is_reopened(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    live = year_figures(tree.hm, 2016, KEYS)
    assert live.closed is None and _values(live)["members.admitted"] == 1
    close = year_close(actor=actor, org=tree.hm, year=2016)
    with unlocked():  # a record behind the close (users are refused: tests/reports/test_close.py)
        admit(tree.b1, on=D(2016, 9, 2))

    closed = year_figures(tree.hm, 2016, KEYS)
    assert closed.closed.pk == close.pk
    assert [f.key for f in closed.figures] == [f.key for f in live.figures]  # catalogue order
    assert closed.by_key()["members.admitted"] == live.by_key()["members.admitted"]  # every field
    assert evaluate(tree.hm, 2016, ["members.admitted"])[0].value == 2  # the live count moves
    assert year_figures(tree.hm, 2015, KEYS).closed is None  # another year is live

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    reopened = year_figures(tree.hm, 2016, KEYS)
    assert reopened.closed is None and _values(reopened)["members.admitted"] == 2
    again = year_close(actor=actor, org=tree.hm, year=2016)
    with unlocked():
        admit(tree.b1, on=D(2016, 10, 2))
    found = year_figures(tree.hm, 2016, KEYS)
    assert found.closed.version == again.version == 2 and _values(found)["members.admitted"] == 2


def test_a_figure_the_snapshot_lacks_is_computed_live(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    close = year_close(actor=actor, org=tree.hm, year=2016)
    snapshot = dict(close.snapshot)
    snapshot["indicators"] = {k: v for k, v in snapshot["indicators"].items() if k != "members.total"}
    YearClose.objects.filter(pk=close.pk).update(snapshot=snapshot)
    with unlocked():
        admit(tree.a1, on=D(2016, 4, 2))
    values = _values(year_figures(tree.hm, 2016, KEYS))
    assert values["members.total"] == 2  # live: the snapshot has no such figure
    assert values["members.admitted"] == 1  # from the snapshot


def test_the_snapshot_is_read_in_one_query_without_the_record_ids(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    year_close(actor=actor, org=tree.hm, year=2016)
    with CaptureQueriesContext(connection) as ctx:
        year_figures(tree.hm, 2016)
    assert len(ctx.captured_queries) == 1
    assert "record_ids" not in ctx.captured_queries[0]["sql"]


def test_the_dashboard_of_a_closed_year_shows_the_closed_figures(board, tree, actor, admit):  # noqa: F811
    admit(tree.a1, on=D(2016, 3, 2))
    year_close(actor=actor, org=tree.hm, year=2016)
    with unlocked():
        admit(tree.b1, on=D(2016, 9, 2))
    url = reverse("dashboard", args=[tree.hm.pk, 2016])
    html = board.get(url).content.decode()
    block = html.split('data-key="members.admitted"')[1].split("</li>")[0]
    assert " 1 " in block.replace(">", "> ").replace("<", " <")
    assert "Số liệu đã chốt (lần 1" in html
    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    html = board.get(url).content.decode()
    block = html.split('data-key="members.admitted"')[1].split("</li>")[0]
    assert " 2 " in block.replace(">", "> ").replace("<", " <") and "Số liệu đã chốt" not in html
