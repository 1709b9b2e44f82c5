"""A clerk's home page (issue 20, item 1): it lands on what is due in the unit, for the latest
year with records unless a year is chosen, each item with the count its own page lists."""

import datetime as dt

from django.urls import reverse

from dangvu.accounts.scope import Scope
from dangvu.dashboard import selectors as board_selectors
from dangvu.members import transfers

from ..conftest import D


def test_a_clerk_lands_on_the_todo_page_of_the_latest_year_with_records(ward_clerk, tree, an):
    assert ward_clerk.get("/")["Location"] == reverse("todo")
    html = ward_clerk.get(reverse("todo")).content.decode()
    assert "Việc cần làm — Đảng bộ phường Định Công" in html and "Năm 2016" in html
    assert "Chi bộ chưa ghi buổi sinh hoạt tháng 12/2016" in html


def test_other_roles_land_on_the_dashboard_of_the_latest_year_with_records(board, tree, an):
    assert board.get("/")["Location"] == reverse("dashboard", args=[tree.hm.pk, 2016])


def test_the_counts_are_the_dashboards_and_link_to_their_lists(ward_clerk, tree, an, actor, register, make_user):
    # An admitted 19/5/2016: probation ends 19/5/2017, overdue as 2017 ends; two cells, no meeting.
    binh = register(tree.b1, full_name="Trần Thị Bình")
    transfers.transfer_issue(actor=actor, scope=Scope.of(make_user("grassroots", tree.b)), member=binh,
                             to_org=tree.a2, issued_on=D(2016, 6, 1))  # fmt: skip
    html = ward_clerk.get(reverse("todo") + "?nam=2017").content.decode()
    on = dt.date(2017, 12, 31)
    overdue = board_selectors.probation_overdue_count(tree.a, on)
    assert overdue == 1
    link = reverse("dashboard-alert", args=[tree.a.pk, 2017, "du-bi-qua-han"]) + "?ngay=31%2F12%2F2017"
    assert f'<a href="{link}"><strong>1</strong> Quá hạn xét công nhận chính thức' in html
    assert f'<a href="{reverse("meeting-list")}?nam=2017"><strong>2</strong> Chi bộ chưa ghi' in html
    assert f'<a href="{reverse("transfer-list")}"><strong>1</strong> Đảng viên chuyển đến chờ tiếp nhận' in html
