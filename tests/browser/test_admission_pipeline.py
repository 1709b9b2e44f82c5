"""A ward clerk takes a candidate (quần chúng ưu tú) through the admission file in the browser: the
course, the application, the background check, one full member and the Youth Union's resolution as
introducers, the cell's vote and the superior's decision; the new member's record sheet names both
introducers. A probationary introducer is refused next to the field and nothing is kept."""

import re

import pytest
from playwright.sync_api import expect

from dangvu.candidates.models import Candidate, Introducer

from ..conftest import D

pytestmark = pytest.mark.browser

CELL = "Chi bộ tổ dân phố số 1"


@pytest.fixture
def cell_members(tree, register, admit):
    """Two full members of the cell (one will introduce) and one probationary member."""
    introducer = register(tree.a1, full_name="Lê Văn Giới", party_card_no="08000001")
    register(tree.a1, full_name="Hoàng Thị Hai")
    probationary = admit(tree.a1, on=D(2015, 3, 2), full_name="Vũ Văn Dự", party_card_no="08000009")
    return introducer, probationary


def _open_file(page, live_server, full_name):
    page.goto(f"{live_server.url}/quan-chung-uu-tu/")
    page.get_by_role("link", name="Đưa quần chúng ưu tú vào danh sách").click()
    page.get_by_role("combobox", name="Chi bộ", exact=True).select_option(label=CELL)
    page.get_by_label("Ngày chi bộ đưa vào danh sách quần chúng ưu tú").fill("01/09/2015")
    page.get_by_label("Đảng viên được phân công giúp đỡ").fill("Lê Văn Giới")
    page.get_by_label("Họ và tên khai sinh").fill(full_name)
    page.get_by_label("Ngày sinh").fill("10/04/1995")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã mở hồ sơ của {full_name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ kết nạp: {full_name}")


def _step(page, link, fields):
    page.get_by_role("link", name=link).click()
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Lưu").click()


def test_a_clerk_takes_a_candidate_from_the_list_to_admission(login, live_server, tree, make_user, cell_members):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    _open_file(page, live_server, "Đỗ Thị Ưu Tú")

    _step(page, "Ghi: giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
          {"Ngày cấp giấy chứng nhận": "05/10/2015", "Số giấy chứng nhận": "CN-77",
           "Nơi cấp": "Trung tâm bồi dưỡng chính trị quận Hoàng Mai"})  # fmt: skip
    expect(page.get_by_role("status")).to_contain_text("Đã ghi: giấy chứng nhận học lớp")
    _step(page, "Ghi: đơn xin vào Đảng", {"Ngày làm đơn": "02/11/2015", "Người nhận đơn": "Lê Văn Giới"})
    _step(page, "Ghi: thẩm tra lý lịch", {"Ngày có kết luận thẩm tra": "15/01/2016", "Số văn bản kết luận": "12-KL/CB"})
    steps = page.get_by_role("table").first
    expect(steps.get_by_role("row", name=re.compile("Giấy chứng nhận học lớp"))).to_contain_text("05/10/2015")
    expect(steps.get_by_role("row", name=re.compile("Thẩm tra lý lịch"))).to_contain_text("12-KL/CB")

    page.get_by_role("link", name="Thêm đảng viên giới thiệu").click()
    page.get_by_label("Đảng viên giới thiệu").fill("08000001")
    page.get_by_label("Chức vụ của người giới thiệu").fill("Bí thư chi bộ")
    page.get_by_label("Cùng công tác, học tập hoặc sinh hoạt với người vào Đảng từ ngày").fill("01/06/2014")
    page.get_by_label("Ngày giới thiệu").fill("01/02/2016")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi đồng chí Lê Văn Giới giới thiệu")

    page.get_by_role("link", name="Đoàn, Công đoàn giới thiệu").click()
    page.get_by_label("Tổ chức giới thiệu").select_option(label="Ban Chấp hành Đoàn cơ sở")
    page.get_by_label("Tên tổ chức").fill("Đoàn TNCS Hồ Chí Minh phường Định Công")
    page.get_by_label("Số nghị quyết giới thiệu").fill("05-NQ/ĐTN")
    page.get_by_label("Ngày nghị quyết").fill("01/02/2016")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở")
    expect(page.get_by_text("Nghị quyết số 05-NQ/ĐTN ngày 01/02/2016")).to_be_visible()
    # The file is complete: no third introducer is offered.
    expect(page.get_by_role("link", name="Thêm đảng viên giới thiệu")).to_have_count(0)

    page.get_by_role("link", name="Ghi: chi bộ biểu quyết đề nghị kết nạp").click()
    page.get_by_label("Ngày chi bộ họp xét, biểu quyết").fill("01/03/2016")
    page.get_by_label("Số đảng viên chính thức tán thành").fill("2")
    page.get_by_label("Số nghị quyết của chi bộ").fill("03-NQ/CB")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi kết quả biểu quyết: đạt")

    page.get_by_role("link", name="Ghi quyết định kết nạp").click()
    page.get_by_label("Ngày kết nạp").fill("20/03/2016")
    page.get_by_label("Số quyết định kết nạp").fill("15-QĐ/ĐU")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã kết nạp Đỗ Thị Ưu Tú vào Đảng (đảng viên dự bị)")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đỗ Thị Ưu Tú")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đảng viên dự bị")
    expect(page.get_by_text("20/03/2016 (QĐ 15-QĐ/ĐU)")).to_be_visible()

    # The record sheet (the same page the PDF is printed from) names both introducers.
    sheet_url = page.get_by_role("link", name="In phiếu đảng viên").get_attribute("href")
    page.goto(f"{live_server.url}{sheet_url}?html=1")
    expect(page.get_by_text("Đồng chí Lê Văn Giới, Bí thư chi bộ (giới thiệu ngày 01/02/2016)")).to_be_visible()
    expect(
        page.get_by_text(
            "Ban Chấp hành Đoàn cơ sở Đoàn TNCS Hồ Chí Minh phường Định Công (Nghị quyết số 05-NQ/ĐTN ngày 01/02/2016)"
        )
    ).to_be_visible()


def test_a_probationary_introducer_is_refused_next_to_the_field(login, live_server, tree, make_user, cell_members):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    _open_file(page, live_server, "Trần Văn Mới")
    page.get_by_role("link", name="Thêm đảng viên giới thiệu").click()
    member = page.get_by_label("Đảng viên giới thiệu")
    member.fill("08000009")
    page.get_by_label("Cùng công tác, học tập hoặc sinh hoạt với người vào Đảng từ ngày").fill("01/06/2014")
    page.get_by_label("Ngày giới thiệu").fill("01/06/2016")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert").first).to_contain_text("Chưa lưu được")
    expect(member).to_have_attribute("aria-invalid", "true")
    expect(member).to_have_accessible_description(
        re.compile(
            r"Đồng chí Vũ Văn Dự đang là đảng viên dự bị; đảng viên giới thiệu phải là đảng viên chính thức "
            r"\(Điều lệ Đảng, Điều 4\)\. Hãy chọn một đảng viên chính thức khác\."
        )
    )
    expect(member).to_have_value("08000009")  # what was typed is still there to correct
    candidate = Candidate.objects.get(full_name="Trần Văn Mới")
    assert not Introducer.objects.filter(candidate=candidate).exists()
    page.get_by_role("link", name=re.compile("Hồ sơ của Trần Văn Mới")).click()
    introducers = page.locator("table", has=page.get_by_role("columnheader", name="Cùng công tác từ"))
    expect(introducers.locator("tbody")).to_have_text("Chưa có.")
