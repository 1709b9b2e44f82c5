"""'Tải Excel' of the list pages: the filtered, scoped rows; text never becomes a formula; citizen
IDs only for roles that may see them; every export logged."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from dangvu.awards.services import award_create
from dangvu.cadres.services import cadre_action_create
from dangvu.core.models import ExportLog
from dangvu.elections.services import election_area_record, election_create
from dangvu.inspection.services import inspection_record
from dangvu.training.services import training_class_create

from ..conftest import D, Role


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_member_export_has_the_rows_of_the_filtered_list_in_scope(client, tree, make_user, register):
    register(tree.a1, full_name="Nguyễn Văn An")
    register(tree.a2, full_name="Trần Văn Bình")
    register(tree.b1, full_name="Lê Văn Cường")
    user = make_user(Role.GRASSROOTS, tree.a)
    client.force_login(user)
    ws = _sheet(client.get("/dang-vien/", {"unit": tree.a1.pk, "status": "dang", "xuat": "xlsx"}))
    rows = _values(ws)
    assert rows[0][:4] == ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]
    assert [r[0] for r in rows[1:]] == ["Nguyễn Văn An"]
    everything = [r[0] for r in _values(_sheet(client.get("/dang-vien/", {"xuat": "xlsx"})))[1:]]
    assert sorted(everything) == ["Nguyễn Văn An", "Trần Văn Bình"]  # ward B is outside the scope
    log = ExportLog.objects.order_by("at").first()
    assert (log.user, log.kind, log.row_count, log.with_citizen_id) == (user, "members", 1, True)
    assert log.filters == {"unit": str(tree.a1.pk), "status": "dang"}


def test_citizen_ids_are_left_out_for_a_role_that_may_not_see_them(client, tree, make_user, register):
    register(tree.a1, full_name="Nguyễn Văn An", citizen_id="001085000001")
    client.force_login(make_user(Role.LEADER, tree.hm))
    response = client.get("/dang-vien/", {"xuat": "xlsx"})
    rows = _values(_sheet(response))
    assert "Số CCCD" not in rows[0]
    assert b"001085000001" not in zipfile.ZipFile(io.BytesIO(response.content)).read("xl/sharedStrings.xml")
    assert ExportLog.objects.get().with_citizen_id is False


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","bấm")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"])
def test_a_cell_starting_like_a_formula_stays_text(board, tree, actor, text):
    training_class_create(actor=actor, title=text, organizer=tree.hm, kind="other", start_date=D(2016, 3, 1))
    response = board.get("/boi-duong/", {"xuat": "xlsx"})
    ws = _sheet(response)
    assert ws["A2"].value == text and ws["A2"].data_type == "s"
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # no formula anywhere
    assert ws["A2"].quotePrefix  # Excel keeps it text even if the cell is edited


def test_every_list_page_offers_its_export_with_its_filters(board, tree, actor, register):
    member = register(tree.a1, full_name="Nguyễn Văn An")
    cadre_action_create(actor=actor, full_name="Phạm Văn Bình", kind="transfer", decided_by=tree.hm,
                        decision_no="1-QĐ/QU", decision_date=D(2016, 3, 1))  # fmt: skip
    award_create(actor=actor, recipient_kind="person", recipient_member=member, title="certificate",
                 program="ct03", awarded_by=tree.hm, decision_no="2-QĐ/QU", decision_date=D(2016, 5, 1))  # fmt: skip
    inspection_record(actor=actor, kind="inspection", conducted_by=tree.hm, start_date=D(2016, 6, 1),
                      content="Chấp hành Điều lệ", subject_org=tree.a)  # fmt: skip
    election = election_create(actor=actor, name="Bầu cử 2016", date=D(2016, 5, 22), organizer=tree.hm)
    election_area_record(actor=actor, election=election, name="Phường Định Công", org=tree.a, registered=100, voted=99)
    for url, first in (
        ("/can-bo/", "Phạm Văn Bình"), ("/khen-thuong/", "Nguyễn Văn An"), ("/kiem-tra/", "Kiểm tra"),
        ("/bau-cu/", "Bầu cử 2016"), ("/kiem-tra/ky-luat/", None),
    ):  # fmt: skip
        page = board.get(url, {"year": 2016})
        assert b"xuat=xlsx" in page.content and b"year=2016" in page.content, url
        rows = _values(_sheet(board.get(url, {"year": 2016, "xuat": "xlsx"})))
        assert [r[0] for r in rows[1:]] == ([first] if first else []), url
        assert _values(_sheet(board.get(url, {"year": 2015, "xuat": "xlsx"})))[1:] == [], url
    assert ExportLog.objects.count() == 10
