"""A ward clerk records a member's party dues: from the cell's monthly sheet to the member's dues
page, sets the basis (a fixed amount), records March's payment, and sees it on the page; a second
payment for March is refused next to the month, naming the first payment, and nothing is saved."""

import re

import pytest
from playwright.sync_api import expect

from dangvu.dues.models import Payment

pytestmark = pytest.mark.browser

CELL = "Chi bộ tổ dân phố số 1"
NAME = "Ngô Văn Phí"


@pytest.fixture
def member(tree, register):
    return register(tree.a1, full_name=NAME)


def test_a_months_payment_is_recorded_once(login, live_server, tree, make_user, member):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    page.locator(".group-label", has_text="Nghiệp vụ").hover()  # the menu opens under the pointer
    page.get_by_role("link", name="Đảng phí", exact=True).click()
    page.get_by_label("Tháng", exact=True).fill("03/2016")
    page.get_by_role("button", name="Xem").click()
    page.get_by_role("link", name=CELL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bảng thu đảng phí tháng 03/2016 — {CELL}")
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đảng phí: {NAME}")

    kind = page.get_by_role("group", name="Đối tượng")  # the radio buttons are one named group
    kind.get_by_role("radio", name="Đảng viên khác: mức cố định (2.000–30.000 đồng; đến tháng 01/2026)").check()
    page.get_by_label("Áp dụng từ tháng").fill("01/2016")
    page.get_by_label("Mức cố định (đồng/tháng)").fill("5000")
    page.get_by_role("button", name="Lưu căn cứ").click()
    expect(page.get_by_role("status")).to_have_text("Đã lưu căn cứ đóng đảng phí.")

    month = page.get_by_label("Nộp cho tháng")
    month.fill("03/2016")
    page.get_by_label("Ngày nộp").fill("08/03/2016")
    page.get_by_label("Số biên lai").fill("BL-01")
    page.get_by_label("Người thu").fill("Trần Thị Thu")
    page.get_by_role("button", name="Ghi nộp").click()
    expect(page.get_by_role("status")).to_have_text("Đã ghi đảng phí tháng 03/2016.")
    paid = page.locator("table", has=page.get_by_role("columnheader", name="Biên lai")).locator("tbody tr")
    expect(paid).to_have_count(1)
    expect(paid.first.get_by_role("cell").nth(0)).to_have_text("03/2016")
    expect(paid.first).to_contain_text("08/03/2016")
    expect(paid.first.get_by_role("link", name="BL-01")).to_be_visible()

    month.fill("03/2016")
    page.get_by_label("Ngày nộp").fill("02/04/2016")
    page.get_by_label("Số biên lai").fill("BL-02")
    page.get_by_role("button", name="Ghi nộp").click()
    expect(page.get_by_role("alert").first).to_contain_text("Chưa lưu được")
    expect(month).to_have_attribute("aria-invalid", "true")
    expect(month).to_have_accessible_description(
        re.compile(
            re.escape(
                f"Đồng chí {NAME} đã nộp đảng phí tháng 03/2016 ngày 08/03/2016 (biên lai số BL-01); "
                "không ghi lần thứ hai."
            )
        )
    )
    expect(paid).to_have_count(1)
    assert list(Payment.objects.filter(member=member).values_list("receipt_no", flat=True)) == ["BL-01"]
