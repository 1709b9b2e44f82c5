"""A unit's page counts its members and each sub-unit's from one grouped query (issue #7): the
same figures as counting each subtree on its own, in a number of queries that does not grow with
the subtree, and its member list is paged."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.members.selectors import member_count_on, member_counts_on
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D


def _child_counts(html: str) -> dict[str, int]:
    table = html.split("Tổ chức trực thuộc", 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr")[2:]
    return {r.split("</a>")[0].rsplit(">", 1)[-1]: int(r.split('<td class="num">')[1].split("<")[0]) for r in rows}


def test_unit_and_sub_unit_counts_match_counting_each_subtree(board, tree, admit, register):
    admit(tree.a1)
    register(tree.a1)
    register(tree.a2)
    register(tree.b1)
    register(tree.c)
    html = board.get(reverse("org-detail", args=[tree.hm.pk])).content.decode()
    today = dt.date.today()
    counts = member_counts_on(tree.hm, today)
    assert counts["total"] == 5 and counts["probationary"] == 1 and counts["full"] == 4
    cards = html.split('aria-label="Số đảng viên hôm nay"', 1)[1].split("Tính đến ngày", 1)[0]
    assert [int(c.split("<")[0]) for c in cards.split('<span class="n">')[1:]] == [5, 4, 1]
    assert (
        _child_counts(html)
        == {unit.name: member_count_on(unit, today) for unit in (tree.a, tree.b, tree.c)}
        == {"Đảng bộ phường Định Công": 3, "Đảng bộ phường Đại Kim": 1, "Chi bộ Trường THCS Tân Mai": 1}
    )


def test_the_unit_page_takes_the_same_queries_however_big_the_subtree(board, tree, actor, register):
    url = reverse("org-detail", args=[tree.a.pk])
    register(tree.a1)
    board.get(url)
    with CaptureQueriesContext(connection) as small:
        board.get(url)
    for i in range(5):
        cell = org_found(
            actor=actor, code=f"A8{i}", name=f"Chi bộ số {i + 20}", kind=Kind.WARD, level=Level.CELL,
            parent=tree.a, founded_on=D(2010, 1, 1),
        )  # fmt: skip
        register(cell, joined_on=D(2010, 2, 1))
    with CaptureQueriesContext(connection) as large:
        html = board.get(url).content.decode()
    assert "Chi bộ số 24" in html and "6 người" in html
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_member_list_of_a_unit_is_paged_by_50(board, tree, register):
    for i in range(51):
        register(tree.a1, full_name=f"Lê Văn Thành {i:02d}")
    first = board.get(reverse("org-detail", args=[tree.a1.pk])).content.decode()
    assert "51 người · trang 1/2" in first and "Lê Văn Thành 49" in first and "Lê Văn Thành 50" not in first
    assert "Chi bộ</th>" not in first  # a cell's own page does not repeat the cell on each row
    second = board.get(reverse("org-detail", args=[tree.a1.pk]), {"page": 2}).content.decode()
    assert "Lê Văn Thành 50" in second and "Lê Văn Thành 00" not in second
    assert 'href="?page=1"' in second
