"""Quy định 366-QĐ/TW, Điều 11: the classes from points and the task conditions, at their
boundaries (89,5 vs 90 points; 29% vs 30% beyond requirement; one subordinate disciplined; 21%
late), and the proposal with its reasons."""

from decimal import Decimal

import pytest

from dangvu.reviews.rulebooks import QD366, MemberFacts, OrgFacts, TaskFacts

ALL_ON_TIME = TaskFacts(total=10, done=10, on_time=10, beyond=3)


def rules_of(violations):
    return {v.rule for v in violations}


@pytest.mark.parametrize("points, broken", [(90, False), (Decimal("89.5"), True), (Decimal("89.99"), True)])
def test_excellent_needs_90_points(points, broken):
    for check, facts in ((QD366.check_org, OrgFacts), (QD366.check_member, MemberFacts)):
        violations = check("excellent", facts(points=points, tasks=ALL_ON_TIME))
        assert bool(violations) is broken
        if broken:
            assert {v.rule.rsplit(".", 1)[1] for v in violations} == {"excellent_points"}
            assert "89,5" in violations[0].message or "89,99" in violations[0].message
            assert violations[0].source.endswith("Điều 11, khoản 1")


@pytest.mark.parametrize("beyond, broken", [(30, False), (29, True)])
def test_excellent_needs_30_percent_beyond_with_all_on_time(beyond, broken):
    tasks = TaskFacts(total=100, done=100, on_time=100, beyond=beyond)
    violations = QD366.check_org("excellent", OrgFacts(points=95, tasks=tasks))
    assert rules_of(violations) == ({"qd366.org.excellent_beyond"} if broken else set())
    if broken:
        assert "29/100" in violations[0].message and "30%" in violations[0].message
        assert violations[0].certain and violations[0].source.endswith("khoản 1, điểm 1.1")
    # Điều 11 khoản 1 điểm 1.3, read in full: the same condition for a member without a post.
    member = QD366.check_member("excellent", MemberFacts(points=95, tasks=tasks))
    assert rules_of(member) == ({"qd366.member.excellent_beyond"} if broken else set())
    assert all(v.certain and v.source.endswith("khoản 1, điểm 1.3") for v in member)


def test_excellent_and_good_need_every_task_on_time():
    one_late = TaskFacts(total=10, done=10, on_time=9, beyond=5)
    for cls in ("excellent", "good"):
        violations = QD366.check_org(cls, OrgFacts(points=95, tasks=one_late))
        assert rules_of(violations) == {f"qd366.org.{cls}_on_time"}
        assert "9/10" in violations[0].message
    assert QD366.check_org("completed", OrgFacts(points=95, tasks=one_late)) == []


@pytest.mark.parametrize("units, leaders, broken", [(0, 0, False), (1, 0, True), (0, 1, True)])
def test_excellent_collective_with_a_subordinate_or_leader_disciplined(units, leaders, broken):
    facts = OrgFacts(
        points=95, tasks=ALL_ON_TIME, subordinates_total=10, subordinates_disciplined=units,
        leadership_members_disciplined=leaders,
    )  # fmt: skip
    assert ("qd366.org.excellent_no_discipline" in rules_of(QD366.check_org("excellent", facts))) is broken
    # A subordinate unit disciplined only bars excellent; a member of the committee disciplined makes the
    # collective "không hoàn thành" (khoản 4), unless the deciding level records why not.
    good = QD366.check_org("good", facts)
    assert rules_of(good) == ({"qd366.org.leadership_disciplined"} if leaders else set())
    assert all(v.source.endswith("khoản 4 (đối với tập thể lãnh đạo, quản lý)") and v.note for v in good)
    assert QD366.check_org("not_completed", facts) == []


@pytest.mark.parametrize("late, broken", [(20, False), (21, True)])
def test_completed_allows_at_most_20_percent_late(late, broken):
    tasks = TaskFacts(total=100, done=100, on_time=100 - late, beyond=0)
    violations = QD366.check_org("completed", OrgFacts(points=60, tasks=tasks))
    assert rules_of(violations) == ({"qd366.org.completed_late"} if broken else set())
    assert QD366.propose_org(OrgFacts(points=60, tasks=tasks)).cls == ("not_completed" if broken else "completed")


def test_completed_needs_every_task_done_and_50_points():
    one_undone = TaskFacts(total=10, done=9, on_time=9, beyond=0)
    assert rules_of(QD366.check_org("completed", OrgFacts(points=60, tasks=one_undone))) == {
        "qd366.org.completed_all_done"
    }
    assert rules_of(QD366.check_org("completed", OrgFacts(points=Decimal("49.5")))) == {"qd366.org.completed_points"}


@pytest.mark.parametrize(
    "points, tasks, expected",
    [
        (95, ALL_ON_TIME, "excellent"),
        (Decimal("89.5"), ALL_ON_TIME, "good"),
        (95, TaskFacts(total=10, done=10, on_time=10, beyond=2), "good"),
        (95, TaskFacts(total=10, done=10, on_time=8, beyond=5), "completed"),
        (69, ALL_ON_TIME, "completed"),
        (49, ALL_ON_TIME, "not_completed"),
    ],
)
def test_the_proposed_class_is_the_best_the_facts_allow(points, tasks, expected):
    proposal = QD366.propose_member(MemberFacts(points=points, tasks=tasks))
    assert proposal.cls == expected
    # Every better class is explained in Vietnamese with its article.
    refused = [grade.code for grade, _ in proposal.refused]
    assert refused == ["excellent", "good", "completed", "not_completed"][: len(refused)]
    assert all("Chưa đạt mức" in r and "Điều 11" in r for r in proposal.reasons)


def test_a_member_disciplined_is_proposed_not_completed_by_clause_4():
    proposal = QD366.propose_member(MemberFacts(points=95, tasks=ALL_ON_TIME, disciplined_in_year=True))
    assert proposal.cls == "not_completed"
    violation = QD366.check_member("completed", MemberFacts(points=95, disciplined_in_year=True))[0]
    assert violation.rule == "qd366.member.disciplined" and violation.certain
    assert "Điều 11, khoản 4" in violation.source and "ghi rõ lý do" in violation.note


@pytest.mark.parametrize("done, broken", [(70, False), (69, True)])
def test_a_collective_under_70_percent_of_its_tasks_is_not_completed(done, broken):
    tasks = TaskFacts(total=100, done=done, on_time=done, beyond=0)
    assert ("qd366.org.tasks_under_70" in rules_of(QD366.check_org("completed", OrgFacts(points=60, tasks=tasks)))) is (
        broken
    )
    # Without task records, the share of targets met entered on the review form is read.
    share = Decimal(done) / 100
    assert rules_of(QD366.check_org("good", OrgFacts(points=80, targets_met_share=share))) == (
        {"qd366.org.tasks_under_70"} if broken else set()
    )


def test_disunity_makes_a_collective_not_completed():
    violations = QD366.check_org("good", OrgFacts(points=85, disunity=True))
    assert rules_of(violations) == {"qd366.org.disunity"}
    assert QD366.propose_org(OrgFacts(points=85, disunity=True)).cls == "not_completed"


@pytest.mark.parametrize("undone, broken", [(50, False), (51, True)])
def test_a_member_with_over_half_of_the_tasks_not_done_is_not_completed(undone, broken):
    tasks = TaskFacts(total=100, done=100 - undone, on_time=100 - undone, beyond=0)
    violations = QD366.check_member("completed", MemberFacts(points=60, tasks=tasks))
    assert ("qd366.member.tasks_not_done_over_half" in rules_of(violations)) is broken
    assert "qd366.member.completed_all_done" in rules_of(violations)  # khoản 3 asks 100% done anyway


@pytest.mark.parametrize("excellent, good, broken", [(2, 10, False), (3, 10, True), (1, 4, True), (1, 5, False)])
def test_excellent_members_at_most_20_percent_of_good_unless_the_level_decides_25(excellent, good, broken):
    violations = QD366.check_member_set(["excellent"] * excellent + ["good"] * good)
    assert rules_of(violations) == ({"qd366.member.excellent_quota"} if broken else set())
    if broken:
        assert violations[0].certain and violations[0].source.endswith("khoản 1, điểm 1.5")
        assert "25%" in violations[0].message and "ghi lý do" in violations[0].message


@pytest.mark.parametrize("activity", ["exempt", "suspended"])
def test_members_not_rated_cite_article_5(activity):
    violation = QD366.check_member("good", MemberFacts(activity=activity))[0]
    assert violation.rule == "qd366.member.not_rated" and violation.source.endswith("Điều 5, khoản 2, điểm 2.1")


def test_every_condition_cites_its_article_and_clause():
    for rule in QD366.rules:
        assert "Quy định 366-QĐ/TW" in rule.source
        assert "Điều 11, khoản" in rule.source or "Điều 5, khoản 2" in rule.source, rule.code
        assert rule.certain, rule.code  # read in the quoted text; what Dangvu cannot check says so in its note
    assert QD366.rule("qd366.org.excellent_remedied").note  # not recorded: the deciding level looks at it
    # QĐ 124's conditions that QĐ 366 does not have are gone (80% of units good; over 20% of units disciplined).
    codes = {r.code for r in QD366.rules}
    assert not codes & {"qd366.org.excellent_subordinates", "qd366.org.units_disciplined",
                        "qd366.org.targets_under_half"}  # fmt: skip
