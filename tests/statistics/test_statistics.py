"""The standard statistics: each table adds up to the catalogue's figure, the flows split the
increase and decrease by cause, fixed query counts, the scoped pages and the XLSX file."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.indicators.statistics import all_tables, badges, composition, flows, review_classes
from dangvu.members.services import member_award_badge, member_record_event

from ..conftest import D

DAY = D(2016, 12, 31)
YEAR = Period.year(2016)


@pytest.fixture
def people(tree, actor, register, admit):
    """Ward A: two full members (one woman of the Tày people, Catholic, aged 30 on DAY), one admitted
    in 2016; ward B: one who moves to ward A, one who dies, one transferred out; one exempt."""
    young = register(tree.a1, full_name="Hoàng Thị Lan", sex="F", ethnicity="Tày", religion="Công giáo",
                     birth_date=D(1986, 6, 1), education="12/12", political_theory="Trung cấp")  # fmt: skip
    old = register(tree.a2, birth_date=D(1945, 1, 1), admitted_on=D(1966, 1, 1), recognized_on=D(1967, 1, 1))
    admit(tree.a1, on=D(2016, 3, 2), birth_date=D(1994, 1, 1))
    mover, dead, leaver = register(tree.b1), register(tree.b1), register(tree.b1)
    member_record_event(actor=actor, member=mover, kind="transferred", date=D(2016, 4, 1), to_org=tree.a1)
    member_record_event(actor=actor, member=dead, kind="died", date=D(2016, 8, 9))
    member_record_event(actor=actor, member=leaver, kind="transferred_out", date=D(2016, 9, 1), place="Quận Đống Đa")
    exempt = register(tree.c)
    member_record_event(actor=actor, member=exempt, kind="exempted", date=D(2016, 5, 1), reason="Tuổi cao")
    member_award_badge(actor=actor, member=old, years=50, presented_on=D(2016, 2, 3))
    return {"young": young, "old": old}


def _rows(table) -> dict:
    return {row[0]: row[1] for row in table.rows}


def test_every_composition_table_adds_up_to_members_total(tree, people):
    for org in (tree.hm, tree.a, tree.b, tree.c):
        total = catalogue.compute("members.total", org, YEAR)
        for table in composition(org, DAY):
            assert table.total == total == table.check[1], (org.code, table.key)


def test_composition_counts_each_characteristic(tree, people):
    tables = {t.key: _rows(t) for t in composition(tree.a, DAY)}
    # Ward A at the end of 2016: Lan, the veteran, the 2016 admission and the member moved in.
    assert tables["gioi-tinh"] == {"Nam": 3, "Nữ": 1}
    assert tables["dan-toc"] == {"Kinh": 3, "Tày": 1}
    assert tables["ton-giao"]["Công giáo"] == 1
    assert tables["do-tuoi"]["Từ 30 tuổi trở xuống"] == 2  # Lan turned 30 in 2016, the newcomer is 22
    assert tables["do-tuoi"]["Từ 31 đến 40 tuổi"] == 1  # the member moved in, born 1980
    assert tables["do-tuoi"]["Trên 70 tuổi"] == 1
    assert tables["du-bi-chinh-thuc"] == {"Đảng viên dự bị": 1, "Đảng viên chính thức": 3}
    assert tables["ly-luan"]["Trung cấp"] == 1 and tables["ly-luan"]["Chưa ghi"] == 3
    assert _rows(composition(tree.c, DAY)[-1])["Miễn sinh hoạt"] == 1


def test_the_tree_as_it_stood_on_the_day(tree, people):
    # On 31/3/2016 the mover was still in ward B.
    assert _rows(composition(tree.b, D(2016, 3, 31))[0]) == {"Nam": 3, "Nữ": 0}
    assert _rows(composition(tree.b, DAY)[0]) == {"Nam": 0, "Nữ": 0}


def test_flows_split_the_increase_and_decrease_by_cause_and_balance(tree, people):
    for org in (tree.hm, tree.a, tree.b):
        increase, decrease, balance = flows(org, YEAR)
        assert increase.total == catalogue.compute("members.increase", org, YEAR) == increase.check[1]
        assert decrease.total == catalogue.compute("members.decrease", org, YEAR) == decrease.check[1]
        start, up, down, end = (row[1] for row in balance.rows)
        assert start + up - down == end
    up_a, _, _ = flows(tree.a, YEAR)
    assert _rows(up_a)["Kết nạp"] == 1 and _rows(up_a)["Chuyển sinh hoạt đến"] == 1
    _, down_b, _ = flows(tree.b, YEAR)
    assert _rows(down_b)["Chuyển sinh hoạt đi"] == 2 and _rows(down_b)["Từ trần"] == 1
    # Within the district the move from B to A is neither an increase nor a decrease.
    up_hm, down_hm, _ = flows(tree.hm, YEAR)
    assert _rows(up_hm)["Chuyển sinh hoạt đến"] == 0 and _rows(down_hm)["Chuyển sinh hoạt đi"] == 1


def test_badges_by_milestone(tree, people):
    assert _rows(badges(tree.hm, YEAR)) == {"Huy hiệu 50 năm tuổi Đảng": 1}
    assert badges(tree.b, YEAR).rows == []


def test_review_tables_add_up_to_the_review_indicators(tree, people):
    members, orgs = review_classes(tree.hm, 2016)
    assert members.total == catalogue.compute("review.members.rated", tree.hm, YEAR) == 0
    assert "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ" in _rows(members)
    assert "Trong sạch, vững mạnh" in _rows(orgs)


@pytest.fixture
def grown(tree, actor, register):
    """Many more units and members under ward B, to compare the query counts."""
    from dangvu.organizations.models import Kind, Level
    from dangvu.organizations.services import org_found

    for i in range(6):
        cell = org_found(actor=actor, code=f"B{i + 2}", name=f"Chi bộ số {i + 2}", kind=Kind.WARD, level=Level.CELL,
                         parent=tree.b, founded_on=D(2005, 1, 1))  # fmt: skip
        for _ in range(3):
            register(cell, joined_on=D(2006, 1, 1))
    return tree


def _queries(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        all_tables(org, DAY, 2016)
    return len(ctx.captured_queries)


def test_the_statistics_take_a_fixed_number_of_queries(tree, people, grown):
    small = _queries(tree.c)
    large = _queries(tree.hm)
    assert small == large
    # 40, and one lineage check per table evaluated (organizations/lineage.received).
    assert large <= 46


def test_the_page_and_xlsx_are_scoped(client, tree, people, make_user):
    client.force_login(make_user("grassroots", tree.a))
    page = client.get(f"/chi-so/thong-ke/{tree.a.pk}/?ngay=31/12/2016&year=2016")
    text = page.content.decode()
    assert page.status_code == 200 and "Giới tính" in text and "Tày" in text and "Chuyển sinh hoạt đến" in text
    assert client.get(f"/chi-so/thong-ke/{tree.b.pk}/").status_code == 404
    assert client.get(f"/chi-so/thong-ke/{tree.b.pk}/xlsx/").status_code == 404
    response = client.get(f"/chi-so/thong-ke/{tree.a.pk}/xlsx/?ngay=31/12/2016&year=2016")
    book = load_workbook(BytesIO(response.content))
    assert "gioi-tinh" in book.sheetnames and "tang" in book.sheetnames
    sheet = book["gioi-tinh"]
    assert [c.value for c in sheet[3]] == ["Giới tính", "Số đảng viên"]
    assert [sheet["A4"].value, sheet["B4"].value] == ["Nam", 3]


def test_a_bad_date_is_said_not_hidden(client, tree, people, make_user):
    client.force_login(make_user("org_board", tree.hm))
    text = client.get(f"/chi-so/thong-ke/{tree.hm.pk}/?ngay=31-13-2016").content.decode()
    assert "không đúng dạng ngày/tháng/năm" in text
