"""The dashboard's year (figures and charts): a closed year shows its close, charts included,
whatever is recorded later; an open year may be served from the cache but never older than the
last change saved before the page was asked."""

import re

from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.core.closing import unlocked
from dangvu.dashboard import board as year_board
from dangvu.dashboard import selectors
from dangvu.members.models import Member
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D
from ..conftest import board as board_client  # noqa: F401

ON = D(2017, 3, 15)  # the day the alerts look from


def months_row(html: str) -> list[int]:
    row = re.search(r"<th scope=\"row\">Kết nạp</th>(.*?)</tr>", html, re.S).group(1)
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row)]


def test_a_closed_year_shows_the_charts_of_its_close(tree, actor, admit, board_client):  # noqa: F811
    admit(tree.a1, on=D(2016, 3, 2))
    admit(tree.c, on=D(2016, 3, 20))
    admit(tree.b1, on=D(2016, 5, 19))
    close = year_close(actor=actor, org=tree.hm, year=2016)
    stored = close.snapshot["dashboard"]
    assert stored["admissions_by_month"][2:5] == [2, 0, 1]
    assert sum(stored["admissions_by_month"]) == close.snapshot["indicators"]["members.admitted"]["value"]
    assert close.snapshot["indicators"] and close.snapshot["context"]  # the snapshot keeps the rest
    for key, figure in stored["figures"].items():  # the key figures as closed, without the ids
        assert figure == {k: v for k, v in close.snapshot["indicators"][key].items() if k in figure}

    with unlocked():  # a decision received after the close (users are refused: tests/reports/test_close.py)
        admit(tree.a1, on=D(2016, 9, 2))
    url = reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=15/12/2016"
    html = board_client.get(url).content.decode()
    assert months_row(html) == [0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0]  # as closed, not September's
    closed_board = year_board.board(tree.hm, 2016, ON, Member.objects.all())
    assert {p.org.pk: p.admitted for p in closed_board.plans} == {tree.a.pk: 1, tree.b.pk: 1, tree.c.pk: 1}
    assert closed_board.figures.by_key()["members.admitted"].value == 3

    year_reopen(actor=actor, org=tree.hm, year=2016, reason="Bổ sung quyết định kết nạp nhận muộn")
    html = board_client.get(url).content.decode()
    assert months_row(html)[8] == 1  # live again: September's admission is in
    assert year_board.board(tree.hm, 2016, ON, Member.objects.all()).figures.by_key()["members.admitted"].value == 4


def test_a_closed_year_costs_a_few_queries_without_the_cache(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    year_close(actor=actor, org=tree.hm, year=2016)
    with CaptureQueriesContext(connection) as closed:
        found = year_board._board(tree.hm, 2016, ON, Member.objects.all())
    assert found.months[2] == 1 and found.figures.closed is not None
    # The close with its figures and chart data, the subordinates' names: nothing recounted;
    # the rest are the alerts' counts (which look from a day, not from the close).
    with CaptureQueriesContext(connection) as alerts:
        selectors.alert_counts(tree.hm, Member.objects.all(), 2016, ON)
    assert len(closed.captured_queries) - len(alerts.captured_queries) <= 2


def test_an_open_year_is_served_from_the_cache_until_anything_changes(tree, actor, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    first = year_board.board(tree.hm, 2016, ON, Member.objects.all())
    with CaptureQueriesContext(connection) as again:
        cached = year_board.board(tree.hm, 2016, ON, Member.objects.all())
    assert len(again.captured_queries) == 1  # the data version only
    assert cached.figures.by_key()["members.admitted"].value == 1 == first.figures.by_key()["members.admitted"].value

    admit(tree.b1, on=D(2016, 4, 1))  # the user's own change …
    after = year_board.board(tree.hm, 2016, ON, Member.objects.all())  # … is on the next page they ask for
    assert after.figures.by_key()["members.admitted"].value == 2
    assert after.months[3] == 1
    assert after.alerts["du-bi"] == first.alerts["du-bi"] + 1  # probation ends 1/4/2017, within 30 days of ON
    assert {p.org.pk: p.admitted for p in after.plans}[tree.b.pk] == 1


def test_an_audit_entry_committed_after_a_newer_one_still_changes_the_version(tree, admit):
    # Transactions commit in any order: an entry whose id is below the newest may appear later.
    admit(tree.a1, on=D(2016, 3, 2))
    admit(tree.a1, on=D(2016, 4, 2))
    entries = list(LogEntry.objects.order_by("-pk")[:3])
    late = entries[1]
    late_id = late.pk
    late.delete()  # not committed yet, as it were
    before = year_board.data_version()
    late.pk = late_id
    late.save(force_insert=True)  # commits now, under its old id, below the newest entry
    assert year_board.data_version() != before
    assert LogEntry.objects.order_by("-pk").first().pk == entries[0].pk  # the newest did not move
