"""What a clerk does in a browser: log in, find a member without typing diacritics, admit a
member through the form, and meet a 404 outside their ward."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import D

pytestmark = pytest.mark.browser


@pytest.fixture
def people(tree, admit, register):
    an = admit(tree.a1, on=D(2016, 5, 19), full_name="Nguyễn Văn An")
    register(tree.a1, full_name="Nguyễn Văn Anh")
    binh = register(tree.b1, full_name="Trần Thị Bình", sex="F")
    return an, binh


def test_logging_in_through_the_form_opens_the_users_unit(login, live_server, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    # A clerk starts on what is due in the unit (issue 20, item 1).
    expect(page).to_have_url(re.compile(r"/viec-can-lam/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Việc cần làm — Đảng bộ phường Định Công")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_typing_a_name_without_diacritics_finds_the_member(login, live_server, tree, make_user, people):
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    page.get_by_role("link", name="Đảng viên", exact=True).click()
    page.get_by_label("Tìm theo tên").fill("nguyen van an")
    page.get_by_label("Tìm theo tên").press("Enter")
    results = page.locator("table tbody")
    expect(results.get_by_role("link", name="Nguyễn Văn An", exact=True)).to_be_visible()
    expect(results).not_to_contain_text("Trần Thị Bình")
    results.get_by_role("link", name="Nguyễn Văn An", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nguyễn Văn An")


def test_admitting_a_member_through_the_form_adds_them_to_the_cell(login, live_server, tree, make_user, people):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    page.goto(f"{live_server.url}/to-chuc/{tree.a1.pk}/")
    total = page.locator(".card .n").first
    before = int(total.inner_text())
    page.get_by_role("link", name="Kết nạp đảng viên vào chi bộ này").click()
    page.get_by_label("Ngày kết nạp").fill("19/05/2016")
    page.get_by_label("Số quyết định kết nạp").fill("125-QĐ/ĐU")
    page.get_by_label("Họ và tên").fill("Phạm Thị Hoa")
    page.get_by_label("Ngày sinh").fill("17/05/1990")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Số CCCD").fill("001190000777")
    page.get_by_role("button", name="Kết nạp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã kết nạp đồng chí Phạm Thị Hoa")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phạm Thị Hoa")
    page.get_by_role("link", name=re.compile("Chi bộ tổ dân phố số 1")).first.click()
    expect(page.locator(".card .n").first).to_have_text(str(before + 1))
    expect(page.locator("table").get_by_role("link", name="Phạm Thị Hoa")).to_be_visible()


def test_another_wards_member_is_a_404_page(login, live_server, tree, make_user, people):
    _, binh = people
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    response = page.goto(f"{live_server.url}/dang-vien/{binh.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang này")
    expect(page.locator("body")).not_to_contain_text("Trần Thị Bình")
