"""A transfer between two wards in a browser (issue 20, item 2): ward A's clerk finds the cell of
ward B by typing "dai kim" and sends the member; ward B's clerk sees it waiting and records the
arrival; the member's page then names both cells with their wards."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_ward_a_sends_ward_b_receives(login, live_server, tree, make_user, register):
    member = register(tree.a1, full_name="Lê Văn Chuyển")
    make_user("grassroots", tree.a, username="thu-ky-a")
    make_user("grassroots", tree.b, username="thu-ky-b")
    page = login("thu-ky-a")
    page.goto(f"{live_server.url}/dang-vien/{member.pk}/")
    page.get_by_role("link", name="Chuyển sinh hoạt đến đơn vị khác").click()
    page.get_by_label("Tìm chi bộ nơi đến").fill("dai kim")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_label("Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim").check()
    page.get_by_label("Ngày giới thiệu chuyển đi").fill("01/03/2016")
    page.get_by_role("button", name="Giới thiệu chuyển đi").click()
    expect(page.locator("body")).to_contain_text("chờ nơi đến tiếp nhận")

    page.context.clear_cookies()
    page = login("thu-ky-b")
    page.goto(f"{live_server.url}/dang-vien/chuyen-sinh-hoat/")
    expect(page.locator("body")).to_contain_text("Chi bộ tổ dân phố số 1 — Đảng bộ phường Định Công")
    page.get_by_role("link", name="Ghi nhận đã đến").click()
    page.get_by_label("Ngày tiếp nhận").fill("05/03/2016")
    page.get_by_role("button", name="Ghi nhận đã đến").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lê Văn Chuyển")
    expect(page.locator("body")).to_contain_text(
        "Chi bộ tổ dân phố số 1 — Đảng bộ phường Định Công → Chi bộ khu dân cư số 1 — Đảng bộ phường Đại Kim"
    )
