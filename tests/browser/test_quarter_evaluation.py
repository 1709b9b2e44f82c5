"""Quy định 366-QĐ/TW, by quarter: a cell's secretary assigns a member two tasks for the first
quarter and records what was done (one beyond its target, one on time), scores the assessed
criterion and gives the cell's opinion; the page proposes "Hoàn thành tốt nhiệm vụ" and says why
not excellent (1/2 beyond is enough, but the points are not). The ward's committee opens the same
page, sees the proposal and its reasons, tries "excellent" without a reason (refused, with the
article), then concludes "Hoàn thành tốt nhiệm vụ"; the member's page shows it."""

import pytest
from playwright.sync_api import expect

from dangvu.reviews.services import review_cycle_open

pytestmark = pytest.mark.browser

NAME = "Phạm Thị Thu"


@pytest.fixture
def member(tree, actor, register):
    review_cycle_open(actor=actor, committee=tree.hm, year=2026)
    return register(tree.a1, full_name=NAME)


def _assign(page, title, target, deadline):
    form = page.locator("form", has=page.get_by_role("button", name="Giao nhiệm vụ"))
    form.get_by_label("Nhiệm vụ được giao").fill(title)
    form.get_by_label("Đơn vị tính").fill("hộ")
    form.get_by_label("Số lượng yêu cầu").fill(target)
    form.get_by_label("Thời hạn").fill(deadline)
    form.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã giao nhiệm vụ “{title}”")


def _record(page, title, day, quantity, product):
    details = page.locator("details", has_text=f"Ghi kết quả: {title}")
    details.locator("summary").click()
    details.get_by_label("Ngày hoàn thành").fill(day)
    details.get_by_label("Số lượng đạt").fill(quantity)
    details.get_by_label("Sản phẩm (mô tả)").fill(product)
    details.get_by_role("button", name="Lưu kết quả").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã ghi kết quả nhiệm vụ “{title}”")


def test_secretary_records_the_quarter_and_the_committee_concludes(login, live_server, tree, make_user, member):
    make_user("grassroots", tree.a1, username="bi-thu-chi-bo-1")
    make_user("grassroots", tree.a, username="dang-uy-dinh-cong")
    page = login("bi-thu-chi-bo-1")
    page.goto(f"{live_server.url}/dang-vien/{member.pk}/")
    page.locator("#danh-gia-366 + p").get_by_role("link", name="Quý 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Đồng chí {NAME} — nhiệm vụ và đánh giá quý 1")

    _assign(page, "Vận động hộ gia đình nộp quỹ", "20", "20/03/2026")
    _assign(page, "Rà soát đảng viên cao tuổi", "5", "25/03/2026")
    _record(page, "Vận động hộ gia đình nộp quỹ", "15/03/2026", "26", "Danh sách 26 hộ đã nộp")
    _record(page, "Rà soát đảng viên cao tuổi", "25/03/2026", "5", "Biên bản rà soát")
    table = page.locator("#nhiem-vu")
    expect(table.locator("tr", has_text="Vận động hộ gia đình").first).to_contain_text("Vượt yêu cầu")
    expect(table.locator("tr", has_text="Rà soát đảng viên cao tuổi").first).to_contain_text("Đúng hạn")

    opinion = page.locator("#buoc-opinion")
    opinion.get_by_label("(tối đa 30 điểm)", exact=False).fill("18")  # the one assessed criterion
    opinion.get_by_label("Mức xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    opinion.get_by_label("Nhận xét").fill("Hoàn thành đúng hạn cả hai nhiệm vụ.")
    opinion.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("Ý kiến của chi bộ, cấp ủy")
    expect(page.locator("#muc-de-xuat")).to_have_text("Hoàn thành tốt nhiệm vụ")
    # 18 + 70 = 88 points: short of 90 for excellent, said with its article.
    expect(page.locator("#de-xuat")).to_contain_text("88")
    expect(page.locator("#de-xuat .reasons")).to_contain_text("cần từ 90 điểm")
    expect(page.locator("#de-xuat .reasons")).to_contain_text("Điều 11, khoản 1")
    expect(page.locator("#buoc-decision")).to_have_count(0)  # the cell does not conclude

    page.context.clear_cookies()
    page = login("dang-uy-dinh-cong")
    page.goto(f"{live_server.url}/nhiem-vu/dang-vien/{member.pk}/2026/1/")
    expect(page.locator("#muc-de-xuat")).to_have_text("Hoàn thành tốt nhiệm vụ")
    decision = page.locator("#buoc-decision")
    decision.get_by_label("Mức xếp loại").select_option(label="Hoàn thành xuất sắc nhiệm vụ")
    decision.get_by_role("button").click()
    expect(page.locator("#buoc-decision .errorlist").first).to_contain_text("cần từ 90 điểm")
    decision = page.locator("#buoc-decision")
    decision.get_by_label("Mức xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    decision.get_by_role("button").click()
    expect(page.get_by_role("status")).to_contain_text("Kết luận của cấp có thẩm quyền")
    expect(page.locator("#ket-luan")).to_have_text("Hoàn thành tốt nhiệm vụ")

    page.goto(f"{live_server.url}/dang-vien/{member.pk}/")
    row = page.locator("tr", has_text="Quý 1/2026")
    expect(row).to_contain_text("88")
    expect(row).to_contain_text("Hoàn thành tốt nhiệm vụ")
