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


def test_a_document_read_on_a_phone_the_publisher_sees_it_read_and_a_self_assessment(
    browser, live_server, tree, make_user, actor, login, settings, tmp_path
):
    """The clerk publishes a guide to cell A1; the member is told (the header's count), finds it
    typed without diacritics, opens it — and reads it again with the network off, from the service
    worker's copy; the clerk sees it read. In the review season the member reports the quarter's
    task and assesses themselves; the cell's page shows it as the first stage."""
    from dangvu.reviews.services import review_cycle_open
    from dangvu.tasks.services import task_assign

    settings.DATA_DIR = tmp_path
    today = dt.date.today()
    quarter = (today.month - 1) // 3 + 1
    me = make_user("member", tree.a1, "dv-an").member_account.member
    review_cycle_open(actor=actor, committee=tree.hm, year=today.year)
    task_assign(actor=actor, org=tree.a1, member=me, year=today.year, quarter=quarter,
                title="Tuyên truyền phân loại rác tại nguồn", measure="hộ", target=5, deadline=today)  # fmt: skip
    make_user("grassroots", tree.a, username="thu-ky-a")
    clerk = login("thu-ky-a")
    clerk.goto(f"{live_server.url}/so-tay/van-ban/phat-hanh/")
    clerk.get_by_label("Loại văn bản").select_option(label="Hướng dẫn")
    clerk.get_by_label("Số, ký hiệu").fill("04-HD/ĐU")
    clerk.get_by_label("Ngày ban hành").fill(today.strftime("%d/%m/%Y"))
    clerk.get_by_label("Cơ quan ban hành").fill("Đảng ủy phường Định Công")
    clerk.get_by_label("Trích yếu").fill("Hướng dẫn học tập chuyên đề năm nay")
    clerk.get_by_label("Tệp văn bản", exact=False).set_input_files(
        files=[{"name": "hd-04.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    clerk.get_by_label("Các chi bộ được chọn dưới đây").check()
    clerk.get_by_label("A1 — Chi bộ tổ dân phố số 1").check()
    clerk.get_by_role("button", name="Phát hành").click()
    expect(clerk.get_by_text("Đã đọc: 0/1 đảng viên")).to_be_visible()

    phone_context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    phone_context.set_default_timeout(10_000)
    phone = phone_context.new_page()
    phone.goto(f"{live_server.url}/dang-nhap/")
    phone.get_by_label("Tên đăng nhập").fill("dv-an")
    phone.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-1")
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed before the pages are kept
    phone.get_by_text("Danh mục").click()
    expect(phone.locator(".notices-link .badge")).to_have_text("1")
    phone.get_by_role("link", name="Văn bản", exact=True).click()
    phone.get_by_label("Tìm", exact=False).fill("huong dan hoc tap")
    phone.get_by_role("button", name="Tìm").click()
    phone.get_by_role("link", name="Hướng dẫn số 04-HD/ĐU").click()
    expect(phone.get_by_text("Đồng chí đã đọc lúc")).to_be_visible()
    _fits(phone)
    phone.reload()  # now through the service worker, which keeps the page
    phone_context.set_offline(True)
    phone.reload()
    expect(phone.get_by_text("Hướng dẫn học tập chuyên đề năm nay")).to_be_visible()
    phone.goto(f"{live_server.url}/so-tay/dang-phi/")  # never opened: the offline page
    expect(phone.get_by_role("heading", name="Không có kết nối mạng")).to_be_visible()
    phone_context.set_offline(False)

    clerk.reload()
    expect(clerk.get_by_text("Đã đọc: 1/1 đảng viên")).to_be_visible()
    expect(clerk.locator("table.receipts")).to_contain_text(me.full_name)

    phone.goto(f"{live_server.url}/so-tay/tu-danh-gia/")
    task = phone.locator("section.task", has_text="Tuyên truyền phân loại rác tại nguồn")
    task.get_by_label("Ngày hoàn thành").fill(today.strftime("%d/%m/%Y"))
    task.get_by_label("Số lượng đạt").fill("6")
    task.get_by_label("Sản phẩm (mô tả)").fill("Danh sách 6 hộ đã cam kết")
    task.get_by_role("button", name="Ghi kết quả nhiệm vụ này").click()
    expect(phone.get_by_text("Đã ghi kết quả, sản phẩm của nhiệm vụ.")).to_be_visible()
    _fits(phone)
    phone.get_by_label("(tối đa 30 điểm)", exact=False).fill("27")  # the framework's one assessed criterion
    phone.get_by_label("Mức xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    phone.get_by_label("Nhận xét").fill("Hoàn thành nhiệm vụ được giao, vượt số hộ")
    phone.get_by_role("button", name="Gửi bản tự đánh giá").click()
    expect(phone.get_by_text("Đồng chí đã tự xếp loại")).to_contain_text("Hoàn thành tốt nhiệm vụ")
    _fits(phone)
    phone_context.close()

    clerk.goto(f"{live_server.url}/nhiem-vu/dang-vien/{me.pk}/{today.year}/{quarter}/")
    expect(clerk.get_by_text("Hoàn thành nhiệm vụ được giao, vượt số hộ")).to_be_visible()
