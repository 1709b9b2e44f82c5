"""On a 390×844 phone, a form answers once (issue 20, items 3 and 7): the admission form and the
member's record sheet, sent with an empty name, a 2031 birth date and a 5-digit citizen ID, show
the three errors together after ONE submit, each beside its field and within the screen; the cadre
and discipline forms likewise."""

import pytest
from playwright.sync_api import expect

from dangvu.inspection.models import Discipline

from ..conftest import D

pytestmark = pytest.mark.browser

WIDTH = 390


@pytest.fixture
def signed_in(sign_in, make_user):
    """signed_in(role, unit) -> a phone-sized page signed in with that role."""

    def _signed_in(role, unit):
        username = f"{role}-{unit.code}".lower()
        make_user(role, unit, username=username)
        return sign_in(username, width=WIDTH, height=844)

    return _signed_in


@pytest.fixture
def phone(signed_in, tree):
    return signed_in("grassroots", tree.a)


def _fill_the_three_bad_fields(page):
    page.locator("#id_full_name").fill("")
    page.locator("#id_birth_date").fill("01/01/2031")
    page.locator("#id_citizen_id").fill("12345")


def _each_error_beside_its_field(page, expected=None):
    expected = expected or {
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


def test_the_cadre_form_shows_every_error_after_one_submit(signed_in, live_server, tree):
    page = signed_in("org_board", tree.hm)
    page.goto(f"{live_server.url}/can-bo/them/")
    page.locator("#id_kind").select_option(value="appointment")
    page.locator("#id_decided_by").select_option(value=str(tree.hm.pk))
    page.locator("#id_decision_date").fill("01/01/2031")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    _each_error_beside_its_field(page, {
        "full_name": "họ và tên cán bộ",
        "position": "Hãy nhập chức vụ của quyết định bổ nhiệm",
        "decision_no": "Hãy nhập số quyết định bổ nhiệm",
        "decision_date": "01/01/2031 ở tương lai",
    })  # fmt: skip


def test_the_discipline_form_shows_every_error_after_one_submit(signed_in, live_server, tree, admit):
    """The discipline form, sent with no decision number, an expulsion of a probationary member and
    a violation after the decision, shows the three errors after one submit; nothing is stored."""
    member = admit(tree.a1, on=D(2016, 3, 2))
    page = signed_in("inspection", tree.hm)
    page.goto(f"{live_server.url}/kiem-tra/ky-luat/them/")
    page.locator("#id_subject_member").select_option(value=str(member.pk))
    page.locator("#id_form").select_option(value="expulsion")
    page.locator("#id_decision_date").fill("01/06/2016")
    page.locator("#id_decided_by").select_option(value=str(tree.hm.pk))
    page.locator("#id_violation_date").fill("10/07/2016")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    _each_error_beside_its_field(page, {
        "decision_no": "bắt buộc",
        "form": "Không thể kỷ luật đảng viên dự bị bằng hình thức khai trừ",
        "violation_date": "Ngày vi phạm 10/07/2016 sau ngày quyết định 01/06/2016",
    })  # fmt: skip
    assert not Discipline.objects.exists()
