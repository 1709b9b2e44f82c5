"""A ward clerk records a cell's monthly meeting with its attendance (one member absent with a
reason), then corrects it on the edit page: another place, the absent member was in fact there; the
meeting page shows the correction. A meeting dated in the future is refused with the message next to
the date, and nothing is saved."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from dangvu.meetings.models import Meeting

pytestmark = pytest.mark.browser

CELL = "Chi bộ tổ dân phố số 1"


@pytest.fixture
def cell(tree, register):
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        register(tree.a1, full_name=name)
    return tree.a1


@pytest.fixture
def clerk(login, tree, make_user):
    make_user("grassroots", tree.a, username="thu-ky-dinh-cong")
    return login("thu-ky-dinh-cong")


def _meeting_form(page):
    page.locator(".group-label", has_text="Nghiệp vụ").hover()  # the menu opens under the pointer
    page.get_by_role("link", name="Sinh hoạt chi bộ", exact=True).click()
    page.get_by_label("Chi bộ, đơn vị").select_option(label=CELL)
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=f"Ghi buổi sinh hoạt của {CELL}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ghi buổi sinh hoạt: {CELL}")


def _attendance_row(page, name):
    return page.locator("table tbody tr", has=page.get_by_role("link", name=name, exact=True))


def test_recording_a_meeting_and_correcting_it(clerk, live_server, cell):
    page = clerk
    _meeting_form(page)
    page.get_by_label("Loại buổi sinh hoạt").select_option(label="Sinh hoạt chi bộ thường kỳ (hằng tháng)")
    page.get_by_label("Ngày họp").fill("15/03/2016")
    page.get_by_label("Địa điểm").fill("Nhà văn hóa tổ dân phố số 1")
    page.get_by_label("Chủ trì").select_option(label="Nguyễn Văn An")
    page.get_by_label("Thư ký").select_option(label="Trần Thị Bình")
    page.get_by_label("Nội dung").fill("Kiểm điểm công tác tháng 3; triển khai nhiệm vụ tháng 4.")
    page.get_by_role("radio", name="Vắng có lý do: Lê Văn Cường").check()
    page.get_by_label("Lý do vắng của Lê Văn Cường").fill("Đi công tác Đà Nẵng")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("status")).to_contain_text(f"Đã ghi buổi sinh hoạt ngày 15/03/2016 của {CELL}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sinh hoạt chi bộ thường kỳ (hằng tháng) ngày 15/03/2016")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Nhà văn hóa tổ dân phố số 1")
    expect(facts).to_contain_text("2/3 đảng viên có mặt")
    expect(_attendance_row(page, "Lê Văn Cường")).to_contain_text("Vắng có lý do")
    expect(_attendance_row(page, "Lê Văn Cường")).to_contain_text("Đi công tác Đà Nẵng")

    page.get_by_role("link", name="Sửa buổi sinh hoạt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sửa buổi sinh hoạt: {CELL}")
    # The edit page comes back with what was recorded.
    expect(page.get_by_role("radio", name="Vắng có lý do: Lê Văn Cường")).to_be_checked()
    expect(page.get_by_label("Lý do vắng của Lê Văn Cường")).to_have_value("Đi công tác Đà Nẵng")
    place = page.get_by_label("Địa điểm")
    expect(place).to_have_value("Nhà văn hóa tổ dân phố số 1")
    place.fill("Hội trường Đảng ủy phường Định Công")
    page.get_by_role("radio", name="Có mặt: Lê Văn Cường").check()
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("status")).to_contain_text(f"Đã sửa buổi sinh hoạt ngày 15/03/2016 của {CELL}")
    expect(facts).to_contain_text("Hội trường Đảng ủy phường Định Công")
    expect(facts).not_to_contain_text("Nhà văn hóa tổ dân phố số 1")
    expect(facts).to_contain_text("3/3 đảng viên có mặt")
    expect(_attendance_row(page, "Lê Văn Cường")).to_contain_text("Có mặt")
    expect(_attendance_row(page, "Lê Văn Cường")).not_to_contain_text("Đi công tác")


def test_a_meeting_dated_in_the_future_is_refused_on_the_page(clerk, live_server, cell):
    page = clerk
    _meeting_form(page)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    date = page.get_by_label("Ngày họp")
    date.fill(tomorrow)
    page.get_by_label("Địa điểm").fill("Nhà văn hóa tổ dân phố số 1")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert").first).to_contain_text("Chưa lưu được")
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(date).to_have_accessible_description(
        re.compile(re.escape(f"Ngày họp {tomorrow} ở tương lai; chỉ ghi buổi sinh hoạt đã diễn ra."))
    )
    expect(page.get_by_label("Địa điểm")).to_have_value("Nhà văn hóa tổ dân phố số 1")
    assert not Meeting.objects.exists()
