"""The inspection and discipline figures on hand-built data: distinct subjects, roll-up from
cells to the district, a tree restructured after the period, and a fixed number of queries."""

import pytest

import dangvu.inspection.indicators  # noqa: F401  registers the figures
from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.inspection import selectors
from dangvu.inspection.services import discipline_record, inspection_record
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)


def figure(key, org, period=Y2016):
    return catalogue.compute(key, org, period)


def inspect(actor, by, kind="inspection", on=D(2016, 4, 1), **subject):
    return inspection_record(actor=actor, kind=kind, conducted_by=by, start_date=on, content="Nội dung", **subject)


def punish(actor, by, form="reprimand", on=D(2016, 6, 1), no="1-QĐ", **subject):
    return discipline_record(actor=actor, form=form, decided_by=by, decision_no=no, decision_date=on,
                             violation_date=D(on.year, 1, 5), **subject)  # fmt: skip


@pytest.fixture
def data(tree, register, actor):
    """In 2016: cell A1 inspects its member m1; ward A inspects cell A2 twice and supervises m2;
    the district inspects ward B and supervises agency C. One inspection in 2015 and one in 2017."""
    m1, m2, m3 = register(tree.a1), register(tree.a2), register(tree.b1)
    inspect(actor, tree.a1, subject_member=m1)
    inspect(actor, tree.a, subject_org=tree.a2)
    inspect(actor, tree.a, subject_org=tree.a2, on=D(2016, 9, 1))
    inspect(actor, tree.a, kind="supervision", subject_member=m2)
    inspect(actor, tree.hm, subject_org=tree.b)
    inspect(actor, tree.hm, kind="supervision", subject_org=tree.c)
    inspect(actor, tree.hm, subject_org=tree.c, on=D(2015, 12, 31))
    return m1, m2, m3


def test_inspected_subjects_roll_up_from_cells_to_the_district(tree, data):
    assert figure("inspection.members", tree.a1) == 1
    assert figure("inspection.orgs", tree.a) == 1  # A2 twice counts once
    assert figure("inspection.members", tree.a) == 1
    assert figure("supervision.members", tree.a) == 1
    assert figure("inspection.orgs", tree.hm) == 2  # A2, B
    assert figure("inspection.members", tree.hm) == 1
    assert figure("supervision.orgs", tree.hm) == 1
    assert figure("supervision.members", tree.hm) == 1
    assert figure("inspection.orgs", tree.b) == 0
    assert figure("inspection.orgs", tree.hm, Period.year(2015)) == 1
    records = catalogue.get("inspection.orgs").records(tree.hm, Y2016)
    assert sorted(r.subject_org.code for r in records) == ["A2", "A2", "B"]


def test_a_member_disciplined_twice_counts_once(tree, data, actor):
    m1, m2, m3 = data
    punish(actor, tree.a, subject_member=m1)
    punish(actor, tree.hm, form="warning", on=D(2016, 10, 1), no="2-QĐ", subject_member=m1)
    punish(actor, tree.b, subject_member=m3, on=D(2015, 6, 1))
    punish(actor, tree.hm, subject_org=tree.a2)
    assert figure("discipline.members", tree.hm) == 1
    assert figure("discipline.members", tree.a) == 1  # the ward's own decision
    assert figure("discipline.orgs", tree.hm) == 1
    assert figure("discipline.orgs", tree.a) == 0  # decided by the district
    assert figure("discipline.members", tree.hm, Period.year(2015)) == 1
    assert len(catalogue.get("discipline.members").records(tree.hm, Y2016)) == 2
    # The review rules ask which members of a unit were disciplined, whoever decided.
    assert list(selectors.disciplined_members(tree.a1, Y2016)) == [m1]
    assert list(selectors.disciplined_members(tree.a2, Y2016)) == []


def test_a_restructuring_after_the_period_keeps_the_periods_figures(tree, data, actor):
    m1, m2, m3 = data
    punish(actor, tree.b, subject_member=m3)
    other = org_found(actor=actor, code="TX", name="Đảng bộ quận Thanh Xuân", kind=Kind.OTHER, level=Level.DISTRICT,
                      parent=tree.hn, founded_on=D(2004, 1, 1))  # fmt: skip
    inspect(actor, tree.b, subject_member=m3)
    before = {k: figure(k, tree.hm) for k in ("inspection.orgs", "inspection.members", "discipline.members")}
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 3, 1))
    after = {k: figure(k, tree.hm) for k in before}
    assert after == before == {"inspection.orgs": 2, "inspection.members": 2, "discipline.members": 1}
    assert figure("inspection.members", other) == 0  # B was not under Thanh Xuân in 2016
    assert figure("inspection.members", other, Period.year(2017)) == 0


KEYS = ["inspection.orgs", "inspection.members", "supervision.orgs", "supervision.members",
        "discipline.members", "discipline.orgs"]  # fmt: skip


@pytest.mark.parametrize("key", KEYS)
def test_each_figure_takes_the_same_few_queries_for_a_cell_and_the_district(
    tree, data, key, django_assert_max_num_queries
):
    for org in (tree.a1, tree.hm):
        with django_assert_max_num_queries(4):
            figure(key, org)
        with django_assert_max_num_queries(4):
            list(catalogue.get(key).records(org, Y2016))


def test_limitation_states_for_the_dashboard(tree, data, actor):
    m1, m2, m3 = data
    punish(actor, tree.a, subject_member=m1, on=D(2016, 6, 1))
    rows = selectors.discipline_limitations(selectors.disciplines_in(tree.hm, Y2016), on=D(2021, 1, 5))
    assert [(r.ends, r.state) for r in rows] == [(D(2021, 1, 5), "open")]
    past = selectors.disciplines_past_limitation(selectors.disciplines_in(tree.hm, Y2016), on=D(2021, 1, 6))
    assert len(past) == 1
    found = inspect(actor, tree.hm, subject_org=tree.b, on=D(2016, 2, 1))
    found.violations_found, found.violation_date = True, D(2010, 1, 1)
    found.save()
    pending = selectors.violations_awaiting_discipline(selectors.inspections_in(tree.hm, Y2016), on=D(2016, 3, 1))
    assert [(p.record, p.ends, p.state) for p in pending] == [(found, D(2015, 1, 1), "passed")]
