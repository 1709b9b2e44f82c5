"""On a 390×844 phone, a form answers once (issue 20, items 3 and 7): the admission form and the
member's record sheet, sent with an empty name, a 2031 birth date and a 5-digit citizen ID, show
the three errors together after ONE submit, each beside its field and within the screen."""

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

WIDTH = 390


@pytest.fixture
def phone(browser, live_server, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky-a")
    context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thu-ky-a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    yield page
    context.close()


def _fill_the_three_bad_fields(page):
    page.locator("#id_full_name").fill("")
    page.locator("#id_birth_date").fill("01/01/2031")
    page.locator("#id_citizen_id").fill("12345")


def _each_error_beside_its_field(page):
    expected = {
        "full_name": "bắt buộc",
        "birth_date": "01/01/2031 ở tương lai",
        "citizen_id": "Số CCCD 12345 không hợp lệ",
    }
    for name, words in expected.items():
        error = page.locator(f"#id_{name}_error")
        expect(error).to_contain_text(words)
        error.scroll_into_view_if_needed()
        box = error.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, name
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_the_admission_form_shows_all_three_errors_after_one_submit(phone, live_server, tree):
    phone.goto(f"{live_server.url}/dang-vien/ket-nap/{tree.a1.pk}/")
    _fill_the_three_bad_fields(phone)
    phone.locator("#id_sex").select_option(label="Nữ")
    phone.locator("#id_admitted_on").fill("19/05/2016")
    phone.locator("#id_decision_no").fill("125-QĐ/QU")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kết nạp").click()
    _each_error_beside_its_field(phone)


def test_the_record_sheet_shows_all_three_errors_after_one_submit(phone, live_server, tree, register):
    member = register(tree.a1, full_name="Trần Thị Lan")
    phone.goto(f"{live_server.url}/dang-vien/{member.pk}/sua/")
    _fill_the_three_bad_fields(phone)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lưu").click()
    _each_error_beside_its_field(phone)
    member.refresh_from_db()
    assert member.full_name == "Trần Thị Lan"
