"""Organization figures: grassroots units at the end of the period as the tree stood then, and
party organizations founded in non-state enterprises during the period."""

from dangvu.core.catalogue import Period, compute, records
from dangvu.members.restructure import org_dissolve
from dangvu.organizations.models import Kind, Level
from dangvu.organizations.services import org_found, org_move

from ..conftest import D

Y2016 = Period.year(2016)


def found(actor, code, parent, on, kind=Kind.NON_STATE_ENTERPRISE, level=Level.GRASSROOTS_CELL):
    return org_found(
        actor=actor,
        code=code,
        name=f"Chi bộ Công ty {code}",
        kind=kind,
        level=level,
        parent=parent,
        founded_on=on,
    )


def test_grassroots_units_at_the_end_of_the_year_as_the_tree_stood(tree, actor):
    assert compute("orgs.grassroots", tree.hm, Y2016) == 3  # A, B (đảng bộ cơ sở), C (chi bộ cơ sở)
    assert compute("orgs.grassroots", tree.hn, Y2016) == 3
    assert compute("orgs.grassroots", tree.a, Y2016) == 1  # A itself; its cells are not grassroots
    found(actor, "E1", tree.hm, D(2016, 6, 1))
    org_dissolve(actor=actor, org=tree.c, on=D(2017, 2, 1))
    other = org_found(
        actor=actor, code="TX", name="Đảng bộ quận Thanh Xuân", kind=Kind.OTHER, level=Level.DISTRICT,
        parent=tree.hn, founded_on=D(2004, 1, 1),
    )  # fmt: skip
    org_move(actor=actor, org=tree.b, new_parent=other, on=D(2017, 3, 1))
    assert compute("orgs.grassroots", tree.hm, Period.year(2015)) == 3
    assert compute("orgs.grassroots", tree.hm, Y2016) == 4
    assert {o.code for o in records("orgs.grassroots", tree.hm, Y2016)} == {"A", "B", "C", "E1"}
    assert {o.code for o in records("orgs.grassroots", tree.hm, Period.year(2017))} == {"A", "E1"}
    assert compute("orgs.grassroots", tree.hn, Period.year(2017)) == 3


def test_organizations_founded_in_non_state_enterprises(tree, actor):
    e1 = found(actor, "E1", tree.hm, D(2016, 1, 1))
    e2 = found(actor, "E2", tree.hm, D(2016, 12, 31))
    found(actor, "E0", tree.hm, D(2015, 12, 31))  # the year before
    found(actor, "S1", tree.hm, D(2016, 5, 5), kind=Kind.STATE_ENTERPRISE)  # a state enterprise
    e3 = found(actor, "E3", tree.a, D(2016, 7, 1), level=Level.CELL)  # a cell under ward A
    assert compute("orgs.founded.non_state_enterprise", tree.hm, Y2016) == 3
    assert set(records("orgs.founded.non_state_enterprise", tree.hm, Y2016)) == {e1, e2, e3}
    assert compute("orgs.founded.non_state_enterprise", tree.a, Y2016) == 1
    assert compute("orgs.founded.non_state_enterprise", tree.b, Y2016) == 0
    # Moved away later: 2016 still counts it where it stood.
    org_move(actor=actor, org=e3, new_parent=tree.b, on=D(2017, 1, 10))
    assert compute("orgs.founded.non_state_enterprise", tree.a, Y2016) == 1
    assert compute("orgs.founded.non_state_enterprise", tree.b, Y2016) == 0
