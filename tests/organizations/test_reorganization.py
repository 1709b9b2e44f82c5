"""A reorganization in one decision: an old ward divided between two new ward committees."""

import pytest
from auditlog.models import LogEntry

from dangvu.members.models import MemberPeriod
from dangvu.members.reorganization import org_reorganize
from dangvu.organizations.models import Kind, Level, Lineage, Organization, Reorganization
from dangvu.organizations.reorganization import MEMBER, UNIT, Assignment, NewUnit, Plan, PlanRefused
from tests.conftest import D

ON = D(2025, 7, 1)


@pytest.fixture
def people(tree, register):
    """Two members in A1, three in A2 (the cell the plan divides), one in B1 and one in C."""
    return {
        "a1": [register(tree.a1) for _ in range(2)],
        "a2": [register(tree.a2) for _ in range(3)],
        "b1": [register(tree.b1)],
        "c": [register(tree.c)],
    }


def _plan(people, *, drop=0, twice=False):
    """Old district HM, wards A and B and cell A2 end; wards N1 and N2 are founded under the city.
    A is divided: its cell A1 goes to N1, its cell A2 is divided between N1's and N2's new cells."""
    found = [
        NewUnit("N1", "Đảng bộ phường Hoàng Mai", Level.COMMUNE, Kind.WARD, "HN", row=2),
        NewUnit("N2", "Đảng bộ phường Định Công", Level.COMMUNE, Kind.WARD, "HN", row=3),
        NewUnit("N1-01", "Chi bộ tổ dân phố số 1", Level.CELL, Kind.WARD, "N1", row=4),
        NewUnit("N2-01", "Chi bộ tổ dân phố số 2", Level.CELL, Kind.WARD, "N2", row=5),
    ]
    a2 = people["a2"]
    rows = [
        Assignment(UNIT, "A1", "N1"),
        Assignment(UNIT, "B1", "N2"),
        Assignment(UNIT, "C", "N1"),
        Assignment(MEMBER, a2[0].citizen_id, "N1-01"),
        Assignment(MEMBER, a2[1].citizen_id, "N2-01"),
        Assignment(MEMBER, a2[2].citizen_id, "N2-01"),
    ]
    rows = rows[: len(rows) - drop]
    if twice:
        rows.append(Assignment(MEMBER, a2[0].citizen_id, "N2-01"))
    rows = [Assignment(r.item, r.ref, r.target, row=i + 2) for i, r in enumerate(rows)]
    return Plan(on=ON, decision="1234-QĐ/TU", dissolve=["HM", "A", "B", "A2"], found=found, assignments=rows)


def _state():
    return (
        list(Organization.objects.order_by("pk").values_list("pk", "parent_id", "dissolved_on")),
        list(MemberPeriod.objects.order_by("pk").values_list("pk", "org_id", "valid_to")),
        LogEntry.objects.count(),
        Reorganization.objects.count(),
    )


def test_an_old_ward_divided_between_two_new_ones(tree, people, actor):
    outcome = org_reorganize(actor=actor, plan=_plan(people))
    assert outcome.ok and len(outcome.founded) == 4 and outcome.members_moved == 3 and outcome.dissolved == 4
    n1 = Organization.objects.get(code="N1")
    tree.a1.refresh_from_db()
    tree.c.refresh_from_db()
    assert tree.a1.parent == n1 and tree.c.parent == n1 and n1.parent == tree.hn
    a2 = people["a2"]
    assert MemberPeriod.objects.get(member=a2[0], valid_to__isnull=True).org.code == "N1-01"
    assert MemberPeriod.objects.get(member=a2[2], valid_to__isnull=True).org.code == "N2-01"
    # A1's members went with their cell, still in it.
    assert MemberPeriod.objects.get(member=people["a1"][0], valid_to__isnull=True).org == tree.a1
    for code in ("HM", "A", "B", "A2"):
        org = Organization.objects.get(code=code)
        assert org.dissolved_on == ON and org.dissolution_decision == "1234-QĐ/TU"
    # Lineage: A passed to both new wards' units, each with its part.
    lineage = {
        (x.predecessor.code, x.successor.code): x for x in Lineage.objects.select_related("predecessor", "successor")
    }
    assert lineage[("A", "N1")].unit_ids == [tree.a1.pk]
    assert lineage[("A2", "N1-01")].member_ids == [a2[0].pk]
    assert sorted(lineage[("A2", "N2-01")].member_ids) == sorted([a2[1].pk, a2[2].pk])
    assert {x.reorganization.decision for x in lineage.values()} == {"1234-QĐ/TU"}
    # Audited, in the actor's name: the decision, its lineage, the units founded and ended.
    reorg = Reorganization.objects.get()
    entries = LogEntry.objects.get_for_object(reorg)
    assert entries.count() == 1 and entries.get().actor == actor
    assert LogEntry.objects.get_for_object(lineage[("A", "N1")]).exists()
    assert LogEntry.objects.get_for_object(n1).filter(actor=actor).exists()


def test_refuses_an_unassigned_member_and_one_assigned_twice_and_changes_nothing(tree, people, actor):
    before = _state()
    with pytest.raises(PlanRefused) as unassigned:
        org_reorganize(actor=actor, plan=_plan(people, drop=1))
    missing = people["a2"][2]
    assert any(missing.full_name in str(p) and "Chưa phân công" in str(p) for p in unassigned.value.problems)
    with pytest.raises(PlanRefused) as twice:
        org_reorganize(actor=actor, plan=_plan(people, twice=True))
    [dup] = [p for p in twice.value.problems if "đã được phân công" in p.message]
    assert dup.row == 8 and "dòng 2" not in dup.message and "dòng 5" in dup.message
    assert _state() == before


def test_refuses_a_target_that_has_ended_or_is_not_allowed_there(tree, people, actor):
    plan = _plan(people)
    plan.assignments[0] = Assignment(UNIT, "A1", "B", row=2)  # B ends the same day
    plan.assignments[2] = Assignment(UNIT, "C", "N1-01", row=4)  # a grassroots cell under a cell
    with pytest.raises(PlanRefused) as e:
        org_reorganize(actor=actor, plan=plan)
    by_row = {p.row: p for p in e.value.problems}
    assert "không hoạt động" in by_row[2].message and by_row[2].column == "Chuyển đến"
    assert "không thể đặt" in by_row[4].message


def test_dry_run_reports_and_writes_nothing(tree, people, actor):
    before = _state()
    good = org_reorganize(actor=actor, plan=_plan(people), dry_run=True)
    assert good.ok and good.dry_run and good.members_moved == 3 and "Kiểm tra thử" in good.summary()
    bad = org_reorganize(actor=actor, plan=_plan(people, drop=1), dry_run=True)
    assert not bad.ok and bad.problems
    assert _state() == before


def test_checking_a_plan_takes_as_many_queries_for_ten_members_as_for_three(tree, people, actor, register):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dangvu.members.reorganization import _check

    def queries():
        plan = _plan(people)
        a2 = [p for p in MemberPeriod.objects.filter(org=tree.a2).values_list("member__citizen_id", flat=True)]
        plan.assignments = [a for a in plan.assignments if a.item == UNIT] + [
            Assignment(MEMBER, cid, "N2-01", row=i + 10) for i, cid in enumerate(a2)
        ]
        with CaptureQueriesContext(connection) as ctx:
            assert _check(plan, None) == []
        return len(ctx.captured_queries)

    three = queries()
    for _ in range(7):
        register(tree.a2)
    assert queries() == three
