"""Sổ tay đảng viên on a 390×844 phone (issue 22): the clerk prints the cell's activation slips; the
member activates with the code, reads their record, asks for a correction which the clerk accepts,
answers a meeting invitation and reads their dues — every page no wider than the phone."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.dues.services import dues_basis_set, dues_pay
from dangvu.meetings.services import meeting_call

pytestmark = pytest.mark.browser
MY_PASSWORD = "Hoa-sen-no-giua-dong-2025"


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_a_member_on_a_phone(browser, live_server, tree, make_user, register, actor, login, page):
    an = register(tree.a1, full_name="Nguyễn Văn An", phone="0901000001")
    today = dt.date.today()
    month = today.replace(day=1)
    dues_basis_set(actor=actor, member=an, kind="student", valid_from=month)
    dues_pay(actor=actor, member=an, month=month, paid_on=today, receipt_no="BL-2612")
    called = meeting_call(actor=actor, org=tree.a1, kind="regular", date=today + dt.timedelta(days=3),
                          place="Nhà văn hóa tổ 1", agenda="Quán triệt nghị quyết")  # fmt: skip
    make_user("grassroots", tree.a, username="thu-ky-a")
    clerk = login("thu-ky-a")
    clerk.goto(f"{live_server.url}/so-tay/chi-bo/A1/tai-khoan/")
    clerk.get_by_role("button", name="In phiếu mã kích hoạt").click()
    slip = clerk.locator("section.slip", has_text="Nguyễn Văn An")
    code = slip.locator("code.code").inner_text()
    username = slip.locator("code").first.inner_text()

    phone_context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    phone_context.set_default_timeout(10_000)
    phone = phone_context.new_page()
    phone.goto(f"{live_server.url}/so-tay/kich-hoat/")
    _fits(phone)
    phone.get_by_label("Mã kích hoạt").fill(code)
    phone.locator("#id_password1").fill(MY_PASSWORD)
    phone.get_by_label("Nhập lại mật khẩu mới").fill(MY_PASSWORD)
    phone.get_by_role("button", name="Kích hoạt").click()
    expect(phone.get_by_role("heading", name="Nguyễn Văn An")).to_be_visible()
    expect(phone.get_by_text("0901000001")).to_be_visible()
    assert username.startswith("dv")
    _fits(phone)

    phone.get_by_role("link", name="Đề nghị sửa hồ sơ").click()
    phone.get_by_label("Mục cần sửa").select_option("phone")
    phone.get_by_label("Sửa thành").fill("0912345678")
    phone.get_by_role("button", name="Gửi đề nghị").click()
    expect(phone.get_by_text("Chờ xử lý")).to_be_visible()
    _fits(phone)

    clerk.goto(f"{live_server.url}/so-tay/de-nghi-sua/cho-xu-ly/")
    clerk.locator("section", has_text="Nguyễn Văn An").get_by_role("button", name="Chấp nhận và sửa hồ sơ").click()
    expect(clerk.get_by_text("Đã trả lời đề nghị của Nguyễn Văn An")).to_be_visible()

    phone.reload()
    expect(phone.get_by_text("0912345678", exact=True)).to_be_visible()
    expect(phone.get_by_text("Đã chấp nhận")).to_be_visible()

    phone.goto(f"{live_server.url}/so-tay/sinh-hoat/?thang={called.date:%Y-%m}")
    expect(phone.get_by_text("Quán triệt nghị quyết")).to_be_visible()
    _fits(phone)
    phone.get_by_role("button", name="Tôi sẽ dự họp").click()
    expect(phone.get_by_text("Sẽ dự họp", exact=True)).to_be_visible()

    phone.get_by_text("Danh mục").click()  # the menu folds behind its button on a phone
    phone.get_by_role("link", name="Đảng phí").click()
    expect(phone.get_by_text("BL-2612")).to_be_visible()
    _fits(phone)
    phone_context.close()
