"""Residence contact (QĐ 213) in the browser, two-sided: the clerk of school C introduces her
teacher to ward A, where he lives; ward A's clerk finds the introduction among those received,
places him with a residential cell and writes the year's comment; back at the school, the clerk
reads the comment on the contact's page. A third ward's clerk sees nothing of it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WARD = "Đảng bộ phường Định Công"


def test_introduce_confirm_comment_and_the_school_reads_the_comment(sign_in, live_server, tree, register, make_user):
    register(tree.c, full_name="Phạm Văn Giáo", party_card_no="09000003")
    for org, name in ((tree.c, "thu-ky-truong"), (tree.a, "thu-ky-dinh-cong"), (tree.b, "thu-ky-dai-kim")):
        make_user("grassroots", org, name)
    url = f"{live_server.url}/cap-uy/lien-he-noi-cu-tru/"

    school = sign_in("thu-ky-truong")
    school.goto(url)
    school.get_by_label("Đảng viên của đơn vị").fill("09000003")
    school.get_by_label("Đảng ủy xã, phường nơi cư trú", exact=True).fill(f"A — {WARD}")
    school.get_by_label("Ngày giới thiệu").fill("20/01/2016")
    school.get_by_label("Số giấy giới thiệu").fill("12-GGT/CB")
    school.get_by_label("Địa chỉ nơi cư trú").fill("Số 5 ngõ 12 Định Công")
    school.get_by_role("button", name="Giới thiệu").click()
    expect(school.get_by_role("status")).to_contain_text(f"Đã giới thiệu đồng chí Phạm Văn Giáo về {WARD}")
    expect(school.locator("#status")).to_have_text("Đã giới thiệu, chờ nơi cư trú tiếp nhận")
    contact_url = school.url

    ward = sign_in("thu-ky-dinh-cong")
    ward.goto(url)
    received = ward.locator("#received")
    expect(received).to_contain_text("Chi bộ Trường THCS Tân Mai")
    received.get_by_role("link", name="Phạm Văn Giáo").click()
    expect(ward.get_by_role("link", name="hồ sơ đảng viên")).to_have_count(0)  # not the member's record
    ward.get_by_label("Chi bộ nơi cư trú").select_option(label="Chi bộ tổ dân phố số 1")
    ward.get_by_label("Ngày đảng viên đến báo cáo").fill("01/02/2016")
    ward.get_by_role("button", name="Tiếp nhận").click()
    expect(ward.locator("#status")).to_have_text("Nơi cư trú đã tiếp nhận")
    ward.get_by_label("Năm").fill("2016")
    ward.get_by_label("Nhận xét chung").select_option(label="Gương mẫu thực hiện tốt nghĩa vụ công dân nơi cư trú")
    ward.get_by_label("Ý kiến nhận xét").fill("Tích cực tham gia sinh hoạt tổ dân phố.")
    ward.get_by_label("Ngày nhận xét").fill("10/12/2016")
    ward.locator("#form-comment").get_by_role("button", name="Lưu").click()
    expect(ward.get_by_role("status")).to_contain_text("Đã lưu")

    school.goto(contact_url)
    expect(school.locator("#comments")).to_contain_text(
        "Năm 2016: Gương mẫu thực hiện tốt nghĩa vụ công dân nơi cư trú"
    )
    expect(school.locator("#comments")).to_contain_text("Tích cực tham gia sinh hoạt tổ dân phố.")
    expect(school.locator("dl.facts")).to_contain_text("Chi bộ tổ dân phố số 1, từ ngày 01/02/2016")
    expect(school.locator("#form-comment")).to_have_count(0)  # the comment is the residence's to write

    other = sign_in("thu-ky-dai-kim")
    other.goto(url)
    expect(other.locator("main")).not_to_contain_text("Phạm Văn Giáo")
    assert other.goto(contact_url).status == 404
