"""The report pages: scoped, downloads for every role that may view, writing and closing for the
roles that edit reports, service errors next to the field."""

import pytest

from dangvu.reports import selectors
from dangvu.reports.services import year_close

from ..conftest import D


def test_the_report_page_links_every_format_and_each_downloads(client, tree, admit, make_user):
    admit(tree.a1, on=D(2016, 3, 2))
    client.force_login(make_user("leader", tree.hm))
    page = client.get(f"/bao-cao/{tree.hm.pk}/2016/").content.decode()
    for fmt in ("docx", "pdf", "html", "xlsx", "json", "brief"):
        assert f"/bao-cao/{tree.hm.pk}/2016/tai-ve/{fmt}/" in page
    for fmt, kind in (
        ("docx", "wordprocessingml"),
        ("xlsx", "spreadsheetml"),
        ("json", "json"),
        ("brief", "text/plain"),
    ):
        response = client.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/{fmt}/")
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert "bao-cao-tong-ket-HM-2016" in response["Content-Disposition"]
    assert "Chốt số liệu năm 2016" not in page  # a leader only reads
    assert client.post(f"/bao-cao/{tree.hm.pk}/2016/chot/").status_code == 403
    assert selectors.close_in_force(tree.hm, 2016) is None


def test_a_ward_clerk_gets_404_on_the_district_report(client, tree, make_user):
    client.force_login(make_user("grassroots", tree.a))
    assert client.get(f"/bao-cao/{tree.hm.pk}/2016/").status_code == 404
    assert client.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/docx/").status_code == 404
    assert client.get(f"/bao-cao/{tree.a.pk}/2016/").status_code == 200


def test_the_board_writes_the_report_and_sees_errors_next_to_the_field(client, tree, make_user):
    client.force_login(make_user("org_board", tree.hm))
    url = f"/bao-cao/{tree.hm.pk}/2016/soan/"
    form = client.get(url).content.decode()
    assert "Phương hướng, nhiệm vụ năm 2017" in form and "QUẬN ỦY HOÀNG MAI" in form
    data = {"number": "45", "symbol": "BC/QU", "place": "Hoàng Mai", "issued_on": "12/01/2019",
            "heading_superior": "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "heading_body": "QUẬN ỦY HOÀNG MAI",
            "section_general": "Năm 2016, công tác xây dựng Đảng có chuyển biến tích cực."}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "ban hành trong năm 2016 hoặc 2017" in response.content.decode()
    data["issued_on"] = "12/01/2017"
    assert client.post(url, data).status_code == 302
    report = selectors.report_of(tree.hm, 2016)
    assert report.number == "45" and report.issued_on == D(2017, 1, 12)
    assert report.sections == {"general": "Năm 2016, công tác xây dựng Đảng có chuyển biến tích cực."}


@pytest.mark.parametrize("role", ["org_board", "office"])
def test_close_and_reopen_from_the_page_with_a_reason(client, tree, make_user, role):
    user = make_user(role, tree.hm)
    client.force_login(user)
    assert client.post(f"/bao-cao/{tree.hm.pk}/2016/chot/").status_code == 302
    closed = selectors.close_in_force(tree.hm, 2016)
    assert closed.closed_by == user
    page = client.get(f"/bao-cao/{tree.hm.pk}/2016/").content.decode()
    assert "Đã chốt số liệu" in page and "Mở lại số liệu năm 2016" in page
    response = client.post(f"/bao-cao/{tree.hm.pk}/2016/mo-lai/", {"reason": "ngắn"})
    assert response.status_code == 400 and "ít nhất 10 ký tự" in response.content.decode()
    assert (
        client.post(f"/bao-cao/{tree.hm.pk}/2016/mo-lai/", {"reason": "Bổ sung quyết định nhận muộn"}).status_code
        == 302
    )
    closed.refresh_from_db()
    assert closed.reopened_by == user and closed.reopen_reason == "Bổ sung quyết định nhận muộn"
    assert "Bổ sung quyết định nhận muộn" in client.get(f"/bao-cao/{tree.hm.pk}/2016/").content.decode()


def test_a_closed_year_refuses_the_edit_form(client, tree, actor, make_user):
    year_close(actor=actor, org=tree.hm, year=2016)
    client.force_login(make_user("office", tree.hm))
    response = client.post(f"/bao-cao/{tree.hm.pk}/2016/soan/", {"number": "46", "symbol": "BC/QU"})
    assert response.status_code == 200 and "đã chốt" in response.content.decode()
    assert not selectors.report_of(tree.hm, 2016).number
