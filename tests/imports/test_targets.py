"""A plan from Excel (issue 16, item 5): targets for many units and indicators, sub-targets
included, each through target_set; a bad row is refused naming row and column, nothing stored."""

import pytest

from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.targets.models import Target

from .helpers import headers, row, xlsx

KIND = "targets"


def _run(ctx, *rows, **kw):
    importer = IMPORTERS[KIND]
    sheet = read_rows(xlsx([headers(KIND), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def test_a_plan_for_the_district_and_its_units_imports(ctx, tree, client, make_user):
    rows = [
        row(KIND, year=2016, indicator_key="members.admitted", value="180"),
        row(KIND, year=2016, indicator_key="orgs.founded.non_state_enterprise", value=5, note="TP giao"),
        row(KIND, org="A", year=2016, indicator_key="members.admitted", value="1.200", assigned_by="HM"),
        row(KIND, org="B", year=2016, indicator_key="kết nạp đảng viên mới", value="12,5", assigned_by="HM"),
    ]
    assert _run(ctx(tree.hm), *rows).messages() == [] and not Target.objects.exists()
    result = _run(ctx(tree.hm), *rows, store=True)
    assert result.messages() == [] and result.stored == 4
    got = {(t.org.code, t.indicator_key): (t.value, t.assigned_by.code) for t in Target.objects.all()}
    assert got[("HM", "members.admitted")] == (180, "HM")
    assert got[("HM", "orgs.founded.non_state_enterprise")] == (5, "HM")
    assert got[("A", "members.admitted")] == (1200, "HM")
    assert float(got[("B", "members.admitted")][0]) == 12.5
    client.force_login(make_user("org_board", tree.hm))
    page = client.get(f"/chi-tieu/{tree.hm.pk}/2016/").content.decode()
    assert "kind=targets&amp;unit=HM" in page


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (row(KIND, year=2016, indicator_key="members.nonsense", value=3),
         "Dòng 3, cột Chỉ số: Không có chỉ số “members.nonsense” trong danh mục"),
        (row(KIND, year=2016, indicator_key="members.admitted", value="nhiều"),
         "Dòng 3, cột Giá trị: Chỉ tiêu “nhiều” không phải là một số"),
        (row(KIND, org="A", year=2016, indicator_key="members.admitted", value=3, assigned_by="B"),
         "Dòng 3, cột Cấp giao: Đảng bộ phường Đại Kim không phải cấp trên của Đảng bộ phường Định Công"),
        (row(KIND, org="ZZ", year=2016, indicator_key="members.admitted", value=3),
         "Dòng 3, cột Đơn vị: không tìm thấy tổ chức “ZZ”"),
        (row(KIND, year="năm nay", indicator_key="members.admitted", value=3), "Dòng 3, cột Năm:"),
    ],
    ids=["unknown-indicator", "not-a-number", "assigner-not-above", "unknown-unit", "bad-year"],
)  # fmt: skip
def test_each_bad_row_is_refused_naming_row_and_column(ctx, tree, bad, expected):
    good = row(KIND, year=2016, indicator_key="members.admitted", value=180)
    result = _run(ctx(tree.hm), good, bad, store=True)
    assert result.bad[0].errors[0].startswith(expected), result.messages()
    assert not Target.objects.exists()
