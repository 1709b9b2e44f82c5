"""Every rule of every rulebook at its boundary, as pure functions (no database)."""

from decimal import Decimal

import pytest

from dangvu.reviews.rulebooks import (
    HD27,
    QD124,
    QD132,
    QD366,
    RULEBOOKS,
    MemberFacts,
    NoRulebook,
    OrgFacts,
    rulebook_for,
)


def rules_of(violations):
    return {v.rule for v in violations}


@pytest.mark.parametrize(
    "year, code",
    [
        (2014, "hd27_2014"), (2017, "hd27_2014"), (2018, "qd132_2018"), (2022, "qd132_2018"),
        (2023, "qd124_2023"), (2024, "qd124_2023"), (2025, "qd366_2025"), (2026, "qd366_2025"),
    ],
)  # fmt: skip
def test_the_year_picks_the_rulebook(year, code):
    assert rulebook_for(year).code == code


def test_no_rulebook_before_2014():
    with pytest.raises(NoRulebook, match="2013"):
        rulebook_for(2013)


def test_every_rule_cites_its_source_and_uncertain_ones_say_why():
    for book in RULEBOOKS:
        for rule in book.rules:
            assert rule.source and ("Hướng dẫn" in rule.source or "Quy định" in rule.source), rule.code
            assert rule.certain or rule.note, rule.code


def test_classes_from_best_to_worst_with_stable_codes():
    assert [g.code for g in HD27.org_classes] == ["tsvm", "good", "completed", "weak"]
    assert [g.code for g in HD27.member_classes] == ["excellent", "good", "completed", "failed"]
    assert HD27.org_classes[0].label == "Trong sạch, vững mạnh" and HD27.has_exemplary
    for book in (QD132, QD124, QD366):
        assert [g.code for g in book.org_classes] == ["excellent", "good", "completed", "not_completed"]
        assert [g.label for g in book.member_classes][3] == "Không hoàn thành nhiệm vụ"


# --- HD 27 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("points, broken", [(50, False), (49, True), (Decimal("49.5"), True)])
def test_hd27_under_50_points_is_weak(points, broken):
    violations = HD27.check_org("completed", OrgFacts(points=points))
    assert ("hd27.org.weak_points" in rules_of(violations)) is broken
    assert HD27.check_org("weak", OrgFacts(points=points)) == []


def test_hd27_disunity_and_corruption_make_weak():
    assert rules_of(HD27.check_org("good", OrgFacts(disunity=True))) == {"hd27.org.weak_disunity"}
    assert rules_of(HD27.check_org("good", OrgFacts(members_disciplined_corruption=1))) == {"hd27.org.weak_corruption"}
    assert HD27.check_org("good", OrgFacts(members_disciplined_corruption=0)) == []


@pytest.mark.parametrize("weak, broken", [(3, False), (4, True)])
def test_hd27_committee_with_more_than_a_third_of_units_weak(weak, broken):
    facts = OrgFacts(
        is_committee=True, subordinates_total=9, subordinate_classes=("weak",) * weak + ("good",) * (9 - weak)
    )
    assert ("hd27.org.weak_subordinates" in rules_of(HD27.check_org("completed", facts))) is broken


@pytest.mark.parametrize("failed, broken", [(5, False), (6, True)])
def test_hd27_cell_with_more_than_half_members_failing(failed, broken):
    facts = OrgFacts(member_classes=("failed",) * failed + ("good",) * (10 - failed))
    assert ("hd27.org.weak_members" in rules_of(HD27.check_org("completed", facts))) is broken
    # The members' rule is a chi bộ's; a đảng bộ answers for its units instead.
    committee = OrgFacts(is_committee=True, member_classes=facts.member_classes)
    assert "hd27.org.weak_members" not in rules_of(HD27.check_org("completed", committee))


@pytest.mark.parametrize("cls, points, broken", [("tsvm", 90, False), ("tsvm", 89, True), ("good", 70, False),
                                                 ("good", 69, True), ("completed", 50, False)])  # fmt: skip
def test_hd27_point_bands_are_marked_uncertain(cls, points, broken):
    violations = [v for v in HD27.check_org(cls, OrgFacts(points=points)) if v.rule == "hd27.org.point_bands"]
    assert bool(violations) is broken
    assert all(not v.certain and "chưa được đối chiếu" in str(v) for v in violations)


def test_hd27_disciplined_member_not_rated_good():
    disciplined = MemberFacts(disciplined_in_year=True)
    assert rules_of(HD27.check_member("good", disciplined)) == {"hd27.member.disciplined"}
    assert HD27.check_member("completed", disciplined) == []
    assert HD27.check_member("excellent", MemberFacts()) == []


# --- from 2018 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("book", [QD132, QD124, QD366])
@pytest.mark.parametrize("excellent, good, broken", [(2, 10, False), (3, 10, True), (0, 0, False), (1, 4, True),
                                                     (1, 5, False)])  # fmt: skip
def test_excellent_members_at_most_20_percent_of_good(book, excellent, good, broken):
    classes = ["excellent"] * excellent + ["good"] * good + ["completed"] * 7
    violations = book.check_member_set(classes)
    assert bool(violations) is broken
    if broken:
        assert "20%" in violations[0].message and "Quy định" in violations[0].source


@pytest.mark.parametrize("book", [QD132, QD124, QD366])
def test_disciplined_member_is_not_completed(book):
    disciplined = MemberFacts(disciplined_in_year=True)
    assert book.check_member("completed", disciplined)
    assert book.check_member("not_completed", disciplined) == []


@pytest.mark.parametrize("book", [HD27, QD132, QD124, QD366])
@pytest.mark.parametrize("activity", ["exempt", "suspended"])
def test_exempted_and_suspended_members_are_not_rated(book, activity):
    facts = MemberFacts(activity=activity)
    assert any(v.rule.endswith("not_rated") for v in book.check_member("good", facts))
    assert book.check_member("", facts) == []


@pytest.mark.parametrize("book", [QD132, QD124])
@pytest.mark.parametrize(
    "subordinates, broken",
    [
        (("excellent",) * 2 + ("good",) * 6 + ("completed",) * 2, False),  # 80% good or better
        (("good",) * 7 + ("completed",) * 3, True),  # 70%
        (("good",) * 9 + ("not_completed",), True),  # one unit failing
        (("good",) * 9, True),  # one unit not yet classed
    ],
)
def test_excellent_organization_needs_its_units(book, subordinates, broken):
    facts = OrgFacts(is_committee=True, subordinates_total=10, subordinate_classes=subordinates)
    assert bool(book.check_org("excellent", facts)) is broken
    assert book.check_org("good", facts) == []


@pytest.mark.parametrize("book", [QD124])  # QĐ 366's own cases: tests/reviews/test_qd366.py
def test_collective_not_completed_conditions(book):
    def broken(**kw):
        return {v.rule.split(".")[-1] for v in book.check_org("completed", OrgFacts(**kw))}

    assert broken(targets_met_share=Decimal("0.5")) == set()
    assert broken(targets_met_share=Decimal("0.49")) == {"targets_under_half"}
    assert broken(leadership_disciplined=True) == {"leadership_disciplined"}
    assert broken(subordinates_total=10, subordinates_disciplined=2) == set()
    assert broken(subordinates_total=10, subordinates_disciplined=3) == {"units_disciplined"}
    assert book.check_org("not_completed", OrgFacts(leadership_disciplined=True)) == []


def test_qd132_has_no_collective_conditions():
    assert QD132.check_org("completed", OrgFacts(targets_met_share=Decimal("0.1"), leadership_disciplined=True)) == []


@pytest.mark.parametrize("points, broken", [(90, False), (Decimal("89.99"), True)])
def test_qd366_excellent_needs_90_points(points, broken):
    violations = QD366.check_org("excellent", OrgFacts(points=points))
    assert bool(violations) is broken
    assert all(v.certain for v in violations)
    assert QD124.check_org("excellent", OrgFacts(points=50)) == []  # no point scale before 2025
