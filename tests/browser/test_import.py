"""A district organization board officer imports a member list with an impossible date: sees the
row's error in the preview, uploads the corrected file, commits, and finds the member in the list."""

import pytest
from playwright.sync_api import expect

from tests.imports.helpers import headers, member, xlsx

pytestmark = pytest.mark.browser


def _upload(page, tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(xlsx(rows))
    page.get_by_label("Loại dữ liệu").select_option(label="Đảng viên hiện có (nhập hồ sơ)")
    page.get_by_label("Đơn vị nhận dữ liệu").fill("A1")
    page.get_by_label("Tệp Excel (.xlsx, .xls, .ods)").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def test_importing_a_file_with_an_error_fixing_it_and_committing(
    login, live_server, tree, make_user, tmp_path, settings
):
    settings.DATA_DIR = tmp_path  # the uploads wait here between the steps
    make_user("org_board", tree.hm, username="ban-to-chuc")
    page = login("ban-to-chuc")
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    wrong = member(full_name="Đặng Thị Thu Hà", sex="Nữ", birth_date="31/02/1990")
    _upload(page, tmp_path, "dang-vien.xlsx", [headers(), wrong])
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem trước: Đảng viên hiện có (nhập hồ sơ)")
    expect(page.locator("#row-errors")).to_contain_text(
        "Dòng 2, cột Ngày sinh: 31/02/1990 không phải ngày có thật; nhập theo dạng ngày/tháng/năm"
    )
    expect(page.get_by_role("button", name="Nhập 0 dòng")).to_have_count(0)
    # The bad cell itself is marked (issue 20, item 6), and the table scrolls instead of squeezing.
    expect(page.locator("table.preview td.bad-cell")).to_have_count(1)
    expect(page.locator("table.preview td.bad-cell")).to_contain_text("31/02/1990")
    assert page.locator("table.preview td").first.evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"

    page.get_by_role("link", name="Tải lên tệp khác").click()
    fixed = member(full_name="Đặng Thị Thu Hà", sex="Nữ", birth_date="28/02/1990")
    _upload(page, tmp_path, "dang-vien-da-sua.xlsx", [headers(), fixed])
    expect(page.get_by_role("status").first).to_contain_text("1 hợp lệ, 0 có lỗi")
    page.get_by_role("button", name="Nhập 1 dòng").click()

    expect(page.locator(".messages")).to_contain_text("Đã nhập 1 dòng")
    expect(page.locator("table tbody").get_by_role("link", name="Đặng Thị Thu Hà")).to_be_visible()
