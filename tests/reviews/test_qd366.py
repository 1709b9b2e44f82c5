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
        assert violations[0].certain  # read in Điều 11 for a collective
    # For an individual the article was cut: the same rule, marked unconfirmed.
    member = QD366.check_member("excellent", MemberFacts(points=95, tasks=tasks))
    assert bool(member) is broken and all(not v.certain for v in member)


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
    assert QD366.check_org("good", facts) == []  # only excellent asks it


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


def test_a_member_disciplined_in_the_year_is_proposed_not_completed_by_the_carried_over_rule():
    proposal = QD366.propose_member(MemberFacts(points=95, tasks=ALL_ON_TIME, disciplined_in_year=True))
    assert proposal.cls == "not_completed"
    assert any("chưa được đối chiếu" in r for r in proposal.reasons)


def test_every_condition_cites_article_11_or_says_it_is_carried_over():
    for rule in QD366.rules:
        assert "Quy định 366-QĐ/TW" in rule.source
        assert "Điều 11, khoản" in rule.source or (not rule.certain and rule.note), rule.code
    certain = {r.code for r in QD366.rules if r.certain}
    assert {"qd366.org.excellent_points", "qd366.org.excellent_beyond", "qd366.org.good_on_time",
            "qd366.org.completed_late", "qd366.org.excellent_no_discipline"} <= certain  # fmt: skip
    assert "qd366.member.excellent_quota" not in certain
