"""A ward clerk fills in a member's record sheet (phiếu đảng viên) on the member's edit page: the
languages, IT, Youth Union date, health, and two lines of work history; the member page shows them.
A work-history line that starts after it ends is refused, the message naming the line, nothing
saved. The record sheet link answers a PDF with the member's Vietnamese text."""

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from dangvu.members.models import Member

from ..conftest import D

pytestmark = pytest.mark.browser

NAME = "Phạm Thị Hương"


@pytest.fixture
def member(tree, register):
    return register(tree.a1, full_name=NAME, sex="F", birth_date=D(1986, 7, 12))


@pytest.fixture
def member_page(login, live_server, tree, make_user, member):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    page = login("thu-ky-dinh-cong")
    page.goto(f"{live_server.url}/dang-vien/{member.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
    return page


def _work_line(page, n, start, end, work, place):
    page.get_by_label(f"Từ tháng/năm, dòng {n}").fill(start)
    page.get_by_label(f"Đến tháng/năm, dòng {n}").fill(end)
    page.get_by_label(f"Công việc, chức vụ, dòng {n}").fill(work)
    page.get_by_label(f"Nơi công tác, dòng {n}").fill(place)


def test_the_record_sheet_fields_and_work_history_typed_on_the_edit_page(member_page, member):
    page = member_page
    page.get_by_role("link", name="Sửa lý lịch").click()
    page.get_by_label("Ngoại ngữ").fill("Tiếng Anh B1")
    page.get_by_label("Tin học", exact=True).fill("Ứng dụng CNTT cơ bản")
    page.get_by_label("Ngày vào Đoàn TNCS Hồ Chí Minh").fill("26/03/2001")
    page.get_by_label("Tình trạng sức khỏe").fill("Tốt")
    _work_line(page, 1, "09/2008", "06/2012", "Giáo viên", "Trường THCS Tân Mai")
    _work_line(page, 2, "07/2012", "", "Tổ trưởng chuyên môn", "Trường THCS Định Công")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("status")).to_contain_text("Đã lưu lý lịch đảng viên.")
    record = page.get_by_role("region", name="Lý lịch")
    expect(record).to_contain_text("Tiếng Anh B1")
    expect(record).to_contain_text("Ứng dụng CNTT cơ bản")
    expect(record).to_contain_text("26/03/2001")
    expect(record).to_contain_text("Tốt")
    history = page.locator("table", has=page.get_by_role("columnheader", name="Nơi công tác"))
    expect(history.locator("tbody tr")).to_have_count(2)
    rows = history.locator("tbody tr")
    expect(rows.nth(0).get_by_role("cell")).to_have_text(["09/2008", "06/2012", "Giáo viên", "Trường THCS Tân Mai"])
    expect(rows.nth(1).get_by_role("cell")).to_have_text(
        ["07/2012", "nay", "Tổ trưởng chuyên môn", "Trường THCS Định Công"]
    )


def test_a_work_line_starting_after_its_end_is_refused_naming_the_line(member_page, member):
    page = member_page
    page.get_by_role("link", name="Sửa lý lịch").click()
    page.get_by_label("Ngoại ngữ").fill("Tiếng Pháp A2")
    _work_line(page, 1, "09/2008", "06/2012", "Giáo viên", "Trường THCS Tân Mai")
    _work_line(page, 2, "05/2020", "01/2019", "Phó Hiệu trưởng", "Trường THCS Định Công")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert").first).to_contain_text(
        "Dòng 2 của quá trình công tác: tháng bắt đầu 05/2020 sau tháng kết thúc 01/2019"
    )
    end = page.get_by_label("Đến tháng/năm, dòng 2")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_accessible_description(re.compile("Tháng kết thúc trước tháng bắt đầu"))
    expect(page.get_by_label("Đến tháng/năm, dòng 1")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Ngoại ngữ")).to_have_value("Tiếng Pháp A2")  # nothing typed is lost
    member = Member.objects.get(pk=member.pk)
    assert member.foreign_languages == "" and not member.work_periods.exists()


def test_the_record_sheet_link_answers_a_pdf(member_page, member):
    page = member_page
    link = page.get_by_role("link", name="In phiếu đảng viên")
    response = page.request.get(link.evaluate("a => a.href"))  # with the clerk's session
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):  # Debian's poppler-utils reads the text back
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert NAME in text and "PHIẾU ĐẢNG VIÊN" in text.upper()
