"""Every workbook Dangvu writes, opened: no cell is a formula, though the records hold text a
hostile clerk typed to become one ("=HYPERLINK(…)", "=cmd|' /C calc'!A0 …", "+", "-", "@"). Each
download is also logged (ExportLog). The walk covers every declared export and import kind (a new
one fails `test_the_walk_covers_every_declared_kind` until it is added here), the failed rows,
the review template, the statistics, the year report's annex, the dues sheet, the reorganization
plan and a user's history."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from dangvu.awards.services import award_create
from dangvu.cadres.services import cadre_action_create
from dangvu.core.excel.declare import IMPORTERS
from dangvu.core.excel.exports import EXPORTS
from dangvu.core.models import ExportLog
from dangvu.elections.services import election_area_record, election_create
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found
from dangvu.reviews.services import review_cycle_open
from dangvu.training.services import training_class_create

from ..conftest import FOUNDED, D

LINK = '=HYPERLINK("http://x.example","bấm vào")'
CMD = "=cmd|' /C calc'!A0 An"
OTHERS = ("+Phạm Thị Hoa", "-Trần Văn Bình", "@Lê Văn Hùng")

LIST_PAGES = {  # export kind -> its list page
    "members": "/dang-vien/", "cadres": "/can-bo/", "training": "/boi-duong/", "awards": "/khen-thuong/",
    "inspections": "/kiem-tra/", "disciplines": "/kiem-tra/ky-luat/", "elections": "/bau-cu/",
    "organizations": "/to-chuc/cay/",
}  # fmt: skip


def formulas(data: bytes) -> list[str]:
    """Every formula in the workbook, as openpyxl reads it and in the raw sheet XML."""
    found = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        found += [f"{ws.title}!{c.coordinate}" for row in ws.iter_rows() for c in row if c.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[ >]", z.read(name)):
                found.append(name)
    return found


def texts(data: bytes) -> set[str]:
    return {
        c.value
        for ws in load_workbook(io.BytesIO(data)).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


@pytest.fixture
def seeded(tree, actor, register):
    """Records of every kind carrying formula-like text where a clerk types freely."""
    evil_unit = org_found(actor=actor, code="HM-X", name=CMD, kind=Kind.WARD, level=Level.GRASSROOTS_CELL,
                          parent=tree.hm, founded_on=FOUNDED)  # fmt: skip
    register(tree.a1, full_name=LINK)
    register(evil_unit, full_name=CMD)
    for i, text in enumerate(OTHERS):
        register(tree.a1, full_name=text, citizen_id=f"00108500010{i}", party_card_no=f"0100010{i}")
    cadre_action_create(actor=actor, full_name=CMD, kind="transfer", decided_by=tree.hm, note=LINK,
                        decision_no="1-QĐ/QU", decision_date=D(2016, 3, 1))  # fmt: skip
    training_class_create(actor=actor, title=LINK, organizer=tree.hm, kind="other", start_date=D(2016, 3, 1))
    award_create(actor=actor, recipient_kind="person", recipient_name=CMD, title="certificate", program="ct03",
                 awarded_by=tree.hm, decision_no="2-QĐ/QU", decision_date=D(2016, 5, 1))  # fmt: skip
    inspection_record(actor=actor, kind="inspection", conducted_by=tree.hm, start_date=D(2016, 6, 1),
                      content=LINK, subject_org=tree.a)  # fmt: skip
    discipline_record(actor=actor, form="reprimand", decided_by=tree.hm, decision_no="3-QĐ/QU",
                      decision_date=D(2016, 7, 1), violation_date=D(2016, 6, 1), subject_org=tree.a,
                      reason=CMD)  # fmt: skip
    election = election_create(actor=actor, name=CMD, date=D(2016, 5, 22), organizer=tree.hm)
    election_area_record(actor=actor, election=election, name=LINK, org=tree.a, registered=100, voted=99)
    return {"cycle": review_cycle_open(actor=actor, committee=tree.hm, year=2016), "unit": evil_unit}


def _failed_rows_file() -> bytes:
    from dangvu.core.excel.declare import IMPORTERS as kinds

    wb = Workbook()
    wb.active.append([c.header for c in kinds["members"].columns])
    # openpyxl would write "=…" as a formula: the cell is set as a string on purpose.
    wb.active.append([None] * len(kinds["members"].columns))
    wb.active["A2"].value, wb.active["A2"].data_type = CMD, "s"
    wb.active["B2"].value = "31/02/1990"  # a bad date, so the row fails
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def downloads(client, tree, seeded, settings, tmp_path):
    """(what, response, the user text expected in it) for every workbook the app writes."""
    settings.DATA_DIR = tmp_path
    out = []
    for kind, page in LIST_PAGES.items():
        out.append((f"export {kind}", client.get(page, {"xuat": "xlsx"}), True))
    for key in IMPORTERS:
        response = client.post("/nhap-du-lieu/", {"kind": key, "unit": seeded["unit"].code, "action": "template"})
        out.append((f"template {key}", response, False))
    upload = client.post("/nhap-du-lieu/", {"kind": "members", "unit": tree.a1.code, "action": "upload",
                                            "file": SimpleUploadedFile("ds.xlsx", _failed_rows_file())})  # fmt: skip
    token = upload["Location"].strip("/").split("/")[-1]
    out.append(("failed rows", client.get(f"/nhap-du-lieu/{token}/dong-loi/"), True))
    cycle = seeded["cycle"]
    out.append(("review template", client.get(f"/danh-gia/{cycle.pk}/to-chuc/{tree.a.pk}/mau-excel/"), True))
    out.append(("statistics", client.get(f"/chi-so/thong-ke/{tree.hm.pk}/xlsx/?ngay=31/12/2016&year=2016"), False))
    out.append(("report", client.get(f"/bao-cao/{tree.hm.pk}/2016/tai-ve/xlsx/"), True))
    out.append(("dues sheet", client.get(f"/dang-phi/chi-bo/{tree.a1.pk}/?thang=03/2016&xuat=xlsx"), True))
    plan = client.get(f"/to-chuc/{tree.hm.pk}/sap-xep/mau.xlsx?ket_thuc=A1&ngay=01/07/2025")
    out.append(("reorganization plan", plan, True))
    history = client.get(f"/tai-khoan/{client.user.pk}/lich-su/", {"xuat": "xlsx"})
    out.append(("user history", history, True))
    return out


@pytest.fixture
def board(client, tree, make_user, actor):
    client.force_login(actor)  # the superuser: every page, citizen IDs included
    client.user = actor
    return client


def test_no_workbook_the_app_writes_holds_a_formula_from_user_text(board, tree, seeded, settings, tmp_path):
    before = ExportLog.objects.count()
    walked = downloads(board, tree, seeded, settings, tmp_path)
    for what, response, carries_user_text in walked:
        assert response.status_code == 200, what
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), what
        assert "attachment" in response["Content-Disposition"], what
        assert formulas(response.content) == [], what
        if carries_user_text:  # the hostile text is in the file, as text
            assert {LINK, CMD} & texts(response.content), what
    # Every one of those downloads left its ExportLog entry.
    assert ExportLog.objects.count() - before == len(walked)


def test_the_walk_covers_every_declared_kind():
    assert set(EXPORTS) <= set(LIST_PAGES), "a new list export: add its page to LIST_PAGES"
    assert IMPORTERS, "the importers are discovered from the areas' excel modules"


def test_only_core_excel_reads_or_writes_workbooks():
    # One gate and one writer: no other module opens calamine, openpyxl or XlsxWriter itself.
    from pathlib import Path

    import dangvu

    src = Path(dangvu.__file__).parent
    libraries = re.compile(r"^\s*(from|import)\s+(python_calamine|openpyxl|xlsxwriter)\b", re.M)
    outside = [
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if path.parent != src / "core" / "excel" and libraries.search(path.read_text(encoding="utf-8"))
    ]
    assert outside == []
