"""A committee starts with its own data in a browser (issue 16): a superuser on an empty database
meets the first-run page instead of a dead end, founds the root committee, adds a ward clerk on the
users page, and the clerk logs in with the temporary password and must choose their own."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_first_run_then_a_ward_clerk_from_the_users_page(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("chuyenvien", password=PASSWORD)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thiết lập ban đầu")
    page.get_by_label("Mã đơn vị").fill("PDC")
    page.get_by_label("Tên đảng bộ").fill("Đảng bộ phường Định Công")
    page.get_by_label("Ngày thành lập").fill("01/07/2025")
    page.get_by_label("Cấp").select_option("commune")
    page.get_by_label("Loại hình").select_option("ward")
    page.get_by_label("Số quyết định thành lập").fill("1500-QĐ/TU")
    page.get_by_role("button", name="Thành lập và bắt đầu").click()

    expect(page.get_by_role("status")).to_contain_text("Đã thành lập Đảng bộ phường Định Công")
    expect(page.get_by_role("heading", level=1)).to_have_text("Người dùng trong Đảng bộ phường Định Công")
    page.get_by_role("link", name="Thêm tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("vanphong-dinhcong")
    page.get_by_label("Họ và tên, chức vụ").fill("Lê Thị Thu, Văn phòng Đảng ủy")
    page.get_by_label("Vai trò").select_option(label="Bí thư, văn phòng đảng ủy cơ sở")
    page.get_by_label("Đơn vị làm việc").fill("PDC")
    page.get_by_role("button", name="Tạo tài khoản").click()
    temporary = page.locator("#temporary-password").inner_text()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", temporary)

    page.get_by_role("link", name="Về danh sách người dùng").click()
    row = page.locator("tr", has_text="vanphong-dinhcong")
    expect(row).to_contain_text("Chờ đổi mật khẩu tạm")
    expect(row).to_contain_text("chưa đăng nhập")
    page.get_by_role("button", name="Đăng xuất").click()

    page.get_by_label("Tên đăng nhập").fill("vanphong-dinhcong")
    page.get_by_label("Mật khẩu").fill(temporary)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/doi-mat-khau/"))
    expect(page.locator("main")).to_contain_text("mật khẩu tạm")
    page.get_by_label("Mật khẩu cũ").fill(temporary)
    page.get_by_label(re.compile(r"^Mật khẩu mới")).fill("cay-bang-truoc-ngo-2025")
    page.get_by_label("Xác nhận mật khẩu mới").fill("cay-bang-truoc-ngo-2025")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã đổi mật khẩu")
    expect(page).to_have_url(re.compile(r"/viec-can-lam/$"))  # a clerk starts from what is due
    expect(page.get_by_role("heading", level=1)).to_contain_text("Định Công")
