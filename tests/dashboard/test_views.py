"""The dashboard page: figures equal the catalogue's on the demo, the scope holds, a fixed number
of queries whatever the subtree, and the way in from the home page and the navigation."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from dangvu.core.catalogue import Period, compute
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D

# Counted once on the small tree below; the larger tree must not need one more.
MAX_QUERIES = 80


def figure(html: str, key: str) -> str:
    block = re.search(rf'data-key="{re.escape(key)}">(.*?)</li>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", " ", block)


def test_home_opens_the_dashboard_of_the_users_unit_this_year(board, tree):
    response = board.get("/")
    assert response.status_code == 302
    assert response.url == reverse("dashboard", args=[tree.hm.pk, dt.date.today().year])
    start = board.get(reverse("dashboard-start") + "?nam=2016&ngay=31/12/2016")
    assert start.url == reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=31%2F12%2F2016"


def test_a_ward_clerk_sees_their_ward_only(ward_clerk, tree, admit):
    admit(tree.a1, on=D(2016, 5, 19))
    admit(tree.b1, on=D(2016, 6, 2))
    assert ward_clerk.get("/").url == reverse("todo")  # a clerk starts from what is due (tests/web/test_todo.py)
    page = ward_clerk.get(reverse("dashboard", args=[tree.a.pk, 2016]))
    html = page.content.decode()
    assert page.status_code == 200 and "Đảng bộ phường Định Công" in html
    assert " 1 " in figure(html, "members.admitted")
    assert "Đảng bộ quận Hoàng Mai" not in html  # the superior is outside the scope: no crumb to it
    for url in (
        reverse("dashboard", args=[tree.b.pk, 2016]),
        reverse("dashboard", args=[tree.hm.pk, 2016]),
        reverse("dashboard-alert", args=[tree.b.pk, 2016, "du-bi"]),
        reverse("dashboard-start") + f"?don_vi={tree.b.pk}",
    ):
        assert ward_clerk.get(url).status_code == 404, url


def test_each_figure_links_to_its_records(board, tree, admit):
    admit(tree.a1, on=D(2016, 5, 19))
    html = board.get(reverse("dashboard", args=[tree.hm.pk, 2016])).content.decode()
    records = reverse("indicator-records", args=[tree.hm.pk, 2016, "members.admitted"])
    assert f'href="{records}"' in html
    assert board.get(records).status_code == 200


def _grow(tree, actor, admit, cells: int, per_cell: int):
    for i in range(cells):
        cell = org_found(
            actor=actor, code=f"A-X{i}", name=f"Chi bộ tổ dân phố {i + 10}", kind=Kind.WARD, level=Level.CELL,
            parent=tree.a, founded_on=D(2004, 1, 1),
        )  # fmt: skip
        for j in range(per_cell):
            admit(cell, on=D(2016, 1 + (i + j) % 12, 5))


def test_a_fixed_number_of_queries_whatever_the_subtree(
    board, tree, actor, admit, register, django_assert_max_num_queries
):
    admit(tree.a1, on=D(2016, 1, 10))
    register(tree.a1, admitted_on=D(1986, 12, 1), recognized_on=D(1987, 12, 1))
    url = reverse("dashboard", args=[tree.hm.pk, 2016]) + "?ngay=15/12/2016"
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert board.get(url).status_code == 200
    _grow(tree, actor, admit, cells=6, per_cell=4)
    for i in range(5):
        register(tree.b1, admitted_on=D(1986, 12, 1 + i), recognized_on=D(1987, 12, 1 + i))
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        html = board.get(url).content.decode()
    assert " 25 " in figure(html, "members.admitted")
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_the_dashboard_shows_the_seeds_figures_for_2016(demo_data, client):
    from django.contrib.auth import get_user_model

    hm = demo_data.hm
    client.force_login(get_user_model().objects.get(username="bantochuc"))
    html = client.get(reverse("dashboard", args=[hm.pk, 2016]) + "?ngay=31/12/2016").content.decode()
    admitted = figure(html, "members.admitted")
    assert " 209 " in admitted and "kế hoạch 180" in admitted and "đạt 116%" in admitted
    assert compute("members.admitted", hm, Period.year(2016)) == 209
    assert " 54 " in figure(html, "orgs.grassroots")
    assert " 6 " in figure(html, "orgs.founded.non_state_enterprise") and "đạt 120%" in figure(
        html, "orgs.founded.non_state_enterprise"
    )
    assert "27/54" in figure(html, "review.orgs.top") and "6 tiêu biểu" in figure(html, "review.orgs.top")
    assert " 126 " in figure(html, "cadres.actions")
    assert " 64 " in figure(html, "training.classes") and "trên 10,6 nghìn lượt" in figure(html, "training.classes")
    assert " 4 " in figure(html, "discipline.members")
    assert "99,35%" in figure(html, "elections.turnout")
    total = compute("members.total", hm, Period.year(2016))
    assert f" {total:,} ".replace(",", ".") in figure(html, "members.total")


@pytest.mark.django_db
def test_the_charts_add_up_to_the_figures_on_the_demo(demo_data):
    from dangvu.dashboard import selectors

    hm = demo_data.hm
    assert sum(selectors.admissions_by_month(hm, 2016)) == 209
    classes, exemplary = selectors.review_classes(hm, 2016)
    assert sum(c.count for c in classes) == 54 and exemplary == 6
    assert next(c for c in classes if c.top).count == 27
    plans = selectors.plan_by_subordinate(hm, 2016)
    period = Period.year(2016)
    for p in plans:
        assert p.admitted == compute("members.admitted", p.org, period), p.org.code
    with_target = [p for p in plans if p.target is not None]
    assert with_target and all(p.percent is not None for p in with_target)


def test_the_cached_page_shows_a_change_at_once_and_nothing_of_another_users_scope(
    board, tree, admit, make_user, django_user_model
):
    from django.test import Client

    admit(tree.a1, on=D(2016, 5, 19))
    url = reverse("dashboard", args=[tree.a.pk, 2016])
    html = board.get(url).content.decode()
    assert " 1 " in figure(html, "members.admitted") and "Đảng bộ quận Hoàng Mai" in html  # its crumb
    body = html[html.index("<h1>") : html.index("</main>")]
    again = board.get(url).content.decode()
    assert again[again.index("<h1>") : again.index("</main>")] == body  # the same body, from the cache

    clerk = Client()
    clerk.force_login(make_user("grassroots", tree.a))
    seen = clerk.get(url).content.decode()
    assert " 1 " in figure(seen, "members.admitted")
    assert "Đảng bộ quận Hoàng Mai" not in seen  # the board's crumb is not in the clerk's page

    admit(tree.a1, on=D(2016, 6, 2))  # any saved change gives the page anew, to everyone
    assert " 2 " in figure(board.get(url).content.decode(), "members.admitted")
    assert " 2 " in figure(clerk.get(url).content.decode(), "members.admitted")


def test_a_quarter_and_a_day_asked_are_not_served_the_plain_page(board, tree):
    url = reverse("dashboard", args=[tree.hm.pk, 2016])
    plain = board.get(url).content.decode()
    assert 'data-quarter="2"' not in plain and "Báo cáo quý 2" not in plain
    picked = board.get(url + "?quy=2").content.decode()
    assert "Báo cáo quý 2" in picked and 'aria-current="page"' in picked
    dated = board.get(url + "?ngay=15/12/2016").content.decode()
    assert "tính đến ngày 15/12/2016" in dated and "?ngay=15%2F12%2F2016" in dated
