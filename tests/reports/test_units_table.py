"""The report's per-grassroots annex table reads the catalogue's records once for the whole subtree
and splits them by unit: each unit's figures must be exactly what the catalogue gives for that unit
alone, also when units moved in, out and inside the subtree during the year, and the number of
queries must not grow with the number of units."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.catalogue import Period
from dangvu.indicators.selectors import evaluate, records_behind
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move
from dangvu.reports.context import build_context
from dangvu.reports.selectors import grassroots_figures
from dangvu.targets.services import target_set

from ..conftest import D

Y2016 = Period.year(2016)


def _one_by_one(org, period) -> dict:
    out = {}
    for unit in records_behind("orgs.grassroots", org, period):
        f = {x.key: x for x in evaluate(unit, period, keys=("members.total", "members.admitted"))}
        out[unit.pk] = {
            "members.total": f["members.total"].value,
            "members.admitted": f["members.admitted"].value,
            "target": f["members.admitted"].target,
        }
    return out


def _restructured_year(tree, admit, register, actor):
    """Admissions before and after three moves in 2016: a ward comes in from another district,
    the school cell leaves for it, and a cell changes ward inside the district."""
    dd = org_found(actor=actor, code="DD", name="Đảng bộ quận Đống Đa", kind=Kind.OTHER, level=Level.DISTRICT,
                   parent=tree.hn, founded_on=D(2004, 1, 1))  # fmt: skip
    e = org_found(actor=actor, code="E", name="Đảng bộ phường Láng Hạ", kind=Kind.WARD,
                  level=Level.GRASSROOTS_COMMITTEE, parent=dd, founded_on=D(2004, 1, 1))  # fmt: skip
    e1 = org_found(actor=actor, code="E1", name="Chi bộ tổ dân phố số 5", kind=Kind.WARD, level=Level.CELL,
                   parent=e, founded_on=D(2004, 1, 1))  # fmt: skip
    for unit in (tree.a1, tree.a2, tree.b1, tree.c, e1):
        register(unit)
    admit(e1, on=D(2016, 2, 1)), admit(e1, on=D(2016, 3, 1))  # before E joins the district
    admit(tree.c, on=D(2016, 2, 2))  # before C leaves it
    admit(tree.b1, on=D(2016, 2, 3))  # while B1 is under B
    org_move(actor=actor, org=e, new_parent=tree.hm, on=D(2016, 6, 1))
    org_move(actor=actor, org=tree.c, new_parent=dd, on=D(2016, 6, 1))
    org_move(actor=actor, org=tree.b1, new_parent=tree.a, on=D(2016, 7, 1))
    admit(e1, on=D(2016, 8, 1)), admit(tree.b1, on=D(2016, 8, 2)), admit(tree.a2, on=D(2016, 8, 3))
    admit(tree.c, on=D(2016, 9, 1))  # after C left
    admit(tree.a1, on=D(2017, 1, 2))  # the year after
    target_set(actor=actor, org=tree.a, indicator_key="members.admitted", year=2016, value=4, assigned_by=tree.hm)
    target_set(actor=actor, org=e, indicator_key="members.admitted", year=2016, value=2, assigned_by=dd)
    return e


def test_each_units_figures_are_the_catalogues_for_that_unit_after_moves_in_the_year(tree, admit, register, actor):
    e = _restructured_year(tree, admit, register, actor)
    units = records_behind("orgs.grassroots", tree.hm, Y2016)
    got = grassroots_figures(tree.hm, Y2016, units)
    assert got == _one_by_one(tree.hm, Y2016)
    # E counts its admissions from before it joined the district, as the catalogue does for E alone.
    assert got[e.pk] == {"members.total": 4, "members.admitted": 3, "target": 2}
    assert got[tree.a.pk]["members.admitted"] == 2 and got[tree.b.pk]["members.admitted"] == 1
    assert tree.c.pk not in got


def test_the_annex_table_shows_each_units_figures_and_the_districts_total(tree, admit, register, actor):
    _restructured_year(tree, admit, register, actor)
    table = next(t for t in build_context(tree.hm, 2016)["annex"] if t["key"] == "units")
    rows = {row[1]: row[2:] for row in table["rows"]}
    assert rows["Đảng bộ phường Định Công"] == ["6", "2", "4", "50%"]
    assert rows["Đảng bộ phường Láng Hạ"] == ["4", "3", "2", "150%"]
    assert rows["Đảng bộ phường Đại Kim"] == ["0", "1", "", ""]
    hm = {f.key: f.value for f in evaluate(tree.hm, Y2016, keys=("members.total", "members.admitted"))}
    assert rows["Tổng cộng"][:2] == [str(hm["members.total"]), str(hm["members.admitted"])]


def test_the_table_takes_as_many_queries_for_many_units_as_for_a_few(tree, admit, register, actor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            grassroots_figures(tree.hm, Y2016, records_behind("orgs.grassroots", tree.hm, Y2016))
        return len(captured.captured_queries)

    admit(tree.a1, on=D(2016, 3, 1)), register(tree.c)
    few = queries()
    for i in range(5):
        unit = org_found(actor=actor, code=f"S{i}", name=f"Chi bộ Trường số {i}", kind=Kind.SCHOOL,
                         level=Level.GRASSROOTS_CELL, parent=tree.hm, founded_on=D(2010, 1, 1))  # fmt: skip
        admit(unit, on=D(2016, 4, i + 1)), register(unit, joined_on=D(2010, 1, 1))
    assert queries() == few
