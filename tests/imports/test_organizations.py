"""The tree from Excel (issue 16, item 3): a whole tree imports in one step, rows in any order;
a cycle, an unknown superior, a level out of place on its date and a duplicate code are each
refused naming the row and the column, and nothing is stored. The tree exports to the same
template and imports again."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dangvu.core.excel.reading import read_rows
from dangvu.core.models import ExportLog
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.organizations.models import Level, Organization, OrgPeriod

from .helpers import headers, row, xlsx

KIND = "organizations"


def _run(ctx, *rows, **kw):
    importer = IMPORTERS[KIND]
    sheet = read_rows(xlsx([headers(KIND), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def unit(code, parent="", level="Chi bộ trực thuộc", founded="01/01/2010", kind="Xã, phường, thị trấn", **kw):
    return row(KIND, code=code, name=kw.pop("name", f"Chi bộ {code}"), level=level, kind=kind, parent_code=parent,
               founded_on=founded, **kw)  # fmt: skip


def _codes():
    return set(Organization.objects.values_list("code", flat=True))


def test_a_tree_in_any_order_is_founded_superiors_first(ctx, tree):
    rows = [
        unit("X1", parent="X", decision="7-QĐ/ĐU"),
        unit("X2", parent="X"),
        unit("X", level="Đảng bộ cơ sở", name="Đảng bộ phường X", short_name="X"),
        unit("Y", level="chi bo co so", kind="Doanh nghiệp ngoài khu vực Nhà nước"),
        unit("A3", parent="A"),  # under a unit already in the tree
    ]
    before = _codes()
    preview = _run(ctx(tree.hm), *rows)
    assert preview.messages() == [] and _codes() == before  # the dry run stores nothing
    result = _run(ctx(tree.hm), *rows, store=True)
    assert result.messages() == [] and result.stored == 5
    x, x1 = Organization.objects.get(code="X"), Organization.objects.get(code="X1")
    assert (x.parent, x.level, x.short_name) == (tree.hm, Level.GRASSROOTS_COMMITTEE, "X")
    assert (x1.parent, x1.path.startswith(x.path), x1.founding_decision) == (x, True, "7-QĐ/ĐU")
    assert Organization.objects.get(code="Y").kind == "non_state_enterprise"
    assert Organization.objects.get(code="A3").parent == tree.a
    assert OrgPeriod.objects.get(org=x1).parent == x  # founded as the form founds: with its period


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [unit("X", level="Đảng bộ cơ sở"), unit("P", parent="Q"), unit("Q", parent="P")],
            ["Dòng 3, cột Mã cấp trên: Các cấp trên tạo thành vòng lặp: P (dòng 3) → Q (dòng 4) → P (dòng 3)",
             "Dòng 4, cột Mã cấp trên: Các cấp trên tạo thành vòng lặp: P (dòng 3) → Q (dòng 4) → P (dòng 3)"],
        ),
        (
            [unit("X1", parent="ZZ")],
            ["Dòng 2, cột Mã cấp trên: Không tìm thấy cấp trên mã ZZ: không có trong tệp, cũng không có trong "
             "Đảng bộ quận Hoàng Mai"],
        ),
        (
            [unit("X1", parent="B1")],  # a cell under a cell
            ["Dòng 2, cột Mã cấp trên: Chính quyền địa phương ba cấp (đến 30/6/2025): không thể đặt chi bộ trực "
             "thuộc đảng ủy cơ sở dưới chi bộ trực thuộc đảng ủy cơ sở."],
        ),
        (
            [unit("W", level="Đảng bộ xã, phường", founded="01/01/2016")],  # no commune level in 2016
            ["Dòng 2, cột Mã cấp trên: Chính quyền địa phương ba cấp (đến 30/6/2025): không thể đặt đảng bộ xã, "
             "phường, đặc khu dưới đảng bộ quận, huyện"],
        ),
        (
            [unit("X", level="Đảng bộ cơ sở"), unit("x", level="Đảng bộ cơ sở")],
            ["Dòng 3, cột Mã tổ chức: Mã X trùng với dòng 2 trong tệp; mỗi tổ chức một mã riêng."],
        ),
        (
            [unit("A1", parent="A")],
            ["Dòng 2, cột Mã tổ chức: Mã A1 đã được dùng cho Chi bộ tổ dân phố số 1; hãy chọn mã khác."],
        ),
        (
            [unit("X", level="tổ đảng")],
            ["Dòng 2, cột Cấp: Không rõ cấp “tổ đảng”; hãy ghi một trong: Chi bộ trực thuộc"],
        ),
        (
            [unit("X", level="Đảng bộ cơ sở", founded="01/01/2010"), unit("X1", parent="X", founded="01/01/2009")],
            ["Dòng 3, cột Mã cấp trên: Chi bộ X không còn hoạt động vào ngày 01/01/2009"],
        ),
        (
            [unit("X", level="tổ đảng"), unit("X1", parent="X")],
            ["Dòng 2, cột Cấp:", "Dòng 3, cột Mã cấp trên: Cấp trên X (dòng 2) có lỗi nên chưa thành lập"],
        ),
    ],
    ids=["cycle", "unknown-parent", "cell-under-cell", "level-out-of-era", "duplicate-in-file", "code-in-database",
         "unknown-level", "founded-before-parent", "parent-row-failed"],
)  # fmt: skip
def test_each_bad_shape_is_refused_naming_row_and_column_and_nothing_is_stored(ctx, tree, rows, expected):
    before = (_codes(), OrgPeriod.objects.count())
    result = _run(ctx(tree.hm), *rows, store=True)
    messages = result.messages()
    for want in expected:
        assert any(m.startswith(want) for m in messages), (want, messages)
    assert result.stored == 0
    assert (_codes(), OrgPeriod.objects.count()) == before


def test_only_valid_stores_the_good_rows_with_their_superiors(ctx, tree):
    rows = [unit("X", level="Đảng bộ cơ sở"), unit("X1", parent="X"), unit("Z", parent="NOWHERE")]
    preview = _run(ctx(tree.hm), *rows)
    assert preview.valid_numbers == [2, 3]
    _run(ctx(tree.hm), *rows, store=True, only_valid=True, expected=preview.valid_numbers)
    assert {"X", "X1"} <= _codes() and "Z" not in _codes()


def test_a_unit_outside_the_importing_unit_is_unknown(ctx, tree):
    """Ward A's import cannot hang a unit under ward B, though B exists."""
    result = _run(ctx(tree.a), unit("X9", parent="B"), store=True)
    assert result.bad[0].errors[0].startswith("Dòng 2, cột Mã cấp trên: Không tìm thấy cấp trên mã B")
    assert "X9" not in _codes()


def test_the_tree_exports_to_the_template_and_imports_again(client, tree, actor, make_user, ctx):
    client.force_login(make_user("org_board", tree.hm))
    response = client.get("/to-chuc/cay/", {"xuat": "xlsx"})
    assert response.status_code == 200
    sheet = read_rows(response.content, "cay.xlsx")
    assert sheet[0][: len(headers(KIND))] == headers(KIND)
    rows = {r[0]: r for r in sheet[1:]}
    assert set(rows) == {"A", "A1", "A2", "B", "B1", "C"}  # the units under HM, not HM itself
    assert rows["A1"][5] == "A" and rows["A"][3] == "Đảng bộ cơ sở"
    assert ExportLog.objects.filter(kind=KIND, row_count=6).exists()
    # The same file, imported under another district with the codes changed, builds the same tree.
    district = [unit("HM2", level="Đảng bộ quận, huyện", kind="Khác", founded="01/01/2004")]
    renamed = [[f"{r[0]}-2", r[1], r[2], r[3], r[4], f"{r[5]}-2" if r[5] != "HM" else "HM2", r[6], r[7]]
               for r in sheet[1:]]  # fmt: skip
    result = _run(ctx(tree.hn), *reversed(renamed), *district, store=True)
    assert result.messages() == []
    assert Organization.objects.get(code="A1-2").parent.code == "A-2"
    assert Organization.objects.get(code="A-2").parent.code == "HM2"


def test_the_tree_page_offers_the_export_and_the_import(client, tree, make_user):
    client.force_login(make_user("org_board", tree.hm))
    page = client.get("/to-chuc/cay/").content.decode()
    assert "?xuat=xlsx" in page and "kind=organizations&amp;unit=HM" in page


def test_the_template_command_writes_every_kind(tmp_path, tree):
    for kind in IMPORTERS:
        out = tmp_path / f"{kind}.xlsx"
        call_command("template", kind, "-o", str(out), "--org", "HM", stdout=io.StringIO())
        sheets = load_workbook(out).worksheets
        assert [c.value for c in sheets[0][1]] == headers(kind), kind
        assert sheets[1].cell(2, 1).value == "Đơn vị nhập: HM — Đảng bộ quận Hoàng Mai"
    assert {"organizations", "events", "targets", "review_orgs", "review_members"} <= set(IMPORTERS)


def _stored(codes):
    """The units and their periods as plain values, ids replaced by codes."""
    code = dict(Organization.objects.values_list("pk", "code"))

    def plain(values):
        out = {k: code.get(v) if k in ("id", "parent_id", "org_id") else v for k, v in values.items()}
        out["path"] = "/".join(code[int(p)] for p in values["path"].strip("/").split("/"))
        return out

    units = [plain(v) for v in Organization.objects.filter(code__in=codes).order_by("code").values()]
    periods = [plain(v) for v in OrgPeriod.objects.filter(org__code__in=codes).order_by("org__code").values()]
    return [{k: v for k, v in p.items() if k != "id"} for p in periods], units


def test_the_bulk_write_stores_what_org_found_stores_with_an_audit_entry_each(ctx, tree, actor):
    from auditlog.models import LogEntry
    from django.db import transaction

    from dangvu.organizations.services import org_found

    rows = [unit("X1", parent="X", decision="7-QĐ/ĐU"), unit("X", level="Đảng bộ cơ sở", short_name="X", kind="Khác")]
    with transaction.atomic():
        x = org_found(actor=actor, code="X", name="Chi bộ X", short_name="X", kind="other",
                      level=Level.GRASSROOTS_COMMITTEE, parent=tree.hm, founded_on=dt.date(2010, 1, 1))  # fmt: skip
        org_found(actor=actor, code="X1", name="Chi bộ X1", kind="ward", level=Level.CELL, parent=x,
                  founded_on=dt.date(2010, 1, 1), decision="7-QĐ/ĐU")  # fmt: skip
        expected = _stored(["X", "X1"])
        transaction.set_rollback(True)
    since = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert _run(ctx(tree.hm), *rows, store=True).messages() == []
    assert _stored(["X", "X1"]) == expected
    entries = LogEntry.objects.filter(pk__gt=since).order_by("pk")
    assert [(e.object_repr, e.action, e.actor) for e in entries] == [("Chi bộ X", 0, actor), ("Chi bộ X1", 0, actor)]
    assert entries[1].changes["code"] == ["None", "X1"]
