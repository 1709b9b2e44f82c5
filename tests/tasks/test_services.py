"""Tasks and products, the framework and the quarterly and yearly evaluations (QĐ 366)."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangvu.reviews.models import MemberResult, Override
from dangvu.reviews.services import review_cycle_open
from dangvu.tasks import rules
from dangvu.tasks.models import Evaluation, TaskResult
from dangvu.tasks.services import evaluation_record, framework_set, task_assign, task_result_record

D = dt.date


@pytest.fixture
def cycle(tree, actor):
    return review_cycle_open(actor=actor, committee=tree.hm, year=2026)


@pytest.fixture
def member(tree, register):
    return register(tree.a1, full_name="Lê Thị Hoa")


def _task(actor, tree, member, quarter=1, target=10, deadline=D(2026, 3, 20), weight=1, title="Vận động hộ"):
    return task_assign(
        actor=actor, org=tree.a1, member=member, year=2026, quarter=quarter, title=title, measure="hộ",
        target=target, deadline=deadline, weight=weight,
    )  # fmt: skip


def _done(actor, task, day, quantity):
    return task_result_record(actor=actor, task=task, done_on=day, quantity=quantity, product="Danh sách hộ")


def test_on_time_late_and_beyond_are_derived_from_the_day_and_the_quantity():
    line = rules.TaskLine(Decimal(10), D(2026, 3, 20))
    after = D(2026, 4, 1)
    assert rules.status(line, after) == rules.NOT_DONE
    assert rules.status(line, D(2026, 3, 1)) == rules.OPEN
    done = rules.TaskLine(Decimal(10), D(2026, 3, 20), done_on=D(2026, 3, 20), quantity=Decimal(10))
    assert rules.status(done, after) == rules.ON_TIME
    assert (
        rules.status(done.__class__(Decimal(10), D(2026, 3, 20), 1, D(2026, 3, 21), Decimal(12)), after) == rules.LATE
    )
    assert rules.status(done.__class__(Decimal(10), D(2026, 3, 20), 1, D(2026, 3, 2), Decimal(11)), after) == (
        rules.BEYOND
    )
    # Short of the target is not done, whatever the day.
    assert rules.status(done.__class__(Decimal(10), D(2026, 3, 20), 1, D(2026, 3, 2), Decimal(9)), after) == (
        rules.NOT_DONE
    )


def test_a_task_names_its_member_in_the_unit_and_its_deadline_in_the_year(tree, actor, member, register):
    other = register(tree.b1)
    with pytest.raises(ValidationError) as e:
        _task(actor, tree, other)
    assert "không sinh hoạt tại" in str(e.value)
    with pytest.raises(ValidationError) as e:
        _task(actor, tree, member, deadline=D(2027, 1, 5))
    assert "không thuộc năm 2026" in str(e.value)
    task = _task(actor, tree, member)
    assert LogEntry.objects.get_for_object(task).filter(action=0).exists()


def test_the_product_file_is_checked_and_kept(tree, actor, member, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    task = _task(actor, tree, member)
    with pytest.raises(ValidationError) as e:
        task_result_record(
            actor=actor, task=task, done_on=D(2026, 3, 2), quantity=10,
            product_file=SimpleUploadedFile("virus.exe", b"MZ"),
        )  # fmt: skip
    assert "product_file" in e.value.message_dict
    assert not TaskResult.objects.exists()
    result = task_result_record(
        actor=actor, task=task, done_on=D(2026, 3, 2), quantity=10, product="Biên bản",
        product_file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
    )  # fmt: skip
    assert result.product_file.name.endswith(".pdf") and (tmp_path / "media" / result.product_file.name).exists()


def test_a_committee_framework_keeps_the_groups_points(tree, actor):
    with pytest.raises(ValidationError) as e:
        framework_set(
            actor=actor, committee=tree.hm, year=2026, subject="member",
            criteria=[{"group": "politics", "label": "Chính trị", "max_points": 20},
                      {"group": "results", "label": "Nhiệm vụ", "max_points": 70}],
        )  # fmt: skip
    assert "phải đúng 30 điểm" in " ".join(e.value.messages)
    framework = framework_set(
        actor=actor, committee=tree.hm, year=2026, subject="member",
        criteria=[{"group": "politics", "code": "pol", "label": "Chính trị, tư tưởng", "max_points": 15},
                  {"group": "politics", "code": "eth", "label": "Đạo đức, lối sống", "max_points": 15},
                  {"group": "results", "code": "res", "label": "Nhiệm vụ", "max_points": 70}],
    )  # fmt: skip
    assert sum(c.max_points for c in framework.criteria.all()) == 100


def _quarter_tasks(actor, tree, member, beyond=3, late=0):
    """Ten tasks of the first quarter, all done; `beyond` with more than asked, `late` after the deadline."""
    for i in range(10):
        task = _task(actor, tree, member, title=f"Nhiệm vụ {i + 1}")
        day = D(2026, 3, 25) if i < late else D(2026, 3, 10)
        _done(actor, task, day, 12 if i >= 10 - beyond else 10)


def test_quarter_proposal_from_tasks_and_points_with_reasons(tree, actor, cycle, member):
    _quarter_tasks(actor, tree, member, beyond=2)
    evaluation = evaluation_record(
        actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="opinion",
        scores={"politics": 29}, cls="good",
    )  # fmt: skip
    # 29 + 70 (all ten on time) = 99 points, but 2/10 beyond: good, not excellent.
    assert evaluation.points == Decimal("99.00")
    assert evaluation.proposed_class == "good"
    assert any("2/10" in r and "30%" in r for r in evaluation.reasons)
    # The cell cannot give more than the rules allow; the deciding level can, with a reason.
    with pytest.raises(ValidationError) as e:
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="opinion",
                          cls="excellent")  # fmt: skip
    assert "30%" in str(e.value)
    with pytest.raises(ValidationError):
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="decision",
                          cls="excellent")  # fmt: skip
    decided = evaluation_record(
        actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="decision", cls="excellent",
        override_reason="Có sáng kiến được thành phố ghi nhận",
    )  # fmt: skip
    assert decided.decided_class == "excellent" and decided.override_reason
    # A quarter is not the year's result.
    assert not MemberResult.objects.exists()


def test_late_tasks_lower_the_class(tree, actor, cycle, member):
    _quarter_tasks(actor, tree, member, beyond=5, late=3)
    evaluation = evaluation_record(
        actor=actor, cycle=cycle, org=tree.a, member=member, quarter=1, stage="opinion",
        scores={"politics": 25}, cls="not_completed",
    )  # fmt: skip
    # 25 + 70 * (7 + 3 * 0,5) / 10 = 84,5 points; 3/10 late (> 20%): not completed.
    assert evaluation.points == Decimal("84.50")
    assert evaluation.proposed_class == "not_completed"
    assert any("3/10" in r and "20%" in r for r in evaluation.reasons)


def test_the_year_draws_on_the_quarters_and_becomes_the_cycles_result(tree, actor, cycle, member):
    _quarter_tasks(actor, tree, member, beyond=3)
    for q, politics in ((1, 28), (2, 20)):
        if q == 2:
            for i in range(2):
                _done(actor, _task(actor, tree, member, quarter=2, deadline=D(2026, 6, 20), title=f"Q2 {i}"),
                      D(2026, 6, 1), 10)  # fmt: skip
        evaluation_record(
            actor=actor, cycle=cycle, org=tree.a, member=member, quarter=q, stage="opinion",
            scores={"politics": politics}, cls="good",
        )  # fmt: skip
    year = evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=0, stage="opinion",
                             cls="good")  # fmt: skip
    assert year.points == Decimal("94.00")  # (98 + 90) / 2
    assert "quý 1: 98" in year.basis and "quý 2: 90" in year.basis
    assert "Nhiệm vụ: 12" in year.basis
    # 3/12 beyond (25%) over the year: good.
    assert year.proposed_class == "good"
    evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=member, quarter=0, stage="decision", cls="good")
    result = MemberResult.objects.get(cycle=cycle, member=member)
    assert result.decided_class == "good" and result.org == tree.a


def test_quota_over_the_quarter_set_needs_a_recorded_reason(tree, actor, cycle, register):
    members = [register(tree.a1) for _ in range(2)]
    for m in members:
        _quarter_tasks(actor, tree, m, beyond=4)
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=m, quarter=1, stage="opinion",
                          scores={"politics": 30}, cls="excellent")  # fmt: skip
    with pytest.raises(ValidationError) as e:
        evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=members[0], quarter=1, stage="decision",
                          cls="excellent")  # fmt: skip
    assert "20%" in str(e.value)
    evaluation_record(actor=actor, cycle=cycle, org=tree.a, member=members[0], quarter=1, stage="decision",
                      cls="excellent", override_reason="Chi bộ chỉ có hai đảng viên có nhiệm vụ quý")  # fmt: skip
    assert Evaluation.objects.get(member=members[0], quarter=1).override_reason
    assert not Override.objects.exists()  # quarters are not the year's overrides


def test_collective_with_a_disciplined_leader_is_not_completed(tree, actor, cycle):
    for i in range(10):
        task = task_assign(actor=actor, org=tree.a1, year=2026, quarter=1, title=f"Việc {i}", measure="việc",
                           target=1, deadline=D(2026, 3, 20))  # fmt: skip
        _done(actor, task, D(2026, 3, 1), 2 if i < 4 else 1)
    clean = evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=1, stage="opinion",
                              scores={"politics": 28}, cls="excellent")  # fmt: skip
    assert clean.proposed_class == "excellent"
    one = evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=1, stage="self", cls="excellent",
                            leadership_members_disciplined=1)  # fmt: skip
    # QĐ 366 Điều 11 khoản 4: a member of the committee disciplined makes the collective "không hoàn
    # thành nhiệm vụ"; the deciding level may decide otherwise with a recorded reason.
    assert one.proposed_class == "not_completed"
    assert any("thành viên cấp ủy bị kỷ luật" in r and "khoản 4" in r for r in one.reasons)


def test_a_cells_year_conclusion_is_the_cycles_result(tree, actor, cycle):
    from dangvu.reviews.models import OrgResult

    for q in (1, 2):
        task = task_assign(actor=actor, org=tree.a1, year=2026, quarter=q, title=f"Việc quý {q}", measure="việc",
                           target=1, deadline=D(2026, 3 * q, 20))  # fmt: skip
        _done(actor, task, D(2026, 3 * q, 1), 1)
        evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=q, stage="opinion",
                          scores={"politics": 20 + q}, cls="good")  # fmt: skip
    year = evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=0, stage="decision", cls="good")
    assert year.points == Decimal("91.50")  # (91 + 92) / 2
    result = OrgResult.objects.get(cycle=cycle, org=tree.a1)
    assert (result.decided_class, result.points) == ("good", Decimal("91.50"))
    with pytest.raises(ValidationError) as e:
        evaluation_record(actor=actor, cycle=cycle, org=tree.a1, quarter=0, stage="decision", cls="tsvm")
    assert "không có trong" in str(e.value)
