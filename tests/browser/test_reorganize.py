"""The city's organization board reorganizes a district on 1/7/2025 on the page: lists what the
ending units hold, forgets one cell, sees it named by the dry run (nothing written), assigns it,
checks again and carries the decision out."""

import pytest
from playwright.sync_api import expect

from dangvu.organizations.models import Organization, Reorganization

pytestmark = pytest.mark.browser


def test_reorganizing_with_a_dry_run_first(login, live_server, tree, make_user, register):
    register(tree.a1)
    register(tree.b1)
    make_user("org_board", tree.hn, username="ban-to-chuc-tp")
    page = login("ban-to-chuc-tp")
    page.goto(f"{live_server.url}/to-chuc/{tree.hn.pk}/")
    page.get_by_role("link", name="Sắp xếp tổ chức theo quyết định").click()
    page.get_by_label("Số quyết định").fill("1234-QĐ/TU")
    page.get_by_label("Ngày có hiệu lực").fill("01/07/2025")
    page.get_by_label("Tổ chức kết thúc hoạt động").fill("HM, A, B")
    page.get_by_label("Tổ chức mới").fill(
        "PHM; Đảng bộ phường Hoàng Mai; xã, phường; Xã, phường, thị trấn; HN\n"
        "PDC; Đảng bộ phường Định Công; xã, phường; Xã, phường, thị trấn; HN"
    )
    page.get_by_role("button", name="Liệt kê các mục cần phân công").click()
    expect(page.locator("#assignments tbody tr")).to_have_count(4)
    page.get_by_label("Chuyển đến: Chi bộ tổ dân phố số 1").fill("PHM")
    page.get_by_label("Chuyển đến: Chi bộ tổ dân phố số 2").fill("PDC")
    page.get_by_label("Chuyển đến: Chi bộ khu dân cư số 1").fill("PDC")
    page.get_by_role("button", name="Kiểm tra thử", exact=True).click()
    expect(page.locator("#plan-problems")).to_contain_text(
        "Chưa phân công tổ chức trực thuộc Chi bộ Trường THCS Tân Mai của Đảng bộ quận Hoàng Mai"
    )
    assert not Organization.objects.filter(code="PHM").exists()

    page.get_by_label("Chuyển đến: Chi bộ Trường THCS Tân Mai").fill("PHM")
    page.get_by_role("button", name="Kiểm tra thử", exact=True).click()
    expect(page.locator("#plan-summary")).to_contain_text(
        "Kiểm tra thử: nếu thực hiện sẽ thành lập 2 tổ chức, chuyển 4 tổ chức trực thuộc và 0 đảng viên, "
        "kết thúc hoạt động 3 tổ chức."
    )
    assert not Reorganization.objects.exists() and Organization.objects.get(code="HM").dissolved_on is None

    page.get_by_role("button", name="Thực hiện sắp xếp").click()
    expect(page.locator(".messages")).to_contain_text("Quyết định 1234-QĐ/TU: Đã thành lập 2 tổ chức")
    assert Organization.objects.get(code="A1").parent.code == "PHM"
    assert Organization.objects.get(code="HM").dissolved_on is not None
