"""Each record kind imports through its own service: a good row is stored, and the service's own
refusal comes back naming the row and the column."""

import pytest

from dangvu.awards.models import Award
from dangvu.cadres.models import CadreAction
from dangvu.core.excel.reading import read_rows
from dangvu.elections.models import Election, ElectionArea
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS
from dangvu.inspection.models import Discipline, Inspection
from dangvu.training.models import TrainingClass

from .helpers import headers, row, xlsx


def _run(ctx, kind, *rows, **kw):
    importer = IMPORTERS[kind]
    sheet = read_rows(xlsx([headers(kind), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


def test_cadre_actions_resolve_units_by_code_or_keep_the_typed_name(ctx, tree, register):
    register(tree.a1, full_name="Nguyễn Văn An", party_card_no="01000001")
    good = row("cadres", member="01000001", kind="Điều động", from_text="A1", to_text="UBND phường Định Công",
               decision_no="1-QĐ/QU", decision_date="01/03/2016")  # fmt: skip
    bad = row("cadres", full_name="Trần Văn Bình", kind="Bổ nhiệm", decision_no="2-QĐ/QU", decision_date="01/03/2016")
    result = _run(ctx(tree.hm), "cadres", good, bad, store=True, only_valid=True, expected=[2])
    action = CadreAction.objects.get()
    assert (action.full_name, action.from_org, action.to_unit, action.decided_by) == (
        "Nguyễn Văn An", tree.a1, "UBND phường Định Công", tree.hm
    )  # fmt: skip
    assert result.bad[0].errors[0].startswith("Dòng 3, cột Chức vụ: Hãy nhập chức vụ của quyết định bổ nhiệm")


def test_training_classes(ctx, tree):
    good = row("training", title="Lớp nghiệp vụ 2016", kind="nghiep vu cong tac dang", start_date="06/06/2016",
               end_date="10/06/2016", unnamed_count="1.200")  # fmt: skip
    bad = row("training", title="Lớp 2", kind="Khác", start_date="10/06/2016", end_date="06/06/2016")
    result = _run(ctx(tree.hm), "training", good, bad)
    assert result.bad[0].errors[0].startswith("Dòng 3, cột Ngày bế giảng: Ngày bế giảng 06/06/2016 trước ngày")
    _run(ctx(tree.hm), "training", good, store=True)
    assert TrainingClass.objects.get().unnamed_count == 1200


def test_awards(ctx, tree):
    good = row("awards", recipient_kind="Tập thể", recipient_org="A", title="Trong sạch vững mạnh",
               program="Kết quả đánh giá, xếp loại", decision_no="5-QĐ/QU", decision_date="30/12/2016")  # fmt: skip
    bad = row("awards", recipient_kind="Cá nhân", recipient_name="Lê Văn Cường", title="Trong sạch vững mạnh",
              program="Khác", decision_no="6-QĐ/QU", decision_date="30/12/2016")  # fmt: skip
    result = _run(ctx(tree.hm), "awards", good, bad, store=True, only_valid=True, expected=[2])
    assert Award.objects.get().recipient_org == tree.a
    assert result.bad[0].errors[0].startswith("Dòng 3, cột Tổ chức đảng được khen: Danh hiệu “Trong sạch vững mạnh”")


def test_inspections_and_disciplines(ctx, tree, register):
    register(tree.a1, full_name="Nguyễn Văn An", party_card_no="01000001")
    inspection = row("inspections", kind="Giám sát", subject_org="A", start_date="01/08/2016",
                     content="Chấp hành Điều lệ", violations_found="Không")  # fmt: skip
    _run(ctx(tree.hm), "inspections", inspection, store=True)
    assert Inspection.objects.get().subject_org == tree.a
    result = _run(ctx(tree.hm), "disciplines", row("disciplines", subject_member="01000001", form="Khiển trách",
                  decision_no="3-QĐ/UBKT", decision_date="01/09/2016", violation_date="01/10/2016"))  # fmt: skip
    assert result.bad[0].errors[0].startswith("Dòng 2, cột Ngày xảy ra vi phạm: Ngày vi phạm 01/10/2016 sau ngày")
    assert not Discipline.objects.exists()


def test_election_results_create_the_election_once(ctx, tree):
    rows = [row("elections", election_name="Bầu cử 2016", election_date="22/05/2016", name=name, org=org,
                registered=reg, voted=voted)
            for name, org, reg, voted in (("Phường Định Công", "A", 100, 99), ("Phường Đại Kim", "B", "10.600", 10590),
                                          ("Trường Tân Mai", "C", 50, 51))]  # fmt: skip
    result = _run(ctx(tree.hm), "elections", *rows, store=True, only_valid=True, expected=[2, 3])
    assert Election.objects.count() == 1 and ElectionArea.objects.count() == 2
    assert result.bad[0].errors[0].startswith("Dòng 4, cột Số cử tri đã đi bầu:")


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_every_kind_has_a_template_whose_required_columns_have_examples(kind):
    for col in IMPORTERS[kind].columns:
        assert not col.required or col.example not in ("", None), (kind, col.header)
