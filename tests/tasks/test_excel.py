"""The Excel imports of tasks, results and scores: each row through the same service as the page,
the service's refusal naming the row and the column, nothing stored from a failing file."""

import datetime as dt

import pytest

from dangvu.accounts.scope import Scope
from dangvu.core.excel.reading import read_rows
from dangvu.imports import engine
from dangvu.imports.importers import IMPORTERS, ImportContext
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.models import Evaluation, Task, TaskResult
from dangvu.tasks.services import task_assign
from tests.imports.helpers import headers, row, xlsx


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _run(actor, org, kind, *rows, **kw):
    importer = IMPORTERS[kind]
    sheet = read_rows(xlsx([headers(kind), *rows]), "x.xlsx")
    mapping = engine.propose_mapping(sheet[0], importer)
    ctx = ImportContext(actor=actor, scope=Scope.of(actor), org=org)
    return engine.run(importer, sheet, mapping, ctx, header_index=0, **kw)


@pytest.fixture
def member(tree, register):
    return register(tree.a1, full_name="Đỗ Thị Mai", party_card_no="01000777")


def test_tasks_then_results_then_scores(tree, actor, member):
    review_cycle_open(actor=actor, committee=tree.hm, year=2026)
    good = row("tasks", member="01000777", year=2026, quarter=1, title="Thu đảng phí", measure="lượt",
               target="12", deadline="20/03/2026")  # fmt: skip
    late_year = row("tasks", member="01000777", year=2026, quarter=1, title="Việc khác", measure="việc",
                    target="1", deadline="05/01/2027")  # fmt: skip
    result = _run(actor, tree.a1, "tasks", good, late_year, store=True)
    assert result.bad[0].errors[0].startswith("Dòng 3, cột Thời hạn:")
    assert not Task.objects.exists()  # one bad row: nothing stored
    _run(actor, tree.a1, "tasks", good, store=True)
    task = Task.objects.get()
    assert (task.member, task.org, task.target) == (member, tree.a1, 12)

    _run(actor, tree.a1, "task_results", row("task_results", task=task.pk, done_on="18/03/2026", quantity="12,5",
                                             product="Sổ thu"), store=True)  # fmt: skip
    assert TaskResult.objects.get().quantity == 12.5  # beyond the 12 asked, on time

    _run(actor, tree.a, "evaluation_scores", row("evaluation_scores", member="01000777", year=2026, quarter=1,
                                                 stage="Ý kiến của chi bộ, cấp ủy", points="26",
                                                 cls="Hoàn thành tốt nhiệm vụ"), store=True)  # fmt: skip
    evaluation = Evaluation.objects.get(member=member, quarter=1)
    assert evaluation.points == 96 and evaluation.opinion_class == "good" and evaluation.proposed_class == "excellent"


def test_a_result_for_a_task_of_another_unit_is_refused(tree, actor, member, register):
    other = register(tree.b1)

    task = task_assign(actor=actor, org=tree.b1, member=other, year=2026, quarter=1, title="Việc", measure="việc",
                       target=1, deadline=dt.date(2026, 3, 1))  # fmt: skip
    result = _run(actor, tree.a, "task_results", row("task_results", task=task.pk, done_on="01/03/2026", quantity=1))
    assert "Không có nhiệm vụ mã" in result.bad[0].errors[0]
