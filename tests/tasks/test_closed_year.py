"""Tasks, results and evaluations (QĐ 366) of a closed year (core.closing): the issued report read
its tasks due and on time and its evaluations, so none of them is assigned, recorded or changed
until the organization board reopens the year."""

import datetime as dt

from dangvu.reports.services import year_close, year_reopen
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.models import Evaluation, Task, TaskResult
from dangvu.tasks.services import evaluation_record, task_assign, task_result_record

from ..conftest import closed_year_refused

D = dt.date
YEAR = 2025


def _refused(call, field):
    return closed_year_refused(call, field, YEAR)


def test_a_closed_years_tasks_and_evaluations_are_refused_until_the_year_is_reopened(tree, actor, register):
    member = register(tree.a1, full_name="Lê Thị Hoa")
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=YEAR)

    def assign(quarter=4, deadline=D(YEAR, 12, 20), org=tree.a1):
        return task_assign(
            actor=actor, org=org, member=member if org == tree.a1 else None, year=deadline.year, quarter=quarter,
            title="Vận động hộ", measure="hộ", target=10, deadline=deadline,
        )  # fmt: skip

    def evaluate(quarter):
        return evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=quarter, stage="self")

    task = assign()
    year_close(actor=actor, org=tree.hm, year=YEAR)

    message = _refused(assign, "deadline")
    assert "20/12/2025" in message and tree.a1.name in message
    # a result recorded in the next year still counts in the year of the deadline
    _refused(lambda: task_result_record(actor=actor, task=task, done_on=D(YEAR + 1, 1, 5), quantity=10), "done_on")
    _refused(lambda: evaluate(2), "quarter")
    _refused(lambda: evaluate(0), "quarter")  # the year's
    assert Task.objects.count() == 1 and not TaskResult.objects.exists() and not Evaluation.objects.exists()
    # the next year is open, and so is the province's own task of the closed year
    assign(quarter=1, deadline=D(YEAR + 1, 3, 20))
    task_assign(
        actor=actor, org=tree.hn, year=YEAR, quarter=4, title="Tổng kết", measure="báo cáo", target=1,
        deadline=D(YEAR, 12, 20),
    )  # fmt: skip

    year_reopen(actor=actor, org=tree.hm, year=YEAR, reason="Bổ sung kết quả nhiệm vụ quý IV nhận muộn")
    assign()
    assert task_result_record(actor=actor, task=task, done_on=D(YEAR, 12, 15), quantity=10).quantity == 10
    assert evaluate(2).quarter == 2
