"""Issue 16's check: from an empty database, through `dangvu setup` and the imports only (the
command line, as an office would script it), to a year report whose figures equal what the
workbooks imply — a small tree, a few hundred members, a year of admissions and events, a plan and
the review of organizations and members."""

import json

import pytest
from django.core.management import call_command

from dangvu.core.excel.writing import Book
from dangvu.imports import synthetic
from dangvu.imports.importers import IMPORTERS
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

MEMBERS, ADMISSIONS = 300, 20
CELLS = ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "C", "E"]
TREE = [  # children before their superiors, as a clerk's list may come
    ("A1", "Chi bộ tổ dân phố số 1", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "A", "01/01/2004"),
    ("B3", "Chi bộ tổ dân phố số 3", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "B", "01/01/2004"),
    ("A2", "Chi bộ tổ dân phố số 2", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "A", "01/01/2004"),
    ("A", "Đảng bộ phường Định Công", "Định Công", "Đảng bộ cơ sở", "Xã, phường, thị trấn", "", "01/01/2004"),
    ("A3", "Chi bộ tổ dân phố số 3", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "A", "01/01/2004"),
    ("A4", "Chi bộ tổ dân phố số 4", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "A", "01/01/2004"),
    ("B1", "Chi bộ tổ dân phố số 1", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "B", "01/01/2004"),
    ("B2", "Chi bộ tổ dân phố số 2", "", "Chi bộ trực thuộc", "Xã, phường, thị trấn", "B", "01/01/2004"),
    ("B", "Đảng bộ phường Đại Kim", "Đại Kim", "Đảng bộ cơ sở", "Xã, phường, thị trấn", "HM", "01/01/2004"),
    ("C", "Chi bộ Trường THCS Tân Mai", "", "Chi bộ cơ sở", "Trường học", "", "01/01/2004"),
    ("E", "Chi bộ Công ty TNHH An Phát", "", "Chi bộ cơ sở", "Doanh nghiệp ngoài khu vực Nhà nước", "", "01/03/2010"),
    ("D", "Chi bộ Công ty CP Minh Long", "", "Chi bộ cơ sở", "Doanh nghiệp ngoài khu vực Nhà nước", "", "15/06/2016"),
]  # fmt: skip
OUT_EVENTS = {"Từ trần", "Chuyển đi", "Xóa tên", "Khai trừ"}


def _card(i: int) -> str:
    return f"{1_000_000 + i:09d}"  # synthetic.member_rows' card numbers


EVENTS = [  # (card, event, date, place, decision)
    (_card(0), "Từ trần", "03/02/2016", "", ""),
    (_card(1), "Từ trần", "19/05/2016", "", ""),
    (_card(2), "Chuyển đi", "01/04/2016", "Đảng bộ huyện Thanh Trì", "12-QĐ/QU"),
    (_card(3), "Chuyển đi", "01/08/2016", "Đảng bộ quận Long Biên", "13-QĐ/QU"),
    (_card(4), "Chuyển đi", "01/09/2016", "B2", "14-QĐ/QU"),  # within the tree: no decrease
    (_card(5), "Xóa tên", "10/10/2016", "", "15-QĐ/QU"),
    (_card(6), "Khai trừ", "11/11/2016", "", "16-QĐ/QU"),
    (_card(7), "Miễn sinh hoạt", "01/03/2016", "", ""),
]  # fmt: skip
ORG_REVIEW = {"A": "Trong sạch, vững mạnh", "B": "Hoàn thành tốt nhiệm vụ", "C": "Hoàn thành tốt nhiệm vụ",
              "D": "Hoàn thành nhiệm vụ", "E": "Hoàn thành tốt nhiệm vụ"}  # fmt: skip
TOP, GOOD = "Đủ tư cách, hoàn thành xuất sắc nhiệm vụ", "Đủ tư cách, hoàn thành tốt nhiệm vụ"
# The members of ward A's four cells (synthetic.member_rows puts member i in CELLS[i % 9]), those
# with an event excepted: every tenth excellent, the others good.
MEMBER_REVIEW = [(_card(i), TOP if i % 10 == 0 else GOOD) for i in range(len(EVENTS), MEMBERS) if i % 9 < 4]
PLAN = [("", 2016, "members.admitted", 16), ("", 2016, "orgs.founded.non_state_enterprise", 1)]


def _workbook(kind: str, rows: list[list]) -> bytes:
    book = Book()
    ws = book.sheet("Dữ liệu", [c.header for c in IMPORTERS[kind].columns])
    for r, row in enumerate(rows, start=1):
        book.row(ws, r, row)
    return book.bytes()


def _by_field(_kind: str, /, **values) -> list:
    return [values.get(c.field, "") for c in IMPORTERS[_kind].columns]


def _import(tmp_path, kind: str, data: bytes):
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(data)
    call_command("import", kind, str(path), "--org", "HM", "--user", "vanphong")


@pytest.mark.django_db(transaction=True)
def test_setup_and_the_imports_alone_reach_the_year_report(tmp_path, capsys):
    assert not Organization.objects.exists()
    call_command("setup", "--code", "HM", "--name", "Đảng bộ quận Hoàng Mai", "--founded-on", "01/01/2004",
                 "--level", "district", "--admin", "vanphong", "--no-input")  # fmt: skip
    tree = [_by_field("organizations", code=c, name=n, short_name=s, level=lv, kind=k, parent_code=p, founded_on=f)
            for c, n, s, lv, k, p, f in TREE]  # fmt: skip
    _import(tmp_path, "organizations", _workbook("organizations", tree))
    _import(tmp_path, "members", synthetic.workbook(synthetic.member_rows(MEMBERS, cells=CELLS)))
    _import(tmp_path, "admissions", synthetic.workbook(synthetic.admission_rows(ADMISSIONS, cells=CELLS)))
    events = [_by_field("events", member=card, kind=kind, date=day, other=place, decision_no=decision)
              for card, kind, day, place, decision in EVENTS]  # fmt: skip
    _import(tmp_path, "events", _workbook("events", events))
    plan = [_by_field("targets", org=o, year=y, indicator_key=k, value=v) for o, y, k, v in PLAN]
    _import(tmp_path, "targets", _workbook("targets", plan))
    orgs = [_by_field("review_orgs", org=code, year=2016, cls=cls) for code, cls in ORG_REVIEW.items()]
    _import(tmp_path, "review_orgs", _workbook("review_orgs", orgs))
    members = [_by_field("review_members", member=card, year=2016, cls=cls) for card, cls in MEMBER_REVIEW]
    _import(tmp_path, "review_members", _workbook("review_members", members))
    assert Member.objects.count() == MEMBERS + ADMISSIONS

    out = tmp_path / "report.json"
    call_command("report", "--org", "HM", "--year", "2016", "--format", "json", "-o", str(out))
    figures = json.loads(out.read_text())["indicators"]

    def value(key):
        return figures[key]["value"]

    grassroots = [t for t in TREE if t[3] in ("Đảng bộ cơ sở", "Chi bộ cơ sở")]
    decreases = [e for e in EVENTS if e[1] in OUT_EVENTS and e[3] not in CELLS + ["A", "B", "D"]]
    assert value("orgs.grassroots") == len(grassroots)
    founded = [t for t in TREE if t[4] == "Doanh nghiệp ngoài khu vực Nhà nước" and t[6].endswith("2016")]
    assert value("orgs.founded.non_state_enterprise") == len(founded)
    assert figures["orgs.founded.non_state_enterprise"]["target"] == PLAN[1][3]
    assert value("members.admitted") == ADMISSIONS
    assert figures["members.admitted"]["target"] == PLAN[0][3]
    assert figures["members.admitted"]["percent_of_plan"] == ADMISSIONS * 100 // PLAN[0][3]
    assert value("members.decrease") == len(decreases)
    assert value("members.increase") == ADMISSIONS
    assert value("members.total") == MEMBERS + ADMISSIONS - len(decreases)
    assert value("review.orgs.rated") == len(ORG_REVIEW)
    assert value("review.orgs.top") == sum(cls == "Trong sạch, vững mạnh" for cls in ORG_REVIEW.values())
    assert value("review.members.rated") == len(MEMBER_REVIEW)
    assert value("review.members.good_or_better") == len(MEMBER_REVIEW)
