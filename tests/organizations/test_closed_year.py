"""The tree of a closed year (core.closing): no unit founded, moved, merged, split, dissolved or
reorganized on a day of a year a committee above has closed — its units and members counts are
in the issued report — until the organization board reopens the year."""

import pytest

from dangvu.members.reorganization import org_reorganize
from dangvu.members.restructure import SplitPart, org_dissolve, org_merge, org_split
from dangvu.organizations.models import Kind, Level, Organization
from dangvu.organizations.reorganization import UNIT, Assignment, NewUnit, Plan, PlanRefused
from dangvu.organizations.services import org_found, org_move
from dangvu.reports.services import year_close, year_reopen

from ..conftest import D
from ..conftest import closed_year_refused as _refused

REASON = "Bổ sung quyết định thành lập nhận muộn"


def _cell(actor, parent, code, on):
    return org_found(
        actor=actor, code=code, name=f"Chi bộ {code}", kind=Kind.WARD, level=Level.CELL, parent=parent, founded_on=on
    )


def test_founding_and_moving_a_unit_in_a_closed_year_are_refused_until_reopened(tree, actor):
    year_close(actor=actor, org=tree.hm, year=2016)

    message = _refused(lambda: _cell(actor, tree.a, "A3", D(2016, 6, 1)), "founded_on")
    assert "01/06/2016" in message and tree.hm.name in message
    # moved out of a closed subtree, or into one
    _refused(lambda: org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2016, 9, 1)), "on")
    # another district's 2016 is open
    outside = org_found(
        actor=actor, code="X", name="Đảng bộ quận Long Biên", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2016, 3, 1),
    )  # fmt: skip
    ward = org_found(
        actor=actor, code="XW", name="Đảng bộ phường Bồ Đề", kind=Kind.WARD, level=Level.GRASSROOTS_COMMITTEE,
        parent=outside, founded_on=D(2016, 3, 1),
    )  # fmt: skip
    x1 = _cell(actor, ward, "X1", D(2016, 3, 2))
    _refused(lambda: org_move(actor=actor, org=x1, new_parent=tree.a, on=D(2016, 9, 1)), "on")
    assert not Organization.objects.filter(code="A3").exists() and tree.a2.parent == tree.a

    _cell(actor, tree.a, "A4", D(2017, 1, 5))  # the next year is open
    year_reopen(actor=actor, org=tree.hm, year=2016, reason=REASON)
    _cell(actor, tree.a, "A3", D(2016, 6, 1))
    assert org_move(actor=actor, org=tree.a2, new_parent=tree.b, on=D(2016, 9, 1)).parent == tree.b


def test_merging_splitting_and_dissolving_in_a_closed_year_are_refused_until_reopened(tree, actor, register):
    member = register(tree.a2)
    year_close(actor=actor, org=tree.hm, year=2016)

    _refused(lambda: org_merge(actor=actor, source=tree.a2, target=tree.a1, on=D(2016, 7, 1)), "on")
    part = SplitPart("A5", "Chi bộ tổ dân phố số 5", Kind.WARD, Level.CELL, member_ids=[member.pk])
    _refused(lambda: org_split(actor=actor, source=tree.a2, parts=[part], on=D(2016, 7, 1)), "on")
    _refused(lambda: org_dissolve(actor=actor, org=tree.b1, on=D(2016, 7, 1)), "on")
    assert not Organization.objects.filter(code="A5").exists()
    assert not Organization.objects.filter(dissolved_on__isnull=False).exists()

    year_reopen(actor=actor, org=tree.hm, year=2016, reason=REASON)
    org_merge(actor=actor, source=tree.a2, target=tree.a1, on=D(2016, 7, 1))
    tree.a2.refresh_from_db()
    assert tree.a2.dissolved_on == D(2016, 7, 1) and tree.a2.merged_into == tree.a1


def test_a_reorganization_dated_in_a_closed_year_is_refused_before_anything_is_written(tree, actor):
    def plan(on):
        found = [NewUnit("N1", "Đảng bộ phường Hoàng Văn Thụ", Level.GRASSROOTS_COMMITTEE, Kind.WARD, "HM", row=2)]
        rows = [Assignment(UNIT, code, "N1", row=i + 2) for i, code in enumerate(("A1", "A2"))]
        return Plan(on=on, decision="1234-QĐ/TU", dissolve=["A"], found=found, assignments=rows)

    year_close(actor=actor, org=tree.hm, year=2016)
    with pytest.raises(PlanRefused) as e:
        org_reorganize(actor=actor, plan=plan(D(2016, 7, 1)))
    [problem] = e.value.problems
    assert problem.column == "Ngày" and "Số liệu năm 2016" in problem.message and "đã chốt" in problem.message
    dry = org_reorganize(actor=actor, plan=plan(D(2016, 7, 1)), dry_run=True)
    assert [p.message for p in dry.problems] == [problem.message]
    assert not Organization.objects.filter(code="N1").exists()

    year_reopen(actor=actor, org=tree.hm, year=2016, reason=REASON)
    assert org_reorganize(actor=actor, plan=plan(D(2016, 7, 1))).ok
