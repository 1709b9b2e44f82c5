"""The evaluation's figures for a quarter and a year, and `dangvu indicators --quarter`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dangvu.core.catalogue import Period
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks.services import evaluation_record, task_assign, task_result_record

from ..conftest import D


def run(*args) -> str:
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def quarter_one(tree, actor, register):
    """Ward A, first quarter of 2026: three members with two tasks each (one member late on one),
    evaluated and decided; cell A1 evaluated as a collective."""
    cycle = review_cycle_open(actor=actor, committee=tree.hm, year=2026)
    members = [register(tree.a1) for _ in range(3)]
    for i, m in enumerate(members):
        for k in range(2):
            task = task_assign(actor=actor, org=tree.a1, member=m, year=2026, quarter=1, title=f"Việc {k}",
                               measure="việc", target=1, deadline=D(2026, 3, 20))  # fmt: skip
            late = i == 2 and k == 0
            task_result_record(actor=actor, task=task, done_on=D(2026, 3, 25 if late else 1), quantity=1)
        cls = "not_completed" if i == 2 else "good"  # one of two late: over 20%
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=m, quarter=1, stage="opinion",
                          scores={"politics": 25}, cls=cls)  # fmt: skip
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=m, quarter=1, stage="decision", cls=cls)
    evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=1, stage="decision", cls="good",
                      scores={"politics": 25})  # fmt: skip
    return tree


def test_quarter_figures_from_the_decided_evaluations_and_tasks(quarter_one):
    doc = json.loads(run("--org", "HM", "--year", "2026", "--quarter", "1", "--json"))
    assert doc["period"] == {"start": "2026-01-01", "end": "2026-03-31", "quarter": 1}
    ind = {k: v["value"] for k, v in doc["indicators"].items()}
    assert ind["evaluation.members.evaluated"] == 3
    assert ind["evaluation.members.good_or_better"] == 2
    assert ind["evaluation.members.good_or_better_rate"] == 66.67
    assert (ind["evaluation.members.good"], ind["evaluation.members.not_completed"]) == (2, 1)
    assert ind["evaluation.orgs.evaluated"] == 1 and ind["evaluation.orgs.good_or_better_rate"] == 100.0
    assert (ind["tasks.due"], ind["tasks.on_time"], ind["tasks.on_time_rate"]) == (6, 5, 83.33)
    # The second quarter has none of it, nor has the year (no year's conclusion yet).
    q2 = json.loads(run("--org", "HM", "--year", "2026", "--quarter", "2", "--json"))["indicators"]
    assert q2["evaluation.members.evaluated"]["value"] == 0 and q2["tasks.due"]["value"] == 0
    year = json.loads(run("--org", "HM", "--year", "2026", "--json"))["indicators"]
    assert year["evaluation.members.evaluated"]["value"] == 0
    assert year["tasks.due"]["value"] == 6


def test_a_ward_sees_its_own_and_another_ward_nothing(quarter_one):
    doc = json.loads(run("--org", "B", "--year", "2026", "--quarter", "1", "--json"))
    assert doc["indicators"]["evaluation.members.evaluated"]["value"] == 0
    assert doc["indicators"]["tasks.due"]["value"] == 0


def test_a_wrong_quarter_says_what_to_type(tree):
    with pytest.raises(CommandError, match="Quý 5 không hợp lệ"):
        run("--org", "HM", "--year", "2026", "--quarter", "5")


def test_quarter_periods():
    assert str(Period.quarter(2026, 4)) == "quý 4 năm 2026"
    assert Period.quarter(2026, 4).end == D(2026, 12, 31) and Period.quarter(2026, 2).start == D(2026, 4, 1)
    assert Period.year(2026).quarter_number is None


def test_the_records_pages_list_the_tasks_and_the_evaluations(client, quarter_one, actor, make_user):
    from dangvu.accounts.models import Role

    client.force_login(make_user(Role.ORG_BOARD, quarter_one.hm, "btc-hm"))
    tasks = client.get(f"/chi-so/{quarter_one.hm.pk}/2026/tasks.due/").content.decode()
    assert tasks.count("Việc 0") == 3 and "Chậm tiến độ" in tasks and "Đúng hạn" in tasks
    # The year's figure reads the year's conclusions: none yet, so its page lists none.
    evaluations = client.get(f"/chi-so/{quarter_one.hm.pk}/2026/evaluation.members.good/").content.decode()
    assert "Quý 1/2026" not in evaluations
    from dangvu.indicators.records import as_table
    from dangvu.tasks.selectors import decided_evaluations

    header, rows = as_table(decided_evaluations(quarter_one.hm, Period.quarter(2026, 1), members=True))
    assert header[0] == "Kỳ đánh giá" and len(rows) == 3
    assert {r[0].text for r in rows} == {"Quý 1/2026"} and all("/nhiem-vu/dang-vien/" in r[0].url for r in rows)
    assert sorted(r[-1].text for r in rows) == ["Hoàn thành tốt nhiệm vụ"] * 2 + ["Không hoàn thành nhiệm vụ"]
