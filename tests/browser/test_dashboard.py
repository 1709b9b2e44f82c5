"""The dashboard in a browser: a clerk opens it, admits a member through the admission form and
sees the admissions figure go up by one; the navigation folds away on a phone."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import D

pytestmark = pytest.mark.browser


def admitted(page) -> int:
    return int(page.locator('[data-key="members.admitted"] .n').inner_text())


def test_admitting_a_member_raises_the_dashboards_admissions_figure(login, live_server, tree, make_user, admit):
    admit(tree.a1, on=D(2016, 3, 2))
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    expect(page).to_have_url(re.compile(r"/viec-can-lam/$"))  # a clerk starts on what is due (issue 20)
    page.goto(f"{live_server.url}/tong-quan/{tree.a.pk}/2016/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đảng bộ phường Định Công")
    before = admitted(page)
    assert before == 1
    page.goto(f"{live_server.url}/dang-vien/ket-nap/{tree.a1.pk}/")
    page.get_by_label("Ngày kết nạp").fill("19/05/2016")
    page.get_by_label("Số quyết định kết nạp").fill("125-QĐ/ĐU")
    page.get_by_label("Họ và tên").fill("Phạm Thị Hoa")
    page.get_by_label("Ngày sinh").fill("17/05/1990")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Số CCCD").fill("001190000778")
    page.get_by_role("button", name="Kết nạp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã kết nạp đồng chí Phạm Thị Hoa")
    page.get_by_role("link", name="Tổng quan", exact=True).click()
    page.goto(f"{live_server.url}/tong-quan/{tree.a.pk}/2016/")
    assert admitted(page) == before + 1
    page.locator('[data-key="members.admitted"] a.n').click()
    expect(page.locator("main")).to_contain_text("Phạm Thị Hoa")


def test_on_a_phone_the_navigation_opens_from_the_menu_button(browser, live_server, tree, make_user):
    from .conftest import PASSWORD

    make_user("org_board", tree.hm, username="ban-to-chuc")
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("ban-to-chuc")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    cadres = page.get_by_role("link", name="Cán bộ", exact=True)
    expect(cadres).to_be_hidden()
    page.get_by_text("Danh mục").click()
    expect(cadres).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    context.close()


def test_switching_to_english_in_the_header(login, live_server, tree, make_user, settings):
    settings.OFFER_ENGLISH = True  # not offered by default until every page is translated (issue 20)
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("link", name="Overview", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
