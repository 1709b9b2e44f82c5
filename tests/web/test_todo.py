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
    link = reverse("dashboard-alert", args=[tree.a.pk, 2017, "du-bi"]) + "?ngay=31%2F12%2F2017"
    assert f'<a href="{link}#qua-han"><strong>1</strong> Quá hạn xét công nhận chính thức' in html
    assert "Nguyễn Văn An" in ward_clerk.get(link).content.decode()  # the link opens the list that names him
    assert f'<a href="{reverse("meeting-list")}?nam=2017"><strong>2</strong> Chi bộ chưa ghi' in html
    assert f'<a href="{reverse("transfer-list")}"><strong>1</strong> Đảng viên chuyển đến chờ tiếp nhận' in html


def _item(html: str, label: str) -> tuple[int, str]:
    """(count, link) of the item of the todo page whose label starts with `label`."""
    import re

    m = re.search(r'<a href="([^"]+)"><strong>(\d+)</strong> ' + re.escape(label), html)
    assert m, label
    return int(m.group(2)), m.group(1).replace("&amp;", "&")


def test_lifecycle_deadlines_of_the_regulations_each_count_and_open_their_list(
    client, tree, actor, register, make_user
):
    """Beyond probation: transfer letters not presented within 30 working days (HD 01-HD/TW 2021),
    members to consider for removal (Điều lệ, Điều 8), appointments ending (5-year terms), each
    with its count, its source and the page listing the same records."""
    from dangvu.cadres.services import cadre_action_create

    sender = make_user("grassroots", tree.a)
    today = dt.date.today()
    late, recent = register(tree.a1, full_name="Lê Văn Chậm"), register(tree.a1, full_name="Phạm Thị Mới")
    scope = Scope.of(sender)
    transfers.transfer_issue(actor=actor, scope=scope, member=late, to_org=tree.b1,
                             issued_on=today - dt.timedelta(days=50))  # fmt: skip
    transfers.transfer_issue(actor=actor, scope=scope, member=recent, to_org=tree.b1,
                             issued_on=today - dt.timedelta(days=10))  # fmt: skip
    # appointed 5 years ago less two months: the term ends within the alert's six months
    appointed = dt.date(today.year - 5, today.month, 1) + dt.timedelta(days=62)
    cadre_action_create(
        actor=actor, full_name="Đỗ Văn Cán", kind="appointment", position="Phó Bí thư Đảng ủy phường",
        decided_by=tree.a, decision_no="7-QĐ/ĐU", decision_date=appointed, effective_date=appointed,
    )  # fmt: skip
    client.force_login(sender)
    html = client.get(reverse("todo") + f"?nam={today.year}").content.decode()

    count, link = _item(html, "Giấy giới thiệu chuyển đi quá 30 ngày làm việc")
    assert count == 1 and "Hướng dẫn 01-HD/TW" in html
    listed = client.get(link).content.decode()
    assert "Lê Văn Chậm" in listed and 'id="da-gui"' in listed

    count, link = _item(html, "Cán bộ sắp hết thời hạn bổ nhiệm")
    assert count == 1 and "Đỗ Văn Cán" in client.get(link).content.decode()

    count, link = _item(html, "Đảng viên cần xem xét xóa tên")
    assert "Điều lệ Đảng, Điều 8" in html and client.get(link).status_code == 200
    for label in ("Vi phạm đã quá thời hiệu kỷ luật", "Tổ chức cơ sở đảng chưa nhập kết quả đánh giá"):
        count, link = _item(html, label)
        assert client.get(link).status_code == 200, label
    # ward B's clerk (the receiving end) sees both as waiting, not as its own letters gone unanswered
    client.force_login(make_user("grassroots", tree.b))
    html = client.get(reverse("todo") + f"?nam={today.year}").content.decode()
    assert _item(html, "Đảng viên chuyển đến chờ tiếp nhận")[0] == 2
    assert _item(html, "Giấy giới thiệu chuyển đi quá 30 ngày làm việc")[0] == 0
    assert _item(html, "Cán bộ sắp hết thời hạn bổ nhiệm")[0] == 0  # ward A's cadre is not ward B's


def test_the_menu_opens_the_todo_page_for_users_with_a_unit_and_marks_it_current(client, make_user, tree):
    from dangvu.web import nav

    client.force_login(make_user("grassroots", tree.a))
    link = f'<a href="{reverse("todo")}" aria-current="page">Việc cần làm</a>'
    assert link in client.get(reverse("todo")).content.decode()
    client.force_login(make_user("org_board", tree.hm))
    html = client.get(reverse("member-list")).content.decode()
    assert f'<a href="{reverse("todo")}">Việc cần làm</a>' in html  # the district's board too
    # without a unit there is no page of what is due (it answers 403), so no entry either
    labels = [link.label for group in nav.build(None, "/") for link in group.links]
    assert "Việc cần làm" not in labels and "Đảng viên" in labels


def test_the_todo_page_reads_in_english_when_english_is_chosen(ward_clerk, tree, settings):
    settings.OFFER_ENGLISH = True  # the machinery, for the day every page is translated
    ward_clerk.post(reverse("set_language"), {"language": "en", "next": reverse("todo")})
    html = ward_clerk.get(reverse("todo") + "?nam=2016").content.decode()
    assert "To do — Đảng bộ phường Định Công" in html and "Overview, 2016" in html
    assert "Cells with no meeting recorded for 12/2016" in html
    assert "Transfer letters not received by the destination within 30 working days" in html
    assert "Chi bộ chưa ghi" not in html and "Quá hạn" not in html
