"""Every page renders for the district's organization board, in Vietnamese, with what a clerk
needs on it; the tree counts members as of the chosen date in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.members.services import member_record_event
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found

from ..conftest import D


def test_home_opens_the_dashboard_of_the_users_own_unit(board, tree):
    response = board.get("/")
    assert response.status_code == 302
    assert response.url == reverse("dashboard", args=[tree.hm.pk, dt.date.today().year])


def test_every_page_renders_for_the_district_board(board, tree, an, binh):
    pages = [
        reverse("org-tree"),
        reverse("org-detail", args=[tree.hm.pk]),
        reverse("org-detail", args=[tree.a1.pk]),
        reverse("org-found", args=[tree.a.pk]),
        reverse("org-move", args=[tree.a1.pk]),
        reverse("org-merge", args=[tree.a1.pk]),
        reverse("org-dissolve", args=[tree.a2.pk]),
        reverse("member-list"),
        reverse("member-detail", args=[an.pk]),
        reverse("member-edit", args=[an.pk]),
        reverse("member-event-kinds", args=[an.pk]),
        reverse("member-event", args=[an.pk, "transferred"]),
        reverse("member-event", args=[an.pk, "recognized"]),
        reverse("member-admit", args=[tree.a1.pk]),
        reverse("badges-due"),
    ]
    for url in pages:
        response = board.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="vi">' in html and "Đăng xuất" in html, url


def test_the_unit_page_shows_counts_sub_units_members_and_the_admit_link(board, tree, an, binh):
    html = board.get(reverse("org-detail", args=[tree.a.pk])).content.decode()
    assert "Chi bộ tổ dân phố số 1" in html and "Chi bộ tổ dân phố số 2" in html
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html
    assert reverse("org-move", args=[tree.a.pk]) in html  # the board may restructure
    assert reverse("member-admit", args=[tree.a.pk]) not in html  # a đảng bộ is not a cell
    cell = board.get(reverse("org-detail", args=[tree.a1.pk])).content.decode()
    assert reverse("member-admit", args=[tree.a1.pk]) in cell
    assert "Đảng bộ quận Hoàng Mai" in cell  # breadcrumb within the scope
    assert "Đảng bộ Thành phố Hà Nội" not in cell  # above the user's scope


def test_the_tree_counts_members_on_the_chosen_date_and_marks_dissolved_units(board, tree, an, binh, actor):
    member_record_event(actor=actor, member=an, kind="transferred", date=D(2016, 9, 2), to_org=tree.a2)
    html = board.get(reverse("org-tree") + "?ngay=31/08/2016").content.decode()
    rows = {r.split("</a>")[0].rsplit(">", 1)[-1]: r for r in html.split('<td class="name"')[1:]}
    count = lambda name: int(rows[name].split('<td class="num">')[1].split("<")[0])  # noqa: E731
    assert count("Chi bộ tổ dân phố số 1") == 1 and count("Chi bộ tổ dân phố số 2") == 0
    assert count("Đảng bộ phường Định Công") == 1 and count("Đảng bộ quận Hoàng Mai") == 2
    html = board.get(reverse("org-tree") + "?ngay=30/09/2016").content.decode()
    rows = {r.split("</a>")[0].rsplit(">", 1)[-1]: r for r in html.split('<td class="name"')[1:]}
    assert count("Chi bộ tổ dân phố số 1") == 0 and count("Chi bộ tổ dân phố số 2") == 1


def test_the_tree_takes_a_fixed_number_of_queries(board, tree, actor, register):
    url = reverse("org-tree") + "?ngay=31/12/2016"
    board.get(url)  # warm the session and the user
    with CaptureQueriesContext(connection) as small:
        board.get(url)
    for i in range(6):
        cell = org_found(
            actor=actor, code=f"A9{i}", name=f"Chi bộ số {i + 10}", kind=Kind.WARD, level=Level.CELL,
            parent=tree.a, founded_on=D(2010, 1, 1),
        )  # fmt: skip
        register(cell, joined_on=D(2010, 2, 1))
    with CaptureQueriesContext(connection) as large:
        html = board.get(url).content.decode()
    assert "Chi bộ số 15" in html
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_dissolved_unit_is_marked(board, tree, actor):
    from dangvu.members.restructure import org_dissolve

    org_dissolve(actor=actor, org=tree.a2, on=D(2016, 6, 1), decision="12-QĐ/QU")
    html = board.get(reverse("org-detail", args=[tree.a.pk])).content.decode()
    assert "giải thể 01/06/2016" in html
    assert "giải thể 01/06/2016" in board.get(reverse("org-tree") + "?ngay=01/05/2016").content.decode()
    assert "Chi bộ tổ dân phố số 2" not in board.get(reverse("org-tree")).content.decode()


def test_search_forgives_missing_diacritics(board, an, binh, register, tree):
    register(tree.a2, full_name="Lê Thị Lan")
    html = board.get(reverse("member-list"), {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html and "Lê Thị Lan" not in html
    html = board.get(reverse("member-list"), {"q": "001080012345"}).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html


def test_the_member_list_filters_by_unit_and_status(board, tree, an, binh):
    html = board.get(reverse("member-list"), {"unit": tree.b.pk}).content.decode()
    assert "Trần Thị Bình" in html and "Nguyễn Văn An" not in html
    html = board.get(reverse("member-list"), {"status": "probationary"}).content.decode()
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html


def test_the_member_list_sorts_by_given_name(board, tree, register):
    for name in ("Trần Văn Bình", "Nguyễn Văn An", "Đỗ Thị Ánh", "Phạm Văn Dũng"):
        register(tree.a1, full_name=name)
    html = board.get(reverse("member-list")).content.decode()
    positions = [html.index(n) for n in ("Nguyễn Văn An", "Đỗ Thị Ánh", "Trần Văn Bình", "Phạm Văn Dũng")]
    assert positions == sorted(positions)


def test_the_member_page_shows_timeline_party_age_and_history(board, an, actor):
    member_record_event(actor=actor, member=an, kind="exempted", date=D(2016, 8, 1), decision_no="7-QĐ/ĐU")
    html = board.get(reverse("member-detail", args=[an.pk])).content.decode()
    assert "Kết nạp" in html and "19/05/2016" in html and "7-QĐ/ĐU" in html
    assert "Miễn sinh hoạt đảng" in html
    assert "Tuổi đảng" in html and "Huy hiệu 30 năm" in html and "19/05/2046" in html
    assert "Lịch sử thay đổi" in html and "Sinh hoạt bình thường</del> → <ins>Miễn sinh hoạt" in html
    assert "001080012345" in html  # the board may see citizen IDs


def test_citizen_id_is_masked_for_a_leader(client, make_user, tree, an):
    client.force_login(make_user("leader", tree.hm))
    html = client.get(reverse("member-detail", args=[an.pk])).content.decode()
    assert "001080012345" not in html and "•••••••••345" in html
    assert reverse("member-edit", args=[an.pk]) not in html  # read-only role
    # nor does a number in the search box find people by citizen ID
    assert "Nguyễn Văn An" not in client.get(reverse("member-list"), {"q": "001080012345"}).content.decode()


def test_badges_due_lists_members_at_the_chosen_presentation(board, tree, register):
    register(tree.a1, full_name="Hoàng Văn Lão", admitted_on=D(1986, 5, 10), recognized_on=D(1987, 5, 10))
    register(tree.a1, full_name="Vũ Văn Trẻ", admitted_on=D(1996, 5, 10), recognized_on=D(1997, 5, 10))
    html = board.get(reverse("badges-due"), {"dip": "19/5", "nam": "2016"}).content.decode()
    assert "Hoàng Văn Lão" in html and "<td>30 năm</td>" in html and "Vũ Văn Trẻ" not in html
    assert "19/05/2016" in html
    html = board.get(reverse("badges-due"), {"dip": "2/9", "nam": "2016"}).content.decode()
    assert "Hoàng Văn Lão" not in html


def test_login_page_and_lockout_in_vietnamese(client, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky")
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html and "Mật khẩu" in html
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "thu-ky", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "thu-ky", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code in (403, 429) and "chờ 15 phút" in response.content.decode()


def test_a_good_login_goes_to_the_users_unit(client, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky")
    response = client.post(reverse("login"), {"username": "thu-ky", "password": "mat-khau-thu-nghiem-1"}, follow=True)
    # A clerk's home is what is due in their unit (issue 20, item 1).
    assert response.redirect_chain[-1][0] == reverse("todo")
    assert "Việc cần làm — Đảng bộ phường Định Công" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/dang-vien/", "/to-chuc/cay/"])
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("param", ["page", "trang"])
def test_page_links_keep_the_lists_filters(rf, param):
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = rf.get("/can-bo/", {"nam": "2016", "q": "Phó Bí thư", param: "2"})
    request.user = AnonymousUser()
    page = Paginator(range(120), 50).get_page(2)
    html = render_to_string("web/_pages.html", {"page": page, "param": param}, request=request)
    assert f'href="?nam=2016&amp;q=Ph%C3%B3+B%C3%AD+th%C6%B0&amp;{param}=1">« Trang trước' in html
    assert f'href="?nam=2016&amp;q=Ph%C3%B3+B%C3%AD+th%C6%B0&amp;{param}=3">Trang sau »' in html
    assert "Trang 2/3" in html
    assert render_to_string("web/_pages.html", {"page": Paginator(range(10), 50).get_page(1), "param": param},
                            request=request).strip() == ""  # fmt: skip
