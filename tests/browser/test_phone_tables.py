"""On a 390×844 phone (issue 20, item 6) the dues sheet and the attendance form are one card per
member: nothing wider than the screen, and the columns that were cut off ("Đã nộp", "Lý do vắng")
are on screen, each saying what it is."""

import pytest
from playwright.sync_api import expect

from dangvu.dues import services

from ..conftest import D
from .conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky-a")
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thu-ky-a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    yield page
    context.close()


def _on_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_the_dues_sheet_fits_a_phone(phone, live_server, tree, actor, register):
    lan = register(tree.a1, full_name="Trần Thị Lan")
    services.dues_basis_set(actor=actor, member=lan, kind="fixed", fixed_amount=5_000, valid_from=D(2016, 1, 1))
    services.dues_pay(actor=actor, member=lan, month=D(2016, 3, 1), paid_on=D(2016, 3, 8), receipt_no="BL-0308")
    phone.goto(f"{live_server.url}/dang-phi/chi-bo/{tree.a1.pk}/?thang=03/2016")
    paid = phone.locator("td[data-label='Đã nộp']").first
    expect(paid).to_be_visible()
    assert _on_screen(paid) and _on_screen(phone.locator("td[data-label='Còn nợ']").first)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_attendance_form_fits_a_phone(phone, live_server, tree, register):
    register(tree.a1, full_name="Trần Thị Lan")
    phone.goto(f"{live_server.url}/sinh-hoat/chi-bo/{tree.a1.pk}/them/?ngay=15/04/2016")
    reason = phone.get_by_label("Lý do vắng của Trần Thị Lan")
    expect(reason).to_be_visible()
    assert _on_screen(reason)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("width", [1366, 390])
def test_the_work_history_keeps_its_delete_column_on_screen(browser, live_server, tree, make_user, register, width):
    member = register(tree.a1, full_name="Trần Thị Lan")
    make_user("grassroots", tree.a, username="thu-ky-a")
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("thu-ky-a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/dang-vien/{member.pk}/sua/")
    delete = page.locator("table.work-history input[type=checkbox]").first
    expect(delete).to_be_visible()
    box = delete.bounding_box()
    wrap = page.locator("table.work-history").locator("xpath=..").bounding_box()
    assert box["x"] + box["width"] <= min(width, wrap["x"] + wrap["width"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
