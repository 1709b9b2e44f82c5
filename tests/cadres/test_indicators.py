"""cadres.* figures on hand-built data: what counts, roll-up through the tree, the tree as it stood
in the period, and a fixed number of queries whatever the subtree."""

import pytest

from dangvu.core import catalogue
from dangvu.core.catalogue import Period
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)


@pytest.fixture
def act(actor):
    from dangvu.cadres.services import cadre_action_create

    counter = iter(range(1, 10_000))

    def _act(decided_by, kind="transfer", effective=D(2016, 5, 2), **kw):
        data = {
            "full_name": f"Cán Bộ Thử {next(counter)}", "kind": kind, "position": "Phó Bí thư",
            "decided_by": decided_by, "decision_no": "1-QĐ/QU", "decision_date": effective,
            "effective_date": effective, "note": "căn cứ thử nghiệm",
        }  # fmt: skip
        data.update(kw)
        return cadre_action_create(actor=actor, **data)

    return _act


def value(key, org, period=Y2016):
    return catalogue.compute(key, org, period)


def test_counts_transfers_rotations_appointments_and_reappointments_in_the_period(tree, act):
    for kind in ("transfer", "rotation", "appointment", "reappointment"):
        act(tree.hm, kind)
    for kind in ("secondment", "dismissal", "resignation"):
        act(tree.hm, kind)
    act(tree.hm, "appointment", effective=D(2015, 12, 31))
    act(tree.hm, "appointment", effective=D(2017, 1, 1))
    # Decided in 2015 but taking effect in 2016: counted in 2016.
    act(tree.hm, "rotation", effective=D(2016, 1, 4), decision_date=D(2015, 12, 28))
    assert value("cadres.actions", tree.hm) == 5
    assert value("cadres.appointments", tree.hm) == 1
    assert value("cadres.rotations", tree.hm) == 2
    assert value("cadres.actions", tree.hm, Period.year(2015)) == 1
    records = catalogue.get("cadres.actions").records(tree.hm, Y2016)
    assert {a.kind for a in records} == {"transfer", "rotation", "appointment", "reappointment"}
    assert records.count() == 5


def test_a_wards_decisions_roll_up_to_the_district_and_not_to_another_ward(tree, act):
    act(tree.a), act(tree.a1), act(tree.b)
    assert value("cadres.actions", tree.a) == 2
    assert value("cadres.actions", tree.b) == 1
    assert value("cadres.actions", tree.hm) == 3
    assert value("cadres.actions", tree.hn) == 3
    assert value("cadres.actions", tree.c) == 0


def test_a_2016_figure_stays_with_the_tree_as_it_stood_in_2016(tree, act, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    act(tree.b, effective=D(2016, 6, 1))
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 1, 1))
    act(tree.b, effective=D(2017, 3, 1))
    assert value("cadres.actions", tree.hm) == 1
    assert value("cadres.actions", other) == 0
    assert value("cadres.actions", tree.hm, Period.year(2017)) == 0
    assert value("cadres.actions", other, Period.year(2017)) == 1


def test_a_unit_moved_mid_year_counts_each_action_where_it_stood_that_day(tree, act, actor):
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ huyện Thanh Trì", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    act(tree.b, effective=D(2016, 3, 1))
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2016, 7, 1))
    act(tree.b, effective=D(2016, 9, 1))
    act(tree.b, effective=D(2016, 10, 1))
    assert value("cadres.actions", tree.hm) == 1
    assert value("cadres.actions", other) == 2
    assert value("cadres.actions", tree.hn) == 3  # the province counts each once


def _grow(actor, tree, act, n):
    for i in range(n):
        ward = org_found(
            actor=actor, code=f"W{i}", name=f"Đảng bộ phường Thử {i}", kind=Kind.WARD,
            level=Level.GRASSROOTS_COMMITTEE, parent=tree.hm, founded_on=D(2005, 1, 1),
        )  # fmt: skip
        cell = org_found(
            actor=actor, code=f"W{i}C", name=f"Chi bộ {i}", kind=Kind.WARD, level=Level.CELL, parent=ward,
            founded_on=D(2005, 1, 1),
        )  # fmt: skip
        act(ward), act(cell, "appointment")


@pytest.mark.parametrize("key", ["cadres.actions", "cadres.transfers", "cadres.appointments"])
def test_each_figure_takes_the_same_few_queries_for_a_small_and_a_larger_subtree(
    tree, act, actor, key, django_assert_max_num_queries
):
    act(tree.a)
    ind = catalogue.get(key)
    for size in (0, 12):
        _grow(actor, tree, act, size)
        with django_assert_max_num_queries(4):
            ind.compute(tree.hm, Y2016)
        with django_assert_max_num_queries(4):
            list(ind.records(tree.hm, Y2016))
